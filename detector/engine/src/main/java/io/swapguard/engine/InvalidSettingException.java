package io.swapguard.engine;

/**
 * Thrown by a settings record's constructor for a value outside its allowed range; the
 * configuration loader adds the file and the path of the section to {@link #key()}.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidSettingException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The key within its section. */
    public String key() {
        return key;
    }

    /** {@code value}, or {@code fallback} when absent, checked to lie within {@code min..max}. */
    public static int inRange(String key, Integer value, int fallback, int min, int max) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw new InvalidSettingException(key, v + " is out of range: must be between " + min + " and " + max);
        }
        return v;
    }
}
