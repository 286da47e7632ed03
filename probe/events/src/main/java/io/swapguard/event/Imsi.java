package io.swapguard.event;

/**
 * International Mobile Subscriber Identity (ITU-T E.212): MCC (3 digits), MNC (2 or 3 digits) and
 * MSIN, at most 15 digits. Identifies the SIM, not the phone number.
 */
public record Imsi(String digits) implements Comparable<Imsi> {

    public static final int MIN_DIGITS = 6;
    public static final int MAX_DIGITS = 15;

    public Imsi {
        Digits.require("IMSI", digits, MIN_DIGITS, MAX_DIGITS);
    }

    public static Imsi of(String digits) {
        return new Imsi(digits);
    }

    public static boolean isValid(String digits) {
        return Digits.valid(digits, MIN_DIGITS, MAX_DIGITS);
    }

    /** Mobile country code, the first three digits. */
    public String mcc() {
        return digits.substring(0, 3);
    }

    /** MCC followed by an MNC of the given length (2 or 3, a property of the home network). */
    public String mccMnc(int mncLength) {
        if (mncLength != 2 && mncLength != 3) {
            throw new IllegalArgumentException("MNC length must be 2 or 3, got " + mncLength);
        }
        return digits.substring(0, 3 + mncLength);
    }

    @Override
    public int compareTo(Imsi other) {
        return digits.compareTo(other.digits);
    }

    /** Masked unless masking is off: the home network (MCC-MNC) stays readable. */
    @Override
    public String toString() {
        return SubscriberMasking.mask(digits, 5, 2);
    }
}
