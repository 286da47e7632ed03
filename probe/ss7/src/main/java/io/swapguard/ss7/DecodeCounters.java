package io.swapguard.ss7;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the probe did, by layer: messages decoded, inputs rejected as malformed and inputs ignored
 * as not for the probe, each by reason. Written by the decoding thread, read by anyone (metrics,
 * reports); reasons are a fixed set, so the label space stays small.
 */
public final class DecodeCounters {

    private final LongAdder[] decoded = new LongAdder[Layer.values().length];
    private final ConcurrentHashMap<Rejection, LongAdder> byRejection = new ConcurrentHashMap<>();

    public DecodeCounters() {
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = new LongAdder();
        }
    }

    /** One message decoded at {@code layer}. */
    public void countDecoded(Layer layer) {
        decoded[layer.ordinal()].increment();
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
