package io.swapguard.ss7.wire;

import io.swapguard.event.SccpAddress;
import io.swapguard.ss7.frame.FrameDecoder;
import io.swapguard.ss7.frame.FrameEncoder;
import io.swapguard.ss7.m2ua.M2uaEncoder;
import io.swapguard.ss7.m3ua.M3uaData;
import io.swapguard.ss7.m3ua.M3uaEncoder;
import io.swapguard.ss7.pcap.LinkType;
import io.swapguard.ss7.sccp.SccpEncoder;
import io.swapguard.ss7.sctp.SctpDecoder;
import io.swapguard.ss7.sctp.SctpPacketBuilder;
import io.swapguard.ss7.sua.SuaEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * One SIGTRAN link as it looks in a capture: two signalling endpoints (say an STP and an HLR)
 * joined by an SCTP association carrying M3UA. {@link #send} turns a TCAP message into SCCP,
 * M3UA, SCTP DATA, IP and link-layer frames, with real TSNs per direction, optional bundling of
 * several DATA chunks into one packet, fragmentation of large messages, XUDT segmentation and
 * retransmissions. Every layer is encoded by the probe's own encoders, so tshark checks both.
 */
public final class SigtranLink {

    /** How the link is captured and what it does. */
    public record Options(int linkType, int[] vlanTags, boolean ipv6, int bundle, int maxDataChunk,
            int retransmitEvery, long routingContext, int adaptation, int[] sideLinks) {

        public Options(int linkType, int[] vlanTags, boolean ipv6, int bundle, int maxDataChunk, int retransmitEvery,
                long routingContext, int adaptation) {
            this(linkType, vlanTags, ipv6, bundle, maxDataChunk, retransmitEvery, routingContext, adaptation, new int[0]);
        }

        public static Options ethernet() {
            return new Options(LinkType.ETHERNET, null, false, 1, 1400, 0, 1, SctpDecoder.PPID_M3UA);
        }

        public Options withLinkType(int t) {
            return new Options(t, vlanTags, ipv6, bundle, maxDataChunk, retransmitEvery, routingContext,
                    adaptation, sideLinks);
        }

        public Options withVlans(int... tags) {
            return new Options(linkType, tags, ipv6, bundle, maxDataChunk, retransmitEvery, routingContext,
                    adaptation, sideLinks);
        }

        public Options withIpv6(boolean v6) {
            return new Options(linkType, vlanTags, v6, bundle, maxDataChunk, retransmitEvery, routingContext,
                    adaptation, sideLinks);
        }

        /** Up to {@code n} messages of one direction share one SCTP packet. */
        public Options withBundle(int n) {
            return new Options(linkType, vlanTags, ipv6, n, maxDataChunk, retransmitEvery, routingContext,
                    adaptation, sideLinks);
        }

        /** Adaptation messages longer than this are split into B/E DATA fragments. */
        public Options withMaxDataChunk(int n) {
            return new Options(linkType, vlanTags, ipv6, bundle, n, retransmitEvery, routingContext,
                    adaptation, sideLinks);
        }

        /** Every {@code n}-th packet is sent twice, as a lost-SACK retransmission would be. */
        public Options withRetransmitEvery(int n) {
            return new Options(linkType, vlanTags, ipv6, bundle, maxDataChunk, n, routingContext,
                    adaptation, sideLinks);
        }

        /**
         * The SIGTRAN adaptation the link carries, by its PPID: M3UA (3, the default), M2UA (2: SCCP in
         * MTP3 in M2UA, ITU 14-bit point codes, the routing context as interface identifier) or SUA
         * (4: CLDT, no MTP3; a message is never XUDT-segmented, SCTP fragments what is large).
         */
        public Options withAdaptation(int ppid) {
            if (ppid != SctpDecoder.PPID_M3UA && ppid != SctpDecoder.PPID_M2UA && ppid != SctpDecoder.PPID_SUA) {
                throw new IllegalArgumentException("not a SIGTRAN adaptation PPID: " + ppid);
            }
            return new Options(linkType, vlanTags, ipv6, bundle, maxDataChunk, retransmitEvery, routingContext, ppid,
                    sideLinks);
        }

        /**
         * More SS7 associations between the same two hosts, one per PPID given (M3UA, M2UA or SUA),
         * each on its own SCTP ports (the link's port plus 1, 2, ...): an operator's STP has M3UA to
         * some nodes, an M2UA signalling gateway towards legacy MSCs, SUA to others. Each pair of
         * nodes (called and calling GT) keeps to one association, the first one included, so both
         * directions of a dialogue travel together.
         */
        public Options withSideLinks(int... ppids) {
            for (int ppid : ppids) {
                withAdaptation(ppid);
            }
            return new Options(linkType, vlanTags, ipv6, bundle, maxDataChunk, retransmitEvery, routingContext,
                    adaptation, ppids.clone());
        }
    }

    /** One endpoint: IP address, SCTP port, point code. */
    public record Endpoint(InetAddress ip, int port, int pointCode) {

        public static Endpoint of(String ip, int port, int pointCode) {
            try {
                return new Endpoint(InetAddress.getByName(ip), port, pointCode);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(ip, e);
            }
        }
    }

    /** Receives M3UA messages instead of frames, for outputs that carry M3UA themselves (HEP). */
    @FunctionalInterface
    public interface M3uaSink {
        void m3ua(long timestampNanos, Endpoint from, Endpoint to, byte[] m3ua) throws IOException;
    }

    /** Told which frames carry messages sent under a tag (see {@link #tag(Object)}). */
    @FunctionalInterface
    public interface TagListener {
        void frame(Object tag, long frameNumber);
    }

    /** Messages of one direction closer in time than this may share an SCTP packet. */
    static final long BUNDLE_WINDOW_NANOS = 5_000_000L;

    private final FrameSink sink;
    private M3uaSink m3uaSink;
    private final Options options;
    private final Endpoint a;
    private final Endpoint b;
    // Per association (0: the SS7 one, 1: Diameter, 2...: side links), per direction.
    private final long[][] nextTsn;
    private final int[][] streamSequence;
    private final long[][] vtag;
    private int packets;
    private int ipId = 1;
    private int localReference = 1;
    private long tcapMessages;
    private long diameterMessages;
    private long frames;
    private long lastTimestamp = Long.MIN_VALUE / 2;
    private Object tag;
    private TagListener tagListener;

    /** Messages sent but not yet on the wire, in time order: a procedure's later answers wait here. */
    private record Queued(long ts, long seq, int dir, byte[] payload, Object tag, int association) {
    }

    /** The Diameter association beside the M3UA one: its own ports, PPID 46 (RFC 6733 over SCTP). */
    public static final int DIAMETER_PORT = 3868;
    private static final int M3UA = 0;
    private static final int DIAMETER = 1;
    private static final int FIRST_SIDE_LINK = 2;

    private final java.util.PriorityQueue<Queued> queue = new java.util.PriorityQueue<>(
            java.util.Comparator.comparingLong(Queued::ts).thenComparingLong(Queued::seq));
    private long seq;

    // The SCTP packet being filled (bundling).
    private final List<Queued> bundle = new ArrayList<>();
    private final List<long[]> bundleTsn = new ArrayList<>();

    public SigtranLink(FrameSink sink, Options options, Endpoint a, Endpoint b) {
        this.sink = sink;
        this.options = options;
        this.a = a;
        this.b = b;
        int associations = FIRST_SIDE_LINK + options.sideLinks().length;
        nextTsn = new long[associations][2];
        streamSequence = new int[associations][2];
        vtag = new long[associations][2];
        for (int k = 0; k < associations; k++) {
            nextTsn[k][0] = 0x1000_0000L * (2 * k + 1);
            nextTsn[k][1] = 0x1000_0000L * (2 * k + 2);
            vtag[k][0] = k == DIAMETER ? 0x0D0C0B0AL : 0x0A0B0C0DL + 0x0101_0000L * k;
            vtag[k][1] = k == DIAMETER ? 0x04030201L : 0x01020304L + 0x0101_0000L * k;
        }
    }

    /**
     * A link whose M3UA messages go to {@code sink} as they are released, without SCTP, IP or link
     * layer: what a HEP capture agent on the link would export.
     */
    public static SigtranLink m3uaOnly(M3uaSink sink, Endpoint a, Endpoint b) {
        SigtranLink link = new SigtranLink((ts, lt, f) -> { }, Options.ethernet(), a, b);
        link.m3uaSink = sink;
        return link;
    }

    /** A fixed pair of endpoints on loopback-like private addresses, for tests. */
    public static SigtranLink between(FrameSink sink, Options options, int pcA, int pcB) {
        String ipA = options.ipv6() ? "fd00::a" : "10.0.0.1";
        String ipB = options.ipv6() ? "fd00::b" : "10.0.0.2";
        return new SigtranLink(sink, options, Endpoint.of(ipA, 2905, pcA), Endpoint.of(ipB, 2905, pcB));
    }

    /** Messages sent from now on carry {@code tag} (null for none); the listener learns their frames. */
    public void tag(Object tag) {
        this.tag = tag;
    }

    public void tagListener(TagListener listener) {
        this.tagListener = listener;
    }

    /** Frames (or, for {@link #m3uaOnly}, M3UA messages) put on the wire so far. */
    public long frames() {
        return frames;
    }

    /**
     * Sends a TCAP message from endpoint A ({@code fromA}) or B at {@code timestampNanos}. It goes on
     * the wire when the link's time passes it ({@link #advanceTo}, {@link #flush}), in time order with
     * everything else sent, so a procedure may send its later messages ahead of time.
     *
     * @param xudtSegment 0 for a UDT (or whole XUDT if the message is larger than a UDT holds),
     *        otherwise the segment size for a segmented XUDT
     */
    public void send(long timestampNanos, boolean fromA, SccpAddress called, SccpAddress calling, byte[] tcap,
            int xudtSegment) {
        int dir = fromA ? 0 : 1;
        Endpoint src = fromA ? a : b;
        Endpoint dst = fromA ? b : a;
        tcapMessages++;
        int association = ss7Association(called, calling);
        int adaptation = ppid(association);
        if (adaptation == SctpDecoder.PPID_SUA) {
            queue.add(new Queued(timestampNanos, seq++, dir, SuaEncoder.cldt(options.routingContext(), 1, called,
                    calling, tcap), tag, association));
            return;
        }
        List<byte[]> sccpMessages = new ArrayList<>(1);
        if (xudtSegment > 0) {
            sccpMessages.addAll(SccpEncoder.segmentedXudt(1, called, calling, tcap, xudtSegment, localReference++ & 0xFFFFFF));
        } else if (tcap.length <= 250) {
            sccpMessages.add(SccpEncoder.udt(1, called, calling, tcap));
        } else {
            throw new IllegalArgumentException("TCAP message of " + tcap.length
                    + " bytes does not fit a UDT; give a segment size for XUDT segmentation");
        }
        long t = timestampNanos;
        for (byte[] sccp : sccpMessages) {
            int sls = (int) (timestampNanos & 0x0F);
            byte[] m3ua = adaptation == SctpDecoder.PPID_M2UA
                    ? M2uaEncoder.data(options.routingContext(), src.pointCode(), dst.pointCode(), M3uaData.SI_SCCP, 2,
                            sls, sccp)
                    : M3uaEncoder.data(options.routingContext(), src.pointCode(), dst.pointCode(), M3uaData.SI_SCCP,
                            2, sls, sccp);
            queue.add(new Queued(t, seq++, dir, m3ua, tag, association));
            t += 1_000; // segments of one message follow each other
        }
    }

    /** The SS7 association the pair of nodes uses: the first, or a side link. */
    private int ss7Association(SccpAddress called, SccpAddress calling) {
        int sides = options.sideLinks().length;
        if (sides == 0) {
            return M3UA;
        }
        // The same for both directions: a symmetric mix of the two GTs.
        int h = called.gtDigits().hashCode() ^ calling.gtDigits().hashCode();
        h ^= h >>> 16;
        int k = Math.floorMod(h * 0x9E3779B9, sides + 1);
        return k == 0 ? M3UA : FIRST_SIDE_LINK + k - 1;
    }

    /** TCAP messages sent so far (each one MAP message on the wire, whatever its segments). */
    public long tcapMessages() {
        return tcapMessages;
    }

    /** Sends an M3UA message as is (management, or deliberately broken input in tests). */
    public void sendM3ua(long timestampNanos, boolean fromA, byte[] m3ua) {
        queue.add(new Queued(timestampNanos, seq++, fromA ? 0 : 1, m3ua, tag, M3UA));
    }

    /**
     * Sends a Diameter message from A (the MMEs, SMSCs and interconnect side of the DRA) or B (the
     * HSS side) on a second SCTP association between the same hosts (port 3868, PPID 46), in time
     * order with the M3UA traffic, as a capture at a site that carries both would show it. HEP
     * export ({@link #m3uaOnly}) carries M3UA only and refuses it.
     */
    public void sendDiameter(long timestampNanos, boolean fromA, byte[] message) {
        if (m3uaSink != null) {
            throw new IllegalStateException("a HEP export of this link carries M3UA only, not Diameter");
        }
        diameterMessages++;
        queue.add(new Queued(timestampNanos, seq++, fromA ? 0 : 1, message, tag, DIAMETER));
    }

    /** Diameter messages sent so far. */
    public long diameterMessages() {
        return diameterMessages;
    }

    /** Puts on the wire every message sent for a time at or before {@code nanos}. */
    public void advanceTo(long nanos) {
        while (!queue.isEmpty() && queue.peek().ts() <= nanos) {
            release(queue.poll());
        }
    }

    /** Puts everything still waiting on the wire. */
    public void flush() {
        while (!queue.isEmpty()) {
            release(queue.poll());
        }
        emitBundle();
    }

    private void release(Queued q) {
        if (m3uaSink != null) {
            long t = Math.max(q.ts(), lastTimestamp + 1_000);
            lastTimestamp = t;
            try {
                m3uaSink.m3ua(t, q.dir() == 0 ? a : b, q.dir() == 0 ? b : a, q.payload());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            frames++;
            if (q.tag() != null && tagListener != null) {
                tagListener.frame(q.tag(), frames);
            }
            return;
        }
        if (!bundle.isEmpty() && (bundle.get(0).dir() != q.dir() || bundle.get(0).association() != q.association()
                || bundle.size() >= options.bundle()
                || q.ts() - bundle.get(0).ts() > BUNDLE_WINDOW_NANOS)) {
            emitBundle();
        }
        int dir = q.dir();
        if (q.payload().length > options.maxDataChunk()) {
            emitBundle();
            fragmented(q);
            return;
        }
        bundle.add(q);
        int as = q.association();
        bundleTsn.add(new long[] {nextTsn[as][dir]++, streamSequence[as][dir]++ & 0xFFFF});
        if (bundle.size() >= options.bundle()) {
            emitBundle();
        }
    }

    private void fragmented(Queued q) {
        int dir = q.dir();
        int as = q.association();
        byte[] data = q.payload();
        int seqNo = streamSequence[as][dir]++ & 0xFFFF;
        int chunk = options.maxDataChunk();
        for (int off = 0; off < data.length; off += chunk) {
            int len = Math.min(chunk, data.length - off);
            SctpPacketBuilder p = packet(as, dir);
            p.data(nextTsn[as][dir]++, 1, seqNo, ppid(as), off == 0, off + len >= data.length, data, off, len);
            emit(q.ts(), dir, p.build(), List.of(q));
        }
    }

    private void emitBundle() {
        if (bundle.isEmpty()) {
            return;
        }
        int dir = bundle.get(0).dir();
        int as = bundle.get(0).association();
        SctpPacketBuilder p = packet(as, dir);
        if (bundle.size() > 1) {
            p.sack(nextTsn[as][1 - dir] - 1); // a SACK for the other direction rides along, as stacks do
        }
        for (int i = 0; i < bundle.size(); i++) {
            byte[] m = bundle.get(i).payload();
            long[] t = bundleTsn.get(i);
            p.data(t[0], 1, (int) t[1], ppid(as), true, true, m, 0, m.length);
        }
        List<Queued> carried = List.copyOf(bundle);
        long ts = bundle.get(0).ts();
        bundle.clear();
        bundleTsn.clear();
        emit(ts, dir, p.build(), carried);
    }

    private SctpPacketBuilder packet(int association, int dir) {
        int side = association >= FIRST_SIDE_LINK ? association - FIRST_SIDE_LINK + 1 : 0;
        int portA = association == DIAMETER ? DIAMETER_PORT : a.port() + side;
        int portB = association == DIAMETER ? DIAMETER_PORT : b.port() + side;
        return new SctpPacketBuilder(dir == 0 ? portA : portB, dir == 0 ? portB : portA, vtag[association][dir]);
    }

    private int ppid(int association) {
        return association == DIAMETER ? SctpDecoder.PPID_DIAMETER
                : association >= FIRST_SIDE_LINK ? options.sideLinks()[association - FIRST_SIDE_LINK]
                : options.adaptation();
    }

    private void emit(long requested, int dir, byte[] sctpPacket, List<Queued> carried) {
        // A capture's clock moves forward: packets in the same microsecond are a microsecond apart.
        long ts = Math.max(requested, lastTimestamp + 1_000);
        lastTimestamp = ts;
        Endpoint src = dir == 0 ? a : b;
        Endpoint dst = dir == 0 ? b : a;
        byte[] frame = FrameEncoder.encode(options.linkType(), options.vlanTags(), src.ip(), dst.ip(),
                FrameDecoder.PROTOCOL_SCTP, sctpPacket, 0, sctpPacket.length, ipId++);
        try {
            sink.frame(ts, options.linkType(), frame);
            frames++;
            tagged(carried);
            packets++;
            if (options.retransmitEvery() > 0 && packets % options.retransmitEvery() == 0) {
                // The same packet again a moment later: its TSNs must not be counted twice.
                lastTimestamp = ts + 1_000;
                sink.frame(lastTimestamp, options.linkType(), frame);
                frames++;
                tagged(carried);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void tagged(List<Queued> carried) {
        if (tagListener == null) {
            return;
        }
        Object last = null;
        for (Queued q : carried) {
            if (q.tag() != null && q.tag() != last) {
                tagListener.frame(q.tag(), frames);
                last = q.tag();
            }
        }
    }
}
