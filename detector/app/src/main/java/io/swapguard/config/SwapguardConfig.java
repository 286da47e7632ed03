package io.swapguard.config;

import io.swapguard.engine.DetectorConfig;

/**
 * The whole configuration, one YAML file ({@code conf/swapguard.yaml} documents every key).
 * Every setting has a default, so an empty file is a valid configuration.
 */
public record SwapguardConfig(JournalConfig journal, LoggingConfig logging, ProbeConfig probe, DetectorConfig detector,
        MetricsConfig metrics) {

    public SwapguardConfig {
        if (journal == null) {
            journal = JournalConfig.defaults();
        }
        if (probe == null) {
            probe = ProbeConfig.defaults();
        }
        if (detector == null) {
            detector = DetectorConfig.defaults();
        }
        if (logging == null) {
            logging = LoggingConfig.defaults();
        }
        if (metrics == null) {
            metrics = MetricsConfig.defaults();
        }
    }

    public static SwapguardConfig defaults() {
        return new SwapguardConfig(null, null, null, null, null);
    }
}
