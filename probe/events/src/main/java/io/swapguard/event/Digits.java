package io.swapguard.event;

/** Validation shared by the digit-string identity types. */
final class Digits {

    private Digits() {
    }

    static String require(String what, String value, int minLength, int maxLength) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        int n = value.length();
        if (n < minLength || n > maxLength) {
            throw new IllegalArgumentException(what + " must have " + minLength + ".." + maxLength
                    + " digits, got " + n);
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(what + " must be decimal digits, found '" + c
                        + "' at position " + i);
            }
        }
        return value;
    }

    static boolean valid(String value, int minLength, int maxLength) {
        if (value == null || value.length() < minLength || value.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
