package io.swapguard.event;

/**
 * An SMS originator or destination as it appears in a TPDU (TP-OA/TP-DA, 3GPP TS 23.040 §9.1.2.5)
 * or in SMPP (source_addr/dest_addr with TON/NPI).
 *
 * @param typeOfNumber TON: 1 international, 2 national, 3 network specific, 5 alphanumeric, ...
 * @param numberingPlan NPI: 1 E.164, 0 unknown, ...
 * @param value digits, or the decoded text of an alphanumeric sender such as a bank's "BCA"
 */
public record SmsAddress(int typeOfNumber, int numberingPlan, String value) {

    public static final int TON_INTERNATIONAL = 1;
    public static final int TON_NATIONAL = 2;
    public static final int TON_ALPHANUMERIC = 5;
    public static final int MAX_LENGTH = 64;

    public SmsAddress {
        if (typeOfNumber < 0 || typeOfNumber > 7) {
            throw new IllegalArgumentException("type of number must be 0..7, got " + typeOfNumber);
        }
        if (numberingPlan < 0 || numberingPlan > 15) {
            throw new IllegalArgumentException("numbering plan must be 0..15, got " + numberingPlan);
        }
        if (value == null || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("SMS address missing or longer than " + MAX_LENGTH);
        }
    }

    public static SmsAddress international(String digits) {
        return new SmsAddress(TON_INTERNATIONAL, 1, digits);
    }

    public static SmsAddress alphanumeric(String text) {
        return new SmsAddress(TON_ALPHANUMERIC, 0, text);
    }

    public boolean isAlphanumeric() {
        return typeOfNumber == TON_ALPHANUMERIC;
    }

    /** Alphanumeric senders are brands, shown as is; numbers are personal data and masked. */
    @Override
    public String toString() {
        return isAlphanumeric() ? value : SubscriberMasking.mask(value, 5, 2);
    }
}
