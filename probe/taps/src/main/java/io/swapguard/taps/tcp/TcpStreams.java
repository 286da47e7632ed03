package io.swapguard.taps.tcp;

import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Length-framed application messages from captured TCP segments (SMPP, Diameter): reassembled per
 * direction (segments split and merged, retransmissions and overlaps dropped, a bounded window of
 * out-of-order segments held), framed by the {@link Framing}, and a stream joined mid-way
 * resynchronised on the first plausible header.
 *
 * <p>Not thread-safe: one per pipeline. Every bound (connections, bytes held, segments out of
 * order) evicts or drops, and counts.
 */
public final class TcpStreams {

    static final Rejection TRUNCATED_TCP = Rejection.of(Layer.TCP, "truncated-header");
    static final Rejection RETRANSMISSION = Rejection.ignore(Layer.TCP, "retransmission");
    static final Rejection OUT_OF_WINDOW = Rejection.of(Layer.TCP, "gap");
    static final Rejection FLOW_EVICTED = Rejection.ignore(Layer.TCP, "flow-evicted");

    /** Segments held out of order per direction before the gap is given up. */
    public static final int MAX_OUT_OF_ORDER = 64;

    /** How one protocol frames its messages on the stream, and where they go. */
    public interface Framing {
        /** Bytes needed before a message's length can be read (16 for SMPP, 20 for Diameter). */
        int headerLength();

        /** The length of the message at {@code at}, or -1 when it is not plausible there. */
        int length(byte[] b, int at);

        /**
         * Whether a message a peer would send begins at {@code at} (stricter than {@link #length}:
         * used to find the stream's first message after a mid-stream start or a gap).
         */
        boolean plausibleStart(byte[] b, int at, int end);

        /** One whole message; {@code b} is valid only during the call. */
        void message(String tap, long nanos, Connection connection, boolean towardsServer, byte[] b, int offset,
                int length);

        /** The connection was closed or evicted: forget what was kept for it. */
        default void closed(Connection connection) {
        }
    }

    /** One direction of a TCP connection; {@link #connection} names it from the client's side. */
    public record Connection(long srcHigh, long srcLow, int srcPort, long dstHigh, long dstLow, int dstPort) {
        Connection reverse() {
            return new Connection(dstHigh, dstLow, dstPort, srcHigh, srcLow, srcPort);
        }

        Connection connection(boolean towardsServer) {
            return towardsServer ? this : reverse();
        }
    }

    private static final class Direction {
        long expected = -1;
        boolean synced;
        byte[] buf = new byte[4096];
        int len;
        final TreeMap<Long, byte[]> later = new TreeMap<>();
    }

    private final List<Integer> ports;
    private final int maxFlows;
    private final int maxMessage;
    private final DecodeCounters counters;
    private final Framing framing;
    private final Rejection resync;
    private final Rejection implausible;
    private final Map<Connection, Direction> flows = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param ports the server's ports (2775 SMPP, 3868 Diameter)
     * @param layer the protocol's layer, for the framing reasons it counts
     */
    public TcpStreams(List<Integer> ports, int maxFlows, int maxMessage, Layer layer, DecodeCounters counters,
            Framing framing) {
        this.ports = List.copyOf(ports);
        this.maxFlows = maxFlows;
        this.maxMessage = maxMessage;
        this.counters = counters;
        this.framing = framing;
        this.resync = Rejection.of(layer, "resynchronised");
        this.implausible = Rejection.of(layer, "implausible-length");
    }

    /** Whether a segment between these ports is for this protocol. */
    public boolean accepts(byte[] b, int offset, int length) {
        if (length < 4) {
            return false;
        }
        int srcPort = (b[offset] & 0xFF) << 8 | b[offset + 1] & 0xFF;
        int dstPort = (b[offset + 2] & 0xFF) << 8 | b[offset + 3] & 0xFF;
        return ports.contains(dstPort) || ports.contains(srcPort);
    }

    /** Directions tracked now (at most twice the configured connections). */
    public int trackedFlows() {
        return flows.size();
    }

    /**
     * One TCP segment (header and payload) that {@link #accepts} this protocol.
     *
     * @throws Rejection when it cannot be read (the pipeline counts it)
     */
    public void segment(String tap, long nanos, long srcHigh, long srcLow, long dstHigh, long dstLow, byte[] b,
            int offset, int length) {
        if (length < 20) {
            throw TRUNCATED_TCP;
        }
        int srcPort = (b[offset] & 0xFF) << 8 | b[offset + 1] & 0xFF;
        int dstPort = (b[offset + 2] & 0xFF) << 8 | b[offset + 3] & 0xFF;
        boolean towardsServer = ports.contains(dstPort);
        long seq = (b[offset + 4] & 0xFFL) << 24 | (b[offset + 5] & 0xFF) << 16 | (b[offset + 6] & 0xFF) << 8
                | b[offset + 7] & 0xFF;
        int headerLength = (b[offset + 12] >> 4 & 0xF) * 4;
        int flags = b[offset + 13] & 0xFF;
        if (headerLength < 20 || headerLength > length) {
            throw TRUNCATED_TCP;
        }
        counters.countDecoded(Layer.TCP);
        Connection key = new Connection(srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort);
        boolean syn = (flags & 0x02) != 0;
        boolean finOrRst = (flags & 0x05) != 0;
        Direction d = flows.get(key);
        if (d == null || syn) {
            d = new Direction();
            flows.put(key, d);
            if (flows.size() > maxFlows) {
                Iterator<Connection> oldest = flows.keySet().iterator();
                Connection gone = oldest.next();
                oldest.remove();
                framing.closed(gone.connection(ports.contains(gone.dstPort())));
                counters.count(FLOW_EVICTED);
            }
            if (syn) {
                d.expected = (seq + 1) & 0xFFFFFFFFL;
                d.synced = true;
            }
        }
        int payload = length - headerLength;
        if (payload > 0) {
            data(tap, nanos, key, towardsServer, d, seq, b, offset + headerLength, payload);
        }
        if (finOrRst) {
            flows.remove(key);
            if (!flows.containsKey(key.reverse())) {
                framing.closed(key.connection(towardsServer));
            }
        }
    }

    private void data(String tap, long nanos, Connection key, boolean towardsServer, Direction d, long seq, byte[] b,
            int offset, int length) {
        if (d.expected < 0) {
            d.expected = seq; // joined mid-stream: the first plausible header found starts the stream
        }
        long ahead = (seq - d.expected) << 32 >> 32; // signed distance, modulo 2^32
        if (ahead < 0) {
            if (ahead + length <= 0) {
                counters.count(RETRANSMISSION);
                return;
            }
            // overlaps what was had: keep only what is new
            offset += (int) -ahead;
            length -= (int) -ahead;
            ahead = 0;
        }
        if (ahead > 0) {
            d.later.put(seq, Arrays.copyOfRange(b, offset, offset + length));
            if (d.later.size() <= MAX_OUT_OF_ORDER) {
                return;
            }
            // the missing segment is not coming: start again after the gap
            counters.count(OUT_OF_WINDOW);
            Map.Entry<Long, byte[]> first = d.later.pollFirstEntry();
            d.len = 0;
            d.synced = false;
            d.expected = first.getKey();
            append(d, first.getValue(), 0, first.getValue().length);
        } else {
            append(d, b, offset, length);
        }
        for (Map.Entry<Long, byte[]> next; (next = d.later.firstEntry()) != null;) {
            long at = (next.getKey() - d.expected) << 32 >> 32;
            if (at > 0) {
                break;
            }
            d.later.pollFirstEntry();
            byte[] v = next.getValue();
            if (at + v.length > 0) {
                append(d, v, (int) -at, v.length + (int) at);
            }
        }
        frames(tap, nanos, key, towardsServer, d);
    }

    private void append(Direction d, byte[] b, int offset, int length) {
        if (d.len + length > d.buf.length) {
            int size = Math.max(d.buf.length * 2, d.len + length);
            if (size > 2 * maxMessage + 65_536) {
                // more than a message's worth that frames nothing: drop it and look for a header again
                counters.count(implausible);
                d.len = 0;
                d.synced = false;
                size = Math.max(d.buf.length, length);
            }
            d.buf = Arrays.copyOf(d.buf, size);
        }
        System.arraycopy(b, offset, d.buf, d.len, length);
        d.len += length;
        d.expected = (d.expected + length) & 0xFFFFFFFFL;
    }

    private void frames(String tap, long nanos, Connection key, boolean towardsServer, Direction d) {
        int header = framing.headerLength();
        int at = 0;
        while (d.len - at >= header) {
            if (!d.synced) {
                int found = -1;
                for (int i = at; i + header <= d.len; i++) {
                    if (framing.plausibleStart(d.buf, i, d.len)) {
                        found = i;
                        break;
                    }
                }
                if (found < 0) {
                    at = Math.max(at, d.len - header + 1); // keep a possible header's start
                    break;
                }
                if (found > at) {
                    counters.count(resync);
                }
                at = found;
                d.synced = true;
            }
            int length = framing.length(d.buf, at);
            if (length < header || length > maxMessage) {
                counters.count(implausible);
                d.synced = false;
                at++;
                continue;
            }
            if (d.len - at < length) {
                break;
            }
            framing.message(tap, nanos, key.connection(towardsServer), towardsServer, d.buf, at, length);
            at += length;
        }
        if (at > 0) {
            System.arraycopy(d.buf, at, d.buf, 0, d.len - at);
            d.len -= at;
        }
    }
}
