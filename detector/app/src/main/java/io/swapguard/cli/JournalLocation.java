package io.swapguard.cli;

import io.swapguard.app.LoggingSetup;
import io.swapguard.config.ConfigLoader;
import io.swapguard.config.JournalConfig;
import io.swapguard.config.SwapguardConfig;
import io.swapguard.journal.JournalSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which journal a {@code journal} subcommand inspects: {@code --journal DIR}, the config's, or the default. */
final class JournalLocation {

    @Option(names = "--journal", paramLabel = "DIR",
            description = "Journal directory (default: journal.directory of --config, else ${DEFAULT-VALUE}).",
            defaultValue = JournalConfig.DEFAULT_DIRECTORY)
    Path directory;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "swapguard.yaml to take the journal and logging settings from.")
    Path config;

    private boolean directoryGiven(picocli.CommandLine.ParseResult parsed) {
        return parsed != null && parsed.hasMatchedOption("--journal");
    }

    /** Reads the config if one was given, applies its logging settings, and returns the journal settings. */
    JournalSettings resolve(picocli.CommandLine.ParseResult parsed) {
        SwapguardConfig cfg = config == null ? SwapguardConfig.defaults() : new ConfigLoader().load(config);
        LoggingSetup.apply(cfg.logging());
        JournalSettings fromConfig = cfg.journal().toSettings();
        if (config == null || directoryGiven(parsed)) {
            return fromConfig.withDirectory(directory);
        }
        return fromConfig;
    }

    static Path defaultDirectory() {
        return Path.of(JournalConfig.DEFAULT_DIRECTORY);
    }
}
