package io.swapguard.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 12h},
 * {@code 7d}, combinations such as {@code 2h30m}, or {@code 0}. ISO-8601 ({@code PT12H}) is
 * accepted too.
 */
public final class DurationSetting {

    private static final Pattern PART = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");
    private static final Pattern COMPOUND = Pattern.compile("(\\d{1,9}\\s*(ms|s|m|h|d)\\s*)+");

    private DurationSetting() {
    }

    public static Duration parse(String text) {
        String t = text.trim();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        if (COMPOUND.matcher(t).matches()) {
            // 90s, 2h10m, 1d12h: parts add up
            Duration total = Duration.ZERO;
            Matcher m = PART.matcher(t);
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
            return total;
        }
        try {
            Duration d = Duration.parse(t);
            if (!d.isNegative()) {
                return d;
            }
        } catch (RuntimeException notIso) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration (write e.g. 500ms, 30s, 15m, 12h, 7d or 0)");
    }

    /** The shortest exact form, for printing settings back. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
