package io.swapguard.ss7;

import io.swapguard.event.ComponentType;
import io.swapguard.event.MapOperation;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * What the probe did on one input (a tap), by layer: frames and bytes taken in, messages decoded,
 * MAP messages by operation and component, inputs rejected as malformed and inputs ignored as not
 * for the probe, each by reason. Written by the decoding thread, read by anyone (metrics, reports);
 * reasons, operations and components are fixed sets, so the label space stays small.
 */
public final class DecodeCounters {

    private final LongAdder[] decoded = new LongAdder[Layer.values().length];
    private final ConcurrentHashMap<Rejection, LongAdder> byRejection = new ConcurrentHashMap<>();
    private final LongAdder frames = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    // Local operation code 0..255 (256 for an unlisted code or none) x component type; cells made on first use.
    private static final int OPERATION_SLOTS = 257;
    private static final ComponentType[] COMPONENTS = ComponentType.values();
    private final AtomicReferenceArray<LongAdder> mapMessages =
            new AtomicReferenceArray<>(OPERATION_SLOTS * COMPONENTS.length);

    public DecodeCounters() {
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = new LongAdder();
        }
    }

    /** One message decoded at {@code layer}. */
    public void countDecoded(Layer layer) {
        decoded[layer.ordinal()].increment();
    }

    /** One frame or datagram of {@code length} bytes taken in. */
    public void countFrame(int length) {
        frames.increment();
        bytes.add(length);
    }

    /** One MAP message (a TCAP component, or a dialogue without one) journalled. */
    public void countMapMessage(int opCode, ComponentType component) {
        int code = MapOperation.of(opCode) == MapOperation.UNKNOWN ? OPERATION_SLOTS - 1 : opCode;
        int slot = code * COMPONENTS.length + component.ordinal();
        LongAdder n = mapMessages.get(slot);
        if (n == null) {
            mapMessages.compareAndSet(slot, null, new LongAdder());
            n = mapMessages.get(slot);
        }
        n.increment();
    }

    public long frames() {
        return frames.sum();
    }

    public long bytes() {
        return bytes.sum();
    }

    /**
     * Each MAP message cell seen so far: the operation (named when known, {@code UNKNOWN} for an
     * unlisted code or none), the component and its live counter.
     */
    public void forEachMapCounter(MapCounterVisitor visitor) {
        for (int slot = 0; slot < mapMessages.length(); slot++) {
            LongAdder n = mapMessages.get(slot);
            if (n != null) {
                int code = slot / COMPONENTS.length;
                MapOperation op = code == OPERATION_SLOTS - 1 ? MapOperation.UNKNOWN : MapOperation.of(code);
                visitor.visit(op, COMPONENTS[slot % COMPONENTS.length], n);
            }
        }
    }

    /** Sees one MAP message counter. */
    @FunctionalInterface
    public interface MapCounterVisitor {
        void visit(MapOperation operation, ComponentType component, LongAdder count);
    }

    /** Each rejection seen so far with its live counter (for metrics, which read it when scraped). */
    public void forEachRejection(BiConsumer<Rejection, LongAdder> visitor) {
        byRejection.forEach(visitor);
    }

    /** The live counter of messages decoded at {@code layer}. */
    public LongAdder decodedCounter(Layer layer) {
        return decoded[layer.ordinal()];
    }

    /** One input rejected or ignored, as the rejection says. */
    public void count(Rejection rejection) {
        byRejection.computeIfAbsent(rejection, r -> new LongAdder()).increment();
    }

    public long decoded(Layer layer) {
        return decoded[layer.ordinal()].sum();
    }

    /** Malformed inputs at a layer for one reason. */
    public long rejected(Layer layer, String reason) {
        return sum(layer, reason, true);
    }

    /** Inputs ignored at a layer for one reason. */
    public long ignored(Layer layer, String reason) {
        return sum(layer, reason, false);
    }

    /** All malformed inputs, every layer and reason. */
    public long rejectedTotal() {
        long n = 0;
        for (Map.Entry<Rejection, LongAdder> e : byRejection.entrySet()) {
            if (e.getKey().malformed()) {
                n += e.getValue().sum();
            }
        }
        return n;
    }

    private long sum(Layer layer, String reason, boolean malformed) {
        long n = 0;
        for (Map.Entry<Rejection, LongAdder> e : byRejection.entrySet()) {
            Rejection r = e.getKey();
            if (r.layer() == layer && r.reason().equals(reason) && r.malformed() == malformed) {
                n += e.getValue().sum();
            }
        }
        return n;
    }

    /** "layer/reason" → count, for malformed ({@code true}) or ignored inputs, sorted. */
    public Map<String, Long> snapshot(boolean malformed) {
        Map<String, Long> out = new TreeMap<>();
        byRejection.forEach((r, n) -> {
            if (r.malformed() == malformed) {
                out.merge(r.layer().label() + "/" + r.reason(), n.sum(), Long::sum);
            }
        });
        return out;
    }

    /** Layer → messages decoded. */
    public Map<String, Long> decodedSnapshot() {
        Map<String, Long> out = new TreeMap<>();
        for (Layer l : Layer.values()) {
            out.put(l.label(), decoded[l.ordinal()].sum());
        }
        return out;
    }
}
