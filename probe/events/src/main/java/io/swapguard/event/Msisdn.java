package io.swapguard.event;

/**
 * Mobile subscriber ISDN number: the phone number, in international E.164 form (country code
 * first, no prefix), at most 15 digits.
 */
public record Msisdn(String digits) implements Comparable<Msisdn> {

    public static final int MIN_DIGITS = 3;
    public static final int MAX_DIGITS = 15;

    public Msisdn {
        Digits.require("MSISDN", digits, MIN_DIGITS, MAX_DIGITS);
    }

    public static Msisdn of(String digits) {
        return new Msisdn(digits);
    }

    public static boolean isValid(String digits) {
        return Digits.valid(digits, MIN_DIGITS, MAX_DIGITS);
    }

    @Override
    public int compareTo(Msisdn other) {
        return digits.compareTo(other.digits);
    }

    /** Masked unless masking is off: country code and operator prefix stay readable. */
    @Override
    public String toString() {
        return SubscriberMasking.mask(digits, 5, 2);
    }
}
