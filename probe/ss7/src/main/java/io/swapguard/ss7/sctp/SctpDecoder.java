package io.swapguard.ss7.sctp;

import static io.swapguard.ss7.NetworkOrder.u16;
import static io.swapguard.ss7.NetworkOrder.u32;

import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * SCTP (RFC 9260) as it appears in captures: walks every chunk of a packet (bundling), passes on
 * DATA chunks of one payload protocol (M3UA = 3), reassembles fragmented user messages (B/E flags)
 * per stream, and drops retransmitted TSNs so a retransmission is never delivered twice. Other
 * chunks are counted by type and skipped.
 *
 * <p>State is bounded: at most {@code maxFlows} association directions (least recently used
 * dropped first), each with a 4096-TSN duplicate window and at most {@link #MAX_PENDING_BYTES} of
 * fragments waiting for their message.
 */
public final class SctpDecoder {

    /** M2UA (RFC 3331): MTP3 messages of a signalling link. */
    public static final int PPID_M2UA = 2;
    public static final int PPID_M3UA = 3;
    /** SUA (RFC 3868): connectionless SCCP without MTP3. */
    public static final int PPID_SUA = 4;
    /** Diameter over SCTP (RFC 6733 §2.1); 47 is Diameter over DTLS, which a probe cannot read. */
    public static final int PPID_DIAMETER = 46;
    static final int TSN_WINDOW = 4096;
    static final int MAX_PENDING_BYTES = 256 * 1024;
    static final int MAX_PENDING_FRAGMENTS = 512;
    /** A reassembled user message above this is refused (M3UA messages are a few KB). */
    static final int MAX_MESSAGE = 64 * 1024;

    static final Rejection TRUNCATED = Rejection.of(Layer.SCTP, "truncated");
    static final Rejection BAD_CHUNK_LENGTH = Rejection.of(Layer.SCTP, "bad-chunk-length");
    static final Rejection BAD_CHECKSUM = Rejection.of(Layer.SCTP, "bad-checksum");
    static final Rejection EMPTY_DATA = Rejection.of(Layer.SCTP, "empty-data-chunk");
    static final Rejection MESSAGE_TOO_LARGE = Rejection.of(Layer.SCTP, "message-too-large");
    static final Rejection FRAGMENTS_OVERFLOW = Rejection.of(Layer.SCTP, "fragment-buffer-full");
    static final Rejection RETRANSMISSION = Rejection.ignore(Layer.SCTP, "retransmission");
    static final Rejection TSN_TOO_OLD = Rejection.ignore(Layer.SCTP, "tsn-outside-window");
    /**
     * A TSN seen before with other data: not a retransmission (captures merged from several links,
     * TSNs reused after an association restart), so the chunk is kept; counted under this reason.
     */
    static final Rejection TSN_REUSED = Rejection.ignore(Layer.SCTP, "tsn-reused-kept");
    /** How many of the latest TSNs of a flow keep a fingerprint of their data, to tell reuse from retransmission. */
    static final int FINGERPRINTS = 256;
    static final Rejection OTHER_PPID = Rejection.ignore(Layer.SCTP, "other-ppid");
    static final Rejection NO_DATA = Rejection.ignore(Layer.SCTP, "no-data-chunk");
    /**
     * Counts a flow's duplicate window started afresh because the capture went back in time (the
     * packet that showed it is still delivered): only a reordered capture does that, never a
     * retransmission, which comes later than its original.
     */
    static final Rejection WINDOW_RESET = Rejection.ignore(Layer.SCTP, "window-reset-capture-time-back");
    /** How far back a flow's capture time may step before its window restarts (a capture's own jitter). */
    static final long JUMP_BACK_NANOS = 1_000_000_000L;
    /** A packet's time when the caller has none: never restarts a window. */
    public static final long NO_TIME = Long.MIN_VALUE;

    /** Non-DATA chunks, counted by type (a fixed set of labels). */
    private static final Rejection[] OTHER_CHUNKS = new Rejection[256];

    static {
        String[] names = {"data", "init", "init-ack", "sack", "heartbeat", "heartbeat-ack", "abort", "shutdown",
            "shutdown-ack", "error", "cookie-echo", "cookie-ack", "ecne", "cwr", "shutdown-complete", "auth"};
        Rejection other = Rejection.ignore(Layer.SCTP, "chunk-other");
        for (int i = 0; i < OTHER_CHUNKS.length; i++) {
            String name = i < names.length ? names[i] : i == 64 ? "i-data" : i == 128 ? "asconf-ack"
                    : i == 192 ? "forward-tsn" : i == 193 ? "asconf" : null;
            OTHER_CHUNKS[i] = name == null ? other : Rejection.ignore(Layer.SCTP, "chunk-" + name);
        }
    }

    /** Bit n set: PPID n is delivered (the payload protocols of interest are all below 64). */
    private final long ppids;
    private final boolean verifyChecksum;
    private final int maxFlows;
    private final DecodeCounters counters;
    private final Map<SctpFlow, FlowState> flows;
    private final CRC32C crc = new CRC32C();

    public SctpDecoder(int ppid, boolean verifyChecksum, int maxFlows, DecodeCounters counters) {
        this(new int[] {ppid}, verifyChecksum, maxFlows, counters);
    }

    /** Delivers user messages of any of these payload protocols (each 0..63); the sink is told which. */
    public SctpDecoder(int[] ppids, boolean verifyChecksum, int maxFlows, DecodeCounters counters) {
        long mask = 0;
        for (int p : ppids) {
            if (p < 0 || p > 63) {
                throw new IllegalArgumentException("PPID " + p + " is not one the probe decodes");
            }
            mask |= 1L << p;
        }
        this.ppids = mask;
        this.verifyChecksum = verifyChecksum;
        this.maxFlows = maxFlows;
        this.counters = counters;
        this.flows = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<SctpFlow, FlowState> eldest) {
                return size() > SctpDecoder.this.maxFlows;
            }
        };
    }

    /** Number of association directions currently tracked. */
    public int trackedFlows() {
        return flows.size();
    }

    /**
     * Decodes one SCTP packet. Rejections of the packet as a whole are thrown; problems with single
     * chunks are counted and the other chunks still go on.
     */
    public void decode(long srcHigh, long srcLow, long dstHigh, long dstLow, byte[] b, int offset, int length,
            UserMessageSink sink) {
        decode(NO_TIME, srcHigh, srcLow, dstHigh, dstLow, b, offset, length, sink);
    }

    /**
     * Decodes one SCTP packet captured at {@code timestampNanos}. A flow whose capture time steps
     * back by more than a second (files of a split capture read in the wrong order, a capture
     * agent's clock set back) starts its duplicate window afresh, so what follows is not all
     * dropped as too old.
     */
    public void decode(long timestampNanos, long srcHigh, long srcLow, long dstHigh, long dstLow, byte[] b,
            int offset, int length, UserMessageSink sink) {
        if (length < 12) {
            throw TRUNCATED;
        }
        if (verifyChecksum && !checksumOk(b, offset, length)) {
            throw BAD_CHECKSUM;
        }
        int srcPort = u16(b, offset);
        int dstPort = u16(b, offset + 2);
        long vtag = u32(b, offset + 4);
        int end = offset + length;
        int p = offset + 12;
        SctpFlow flow = null;
        FlowState state = null;
        boolean sawData = false;
        while (end - p >= 4) {
            int type = b[p] & 0xFF;
            int flags = b[p + 1] & 0xFF;
            int chunkLength = u16(b, p + 2);
            if (chunkLength < 4 || chunkLength > end - p) {
                throw BAD_CHUNK_LENGTH; // the rest of the packet cannot be delimited
            }
            if (type == 0) {
                sawData = true;
                if (flow == null) {
                    flow = new SctpFlow(srcHigh, srcLow, dstHigh, dstLow, srcPort, dstPort, vtag);
                    state = flows.computeIfAbsent(flow, f -> new FlowState());
                    if (state.steppedBack(timestampNanos)) {
                        counters.count(WINDOW_RESET);
                    }
                }
                try {
                    data(flow, state, flags, b, p, chunkLength, sink);
                } catch (Rejection r) {
                    counters.count(r); // one bad chunk does not spoil its bundle
                }
            } else {
                counters.count(OTHER_CHUNKS[type]);
            }
            p += (chunkLength + 3) & ~3;
        }
        if (!sawData) {
            throw NO_DATA;
        }
    }

    private void data(SctpFlow flow, FlowState state, int flags, byte[] b, int p, int chunkLength,
            UserMessageSink sink) {
        if (chunkLength < 16) {
            throw TRUNCATED;
        }
        if (chunkLength == 16) {
            throw EMPTY_DATA;
        }
        long tsn = u32(b, p + 4);
        int stream = u16(b, p + 8);
        long chunkPpid = u32(b, p + 12);
        if (!state.firstSighting(tsn, fingerprint(b, p + 12, chunkLength - 12))) {
            throw state.lastWasTooOld ? TSN_TOO_OLD : RETRANSMISSION;
        }
        if (state.lastWasReuse) {
            counters.count(TSN_REUSED);
        }
        if (chunkPpid > 63 || (ppids >>> chunkPpid & 1) == 0) {
            throw OTHER_PPID;
        }
        int dataOffset = p + 16;
        int dataLength = chunkLength - 16;
        boolean begin = (flags & 2) != 0;
        boolean endFlag = (flags & 1) != 0;
        if (begin && endFlag) {
            sink.userMessage(flow, stream, chunkPpid, b, dataOffset, dataLength);
            return;
        }
        byte[] message = state.fragment(tsn, stream, begin, endFlag, b, dataOffset, dataLength, counters);
        if (message != null) {
            sink.userMessage(flow, stream, chunkPpid, message, 0, message.length);
        }
    }

    /** FNV-1a of a chunk's PPID and data: equal for a retransmission, different (almost surely) for reuse. */
    static int fingerprint(byte[] b, int offset, int length) {
        int h = 0x811C9DC5;
        for (int i = offset; i < offset + length; i++) {
            h = (h ^ (b[i] & 0xFF)) * 0x01000193;
        }
        return h;
    }

    private boolean checksumOk(byte[] b, int offset, int length) {
        long expected = (b[offset + 8] & 0xFFL) | (b[offset + 9] & 0xFFL) << 8 | (b[offset + 10] & 0xFFL) << 16
                | (b[offset + 11] & 0xFFL) << 24;
        crc.reset();
        crc.update(b, offset, 8);
        crc.update(ZEROS, 0, 4);
        crc.update(b, offset + 12, length - 12);
        return crc.getValue() == expected;
    }

    private static final byte[] ZEROS = new byte[4];

    /** The CRC-32c an SCTP packet carries, stored little-endian as RFC 9260 Appendix B prescribes. */
    public static void writeChecksum(byte[] b, int offset, int length) {
        b[offset + 8] = 0;
        b[offset + 9] = 0;
        b[offset + 10] = 0;
        b[offset + 11] = 0;
        CRC32C c = new CRC32C();
        c.update(b, offset, length);
        long v = c.getValue();
        b[offset + 8] = (byte) v;
        b[offset + 9] = (byte) (v >> 8);
        b[offset + 10] = (byte) (v >> 16);
        b[offset + 11] = (byte) (v >> 24);
    }

    /** Duplicate detection and fragment reassembly for one association direction. */
    static final class FlowState {
        private final long[] seen = new long[TSN_WINDOW / 64];
        private final long[] recentTsn = new long[FINGERPRINTS];
        private final int[] recentPrint = new int[FINGERPRINTS];
        private boolean started;
        private long highest;
        boolean lastWasTooOld;
        boolean lastWasReuse;
        private final List<Fragment> pending = new ArrayList<>(4);
        private int pendingBytes;
        private long latestNanos = NO_TIME;

        /**
         * Notes a packet's capture time; true (and the window and fragments forgotten) when it is
         * more than {@link #JUMP_BACK_NANOS} before the latest seen on this flow.
         */
        boolean steppedBack(long nanos) {
            if (nanos == NO_TIME) {
                return false;
            }
            boolean back = latestNanos != NO_TIME && nanos < latestNanos - JUMP_BACK_NANOS;
            if (back) {
                started = false;
                java.util.Arrays.fill(seen, 0);
                java.util.Arrays.fill(recentTsn, 0);
                pending.clear();
                pendingBytes = 0;
                latestNanos = nanos;
            } else if (nanos > latestNanos) {
                latestNanos = nanos;
            }
            return back;
        }

        /**
         * Records the TSN; false when it was seen before with the same data (or is too old to
         * tell). Seen before with other data is reuse: true, with {@link #lastWasReuse}.
         */
        boolean firstSighting(long tsn, int print) {
            lastWasTooOld = false;
            lastWasReuse = false;
            boolean first = firstSighting(tsn);
            int slot = (int) (tsn & (FINGERPRINTS - 1));
            if (first) {
                recentTsn[slot] = tsn + 1; // +1: 0 marks an empty slot
                recentPrint[slot] = print;
                return true;
            }
            if (!lastWasTooOld && recentTsn[slot] == tsn + 1 && recentPrint[slot] != print) {
                recentPrint[slot] = print;
                lastWasReuse = true;
                return true;
            }
            return false;
        }

        private boolean firstSighting(long tsn) {
            if (!started) {
                started = true;
                highest = tsn;
                mark(tsn);
                return true;
            }
            int diff = (int) (tsn - highest); // serial number arithmetic, RFC 1982
            if (diff > 0) {
                if (diff >= TSN_WINDOW) {
                    java.util.Arrays.fill(seen, 0);
                } else {
                    for (int k = 1; k <= diff; k++) {
                        clear((highest + k) & 0xFFFFFFFFL);
                    }
                }
                highest = tsn;
                mark(tsn);
                return true;
            }
            if (-diff >= TSN_WINDOW) {
                lastWasTooOld = true;
                return false;
            }
            if (isMarked(tsn)) {
                return false;
            }
            mark(tsn);
            return true;
        }

        private void mark(long tsn) {
            int i = (int) (tsn & (TSN_WINDOW - 1));
            seen[i >> 6] |= 1L << (i & 63);
        }

        private void clear(long tsn) {
            int i = (int) (tsn & (TSN_WINDOW - 1));
            seen[i >> 6] &= ~(1L << (i & 63));
        }

        private boolean isMarked(long tsn) {
            int i = (int) (tsn & (TSN_WINDOW - 1));
            return (seen[i >> 6] & (1L << (i & 63))) != 0;
        }

        /**
         * Adds a fragment; returns the whole message when this completes one. Fragments dropped
         * for room are counted as {@link #FRAGMENTS_OVERFLOW}, one each: their messages are lost.
         */
        byte[] fragment(long tsn, int stream, boolean begin, boolean end, byte[] b, int off, int len,
                DecodeCounters counters) {
            if (pendingBytes + len > MAX_PENDING_BYTES || pending.size() >= MAX_PENDING_FRAGMENTS) {
                // Lost fragments never complete; drop the oldest half rather than refuse everything after.
                for (int i = dropOldest(); i > 0; i--) {
                    counters.count(FRAGMENTS_OVERFLOW);
                }
                if (pendingBytes + len > MAX_PENDING_BYTES) {
                    throw FRAGMENTS_OVERFLOW;
                }
            }
            byte[] copy = java.util.Arrays.copyOfRange(b, off, off + len);
            pending.add(new Fragment(tsn, stream, begin, end, copy));
            pendingBytes += len;
            return assemble(stream, tsn);
        }

        /** Drops the oldest half of the pending fragments (at least one); returns how many went. */
        private int dropOldest() {
            int drop = Math.max(1, pending.size() / 2);
            int dropped = 0;
            for (; dropped < drop && !pending.isEmpty(); dropped++) {
                pendingBytes -= pending.remove(0).data.length;
            }
            if (pending.isEmpty()) {
                pendingBytes = 0;
            }
            return dropped;
        }

        /** Looks for B..E fragments with consecutive TSNs on the stream around {@code tsn}. */
        private byte[] assemble(int stream, long tsn) {
            Fragment first = find(stream, tsn);
            while (first != null && !first.begin) {
                Fragment prev = find(stream, (first.tsn - 1) & 0xFFFFFFFFL);
                if (prev == null) {
                    return null;
                }
                first = prev;
            }
            if (first == null) {
                return null;
            }
            int total = 0;
            int count = 0;
            Fragment f = first;
            while (true) {
                total += f.data.length;
                count++;
                if (total > MAX_MESSAGE) {
                    removeRun(stream, first.tsn, count);
                    throw MESSAGE_TOO_LARGE;
                }
                if (f.end) {
                    break;
                }
                f = find(stream, (f.tsn + 1) & 0xFFFFFFFFL);
                if (f == null || f.begin) {
                    return null;
                }
            }
            byte[] message = new byte[total];
            int at = 0;
            long t = first.tsn;
            for (int i = 0; i < count; i++) {
                Fragment part = find(stream, t);
                System.arraycopy(part.data, 0, message, at, part.data.length);
                at += part.data.length;
                t = (t + 1) & 0xFFFFFFFFL;
            }
            removeRun(stream, first.tsn, count);
            return message;
        }

        private Fragment find(int stream, long tsn) {
            for (Fragment f : pending) {
                if (f.tsn == tsn && f.stream == stream) {
                    return f;
                }
            }
            return null;
        }

        private void removeRun(int stream, long firstTsn, int count) {
            for (Iterator<Fragment> it = pending.iterator(); it.hasNext(); ) {
                Fragment f = it.next();
                long offset = (f.tsn - firstTsn) & 0xFFFFFFFFL;
                if (f.stream == stream && offset < count) {
                    pendingBytes -= f.data.length;
                    it.remove();
                }
            }
        }
    }

    record Fragment(long tsn, int stream, boolean begin, boolean end, byte[] data) {
    }
}
