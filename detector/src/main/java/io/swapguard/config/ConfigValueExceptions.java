package io.swapguard.config;

/** Lets documents outside this package (the sender registry) report a bad value with its key. */
public final class ConfigValueExceptions {

    private ConfigValueExceptions() {
    }

    public static IllegalArgumentException of(String key, String message) {
        return new ConfigValueException(key, message);
    }
}
