package io.swapguard.event;

/**
 * International Mobile Equipment Identity of a handset (3GPP TS 23.003): 8-digit TAC (type
 * allocation code, identifies the model) and 6-digit serial, followed either by a Luhn check
 * digit (IMEI, 15 digits), a spare digit (14 + spare as sent in MAP) or a 2-digit software version
 * (IMEISV, 16 digits). {@link #imei14()} is the part that names the device in every form.
 */
public record Imei(String digits) implements Comparable<Imei> {

    public Imei {
        Digits.require("IMEI", digits, 14, 16);
    }

    public static Imei of(String digits) {
        return new Imei(digits);
    }

    public static boolean isValid(String digits) {
        return Digits.valid(digits, 14, 16);
    }

    /** Type allocation code: the make and model. A TAC change means a different kind of phone. */
    public String tac() {
        return digits.substring(0, 8);
    }

    /** TAC and serial number, without check digit or software version: the device identity. */
    public String imei14() {
        return digits.substring(0, 14);
    }

    /** True for a 16-digit IMEISV (software version instead of check digit). */
    public boolean isSoftwareVersion() {
        return digits.length() == 16;
    }

    /** Same handset, whatever form either side was reported in. */
    public boolean sameDevice(Imei other) {
        return other != null && imei14().equals(other.imei14());
    }

    /** Luhn check digit of the 14-digit device identity, as printed on the handset. */
    public int checkDigit() {
        int sum = 0;
        for (int i = 0; i < 14; i++) {
            int d = digits.charAt(i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    @Override
    public int compareTo(Imei other) {
        return digits.compareTo(other.digits);
    }

    /** Masked unless masking is off: the TAC (model, not person) stays readable. */
    @Override
    public String toString() {
        return SubscriberMasking.mask(digits, 8, 0);
    }
}
