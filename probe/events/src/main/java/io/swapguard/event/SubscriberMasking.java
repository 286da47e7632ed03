package io.swapguard.event;

/**
 * Whether subscriber identities (MSISDN, IMSI, IMEI) print masked in {@code toString()}.
 *
 * <p>They are personal data, and {@code toString()} is what ends up in logs, so masking is on by
 * default and the identity types consult this switch. Code that must show the full number (the
 * journal inspection CLI, the API) asks the identity for its digits explicitly.
 */
public final class SubscriberMasking {

    private static volatile boolean enabled = true;

    private SubscriberMasking() {
    }

    public static boolean enabled() {
        return enabled;
    }

    /** Turns masking on or off for the whole JVM (config {@code logging.maskSubscribers}). */
    public static void enabled(boolean on) {
        enabled = on;
    }

    /**
     * Digits masked whatever the switch says: for text that is stored (alert titles), which must
     * not depend on how logging is configured.
     */
    public static String masked(String digits) {
        int n = digits.length();
        if (n <= 7) {
            return "*".repeat(n);
        }
        return digits.substring(0, 5) + "*".repeat(n - 7) + digits.substring(n - 2);
    }

    /** A phone number (MSISDN, forwarded-to number, SMS sender) as it may be logged. */
    public static String number(String digits) {
        return digits == null ? null : mask(digits, 5, 2);
    }

    /**
     * SMS or USSD text as it may be logged: runs of four or more digits (one-time passwords,
     * account and card numbers) are starred.
     */
    public static String text(String text) {
        if (!enabled || text == null) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int j = i;
            while (j < text.length() && Character.isDigit(text.charAt(j))) {
                j++;
            }
            if (j - i >= 4) {
                out.append("*".repeat(j - i));
                i = j;
            } else if (j > i) {
                out.append(text, i, j);
                i = j;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    /**
     * Keeps the first {@code keepHead} and last {@code keepTail} characters and stars the rest, so
     * an operator can still tell the network (MCC-MNC, country code, TAC) without the person.
     */
    static String mask(String digits, int keepHead, int keepTail) {
        if (!enabled) {
            return digits;
        }
        int n = digits.length();
        if (n <= keepHead + keepTail) {
            return "*".repeat(n);
        }
        return digits.substring(0, keepHead) + "*".repeat(n - keepHead - keepTail)
                + digits.substring(n - keepTail);
    }
}
