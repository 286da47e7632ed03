package io.swapguard.diameter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Decodes Diameter messages (RFC 6733 §3, §4) from bytes, trusting no length: the header's
 * message length must be the bytes given (a multiple of 4, at least the header, at most the
 * configured maximum); every AVP must fit in what holds it; grouped AVPs are decoded on demand
 * with the same checks and a nesting limit. Anything else is a {@link DiameterDecodeException}
 * with a reason to count.
 */
public final class DiameterCodec {

    public static final int HEADER_LENGTH = 20;
    /** Larger than any S6a/S13/S6c/SGd message seen in practice (a full IDR is a few kB). */
    public static final int DEFAULT_MAX_MESSAGE = 65_536;
    /** Grouped AVPs nest a few levels deep (Subscription-Data → APN-Configuration-Profile → ...). */
    public static final int MAX_DEPTH = 8;
    /** More AVPs than this in one list is not a real message; it only costs memory. */
    public static final int MAX_AVPS = 4096;

    static final DiameterDecodeException SHORT = new DiameterDecodeException("shorter-than-header");
    static final DiameterDecodeException VERSION = new DiameterDecodeException("unsupported-version");
    static final DiameterDecodeException LENGTH = new DiameterDecodeException("length-mismatch");
    static final DiameterDecodeException TOO_LONG = new DiameterDecodeException("message-too-long");
    static final DiameterDecodeException UNALIGNED = new DiameterDecodeException("length-not-multiple-of-4");
    static final DiameterDecodeException AVP_SHORT = new DiameterDecodeException("avp-shorter-than-header");
    static final DiameterDecodeException AVP_OVERRUN = new DiameterDecodeException("avp-overruns-message");
    static final DiameterDecodeException TOO_DEEP = new DiameterDecodeException("groups-nested-too-deep");
    static final DiameterDecodeException TOO_MANY = new DiameterDecodeException("too-many-avps");

    private DiameterCodec() {
    }

    /**
     * The length a message starting at {@code at} announces, or -1 when what is there is not a
     * plausible Diameter header (version 1, a length of at least a header and a multiple of 4, at
     * most {@code max}, no reserved flag bits). Framing on a byte stream uses it.
     */
    public static int plausibleLength(byte[] b, int at, int end, int max) {
        if (end - at < HEADER_LENGTH || (b[at] & 0xFF) != 1 || (b[at + 4] & 0x0F) != 0) {
            return -1;
        }
        int length = u24(b, at + 1);
        if (length < HEADER_LENGTH || length > max || (length & 3) != 0) {
            return -1;
        }
        return length;
    }

    /** Decodes the message in {@code b[offset, offset+length)}, copying the bytes. */
    public static DiameterMessage decode(byte[] b, int offset, int length, int maxLength) {
        if (length < HEADER_LENGTH) {
            throw SHORT;
        }
        if ((b[offset] & 0xFF) != 1) {
            throw VERSION;
        }
        int declared = u24(b, offset + 1);
        if (declared > maxLength) {
            throw TOO_LONG;
        }
        if (declared != length) {
            throw LENGTH;
        }
        if ((declared & 3) != 0) {
            throw UNALIGNED;
        }
        byte[] own = Arrays.copyOfRange(b, offset, offset + length);
        int flags = own[4] & 0xFF;
        int command = u24(own, 5);
        long app = u32(own, 8);
        long hbh = u32(own, 12);
        long e2e = u32(own, 16);
        List<Avp> avps = avps(own, HEADER_LENGTH, length - HEADER_LENGTH, 0);
        return new DiameterMessage(flags, command, app, hbh, e2e, avps, length);
    }

    public static DiameterMessage decode(byte[] message) {
        return decode(message, 0, message.length, DEFAULT_MAX_MESSAGE);
    }

    /** The AVPs in {@code b[offset, offset+length)}. */
    static List<Avp> avps(byte[] b, int offset, int length, int depth) {
        if (depth > MAX_DEPTH) {
            throw TOO_DEEP;
        }
        List<Avp> list = new ArrayList<>(Math.min(16, length / 8 + 1));
        int p = offset;
        int end = offset + length;
        while (p < end) {
            if (end - p < 8) {
                throw AVP_SHORT;
            }
            int code = (int) u32(b, p);
            int flags = b[p + 4] & 0xFF;
            int avpLength = u24(b, p + 5);
            boolean vendor = (flags & Avp.FLAG_VENDOR) != 0;
            int header = vendor ? 12 : 8;
            if (avpLength < header) {
                throw AVP_SHORT;
            }
            if (avpLength > end - p) {
                throw AVP_OVERRUN;
            }
            long vendorId = vendor ? u32(b, p + 8) : 0;
            if (list.size() == MAX_AVPS) {
                throw TOO_MANY;
            }
            list.add(new Avp(code, flags, vendorId, b, p + header, avpLength - header, depth));
            // Padding to 4 octets; a group's last AVP may come without it (seen from some stacks).
            int padded = (avpLength + 3) & ~3;
            p += Math.min(padded, end - p);
        }
        return Collections.unmodifiableList(list);
    }

    static int u24(byte[] b, int at) {
        return (b[at] & 0xFF) << 16 | (b[at + 1] & 0xFF) << 8 | b[at + 2] & 0xFF;
    }

    static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }
}
