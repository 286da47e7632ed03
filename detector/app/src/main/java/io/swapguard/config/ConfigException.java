package io.swapguard.config;

/**
 * A configuration file that cannot be used. The message always names the file, the key path
 * (dotted, e.g. {@code journal.retention}) and what is wrong, plus the line when known.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String key;
    private final String reason;

    public ConfigException(String file, String key, String reason, int line, int column) {
        super(file + ": " + (key.isEmpty() ? "" : key + ": ") + reason
                + (line > 0 ? " (line " + line + ", column " + column + ")" : ""));
        this.file = file;
        this.key = key;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    /** The dotted key path, "" for the file as a whole. */
    public String key() {
        return key;
    }

    public String reason() {
        return reason;
    }
}
