package io.swapguard.config;

import java.nio.file.Files;
import java.nio.file.Path;

import io.swapguard.api.ApiConfig;
import io.swapguard.engine.DetectorConfig;

/**
 * The whole configuration, one YAML file ({@code conf/swapguard.yaml} documents every key).
 * Every setting has a default, so an empty file is a valid configuration.
 */
public record SwapguardConfig(JournalConfig journal, LoggingConfig logging, ProbeConfig probe, DetectorConfig detector,
        MetricsConfig metrics, ApiConfig api, GateSection gate, KafkaSection kafka) {

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
        if (api == null) {
            api = ApiConfig.defaults();
        }
        if (gate == null) {
            gate = GateSection.defaults();
        }
        if (kafka == null) {
            kafka = KafkaSection.defaults();
        }
    }

    /**
     * This configuration with the input files it names (the sender registry, provisioning CSVs)
     * resolved against {@code base}, the configuration file's folder, where they exist there: a
     * configuration and the files beside it work from any working directory. A relative name not
     * found there stays as written (the working directory, then the installation folder, are
     * tried when the file is opened, and a file found nowhere is an error naming its key).
     */
    public SwapguardConfig withInputsFrom(Path base) {
        DetectorConfig d = detector.senderRegistry().isBlank() ? detector
                : detector.withSenderRegistry(resolve(base, detector.senderRegistry()));
        ProbeConfig p = probe.withProvisioningCsv(probe.provisioningCsv().stream().map(f -> resolve(base, f)).toList());
        return new SwapguardConfig(journal, logging, p, d, metrics, api, gate, kafka);
    }

    private static String resolve(Path base, String file) {
        Path p = Path.of(file);
        if (p.isAbsolute() || base == null) {
            return file;
        }
        Path beside = base.resolve(p);
        return Files.exists(beside) ? beside.toString() : file;
    }

    public static SwapguardConfig defaults() {
        return new SwapguardConfig(null, null, null, null, null, null, null, null);
    }
}
