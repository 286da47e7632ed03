package io.swapguard.app;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.swapguard.config.ProbeConfig;
import io.swapguard.journal.Journal;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.taps.HepServer;
import io.swapguard.taps.JournalSink;
import io.swapguard.taps.PcapIngest;
import io.swapguard.taps.PcapRingFollower;
import io.swapguard.taps.ProbeMetrics;
import io.swapguard.taps.ProbePipeline;
import io.swapguard.taps.Quarantine;
import io.swapguard.taps.ResumingSink;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probe's inputs as configured: a capture ring followed on its own thread and HEP over UDP on
 * Netty's, each with its own pipeline (decoding state is per input), journal appender and
 * {@link DecodeCounters}; each is a tap in the metrics ({@code probe.tap}, {@code hep},
 * {@code bss-csv} for the provisioning import).
 */
public final class ProbeService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProbeService.class);

    /** The tap name of the provisioning CSV import in metrics. */
    public static final String BSS_TAP = "bss-csv";
    /** The tap name of the HEP listener in metrics (events carry each agent's own name). */
    public static final String HEP_TAP = "hep";

    private final DecodeCounters counters = new DecodeCounters();
    private final Quarantine quarantine;
    private final List<MeterBinder> meters = new ArrayList<>();
    private ScheduledExecutorService ringThread;
    private HepServer hep;
    private JournalSink ringSink;
    private JournalSink hepSink;

    private ProbeService(Quarantine quarantine) {
        this.quarantine = quarantine;
    }

    /**
     * Starts whatever inputs the configuration enables (possibly none), after journalling its
     * provisioning CSV files.
     */
    public static ProbeService start(ProbeConfig config, Journal journal, Clock clock) {
        return start(config, null, journal, clock);
    }

    /** As above; {@code trustedChannel} is the detector's trust rule for SIM replacements (warned of at import). */
    public static ProbeService start(ProbeConfig config, java.util.function.Predicate<String> trustedChannel,
            Journal journal, Clock clock) {
        Quarantine q = ProbeInputs.quarantine(config, null);
        ProbeService service = new ProbeService(q);
        try {
            if (!config.provisioningCsv().isEmpty()) {
                service.importProvisioning(config, trustedChannel, journal);
            }
            if (config.pcapDir().enabled()) {
                service.followRing(config, journal, clock);
            }
            service.meters.add(new ProbeMetrics(BSS_TAP, service.counters));
            if (q != null) {
                service.meters.add(ProbeMetrics.quarantine(q));
            }
            if (config.hep().enabled()) {
                service.hepSink = new JournalSink(journal);
                service.hep = ProbeInputs.hep(config, config.hep().bind(), config.hep().port(), config.hep().options(),
                        new DecodeCounters(),
                        service.hepSink, q);
                service.meters.add(new ProbeMetrics(HEP_TAP, service.hep));
            }
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    private void importProvisioning(ProbeConfig config, java.util.function.Predicate<String> trustedChannel,
            Journal journal) {
        try (JournalSink sink = new JournalSink(journal)) {
            List<Path> files = config.provisioningCsv().stream().map(Path::of).toList();
            // Through the journal's ledger: every start lists the files, only the first journals them.
            LedgeredIngest.Outcome run = LedgeredIngest.run(config, journal, sink, counters, quarantine, List.of(),
                    files, BSS_TAP, false, trustedChannel, m -> {
                        if (m.startsWith("warning: ")) {
                            log.warn("{}", m.substring(9));
                        } else {
                            log.info("{}", m);
                        }
                    });
            log.info("journalled {} provisioning records from {} ({} file(s) skipped: already in the journal)",
                    run.provisioningRows(), config.provisioningCsv(), run.skipped().size());
        }
    }

    private void followRing(ProbeConfig config, Journal journal, Clock clock) {
        ProbeConfig.PcapDirConfig ring = config.pcapDir();
        Path dir = Path.of(ring.path());
        Path state = ProbeInputs.ringState(journal.directory(), dir, ring.stateFile());
        ringSink = new JournalSink(journal);
        ResumingSink resume = new ResumingSink(ringSink, 0);
        ProbePipeline pipeline = ProbeInputs.pipeline(config, new DecodeCounters(), resume, quarantine);
        meters.add(new ProbeMetrics(config.tap(), pipeline));
        PcapRingFollower follower = ProbeInputs.ring(dir, ring.pattern(), state, new PcapIngest(pipeline), resume,
                journal, config.tap(), ring.settle(), clock);
        ringThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "probe-pcap-ring");
            t.setDaemon(true);
            return t;
        });
        ringThread.scheduleWithFixedDelay(() -> {
            try {
                List<PcapIngest.Result> done = follower.poll();
                done.forEach(r -> log.info("ingested {}: {} frames{}", r.file().getFileName(), r.frames(),
                        r.complete() ? "" : " (damaged: read up to the damage)"));
            } catch (RuntimeException e) {
                log.error("capture ring {}: {}", dir, e.toString());
            }
        }, 0, ring.poll().toMillis(), TimeUnit.MILLISECONDS);
        log.info("following capture ring {} ({}), state in {}", dir, ring.pattern(), state);
    }

    /** What the provisioning CSV import counted (bad records). */
    public DecodeCounters counters() {
        return counters;
    }

    /** The meters of every input (one {@link ProbeMetrics} per tap) and of the quarantine. */
    public List<MeterBinder> meters() {
        return List.copyOf(meters);
    }

    /** The HEP listener's address, or null when HEP is off. */
    public InetSocketAddress hepAddress() {
        return hep == null ? null : hep.localAddress();
    }

    @Override
    public void close() {
        if (ringThread != null) {
            ringThread.shutdown();
            try {
                ringThread.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (hep != null) {
            hep.close();
        }
        if (quarantine != null) {
            quarantine.close();
        }
    }
}
