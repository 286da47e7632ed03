package io.swapguard.cli;

import io.swapguard.config.MetricsConfig;
import picocli.CommandLine.Option;

/** {@code --metrics-port} for the commands that keep running (probe and detect with --follow). */
final class MetricsOption {

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "While following, serve Prometheus metrics on metrics.bind:PORT/metrics (0: any free port, "
                    + "-1: none). Default: the config's metrics section (127.0.0.1:9470 unless set).")
    Integer port;

    /** The config's metrics settings with this option applied. */
    MetricsConfig apply(MetricsConfig config) {
        if (port == null) {
            return config;
        }
        return new MetricsConfig(port >= 0 && config.enabled(), config.bind(), Math.max(port, 0));
    }
}
