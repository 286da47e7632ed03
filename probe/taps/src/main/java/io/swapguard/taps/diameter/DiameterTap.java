package io.swapguard.taps.diameter;

import io.swapguard.diameter.DiameterCodec;
import io.swapguard.diameter.DiameterDecodeException;
import io.swapguard.diameter.DiameterFacts;
import io.swapguard.diameter.DiameterMessage;
import io.swapguard.event.DiameterCommand;
import io.swapguard.event.DiameterEvent;
import io.swapguard.event.ShortMessage;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.map.MapDecoder;
import io.swapguard.taps.tcp.TcpStreams;
import io.swapguard.taps.tcp.TcpStreams.Connection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Diameter from captures (S6a/S6d, S13, S6c, SGd): messages from SCTP (PPID 46) or from TCP
 * streams on the Diameter ports, decoded, read into {@link DiameterEvent}s, and each answer
 * joined to its request by Hop-by-Hop and End-to-End identifiers, so the answer carries the
 * request's identities and its destination is the request's origin: a complete fact ("IMSI X
 * attached from MME M with IMEI I, accepted").
 *
 * <p>Not thread-safe: one per pipeline. Requests wait for their answer in a bounded map, evicted
 * oldest first and after the idle timeout (capture time); both are counted.
 */
public final class DiameterTap implements TcpStreams.Framing {

    static final Rejection UNANSWERED_EVICTED = Rejection.ignore(Layer.DIAMETER, "request-evicted-unanswered");
    static final Rejection UNKNOWN_TRANSACTION = Rejection.ignore(Layer.DIAMETER, "answer-without-request");
    static final Rejection BAD_SMS = Rejection.of(Layer.DIAMETER, "malformed-sms-tpdu");
    private static final Map<String, Rejection> REASONS = new ConcurrentHashMap<>();

    private final int maxMessage;
    private final int maxTransactions;
    private final long idleNanos;
    private final DecodeCounters counters;
    private final Consumer<DiameterEvent> out;
    private final TcpStreams streams;
    private final LinkedHashMap<Long, DiameterEvent> pending = new LinkedHashMap<>(1024);

    public DiameterTap(List<Integer> tcpPorts, int maxTcpFlows, int maxTransactions, long idleNanos,
            DecodeCounters counters, Consumer<DiameterEvent> out) {
        this.maxMessage = DiameterCodec.DEFAULT_MAX_MESSAGE;
        this.maxTransactions = maxTransactions;
        this.idleNanos = idleNanos;
        this.counters = counters;
        this.out = out;
        this.streams = tcpPorts.isEmpty() ? null
                : new TcpStreams(tcpPorts, maxTcpFlows, maxMessage, Layer.DIAMETER, counters, this);
    }

    /** The TCP reassembly for the Diameter ports, or null when Diameter over TCP is off. */
    public TcpStreams streams() {
        return streams;
    }

    /** Requests waiting for their answer now. */
    public int pendingRequests() {
        return pending.size();
    }

    @Override
    public int headerLength() {
        return DiameterCodec.HEADER_LENGTH;
    }

    @Override
    public int length(byte[] b, int at) {
        return (b[at] & 0xFF) != 1 ? -1 : (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    @Override
    public boolean plausibleStart(byte[] b, int at, int end) {
        int length = DiameterCodec.plausibleLength(b, at, end, maxMessage);
        if (length < 0) {
            return false;
        }
        // The first AVP, if in sight, must fit the message (RFC 6733 messages start with one).
        if (length >= 28 && at + 28 <= end) {
            int avpLength = (b[at + 25] & 0xFF) << 16 | (b[at + 26] & 0xFF) << 8 | b[at + 27] & 0xFF;
            return avpLength >= 8 && avpLength <= length - 20;
        }
        return true;
    }

    @Override
    public void message(String tap, long nanos, Connection connection, boolean towardsServer, byte[] b, int offset,
            int length) {
        try {
            message(tap, nanos, b, offset, length);
        } catch (Rejection r) {
            counters.count(r);
        }
    }

    /**
     * One whole Diameter message (an SCTP user message or a framed TCP message).
     *
     * @throws Rejection when it cannot be decoded
     */
    public void message(String tap, long nanos, byte[] b, int offset, int length) {
        DiameterMessage m;
        try {
            m = DiameterCodec.decode(b, offset, length, maxMessage);
        } catch (DiameterDecodeException e) {
            throw reason(e.reason());
        }
        counters.countDecoded(Layer.DIAMETER);
        DiameterEvent.Builder e = DiameterEvent.builder().captureNanos(nanos).tapId(tap);
        DiameterFacts.Result facts = DiameterFacts.read(m, e);
        if (facts.problem() != null) {
            counters.count(reason(facts.problem())); // the rest of the message is still journalled
        }
        if (facts.smRpUi() != null) {
            boolean mo = m.commandCode() == DiameterCommand.MO_FORWARD_SHORT_MESSAGE.code();
            ShortMessage sms = MapDecoder.tpdu(facts.smRpUi(), mo, null);
            if (sms == null) {
                counters.count(BAD_SMS);
            } else {
                e.sms(sms);
            }
        }
        expire(nanos);
        long key = m.hopByHop() << 32 | m.endToEnd();
        DiameterEvent event;
        if (m.isRequest()) {
            event = e.build();
            pending.remove(key); // a retransmission (T bit) replaces the first copy
            pending.put(key, event);
            if (pending.size() > maxTransactions) {
                Iterator<DiameterEvent> oldest = pending.values().iterator();
                oldest.next();
                oldest.remove();
                counters.count(UNANSWERED_EVICTED);
            }
        } else {
            DiameterEvent request = pending.remove(key);
            if (request == null || request.commandCode() != m.commandCode()) {
                counters.count(UNKNOWN_TRANSACTION); // still journalled, without the join
            } else {
                join(request, e);
            }
            event = e.build();
        }
        out.accept(event);
    }

    /** An answer carries what its request said, unless it says otherwise itself. */
    private static void join(DiameterEvent request, DiameterEvent.Builder e) {
        if (e.imsi() == null && request.imsi() != null) e.imsi(request.imsi());
        if (e.msisdn() == null && request.msisdn() != null) e.msisdn(request.msisdn());
        if (e.imei() == null && request.imei() != null) e.imei(request.imei());
        if (e.visitedPlmnId() == null && request.visitedPlmnId() != null) e.visitedPlmnId(request.visitedPlmnId());
        if (e.ratType() < 0 && request.ratType() >= 0) e.ratType(request.ratType());
        // Answers have no Destination-* AVPs; they go back to the request's origin.
        if (e.destinationHost() == null) e.destinationHost(request.originHost());
        if (e.destinationRealm() == null) e.destinationRealm(request.originRealm());
        if (request.sms() != null) e.sms(request.sms());
    }

    private void expire(long now) {
        for (Iterator<DiameterEvent> it = pending.values().iterator(); it.hasNext();) {
            DiameterEvent oldest = it.next();
            if (now - oldest.captureNanos() <= idleNanos) {
                return;
            }
            it.remove();
            counters.count(UNANSWERED_EVICTED);
        }
    }

    private static Rejection reason(String reason) {
        return REASONS.computeIfAbsent(reason, r -> Rejection.of(Layer.DIAMETER, r));
    }
}
