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
    private final ProbeService probe;

    private Swapguard(SwapguardConfig config, Journal journal, JournalUpkeep upkeep, ProbeService probe) {
        this.config = config;
        this.journal = journal;
        this.upkeep = upkeep;
        this.probe = probe;
    }

    /** Starts swapguard: logging, the journal and its upkeep, the probe's configured inputs. */
    public static Swapguard start(SwapguardConfig config, Clock clock) {
        LoggingSetup.apply(config.logging());
        Journal journal = Journal.open(config.journal().toSettings());
        JournalUpkeep upkeep = new JournalUpkeep(journal, config.journal().retentionCheck(), clock);
        log.info("journal {} (roll {}, retention {})", journal.directory().toAbsolutePath(),
                config.journal().rollCycle(), io.swapguard.config.DurationSetting.format(config.journal().retention()));
        ProbeService probe;
        try {
            probe = ProbeService.start(config.probe(), journal, clock);
        } catch (RuntimeException e) {
            upkeep.close();
            journal.close();
            throw e;
        }
        return new Swapguard(config, journal, upkeep, probe);
    }

    public ProbeService probe() {
        return probe;
    }

    public SwapguardConfig config() {
        return config;
    }

    public Journal journal() {
        return journal;
    }

    @Override
    public void close() {
        probe.close();
        upkeep.close();
        journal.close();
    }
}
