package io.swapguard.app;

import io.swapguard.config.SwapguardConfig;
import io.swapguard.engine.DetectorService;
import io.swapguard.engine.alert.AlertDispatcher;
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
    private final DetectorParts detector;
    private final SwapguardMeters meters;
    private MetricsEndpoint metricsEndpoint;
    private ApiService api;
    private JournalledProvisioning provisioning;
    private GateService gate;
    private KafkaParts kafka;

    private Swapguard(SwapguardConfig config, Journal journal, JournalUpkeep upkeep, ProbeService probe,
            DetectorParts detector) {
        this.config = config;
        this.journal = journal;
        this.upkeep = upkeep;
        this.probe = probe;
        this.detector = detector;
        this.meters = SwapguardMeters.of(this);
    }

    /**
     * Starts swapguard: logging, the journal and its upkeep, the probe's configured inputs, and
     * (when {@code detector.enabled}) the detector with its alert outputs, (when
     * {@code metrics.enabled}) {@code /metrics}, and (when {@code api.enabled} and there is a
     * detector) the CAMARA API.
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
        DetectorParts detector = null;
        Swapguard app;
        try {
            probe = ProbeService.start(config.probe(), config.detector().rules().simSwap().trustedChannelMatcher(),
                    journal, clock);
            if (config.detector().enabled() && !config.kafka().enabled()) {
                detector = DetectorParts.start(config.detector(), journal, onAlert, 0);
                log.info("detector: state {}, alerts journal {}", config.detector().stateDirectory(),
                        config.detector().alertsJournal());
            }
            app = new Swapguard(config, journal, upkeep, probe, detector);
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
        try {
            if (config.kafka().enabled()) {
                app.kafka = KafkaParts.start(config.kafka(), config.detector(), journal);
                app.kafka.forwarder().stats().bindTo(app.meters.registry(), config.kafka().source());
            }
            if (config.metrics().enabled()) {
                app.metricsEndpoint = MetricsEndpoint.serve(config.metrics(), app.meters);
                log.info("metrics: {}", app.metricsEndpoint.url());
            }
            io.swapguard.engine.state.SubscriberStore answering = detector != null ? detector.store()
                    : app.kafka != null ? app.kafka.store() : null;
            if (config.api().enabled() && answering != null) {
                app.provisioning = new JournalledProvisioning(journal);
                app.api = ApiService.start(config.api(), answering, config.detector().network().countryCode(),
                        app.meters.registry(), clock, app.provisioning);
                log.info("CAMARA API: http{}://{}:{} (docs/api.md)", config.api().tls() == null ? "" : "s",
                        config.api().bind(), app.api.port());
            }
            if (config.gate().enabled()) {
                if (answering == null) {
                    throw new io.swapguard.engine.InvalidSettingException("gate.enabled",
                            "the SMPP gate needs the detector for its verdicts: set detector.enabled: true");
                }
                app.gate = GateService.start(config.gate().toGateConfig(),
                        detector != null ? detector.service().submissionGuard() : app.kafka.submissionGuard(),
                        journal, app.meters.registry(), config.gate().threads(), config.gate().journalQueue());
                log.info("SMPP gate: {}:{} in front of the SMSC at {}:{} (docs/smpp-gate.md)", config.gate().bind(),
                        app.gate.port(), config.gate().smscHost(), config.gate().smscPort());
            }
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    /** The detector, or null when {@code detector.enabled} is false. */
    public DetectorService detector() {
        return detector == null ? null : detector.service();
    }

    /** The alert outputs, or null without a detector. */
    public AlertDispatcher alertDispatcher() {
        return detector == null ? null : detector.dispatcher();
    }

    /** The detector's parts (store, alerts journal, outputs), or null when {@code detector.enabled} is false. */
    public DetectorParts detectorParts() {
        return detector;
    }

    public ProbeService probe() {
        return probe;
    }

    /** Every meter of this swapguard (served on /metrics when {@code metrics.enabled}). */
    public SwapguardMeters meters() {
        return meters;
    }

    /** The CAMARA API, or null when {@code api.enabled} is false or there is no detector. */
    public ApiService api() {
        return api;
    }

    /** The SMPP gate, or null when {@code gate.enabled} is false. */
    public GateService gate() {
        return gate;
    }

    /** The Kafka parts (forwarder, detector instance, state replica), or null when {@code kafka.enabled} is false. */
    KafkaParts kafka() {
        return kafka;
    }

    /** The metrics endpoint, or null when {@code metrics.enabled} is false. */
    public MetricsEndpoint metricsEndpoint() {
        return metricsEndpoint;
    }

    public SwapguardConfig config() {
        return config;
    }

    public Journal journal() {
        return journal;
    }

    @Override
    public void close() {
        if (gate != null) {
            gate.close(); // first, with the API: verdicts in flight finish while the state is still open
        }
        if (api != null) {
            api.close(); // first: answers in flight finish while the state is still open
        }
        if (provisioning != null) {
            provisioning.close();
        }
        if (metricsEndpoint != null) {
            metricsEndpoint.close();
        }
        probe.close();
        if (detector != null) {
            detector.close(); // after the probe: it finishes what the probe appended
        }
        if (kafka != null) {
            kafka.close(); // after the probe, the gate and the API: the forwarder sends what they appended
        }
        upkeep.close();
        meters.close();
        journal.close();
    }
}
