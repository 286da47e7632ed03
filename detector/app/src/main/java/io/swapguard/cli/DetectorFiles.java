package io.swapguard.cli;

import io.swapguard.app.LoggingSetup;
import io.swapguard.config.ConfigLoader;
import io.swapguard.config.SwapguardConfig;
import io.swapguard.engine.DetectorConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a detector command finds its configuration, state and alerts: options over the config file. */
final class DetectorFiles {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "swapguard.yaml (journal, detector, logging).")
    Path config;

    @Option(names = "--state", paramLabel = "DIR", description = "Subscriber state directory (default: detector.stateDirectory).")
    Path stateDir;

    @Option(names = "--alerts", paramLabel = "DIR", description = "Alerts journal (default: detector.alertsJournal).")
    Path alertsDir;

    private SwapguardConfig loaded;

    /** Reads the config if one was given (once) and applies its logging settings. */
    SwapguardConfig config() {
        if (loaded == null) {
            loaded = config == null ? SwapguardConfig.defaults() : new ConfigLoader().load(config);
            LoggingSetup.apply(loaded.logging());
        }
        return loaded;
    }

    /** The config's detector settings with the state and alerts options applied, and {@code alertsFile} if not null. */
    DetectorConfig detector(String alertsFile) {
        return config().detector().withFiles(stateDir == null ? null : stateDir.toString(),
                alertsDir == null ? null : alertsDir.toString(), alertsFile);
    }
}
