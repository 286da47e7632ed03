package io.swapguard.ss7.sccp;

import io.swapguard.event.SccpAddress;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connectionless SCCP (ITU-T Q.713): UDT, XUDT, LUDT and the service messages UDTS, XUDTS, LUDTS.
 * Every pointer and length is checked against the message. Segmented XUDTs are reassembled per
 * (calling address, local reference), with bounded, expiring state: at most {@code maxPending}
 * messages in reassembly, dropped after {@link #SEGMENT_TIMEOUT_NANOS} of capture time or when
 * the same caller begins the same local reference again.
 * Connection-oriented classes are counted and skipped.
 */
public final class SccpDecoder {

    static final long SEGMENT_TIMEOUT_NANOS = 30_000_000_000L;
    static final int MAX_SEGMENTS = 16;
    static final int MAX_REASSEMBLED = 16 * 1024;

    static final Rejection TRUNCATED = Rejection.of(Layer.SCCP, "truncated");
    static final Rejection BAD_POINTER = Rejection.of(Layer.SCCP, "bad-pointer");
    static final Rejection BAD_OPTIONAL_PART = Rejection.of(Layer.SCCP, "bad-optional-part");
    static final Rejection CONNECTION_ORIENTED = Rejection.ignore(Layer.SCCP, "connection-oriented");
    static final Rejection UNKNOWN_TYPE = Rejection.of(Layer.SCCP, "unknown-message-type");
    static final Rejection SEGMENT_PENDING = Rejection.ignore(Layer.SCCP, "segment-awaiting-rest");
    static final Rejection SEGMENT_ORPHAN = Rejection.of(Layer.SCCP, "segment-without-first");
    static final Rejection SEGMENT_TOO_LARGE = Rejection.of(Layer.SCCP, "segmented-message-too-large");
    static final Rejection SEGMENT_EXPIRED = Rejection.of(Layer.SCCP, "segments-expired");
    static final Rejection SEGMENT_EVICTED = Rejection.of(Layer.SCCP, "segments-evicted");
    static final Rejection SEGMENT_SUPERSEDED = Rejection.of(Layer.SCCP, "segments-superseded");

    private final int maxPending;
    private final DecodeCounters counters;
    private final Map<SegmentKey, Pending> pending;

    public SccpDecoder(int maxPending, DecodeCounters counters) {
        this.maxPending = maxPending;
        this.counters = counters;
        this.pending = new LinkedHashMap<>(64, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<SegmentKey, Pending> eldest) {
                if (size() > SccpDecoder.this.maxPending) {
                    SccpDecoder.this.counters.count(SEGMENT_EVICTED);
                    return true;
                }
                return false;
            }
        };
    }

    public int pendingSegmentedMessages() {
        return pending.size();
    }

    /**
     * Decodes one SCCP message. For a segment that is not the last, throws {@link #SEGMENT_PENDING}
     * (an ignore: the message is counted when it completes).
     */
    public SccpMessage decode(byte[] b, int offset, int length, long captureNanos) {
        if (length < 1) {
            throw TRUNCATED;
        }
        int end = offset + length;
        int type = b[offset] & 0xFF;
        return switch (type) {
            case SccpMessage.UDT, SccpMessage.UDTS -> udt(type, b, offset, end);
            case SccpMessage.XUDT, SccpMessage.XUDTS -> xudt(type, b, offset, end, captureNanos);
            case SccpMessage.LUDT, SccpMessage.LUDTS -> ludt(type, b, offset, end);
            case 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10 ->
                throw CONNECTION_ORIENTED;
            default -> throw UNKNOWN_TYPE;
        };
    }

    private SccpMessage udt(int type, byte[] b, int offset, int end) {
        if (end - offset < 5) {
            throw TRUNCATED;
        }
        int classOrCause = b[offset + 1] & 0xFF;
        int ptrBase = offset + 2;
        int[] called = variable(b, ptrBase, end, 1);
        int[] calling = variable(b, ptrBase + 1, end, 1);
        int[] data = variable(b, ptrBase + 2, end, 1);
        boolean service = type == SccpMessage.UDTS;
        return new SccpMessage(type, service ? -1 : classOrCause & 0x0F, service ? classOrCause : -1,
                SccpAddressCodec.decode(b, called[0], called[1]), SccpAddressCodec.decode(b, calling[0], calling[1]),
                b, data[0], data[1], null);
    }

    private SccpMessage xudt(int type, byte[] b, int offset, int end, long now) {
        if (end - offset < 7) {
            throw TRUNCATED;
        }
        int classOrCause = b[offset + 1] & 0xFF;
        int ptrBase = offset + 3; // after type, class/cause, hop counter
        int[] called = variable(b, ptrBase, end, 1);
        int[] calling = variable(b, ptrBase + 1, end, 1);
        int[] data = variable(b, ptrBase + 2, end, 1);
        SccpMessage.Segmentation seg = optionalPart(b, ptrBase + 3, end, 1);
        boolean service = type == SccpMessage.XUDTS;
        SccpAddress calledAddress = SccpAddressCodec.decode(b, called[0], called[1]);
        SccpAddress callingAddress = SccpAddressCodec.decode(b, calling[0], calling[1]);
        SccpMessage m = new SccpMessage(type, service ? -1 : classOrCause & 0x0F, service ? classOrCause : -1,
                calledAddress, callingAddress, b, data[0], data[1], seg);
        return reassembled(m, now);
    }

    /**
     * The message itself when it is whole, or, for a segment, the message it completes (throwing
     * {@link #SEGMENT_PENDING} while segments are missing). Also for the segments of other
     * adaptations that carry an SCCP segmentation (SUA).
     */
    public SccpMessage reassembled(SccpMessage m, long now) {
        SccpMessage.Segmentation seg = m.segmentation();
        if (seg == null || (seg.first() && seg.remaining() == 0)) {
            return m;
        }
        return reassemble(m, now);
    }

    private SccpMessage ludt(int type, byte[] b, int offset, int end) {
        if (end - offset < 11) {
            throw TRUNCATED;
        }
        int classOrCause = b[offset + 1] & 0xFF;
        int ptrBase = offset + 3;
        int[] called = variable(b, ptrBase, end, 2);
        int[] calling = variable(b, ptrBase + 2, end, 2);
        int[] data = longData(b, ptrBase + 4, end);
        boolean service = type == SccpMessage.LUDTS;
        return new SccpMessage(type, service ? -1 : classOrCause & 0x0F, service ? classOrCause : -1,
                SccpAddressCodec.decode(b, called[0], called[1]), SccpAddressCodec.decode(b, calling[0], calling[1]),
                b, data[0], data[1], null);
    }

    /** The variable part a pointer at {@code ptrAt} points to: {offset of contents, length}. */
    private static int[] variable(byte[] b, int ptrAt, int end, int pointerSize) {
        if (ptrAt + pointerSize > end) {
            throw TRUNCATED;
        }
        int ptr = pointerSize == 1 ? b[ptrAt] & 0xFF : (b[ptrAt] & 0xFF) | (b[ptrAt + 1] & 0xFF) << 8;
        if (ptr == 0) {
            throw BAD_POINTER;
        }
        int at = ptrAt + ptr;
        if (at >= end) {
            throw BAD_POINTER;
        }
        int len = b[at] & 0xFF;
        if (len > end - at - 1) {
            throw TRUNCATED;
        }
        return new int[] {at + 1, len};
    }

    private static int[] longData(byte[] b, int ptrAt, int end) {
        if (ptrAt + 2 > end) {
            throw TRUNCATED;
        }
        int ptr = (b[ptrAt] & 0xFF) | (b[ptrAt + 1] & 0xFF) << 8;
        if (ptr == 0) {
            throw BAD_POINTER;
        }
        int at = ptrAt + ptr;
        if (at + 2 > end) {
            throw BAD_POINTER;
        }
        int len = (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
        if (len > end - at - 2) {
            throw TRUNCATED;
        }
        return new int[] {at + 2, len};
    }

    private static SccpMessage.Segmentation optionalPart(byte[] b, int ptrAt, int end, int pointerSize) {
        if (ptrAt + pointerSize > end) {
            throw TRUNCATED;
        }
        int ptr = b[ptrAt] & 0xFF;
        if (ptr == 0) {
            return null;
        }
        int p = ptrAt + ptr;
        if (p > end) {
            throw BAD_OPTIONAL_PART;
        }
        SccpMessage.Segmentation seg = null;
        while (p < end) {
            int name = b[p] & 0xFF;
            if (name == 0) {
                return seg; // end of optional parameters
            }
            if (end - p < 2) {
                throw BAD_OPTIONAL_PART;
            }
            int len = b[p + 1] & 0xFF;
            if (len > end - p - 2) {
                throw BAD_OPTIONAL_PART;
            }
            if (name == 0x10) {
                if (len != 4) {
                    throw BAD_OPTIONAL_PART;
                }
                int first = b[p + 2] & 0xFF;
                int ref = (b[p + 3] & 0xFF) << 16 | (b[p + 4] & 0xFF) << 8 | (b[p + 5] & 0xFF);
                seg = new SccpMessage.Segmentation((first & 0x80) != 0, (first >> 6) & 1, first & 0x0F, ref);
            }
            p += 2 + len;
        }
        return seg; // missing end-of-optional-parameters octet: tolerated
    }

    private SccpMessage reassemble(SccpMessage m, long now) {
        expire(now);
        SccpMessage.Segmentation seg = m.segmentation();
        SegmentKey key = new SegmentKey(m.calling(), seg.localReference());
        Pending p = pending.get(key);
        if (seg.first()) {
            if (seg.remaining() + 1 > MAX_SEGMENTS) {
                throw SEGMENT_TOO_LARGE;
            }
            if (pending.remove(key) != null) {
                // The same caller began the same reference again: the first attempt is lost. Taken
                // out and put back, the new one moves to the end of the expiry order.
                counters.count(SEGMENT_SUPERSEDED);
            }
            p = new Pending(now, seg.remaining());
            pending.put(key, p);
        } else if (p == null || seg.remaining() != p.expectedRemaining) {
            pending.remove(key);
            throw SEGMENT_ORPHAN;
        }
        if (p.bytes + m.length() > MAX_REASSEMBLED) {
            pending.remove(key);
            throw SEGMENT_TOO_LARGE;
        }
        p.parts.add(java.util.Arrays.copyOfRange(m.buffer(), m.offset(), m.offset() + m.length()));
        p.bytes += m.length();
        p.expectedRemaining = seg.remaining() - 1;
        if (seg.remaining() > 0) {
            throw SEGMENT_PENDING;
        }
        pending.remove(key);
        byte[] whole = new byte[p.bytes];
        int at = 0;
        for (byte[] part : p.parts) {
            System.arraycopy(part, 0, whole, at, part.length);
            at += part.length;
        }
        return new SccpMessage(m.type(), seg.protocolClass(), m.returnCause(), m.called(), m.calling(), whole, 0,
                whole.length, seg);
    }

    private void expire(long now) {
        for (var it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (now - p.started > SEGMENT_TIMEOUT_NANOS) {
                it.remove();
                counters.count(SEGMENT_EXPIRED);
            } else {
                break; // insertion order: the rest are younger
            }
        }
    }

    private record SegmentKey(SccpAddress calling, int localReference) {
    }

    private static final class Pending {
        final long started;
        int expectedRemaining;
        int bytes;
        final List<byte[]> parts = new ArrayList<>(4);

        Pending(long started, int remaining) {
            this.started = started;
            this.expectedRemaining = remaining;
        }
    }
}
