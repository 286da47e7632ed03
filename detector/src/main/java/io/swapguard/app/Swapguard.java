package io.swapguard.app;

import io.swapguard.config.SwapguardConfig;
import io.swapguard.journal.Journal;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application: builds every component from the configuration and owns their lifecycle. The
 * one place where parts are wired together; commands ({@code run}, {@code demo}) only start it.
 */
public final class Swapguard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Swapguard.class);

    private final SwapguardConfig config;
    private final Journal journal;
    private final JournalUpkeep upkeep;

    private Swapguard(SwapguardConfig config, Journal journal, JournalUpkeep upkeep) {
        this.config = config;
        this.journal = journal;
        this.upkeep = upkeep;
    }

    /** Starts swapguard: logging, the journal and its upkeep. */
    public static Swapguard start(SwapguardConfig config, Clock clock) {
        LoggingSetup.apply(config.logging());
        Journal journal = Journal.open(config.journal().toSettings());
        JournalUpkeep upkeep = new JournalUpkeep(journal, config.journal().retentionCheck(), clock);
        log.info("journal {} (roll {}, retention {})", journal.directory().toAbsolutePath(),
                config.journal().rollCycle(), io.swapguard.config.DurationSetting.format(config.journal().retention()));
        return new Swapguard(config, journal, upkeep);
    }

    public SwapguardConfig config() {
        return config;
    }

    public Journal journal() {
        return journal;
    }

    @Override
    public void close() {
        upkeep.close();
        journal.close();
    }
}
