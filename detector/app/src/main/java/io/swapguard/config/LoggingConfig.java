package io.swapguard.config;

/**
 * {@code logging:} how swapguard logs (to standard error).
 *
 * @param format {@code human} lines or {@code json} lines (one object per line, for log shippers)
 * @param level the root level: ERROR, WARN, INFO, DEBUG or TRACE
 * @param maskSubscribers print MSISDN, IMSI and IMEI masked (personal data); on unless turned off
 */
public record LoggingConfig(Format format, Level level, Boolean maskSubscribers) {

    public enum Format { human, json }

    public enum Level { ERROR, WARN, INFO, DEBUG, TRACE }

    public LoggingConfig {
        if (format == null) {
            format = Format.human;
        }
        if (level == null) {
            level = Level.INFO;
        }
        if (maskSubscribers == null) {
            maskSubscribers = Boolean.TRUE;
        }
    }

    public static LoggingConfig defaults() {
        return new LoggingConfig(null, null, null);
    }
}
