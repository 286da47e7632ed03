package io.swapguard.engine;

import io.swapguard.engine.otp.OtpGuard;
import io.swapguard.engine.otp.SubmissionGuard;
import io.swapguard.engine.rules.RuleId;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.engine.state.SubscriberQueries;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.AlertEvent.Severity;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventLog;
import io.swapguard.event.EventReadException;
import io.swapguard.event.EventReader;
import io.swapguard.event.EventRecord;
import io.swapguard.event.EventWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Detector} over the signals log on its own thread and appends the alerts to
 * the alerts log (both {@link EventLog}s: the local journal, or a partitioned log across machines). Restart-safe: the store keeps a checkpoint (every event before it is
 * applied), each subscriber remembers the last event applied to it, and the alerts journal's last
 * alert marks which alerts were already written, so after a crash the detector replays from the
 * checkpoint without applying an event twice or writing an alert twice.
 */
public final class DetectorService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DetectorService.class);
    static final int CHECKPOINT_EVERY = 1024;

    private final EventLog signals;
    private final EventLog alerts;
    private final SubscriberStore store;
    private final Detector detector;
    private final OtpGuard otpGuard;
    private final SubmissionGuard submissionGuard;
    private final Consumer<AlertEvent> onAlert;
    private final Supplier<SenderRegistry> registry;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong appliedIndex = new AtomicLong(-1);
    private final LongAdder events = new LongAdder();
    private final LongAdder unreadable = new LongAdder();
    private static final Severity[] SEVERITIES = Severity.values();
    // Alerts written, by rule (RuleId ordinal) and severity; every cell exists from the start, so
    // each series is exported at 0 before its first alert and rate() sees the first one.
    private final LongAdder[] alertCounts = new LongAdder[RuleId.values().length * SEVERITIES.length];
    private final LongAdder[] monitoredCounts = new LongAdder[RuleId.values().length * SEVERITIES.length];
    private final LongAdder[] followUps = new LongAdder[RuleId.values().length];
    private final LongAdder[] interconnect = new LongAdder[io.swapguard.event.Fs11Category.values().length];
    private final Map<MaskedSender, LongAdder> masked = new ConcurrentHashMap<>();
    private volatile long appliedEventNanos = Long.MIN_VALUE;
    private final long haltAfter;
    private volatile boolean running = true;
    private volatile RuntimeException failure;
    private long alertMark;

    private DetectorService(DetectorConfig config, EventLog signals, EventLog alerts, SubscriberStore store,
            Supplier<SenderRegistry> registry, Consumer<AlertEvent> onAlert, long haltAfter) {
        this.signals = signals;
        this.alerts = alerts;
        this.store = store;
        this.registry = registry;
        this.detector = new Detector(config, store, registry.get());
        this.otpGuard = new OtpGuard(config.otpGuard(), store, detector::registry);
        this.submissionGuard = new SubmissionGuard(config, detector.network(), otpGuard, detector::registry);
        this.onAlert = onAlert;
        this.haltAfter = haltAfter;
        this.thread = new Thread(this::loop, "detector");
        this.thread.setDaemon(true);
        for (int i = 0; i < alertCounts.length; i++) {
            this.alertCounts[i] = new LongAdder();
            this.monitoredCounts[i] = new LongAdder();
        }
        for (int i = 0; i < interconnect.length; i++) {
            this.interconnect[i] = new LongAdder();
        }
        for (int i = 0; i < followUps.length; i++) {
            this.followUps[i] = new LongAdder();
        }
    }

    /** A registered sender whose ID arrived masked, and the rule that found it. */
    public record MaskedSender(RuleId rule, String sender) {
    }

    /**
     * Starts the detector on {@code signals}, appending alerts to {@code alerts}. {@code registry}
     * is asked for the sender registry at start and every few seconds while idle (it returns a
     * new one when its source changed). {@code onAlert} sees every new alert (after it is in the
     * alerts log). {@code haltAfter} &gt; 0 stops the JVM abruptly after that many events, to test
     * recovery from a crash; 0 in production. The caller owns the logs and the store and closes
     * them after this service.
     */
    public static DetectorService start(DetectorConfig config, EventLog signals, EventLog alerts,
            SubscriberStore store, Supplier<SenderRegistry> registry, Consumer<AlertEvent> onAlert, long haltAfter) {
        DetectorService s = new DetectorService(config, signals, alerts, store, registry, onAlert, haltAfter);
        s.thread.start();
        return s;
    }

    private void loop() {
        try (EventReader tailer = signals.reader(); EventWriter alertAppender = alerts.writer()) {
            EventRecord lastAlert = alerts.lastRecord();
            alertMark = lastAlert != null && lastAlert.event() instanceof AlertEvent a
                    ? a.sourceIndex() * 256 + a.ordinal() : -1;
            long checkpoint = store.checkpoint();
            if (checkpoint >= 0) {
                try {
                    tailer.moveTo(checkpoint);
                } catch (IllegalArgumentException gone) {
                    log.warn("detector checkpoint 0x{} is no longer in the journal; replaying from the start",
                            Long.toHexString(checkpoint));
                    tailer.toStart();
                }
                log.info("detector resuming from journal index 0x{}", Long.toHexString(checkpoint));
            }
            long sinceCheckpoint = 0;
            long lastRegistryCheck = System.nanoTime();
            while (running) {
                EventRecord r;
                try {
                    r = tailer.next();
                } catch (EventReadException e) {
                    if (!e.skipped()) {
                        throw e;
                    }
                    unreadable.increment();
                    log.error("{}", e.getMessage());
                    continue;
                }
                if (r == null) {
                    if (sinceCheckpoint > 0) {
                        store.checkpoint(appliedIndex.get());
                        sinceCheckpoint = 0;
                    }
                    if (System.nanoTime() - lastRegistryCheck > 2_000_000_000L) {
                        SenderRegistry latest = registry.get();
                        if (latest != detector.registry()) {
                            detector.registry(latest);
                        }
                        lastRegistryCheck = System.nanoTime();
                    }
                    Thread.sleep(2);
                    continue;
                }
                Change change = r.event() instanceof AlertEvent ? null : detector.process(r);
                for (AlertEvent a : change == null ? List.<AlertEvent>of() : change.alerts()) {
                    long id = a.sourceIndex() * 256 + a.ordinal();
                    if (id <= alertMark) {
                        continue; // written before a crash, replayed now
                    }
                    alertAppender.append(a);
                    alertMark = id;
                    (a.monitored() ? monitoredCounter(RuleId.of(a.rule()), a.severity())
                            : alertCounter(RuleId.of(a.rule()), a.severity())).increment();
                    if (onAlert != null) {
                        onAlert.accept(a);
                    }
                }
                if (change != null) {
                    change.commit(); // after its alerts are in the journal (Detector.Change says why)
                    for (RuleId rule : change.joined()) {
                        followUps[rule.ordinal()].increment();
                    }
                    if (change.interconnect() != io.swapguard.event.Fs11Category.NONE) {
                        interconnect[change.interconnect().ordinal()].increment();
                    }
                    if (change.maskedSender() != null) {
                        masked.computeIfAbsent(new MaskedSender(change.maskingRule(), change.maskedSender()),
                                k -> new LongAdder()).increment();
                    }
                }
                appliedEventNanos = r.event().captureNanos();
                appliedIndex.set(r.index());
                events.increment();
                if (++sinceCheckpoint >= CHECKPOINT_EVERY) {
                    store.checkpoint(r.index());
                    sinceCheckpoint = 0;
                }
                if (haltAfter > 0 && events.sum() >= haltAfter) {
                    Runtime.getRuntime().halt(137); // a crash, for the recovery test: no cleanup at all
                }
            }
            store.checkpoint(appliedIndex.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            if (e instanceof java.io.UncheckedIOException) {
                log.error("detector stopped: {}", e.getMessage()); // a disk problem, said in full: no trace needed
            } else {
                log.error("detector stopped: {}", e.toString(), e);
            }
        } finally {
            stopped.countDown();
        }
    }

    /** Waits until every event up to {@code index} is applied (or the timeout passes). */
    public boolean awaitApplied(long index, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (appliedIndex.get() < index && System.nanoTime() < deadline) {
            if (failure != null) {
                throw failure;
            }
            Thread.sleep(5);
        }
        return appliedIndex.get() >= index;
    }

    public long appliedIndex() {
        return appliedIndex.get();
    }

    public long events() {
        return events.sum();
    }

    /** Journal records skipped as unreadable (damaged bytes), each logged with its index. */
    public long unreadable() {
        return unreadable.sum();
    }

    /** Alerts written since start, by rule id (rules that raised none are left out). */
    public Map<String, Long> alertsByRule() {
        Map<String, Long> out = new TreeMap<>();
        for (RuleId rule : RuleId.values()) {
            for (Severity sev : SEVERITIES) {
                long n = alertCounter(rule, sev).sum();
                if (n > 0) {
                    out.merge(rule.id(), n, Long::sum);
                }
            }
        }
        return out;
    }

    /** The live counter of alerts written for {@code rule} at {@code severity} (rules that enforce). */
    public LongAdder alertCounter(RuleId rule, Severity severity) {
        return alertCounts[rule.ordinal() * SEVERITIES.length + severity.ordinal()];
    }

    /** The live counter of "would alert" alerts of {@code rule} in monitor mode, at {@code severity}. */
    public LongAdder monitoredCounter(RuleId rule, Severity severity) {
        return monitoredCounts[rule.ordinal() * SEVERITIES.length + severity.ordinal()];
    }

    /** The live counter of MAP invokes from interconnect of this FS.11 category. */
    public LongAdder interconnectCounter(io.swapguard.event.Fs11Category category) {
        return interconnect[category.ordinal()];
    }

    /** The live counter of signs that joined an open incident of {@code rule} instead of alerting. */
    public LongAdder followUpCounter(RuleId rule) {
        return followUps[rule.ordinal()];
    }

    /** SMS that carried or imitated a registered sender over a route it may not use, per sender and rule. */
    public Map<MaskedSender, LongAdder> maskedSenders() {
        return masked;
    }

    /**
     * How far the detector is behind the signals log in event time: the newest event's time minus
     * the last applied event's, in seconds (0 when caught up, NaN before the first event).
     */
    public double lagSeconds() {
        EventRecord last = signals.lastRecord();
        long applied = appliedEventNanos;
        if (last == null || last.index() <= appliedIndex.get()) {
            return 0;
        }
        if (applied == Long.MIN_VALUE) {
            return Double.NaN;
        }
        return Math.max(0, last.event().captureNanos() - applied) / 1e9;
    }

    /** The signals log the detector reads. */
    public EventLog signalsLog() {
        return signals;
    }

    /** How many senders the registry in use holds (it is reloaded when its file changes). */
    public int registrySenders() {
        return detector.registry().senders().size();
    }

    public OtpGuard otpGuard() {
        return otpGuard;
    }

    /** The inline SMPP gate's verdicts: masking by account, lookalikes, then the OTP guard. */
    public SubmissionGuard submissionGuard() {
        return submissionGuard;
    }

    public SubscriberQueries queries() {
        return new SubscriberQueries(store);
    }

    public SubscriberStore store() {
        return store;
    }

    public EventLog alertsLog() {
        return alerts;
    }

    public RuntimeException failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
