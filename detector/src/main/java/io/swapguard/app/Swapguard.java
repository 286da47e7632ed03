package io.swapguard.app;

import io.swapguard.config.SwapguardConfig;
import io.swapguard.detector.AlertDispatcher;
import io.swapguard.detector.DetectorService;
import io.swapguard.event.AlertEvent;
import io.swapguard.journal.Journal;
import java.time.Clock;
import java.util.function.Consumer;
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
    private final DetectorService detector;
    private final AlertDispatcher dispatcher;

    private Swapguard(SwapguardConfig config, Journal journal, JournalUpkeep upkeep, ProbeService probe,
            DetectorService detector, AlertDispatcher dispatcher) {
        this.config = config;
        this.journal = journal;
        this.upkeep = upkeep;
        this.probe = probe;
        this.detector = detector;
        this.dispatcher = dispatcher;
    }

    /**
     * Starts swapguard: logging, the journal and its upkeep, the probe's configured inputs, and
     * (when {@code detector.enabled}) the detector with its alert outputs.
     */
    public static Swapguard start(SwapguardConfig config, Clock clock) {
        return start(config, clock, a -> log.warn("alert {} {}: {}", a.rule(), a.severity(), a.title()));
    }

    /** Starts swapguard with {@code onAlert} seeing each new alert (after it is in the alerts journal). */
    public static Swapguard start(SwapguardConfig config, Clock clock, Consumer<AlertEvent> onAlert) {
        LoggingSetup.apply(config.logging());
        Journal journal = Journal.open(config.journal().toSettings());
        JournalUpkeep upkeep = new JournalUpkeep(journal, config.journal().retentionCheck(), clock);
        log.info("journal {} (roll {}, retention {})", journal.directory().toAbsolutePath(),
                config.journal().rollCycle(), io.swapguard.config.DurationSetting.format(config.journal().retention()));
        ProbeService probe = null;
        DetectorService detector = null;
        try {
            probe = ProbeService.start(config.probe(), journal, clock);
            AlertDispatcher dispatcher = null;
            if (config.detector().enabled()) {
                detector = DetectorService.start(config.detector(), journal, onAlert, 0);
                dispatcher = new AlertDispatcher(config.detector(), detector.alertsJournal());
                log.info("detector: state {}, alerts journal {}", config.detector().stateDirectory(),
                        config.detector().alertsJournal());
            }
            return new Swapguard(config, journal, upkeep, probe, detector, dispatcher);
        } catch (RuntimeException e) {
            if (detector != null) {
                detector.close();
            }
            if (probe != null) {
                probe.close();
            }
            upkeep.close();
            journal.close();
            throw e;
        }
    }

    /** The detector, or null when {@code detector.enabled} is false. */
    public DetectorService detector() {
        return detector;
    }

    /** The alert outputs, or null without a detector. */
    public AlertDispatcher alertDispatcher() {
        return dispatcher;
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
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (detector != null) {
            detector.close(); // after the probe: it finishes what the probe appended
        }
        upkeep.close();
        journal.close();
    }
}
