package io.swapguard.event;

/**
 * SCCP global title (ITU-T Q.713 §3.4.2): the address of a network element (HLR, MSC/VLR, SMSC,
 * gateway) or, when routing on a subscriber number, that number. Digits are BCD digits
 * {@code 0-9} plus the hex digits {@code a-f} that some networks use as fillers or codes.
 *
 * @param indicator global title indicator 1..4 (what the other fields mean)
 * @param translationType TT, 0 when the GTI carries none
 * @param numberingPlan NP (1 = E.164, 6 = E.212, 7 = E.214), 0 when the GTI carries none
 * @param natureOfAddress NAI (4 = international), 0 when the GTI carries none
 * @param digits the address digits
 */
public record GlobalTitle(int indicator, int translationType, int numberingPlan, int natureOfAddress,
        String digits) {

    public static final int MAX_DIGITS = 32;

    public GlobalTitle {
        if (indicator < 1 || indicator > 4) {
            throw new IllegalArgumentException("global title indicator must be 1..4, got " + indicator);
        }
        if (digits == null || digits.length() > MAX_DIGITS) {
            throw new IllegalArgumentException("global title digits missing or longer than " + MAX_DIGITS);
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new IllegalArgumentException("global title digit '" + c + "' is not BCD");
            }
        }
    }

    /** The common case on international links: GTI 4, TT 0, E.164, international number. */
    public static GlobalTitle e164(String digits) {
        return new GlobalTitle(4, 0, 1, 4, digits);
    }

    @Override
    public String toString() {
        return digits;
    }
}
