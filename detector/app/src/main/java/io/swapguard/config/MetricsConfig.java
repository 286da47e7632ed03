package io.swapguard.config;

import io.swapguard.engine.InvalidSettingException;

/**
 * {@code metrics:} the Prometheus endpoint ({@code GET /metrics}, text exposition format).
 *
 * @param enabled serve metrics
 * @param bind address to listen on; loopback unless a scraper on another host needs it
 * @param port TCP port (0 picks a free one, printed at start)
 */
public record MetricsConfig(Boolean enabled, String bind, Integer port) {

    /** The port used when none is configured. */
    public static final int DEFAULT_PORT = 9470;

    public MetricsConfig {
        enabled = enabled == null || enabled;
        bind = bind == null ? "127.0.0.1" : bind;
        if (bind.isBlank()) {
            throw new InvalidSettingException("bind", "must be an address, e.g. 127.0.0.1");
        }
        port = InvalidSettingException.inRange("port", port, DEFAULT_PORT, 0, 65_535);
    }

    public static MetricsConfig defaults() {
        return new MetricsConfig(null, null, null);
    }
}
