package io.swapguard.forward;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What a forwarder did, since it was created: written by its thread, read by metrics.
 */
public final class ForwarderStats {

    volatile long records;
    volatile long transactions;
    volatile long pairings;
    volatile long unreadable;
    volatile long failures;
    volatile long resumeGaps;

    /** Journal records forwarded in committed transactions. */
    public long records() {
        return records;
    }

    /** Transactions committed. */
    public long transactions() {
        return transactions;
    }

    /** IMSI to MSISDN pairings published (new or changed). */
    public long pairings() {
        return pairings;
    }

    /** Journal records that could not be read and were skipped (never forwarded). */
    public long unreadable() {
        return unreadable;
    }

    /** Transactions that failed and were aborted (forwarded again after a restart). */
    public long failures() {
        return failures;
    }

    /** Starts that found the last forwarded record already removed by retention (records lost to Kafka). */
    public long resumeGaps() {
        return resumeGaps;
    }

    /** Registers the counters, tagged with the source. */
    public void bindTo(MeterRegistry registry, String source) {
        FunctionCounter.builder("swapguard.forward.records", this, ForwarderStats::records).tag("source", source)
                .description("journal records forwarded to Kafka in committed transactions").register(registry);
        FunctionCounter.builder("swapguard.forward.transactions", this, ForwarderStats::transactions)
                .tag("source", source).description("Kafka transactions committed").register(registry);
        FunctionCounter.builder("swapguard.forward.pairings", this, ForwarderStats::pairings).tag("source", source)
                .description("IMSI to MSISDN pairings published").register(registry);
        FunctionCounter.builder("swapguard.forward.unreadable", this, ForwarderStats::unreadable).tag("source", source)
                .description("journal records skipped as unreadable, never forwarded").register(registry);
        FunctionCounter.builder("swapguard.forward.failures", this, ForwarderStats::failures).tag("source", source)
                .description("transactions aborted after a Kafka error").register(registry);
        FunctionCounter.builder("swapguard.forward.resume.gaps", this, ForwarderStats::resumeGaps)
                .tag("source", source).description("starts that found unforwarded records removed by retention")
                .register(registry);
    }
}
