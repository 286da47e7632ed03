package io.swapguard.taps;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The probe's meters for one tap (one input and its pipeline): frames and bytes taken in, messages
 * decoded by layer, MAP messages by operation and component, rejections and ignored inputs by layer
 * and reason, SCTP associations and TCAP dialogues tracked. The pipeline only increments its
 * {@link DecodeCounters}; these meters read them when scraped, so the hot path never touches
 * Micrometer. Rejection reasons and MAP operations appear as they are first seen: call
 * {@link #refresh()} before each scrape.
 */
public final class ProbeMetrics implements MeterBinder {

    private final String tap;
    private final ProbePipeline pipeline;
    private final DecodeCounters counters;
    private final HepServer hep;
    private volatile MeterRegistry registry;
    // What refresh() registered already: Micrometer warns about registering a meter twice.
    private final Set<Object> registered = ConcurrentHashMap.newKeySet();

    /** The meters of a tap that reads capture files. */
    public ProbeMetrics(String tap, ProbePipeline pipeline) {
        this(tap, pipeline.counters(), pipeline, null);
    }

    /** The meters of the HEP listener, with its datagrams by capture agent. */
    public ProbeMetrics(String tap, HepServer hep) {
        this(tap, hep.pipeline().counters(), hep.pipeline(), hep);
    }

    /** The meters of an input that counts without a decoding pipeline (BSS provisioning files). */
    public ProbeMetrics(String tap, DecodeCounters counters) {
        this(tap, counters, null, null);
    }

    private ProbeMetrics(String tap, DecodeCounters counters, ProbePipeline pipeline, HepServer hep) {
        this.tap = tap;
        this.pipeline = pipeline;
        this.counters = counters;
        this.hep = hep;
    }

    /** The quarantine's meters: rejected frames kept, bytes written, frames not kept (full or unwritable). */
    public static MeterBinder quarantine(Quarantine quarantine) {
        return registry -> {
            FunctionCounter.builder("swapguard.probe.quarantine.frames", quarantine, Quarantine::kept)
                    .description("Malformed frames kept in the quarantine capture").register(registry);
            Gauge.builder("swapguard.probe.quarantine.size", quarantine, Quarantine::bytes).baseUnit("bytes")
                    .description("Size of the quarantine capture file").register(registry);
            FunctionCounter.builder("swapguard.probe.quarantine.dropped", quarantine, Quarantine::dropped)
                    .description("Malformed frames not kept: the quarantine was full or could not be written")
                    .register(registry);
        };
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("swapguard.probe.frames", counters, DecodeCounters::frames).tag("tap", tap)
                .description("Captured frames (pcap records, HEP datagrams) taken in").register(registry);
        FunctionCounter.builder("swapguard.probe.received", counters, DecodeCounters::bytes).tag("tap", tap)
                .baseUnit("bytes").description("Bytes of captured frames taken in").register(registry);
        for (Layer layer : Layer.values()) {
            FunctionCounter.builder("swapguard.probe.decoded", counters.decodedCounter(layer), LongAdder::doubleValue)
                    .tags("tap", tap, "layer", layer.label())
                    .description("Messages decoded at each protocol layer").register(registry);
        }
        if (pipeline != null) {
            bindPipeline(registry);
        }
        this.registry = registry;
        refresh();
    }

    private void bindPipeline(MeterRegistry registry) {
        DialogueTracker dialogues = pipeline.dialogues();
        Gauge.builder("swapguard.probe.dialogues.open", dialogues, DialogueTracker::size).tag("tap", tap)
                .description("TCAP dialogues tracked, waiting for their answers").register(registry);
        FunctionCounter.builder("swapguard.probe.dialogues.expired", dialogues, DialogueTracker::expiredCount)
                .tag("tap", tap).description("TCAP dialogues dropped after the idle timeout without an end")
                .register(registry);
        FunctionCounter.builder("swapguard.probe.dialogues.evicted", dialogues, DialogueTracker::evictedCount)
                .tag("tap", tap).description("TCAP dialogues dropped because the dialogue table was full")
                .register(registry);
        Gauge.builder("swapguard.probe.sctp.associations", pipeline, ProbePipeline::trackedSctpFlows).tag("tap", tap)
                .description("SCTP association directions tracked for reassembly and duplicate detection")
                .register(registry);
    }

    /** Registers the meters of rejection reasons and MAP operations first seen since the last call. */
    public void refresh() {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        counters.forEachRejection((rejection, n) -> {
            if (registered.add(rejection)) {
                FunctionCounter
                .builder(rejection.malformed() ? "swapguard.probe.rejected" : "swapguard.probe.ignored", n,
                        LongAdder::doubleValue)
                .tags("tap", tap, "layer", rejection.layer().label(), "reason", rejection.reason())
                .description(rejection.malformed() ? "Malformed inputs, by the layer and reason that rejected them"
                        : "Inputs that are not for the probe (other protocols, retransmissions), by layer and reason")
                .register(r);
            }
        });
        counters.forEachMapCounter((operation, component, n) -> {
            if (registered.add(n)) {
                FunctionCounter.builder("swapguard.probe.map.messages", n, LongAdder::doubleValue)
                        .tags("tap", tap, "operation", operation.asn1Name(), "component", component.asn1Name(),
                                "fs11", operation.fs11Category().label())
                        .description("MAP messages journalled, by operation, TCAP component and the operation's"
                                + " GSMA FS.11 category").register(r);
            }
        });
        if (hep != null) {
            if (registered.add("kernel-drops")) {
                FunctionCounter.builder("swapguard.probe.hep.kernel.drops", hep, h -> Math.max(0, h.kernelDrops()))
                        .tags("tap", tap)
                        .description("HEP datagrams the kernel dropped before the probe read them (the UDP socket's"
                                + " receive buffer was full)").register(r);
            }
            hep.forEachAgent((agent, n) -> {
                if (registered.add("agent:" + agent)) {
                    FunctionCounter.builder("swapguard.probe.hep.datagrams", n, LongAdder::doubleValue)
                            .tags("tap", tap, "agent", agent)
                            .description("HEP datagrams decoded, by capture agent id").register(r);
                }
            });
        }
    }
}
