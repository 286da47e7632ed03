package io.swapguard.app;

import io.swapguard.config.ProbeConfig;
import io.swapguard.journal.Journal;
import io.swapguard.probe.PcapIngest;
import io.swapguard.probe.PcapRingFollower;
import io.swapguard.probe.ProbeCounters;
import io.swapguard.probe.ProbePipeline;
import io.swapguard.probe.Quarantine;
import io.swapguard.probe.hep.HepServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probe's inputs as configured: a capture ring followed on its own thread and HEP over UDP on
 * Netty's, each with its own pipeline (decoding state is per input) and journal appender, all
 * counting into one {@link ProbeCounters}.
 */
public final class ProbeService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProbeService.class);

    private final ProbeCounters counters = new ProbeCounters();
    private final Quarantine quarantine;
    private ScheduledExecutorService ringThread;
    private HepServer hep;
    private JournalSink ringSink;
    private JournalSink hepSink;

    private ProbeService(Quarantine quarantine) {
        this.quarantine = quarantine;
    }

    /** Starts whatever inputs the configuration enables (possibly none). */
    public static ProbeService start(ProbeConfig config, Journal journal, Clock clock) {
        Quarantine q = config.quarantine().enabled()
                ? new Quarantine(Path.of(config.quarantine().file()), config.quarantine().maxBytes()) : null;
        ProbeService service = new ProbeService(q);
        try {
            if (config.pcapDir().enabled()) {
                service.followRing(config, journal, clock);
            }
            if (config.hep().enabled()) {
                service.hepSink = new JournalSink(journal);
                ProbePipeline pipeline = new ProbePipeline(config.toSettings(), service.counters, service.hepSink, q);
                service.hep = HepServer.start(new InetSocketAddress(config.hep().bind(), config.hep().port()), pipeline, q);
            }
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    private void followRing(ProbeConfig config, Journal journal, Clock clock) {
        ProbeConfig.PcapDirConfig ring = config.pcapDir();
        Path dir = Path.of(ring.path());
        Path state = ring.stateFile().isBlank()
                ? journal.directory().toAbsolutePath().resolveSibling("probe-state").resolve(config.tap() + ".done")
                : Path.of(ring.stateFile());
        ringSink = new JournalSink(journal);
        ProbePipeline pipeline = new ProbePipeline(config.toSettings(), counters, ringSink, quarantine);
        PcapRingFollower follower = new PcapRingFollower(dir, ring.pattern(), state, new PcapIngest(pipeline),
                config.tap(), ring.settle(), clock, 10_000);
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

    public ProbeCounters counters() {
        return counters;
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
