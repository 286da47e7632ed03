package io.swapguard.event;

import java.util.Locale;

/** Enum constants as they are written in JSON and in counters: RETURN_RESULT_LAST → returnResultLast. */
public final class LowerCamel {

    private LowerCamel() {
    }

    public static String of(Enum<?> constant) {
        return of(constant.name());
    }

    public static String of(String constantName) {
        StringBuilder s = new StringBuilder(constantName.length());
        boolean upper = false;
        for (char c : constantName.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                s.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return s.toString();
    }
}
