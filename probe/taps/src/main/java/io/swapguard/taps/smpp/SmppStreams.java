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
import io.swapguard.taps.tcp.TcpStreams;
import io.swapguard.taps.tcp.TcpStreams.Connection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * SMPP from captures of an SMSC's links (the passive tap): TCP segments to and from the SMPP
 * ports reassembled by {@link TcpStreams}, framed on command_length, a stream joined mid-way
 * resynchronised on the first plausible PDU header. Each submission from an ESME and each
 * deliver_sm from the SMSC becomes an {@link SmppEvent} ({@code observed}) with the account the
 * connection bound as, so masking by account and OTPs to swapped numbers are alerted before
 * anything is put inline.
 *
 * <p>Not thread-safe: one per pipeline.
 */
public final class SmppStreams implements TcpStreams.Framing {

    /** One constant per decoder reason (counters key on the rejection itself; the codec's reasons are a fixed set). */
    private static final Map<String, Rejection> DECODE_REJECTIONS = new java.util.concurrent.ConcurrentHashMap<>();

    private final int maxFlows;
    private final int maxPdu;
    private final DecodeCounters counters;
    private final Consumer<SmppEvent> out;
    private final TcpStreams streams;
    private final Map<Connection, String> accounts = new LinkedHashMap<>(16, 0.75f, true);

    public SmppStreams(List<Integer> ports, int maxFlows, int maxPdu, DecodeCounters counters,
            Consumer<SmppEvent> out) {
        this.maxFlows = maxFlows;
        this.maxPdu = maxPdu;
        this.counters = counters;
        this.out = out;
        this.streams = new TcpStreams(ports, maxFlows, maxPdu, Layer.SMPP, counters, this);
    }

    /** The reassembly, which the pipeline hands this protocol's segments to. */
    public TcpStreams streams() {
        return streams;
    }

    @Override
    public int headerLength() {
        return 16;
    }

    @Override
    public int length(byte[] b, int at) {
        return readInt(b, at);
    }

    @Override
    public void closed(Connection connection) {
        accounts.remove(connection);
    }

    @Override
    public void message(String tap, long nanos, Connection connection, boolean towardsSmsc, byte[] b, int offset,
            int length) {
        pdu(tap, nanos, connection, towardsSmsc, b, offset, length);
    }

    /** Whether a PDU header an SMPP peer would send begins at {@code at}. */
    @Override
    public boolean plausibleStart(byte[] b, int at, int end) {
        int length = readInt(b, at);
        if (length < 16 || length > maxPdu) {
            return false;
        }
        SmppCommand c = SmppCommand.of(readInt(b, at + 4));
        int status = readInt(b, at + 8);
        int seq = readInt(b, at + 12);
        if (c == null || seq < 0 || !c.isResponse() && status != 0 || status < 0 || status > 0x4FF) {
            return false;
        }
        // If the next header is in sight, it must be plausible too.
        int next = at + length;
        return next + 8 > end || SmppCommand.of(readInt(b, next + 4)) != null;
    }

    private void pdu(String tap, long nanos, Connection connection, boolean towardsSmsc, byte[] b, int offset,
            int length) {
        SmppPdu p;
        try {
            p = SmppCodec.decode(Unpooled.wrappedBuffer(b, offset, length));
        } catch (SmppDecodeException e) {
            counters.count(DECODE_REJECTIONS.computeIfAbsent(e.reason(), r -> Rejection.of(Layer.SMPP, r)));
            return;
        }
        counters.countDecoded(Layer.SMPP);
        switch (p.command()) {
            case BIND_TRANSMITTER, BIND_RECEIVER, BIND_TRANSCEIVER -> {
                if (towardsSmsc) {
                    accounts.put(connection, ((SmppBody.Bind) p.body()).systemId());
                    if (accounts.size() > maxFlows) {
                        Iterator<Connection> oldest = accounts.keySet().iterator();
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
