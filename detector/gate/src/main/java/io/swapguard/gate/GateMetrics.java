package io.swapguard.gate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swapguard.event.SmppEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gate's meters ({@code swapguard_gate_*} in Prometheus; docs/observability.md lists them).
 * Counters with a free label (rule, reason) are made on first use and cached.
 */
public final class GateMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger linksUp = new AtomicInteger();
    private final Timer decisionTime;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public GateMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("swapguard.gate.sessions", sessions, AtomicInteger::get)
                .description("ESME sessions connected to the gate").register(registry);
        Gauge.builder("swapguard.gate.smsc.links", linksUp, AtomicInteger::get)
                .description("SMSC links bound (one per bound ESME session)").register(registry);
        decisionTime = Timer.builder("swapguard.gate.decision")
                .description("Time to a verdict per message, segments held excluded")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(500))
                .maximumExpectedValue(Duration.ofMillis(100)).register(registry);
        // Series that exist before anything happens, so dashboards and alert rules see a 0, not nothing.
        for (SmppEvent.Decision d : SmppEvent.Decision.values()) {
            if (d != SmppEvent.Decision.OBSERVED) {
                counter("swapguard.gate.decisions", DECISIONS, "decision", d.label(), "rule", "none");
            }
        }
        for (String reason : List.of("smsc-lost", "smsc-rebinding", "timeout", "window", "not-bound", "esme-gone",
                "late-response", "unmatched-response", "already-bound")) {
            answered(reason, 0);
        }
        counter("swapguard.gate.unjudged", "Requests forwarded without a verdict because nothing could be judged",
                "command", "replace_sm", "", "");
        for (String reason : List.of("timeout", "full")) {
            counter("swapguard.gate.segments.released", RELEASED, "reason", reason, "", "");
        }
        for (String side : List.of("esme", "smsc")) {
            counter("swapguard.gate.rejected", REJECTED, "side", side, "reason", "internal-error");
        }
        counter("swapguard.gate.rejected", REJECTED, "side", "esme", "reason", "bind-timeout");
        reconnects = counter("swapguard.gate.smsc.reconnects", "Attempts to rebind a lost SMSC link", "", "", "", "");
        overBudget = counter("swapguard.gate.decision.over.budget", "Verdicts slower than gate.decisionBudget", "", "",
                "", "");
        journalDropped = counter("swapguard.gate.journal.dropped", "Gate events the journal could not take", "", "",
                "", "");
    }

    private static final String DECISIONS = "Messages decided, by decision and rule";
    private static final String REJECTED = "PDUs the gate's decoder refused";
    private static final String RELEASED = "Concatenated messages judged incomplete";
    private final Counter reconnects;
    private final Counter overBudget;
    private final Counter journalDropped;

    AtomicInteger sessions() {
        return sessions;
    }

    AtomicInteger linksUp() {
        return linksUp;
    }

    void decided(SmppEvent.Decision decision, String rule, long nanos) {
        // Per decision, the last rule's counter: no key built on the hot path when the rule repeats.
        int d = decision.ordinal();
        String r = rule.isEmpty() ? "none" : rule;
        LastCounter last = lastDecision[d];
        if (last == null || !last.rule().equals(r)) {
            last = new LastCounter(r, counter("swapguard.gate.decisions", DECISIONS, "decision", decision.label(),
                    "rule", r));
            lastDecision[d] = last; // one reference: the pair is never torn between event loops
        }
        last.counter().increment();
        decisionTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    private record LastCounter(String rule, Counter counter) {
    }

    private final LastCounter[] lastDecision = new LastCounter[SmppEvent.Decision.values().length];

    /** A PDU refused by the decoder, by side ({@code esme}, {@code smsc}) and reason. */
    void rejected(String side, String reason) {
        counter("swapguard.gate.rejected", REJECTED, "side", side, "reason", reason)
                .increment();
    }

    /** A response the gate wrote itself to an ESME request, by reason (smsc-lost, timeout, window, ...). */
    void answered(String reason) {
        answered(reason, 1);
    }

    private void answered(String reason, int n) {
        counter("swapguard.gate.answered", "ESME requests the gate answered itself instead of the SMSC", "reason",
                reason, "", "").increment(n);
    }

    /** A concatenated message judged before all its segments came, by reason (timeout, full). */
    void released(String reason) {
        counter("swapguard.gate.segments.released", RELEASED, "reason", reason, "", "").increment();
    }

    /** A request that would be judged but could not be (a replace_sm of a message the gate does not know). */
    void unjudged(String command) {
        counter("swapguard.gate.unjudged", "Requests forwarded without a verdict because nothing could be judged",
                "command", command, "", "").increment();
    }

    void reconnect() {
        reconnects.increment();
    }

    void overBudget() {
        overBudget.increment();
    }

    void journalDropped() {
        journalDropped.increment();
    }

    private Counter counter(String name, String description, String k1, String v1, String k2, String v2) {
        return counters.computeIfAbsent(name + '|' + v1 + '|' + v2, key -> {
            Counter.Builder b = Counter.builder(name).description(description);
            if (!k1.isEmpty()) {
                b.tag(k1, v1);
            }
            if (!k2.isEmpty()) {
                b.tag(k2, v2);
            }
            return b.register(registry);
        });
    }

    /** The count of one counter, for tests and the demo (0 when it never counted). */
    public double count(String name, String v1, String v2) {
        Counter c = counters.get(name + '|' + v1 + '|' + v2);
        return c == null ? 0 : c.count();
    }
}
