package io.swapguard.taps.smpp;

import io.netty.buffer.Unpooled;
import io.swapguard.event.SmppEvent;
import io.swapguard.event.SmsAddress;
import io.swapguard.smpp.SmppBody;
import io.swapguard.smpp.SmppCodec;
import io.swapguard.smpp.SmppCommand;
import io.swapguard.smpp.SmppDecodeException;
import io.swapguard.smpp.SmppMessage;
import io.swapguard.smpp.SmppPdu;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * SMPP from captures of an SMSC's links (the passive tap): TCP segments to and from the SMPP
 * ports, reassembled per direction (segments split and merged, retransmissions and overlaps
 * dropped, a bounded window of out-of-order segments held), framed on command_length, and a
 * stream joined mid-way resynchronised on the first plausible PDU header. Each submission from an
 * ESME and each deliver_sm from the SMSC becomes an {@link SmppEvent} ({@code observed}) with the
 * account the connection bound as, so masking by account and OTPs to swapped numbers are alerted
 * before anything is put inline.
 *
 * <p>Not thread-safe: one per pipeline. Every bound (flows, bytes held, segments out of order)
 * evicts or drops, and counts.
 */
public final class SmppStreams {

    static final Rejection TRUNCATED_TCP = Rejection.of(Layer.TCP, "truncated-header");
    static final Rejection NOT_SMPP_PORT = Rejection.ignore(Layer.TCP, "not-smpp-port");
    static final Rejection RETRANSMISSION = Rejection.ignore(Layer.TCP, "retransmission");
    static final Rejection OUT_OF_WINDOW = Rejection.of(Layer.TCP, "gap");
    static final Rejection RESYNC = Rejection.of(Layer.SMPP, "resynchronised");
    static final Rejection IMPLAUSIBLE_LENGTH = Rejection.of(Layer.SMPP, "implausible-length");
    static final Rejection FLOW_EVICTED = Rejection.ignore(Layer.TCP, "flow-evicted");
    /** One constant per decoder reason (counters key on the rejection itself; the codec's reasons are a fixed set). */
    private static final Map<String, Rejection> DECODE_REJECTIONS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Segments held out of order per direction before the gap is given up. */
    static final int MAX_OUT_OF_ORDER = 64;

    private final List<Integer> ports;
    private final int maxFlows;
    private final int maxPdu;
    private final DecodeCounters counters;
    private final Consumer<SmppEvent> out;
    private final Map<FlowKey, Direction> flows;
    private final Map<FlowKey, String> accounts;

    /** One direction of a TCP connection. */
    private record FlowKey(long srcHigh, long srcLow, int srcPort, long dstHigh, long dstLow, int dstPort) {
        FlowKey reverse() {
            return new FlowKey(dstHigh, dstLow, dstPort, srcHigh, srcLow, srcPort);
        }

        /** The connection, the same from both directions (the ESME→SMSC direction's key). */
        FlowKey connection(boolean towardsSmsc) {
            return towardsSmsc ? this : reverse();
        }
    }

    /** Reassembly state of one direction. */
    private static final class Direction {
        long expected = -1;
        boolean synced;
        byte[] buf = new byte[4096];
        int len;
        final TreeMap<Long, byte[]> later = new TreeMap<>();
    }

    public SmppStreams(List<Integer> ports, int maxFlows, int maxPdu, DecodeCounters counters,
            Consumer<SmppEvent> out) {
        this.ports = List.copyOf(ports);
        this.maxFlows = maxFlows;
        this.maxPdu = maxPdu;
        this.counters = counters;
        this.out = out;
        this.flows = new LinkedHashMap<>(16, 0.75f, true);
        this.accounts = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** Directions tracked now (at most twice the configured connections). */
    public int trackedFlows() {
        return flows.size();
    }

    /**
     * One TCP segment (header and payload).
     *
     * @throws Rejection when it is not for the tap or cannot be read (the pipeline counts it)
     */
    public void segment(String tap, long nanos, long srcHigh, long srcLow, long dstHigh, long dstLow, byte[] b,
            int offset, int length) {
        if (length < 20) {
            throw TRUNCATED_TCP;
        }
        int srcPort = (b[offset] & 0xFF) << 8 | b[offset + 1] & 0xFF;
        int dstPort = (b[offset + 2] & 0xFF) << 8 | b[offset + 3] & 0xFF;
        boolean towardsSmsc = ports.contains(dstPort);
        if (!towardsSmsc && !ports.contains(srcPort)) {
            throw NOT_SMPP_PORT;
        }
        long seq = ((long) (b[offset + 4] & 0xFF) << 24 | (b[offset + 5] & 0xFF) << 16 | (b[offset + 6] & 0xFF) << 8
                | b[offset + 7] & 0xFF);
        int headerLength = (b[offset + 12] >> 4 & 0xF) * 4;
        int flags = b[offset + 13] & 0xFF;
        if (headerLength < 20 || headerLength > length) {
            throw TRUNCATED_TCP;
        }
        counters.countDecoded(Layer.TCP);
        FlowKey key = new FlowKey(srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort);
        boolean syn = (flags & 0x02) != 0;
        boolean finOrRst = (flags & 0x05) != 0;
        Direction d = flows.get(key);
        if (d == null || syn) {
            d = new Direction();
            flows.put(key, d);
            if (flows.size() > maxFlows) {
                Iterator<FlowKey> oldest = flows.keySet().iterator();
                accounts.remove(oldest.next().connection(true));
                oldest.remove();
                counters.count(FLOW_EVICTED);
            }
            if (syn) {
                d.expected = (seq + 1) & 0xFFFFFFFFL;
                d.synced = true;
            }
        }
        int payload = length - headerLength;
        if (payload > 0) {
            data(tap, nanos, key, towardsSmsc, d, seq, b, offset + headerLength, payload);
        }
        if (finOrRst) {
            flows.remove(key);
            if (!flows.containsKey(key.reverse())) {
                accounts.remove(key.connection(towardsSmsc));
            }
        }
    }

    private void data(String tap, long nanos, FlowKey key, boolean towardsSmsc, Direction d, long seq, byte[] b,
            int offset, int length) {
        if (d.expected < 0) {
            d.expected = seq; // joined mid-stream: the first PDU header found starts the stream
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
        frames(tap, nanos, key, towardsSmsc, d);
    }

    private void append(Direction d, byte[] b, int offset, int length) {
        if (d.len + length > d.buf.length) {
            int size = Math.max(d.buf.length * 2, d.len + length);
            if (size > 2 * maxPdu + 65_536) {
                // more than a PDU's worth that frames nothing: drop it and look for a header again
                counters.count(IMPLAUSIBLE_LENGTH);
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

    private void frames(String tap, long nanos, FlowKey key, boolean towardsSmsc, Direction d) {
        int at = 0;
        while (d.len - at >= 16) {
            if (!d.synced) {
                int found = plausibleHeader(d.buf, at, d.len);
                if (found < 0) {
                    at = Math.max(at, d.len - 15); // keep a possible header's start
                    break;
                }
                if (found > at) {
                    counters.count(RESYNC);
                }
                at = found;
                d.synced = true;
            }
            int length = readInt(d.buf, at);
            if (length < 16 || length > maxPdu) {
                counters.count(IMPLAUSIBLE_LENGTH);
                d.synced = false;
                at++;
                continue;
            }
            if (d.len - at < length) {
                break;
            }
            pdu(tap, nanos, key, towardsSmsc, d.buf, at, length);
            at += length;
        }
        if (at > 0) {
            System.arraycopy(d.buf, at, d.buf, 0, d.len - at);
            d.len -= at;
        }
    }

    /** The first offset from {@code from} where a PDU header an SMPP peer would send begins, or -1. */
    private int plausibleHeader(byte[] b, int from, int end) {
        for (int i = from; i + 16 <= end; i++) {
            int length = readInt(b, i);
            if (length < 16 || length > maxPdu) {
                continue;
            }
            SmppCommand c = SmppCommand.of(readInt(b, i + 4));
            int status = readInt(b, i + 8);
            int seq = readInt(b, i + 12);
            if (c == null || seq < 0 || !c.isResponse() && status != 0 || status < 0 || status > 0x4FF) {
                continue;
            }
            // If the next header is in sight, it must be plausible too.
            int next = i + length;
            if (next + 8 <= end && SmppCommand.of(readInt(b, next + 4)) == null) {
                continue;
            }
            return i;
        }
        return -1;
    }

    private void pdu(String tap, long nanos, FlowKey key, boolean towardsSmsc, byte[] b, int offset, int length) {
        SmppPdu p;
        try {
            p = SmppCodec.decode(Unpooled.wrappedBuffer(b, offset, length));
        } catch (SmppDecodeException e) {
            counters.count(DECODE_REJECTIONS.computeIfAbsent(e.reason(), r -> Rejection.of(Layer.SMPP, r)));
            return;
        }
        counters.countDecoded(Layer.SMPP);
        FlowKey connection = key.connection(towardsSmsc);
        switch (p.command()) {
            case BIND_TRANSMITTER, BIND_RECEIVER, BIND_TRANSCEIVER -> {
                if (towardsSmsc) {
                    accounts.put(connection, ((SmppBody.Bind) p.body()).systemId());
                    if (accounts.size() > maxFlows) {
                        Iterator<FlowKey> oldest = accounts.keySet().iterator();
                        oldest.next();
                        oldest.remove();
                    }
                }
            }
            case SUBMIT_SM, DATA_SM, SUBMIT_MULTI, DELIVER_SM -> {
                SmppMessage m = SmppMessage.of(p);
                if (m.submission() != towardsSmsc) {
                    return; // data_sm from the SMSC (MO) or a deliver_sm the wrong way: not an ESME's submission
                }
                String account = clip(accounts.getOrDefault(connection, ""));
                for (SmsAddress to : m.destinations()) {
                    out.accept(new SmppEvent(nanos, tap, m.command(), account, m.event(to, m.content().text(), false),
                            SmppEvent.Decision.OBSERVED, "", "", -1, -1));
                }
            }
            default -> {
            }
        }
    }

    private static String clip(String s) {
        return s.length() > SmppEvent.MAX_ACCOUNT_LENGTH ? s.substring(0, SmppEvent.MAX_ACCOUNT_LENGTH) : s;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }
}
