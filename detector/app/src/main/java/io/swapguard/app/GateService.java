package io.swapguard.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.swapguard.engine.otp.OtpGuard;
import io.swapguard.engine.otp.SubmissionGuard;
import io.swapguard.event.SmppEvent;
import io.swapguard.gate.GateConfig;
import io.swapguard.gate.SmppGate;
import io.swapguard.gate.SubmissionJudge;
import io.swapguard.journal.Journal;
import io.swapguard.taps.JournalSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMPP gate wired to the detector: verdicts from its {@link SubmissionGuard}, every decision
 * and observation into the signals journal through a bounded queue and one writer thread (the
 * gate's event loops never wait for the disk; a full queue drops and counts).
 */
public final class GateService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GateService.class);
    private static final SmppEvent STOP = null;

    private final SmppGate gate;
    private final BlockingQueue<SmppEvent> queue;
    private final Thread writer;
    private volatile boolean running = true;

    private GateService(GateConfig config, SubmissionGuard guard, Journal journal, MeterRegistry meters, int threads,
            int queueCapacity) {
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        JournalSink sink = new JournalSink(journal);
        this.writer = new Thread(() -> drain(sink), "gate-journal");
        this.writer.setDaemon(true);
        this.writer.start();
        Consumer<SmppEvent> journalled = e -> {
            if (!queue.offer(e)) {
                throw new IllegalStateException("gate journal queue full");
            }
        };
        this.gate = new SmppGate(config, verdicts(guard), journalled, meters,
                threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
    }

    public static GateService start(GateConfig config, SubmissionGuard guard, Journal journal, MeterRegistry meters,
            int threads, int queueCapacity) {
        return new GateService(config, guard, journal, meters, threads, queueCapacity);
    }

    /** The detector's verdicts in the gate's terms. */
    static SubmissionJudge verdicts(SubmissionGuard guard) {
        return s -> {
            OtpGuard.Verdict v = guard.judge(s.account(), s.source(), s.destination(), s.text(), s.nanos());
            if (v.noState()) {
                // The guard's own fail-closed answer: the gate's failure policy decides, not the guard's.
                throw new IllegalStateException(v.reason());
            }
            return v.allow() ? SubmissionJudge.Verdict.NOTHING_AGAINST
                    : new SubmissionJudge.Verdict(false, v.rule(), v.reason(), guard.monitors(v.rule()));
        };
    }

    private void drain(JournalSink sink) {
        try {
            while (running || !queue.isEmpty()) {
                SmppEvent e = queue.poll(100, TimeUnit.MILLISECONDS);
                if (e != STOP) {
                    sink.accept(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("gate: journal writer stopped: {}", e.toString());
        } finally {
            sink.close();
        }
    }

    public SmppGate gate() {
        return gate;
    }

    public int port() {
        return gate.port();
    }

    /** Closes the gate, then journals what it decided last. */
    @Override
    public void close() {
        gate.close();
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
