package io.swapguard.config;

/**
 * Thrown by a config section's constructor for a value outside its allowed range; the loader adds
 * the file and the path of the section.
 */
final class ConfigValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    ConfigValueException(String key, String message) {
        super(message);
        this.key = key;
    }

    String key() {
        return key;
    }
}
