package io.swapguard.ss7.sua;

import static io.swapguard.ss7.NetworkOrder.u16;
import static io.swapguard.ss7.NetworkOrder.u32;

import io.swapguard.event.GlobalTitle;
import io.swapguard.event.SccpAddress;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.sccp.SccpMessage;
import io.swapguard.ss7.ua.UaFormat;

/**
 * SUA (RFC 3868): connectionless data (CLDT) and its returned form (CLDR) become the SCCP message
 * the rest of the path reads, a UDT or UDTS with the same addresses, protocol class, return cause
 * and segmentation. SUA addresses carry global title, point code and SSN as tagged parameters;
 * every length is checked against the message. Connection-oriented and management messages are
 * recognised and reported as ignored by class.
 */
public final class SuaDecoder {

    static final int CLASS_CL = 7;
    static final int TYPE_CLDT = 1;
    static final int TYPE_CLDR = 2;

    static final int TAG_ROUTING_CONTEXT = 0x0006;
    static final int TAG_SOURCE_ADDRESS = 0x0102;
    static final int TAG_DESTINATION_ADDRESS = 0x0103;
    static final int TAG_SCCP_CAUSE = 0x0106;
    static final int TAG_DATA = 0x010B;
    static final int TAG_PROTOCOL_CLASS = 0x0115;
    static final int TAG_SEQUENCE_CONTROL = 0x0116;
    static final int TAG_SEGMENTATION = 0x0117;
    static final int TAG_GLOBAL_TITLE = 0x8001;
    static final int TAG_POINT_CODE = 0x8002;
    static final int TAG_SSN = 0x8003;
    static final int ROUTE_ON_GT = 1;
    static final int ROUTE_ON_SSN_PC = 2;

    static final UaFormat FORMAT = new UaFormat(Layer.SUA);
    static final Rejection BAD_PARAMETER_LENGTH = FORMAT.badParameterLength();
    static final Rejection BAD_ADDRESS = Rejection.of(Layer.SUA, "bad-address");
    static final Rejection BAD_GT = Rejection.of(Layer.SUA, "bad-global-title");
    static final Rejection MISSING_PARAMETER = Rejection.of(Layer.SUA, "missing-mandatory-parameter");
    static final Rejection MGMT = Rejection.ignore(Layer.SUA, "mgmt");
    static final Rejection SSNM = Rejection.ignore(Layer.SUA, "ssnm");
    static final Rejection ASPSM = Rejection.ignore(Layer.SUA, "aspsm");
    static final Rejection ASPTM = Rejection.ignore(Layer.SUA, "asptm");
    static final Rejection RKM = Rejection.ignore(Layer.SUA, "rkm");
    static final Rejection CONNECTION_ORIENTED = Rejection.ignore(Layer.SUA, "connection-oriented");
    static final Rejection CL_OTHER = Rejection.of(Layer.SUA, "unknown-connectionless-type");
    static final Rejection UNKNOWN_CLASS = Rejection.of(Layer.SUA, "unknown-class");

    private static final char[] BCD = "0123456789abcdef".toCharArray();

    private SuaDecoder() {
    }

    /** The CLDT/CLDR as an SCCP UDT/UDTS; its data is at {@code b[offset(), offset()+length())}. */
    public static SccpMessage decode(byte[] b, int offset, int length) {
        int end = FORMAT.messageEnd(b, offset, length);
        int type = UaFormat.messageType(b, offset);
        switch (UaFormat.messageClass(b, offset)) {
            case 0 -> throw MGMT;
            case 2 -> throw SSNM;
            case 3 -> throw ASPSM;
            case 4 -> throw ASPTM;
            case 8 -> throw CONNECTION_ORIENTED;
            case 9 -> throw RKM;
            case CLASS_CL -> {
                if (type != TYPE_CLDT && type != TYPE_CLDR) {
                    throw CL_OTHER;
                }
            }
            default -> throw UNKNOWN_CLASS;
        }
        boolean returned = type == TYPE_CLDR;
        SccpAddress calling = null;
        SccpAddress called = null;
        int protocolClass = returned ? -1 : 0;
        int cause = -1;
        int dataOffset = -1;
        int dataLength = 0;
        long segmentation = -1;
        for (int p = offset + UaFormat.HEADER, next; UaFormat.hasParameter(p, end); p = next) {
            next = FORMAT.next(b, p, end);
            int v = UaFormat.value(p);
            int vLength = UaFormat.valueLength(b, p);
            switch (UaFormat.tag(b, p)) {
                case TAG_SOURCE_ADDRESS -> calling = address(b, v, vLength);
                case TAG_DESTINATION_ADDRESS -> called = address(b, v, vLength);
                case TAG_PROTOCOL_CLASS -> protocolClass = word(b, v, vLength) & 0x03;
                case TAG_SCCP_CAUSE -> cause = word(b, v, vLength) & 0xFF;
                case TAG_DATA -> {
                    dataOffset = v;
                    dataLength = vLength;
                }
                case TAG_SEGMENTATION -> segmentation = word(b, v, vLength) & 0xFFFFFFFFL;
                default -> {
                    // routing context, hop count, importance, priority, sequence control, correlation id
                }
            }
        }
        if (calling == null || called == null || dataOffset < 0) {
            throw MISSING_PARAMETER;
        }
        // First/Remaining octet (F bit, 7-bit count of segments still to come), then a 24-bit reference.
        SccpMessage.Segmentation segment = segmentation < 0 ? null : new SccpMessage.Segmentation(
                (segmentation & 0x8000_0000L) != 0, Math.max(protocolClass, 0), (int) (segmentation >> 24) & 0x7F,
                (int) segmentation & 0xFFFFFF);
        return new SccpMessage(returned ? SccpMessage.UDTS : SccpMessage.UDT, protocolClass, cause, called, calling,
                b, dataOffset, dataLength, segment);
    }

    private static int word(byte[] b, int v, int length) {
        if (length != 4) {
            throw BAD_PARAMETER_LENGTH;
        }
        return (int) u32(b, v);
    }

    /** Routing indicator, address indicator, then Global Title, Point Code and SSN parameters in any order. */
    private static SccpAddress address(byte[] b, int p, int length) {
        if (length < 4) {
            throw BAD_ADDRESS;
        }
        int routingIndicator = u16(b, p);
        int end = p + length;
        int pc = -1;
        int ssn = 0;
        GlobalTitle gt = null;
        for (int q = p + 4, next; UaFormat.hasParameter(q, end); q = next) {
            next = UaFormat.next(b, q, end, BAD_ADDRESS);
            int v = UaFormat.value(q);
            int vLength = UaFormat.valueLength(b, q);
            switch (UaFormat.tag(b, q)) {
                case TAG_POINT_CODE -> {
                    if (vLength != 4) {
                        throw BAD_ADDRESS;
                    }
                    long code = u32(b, v);
                    if (code > 0xFFFFFF) {
                        throw BAD_ADDRESS;
                    }
                    pc = (int) code;
                }
                case TAG_SSN -> {
                    if (vLength != 4) {
                        throw BAD_ADDRESS;
                    }
                    ssn = b[v + 3] & 0xFF;
                }
                case TAG_GLOBAL_TITLE -> gt = globalTitle(b, v, vLength);
                default -> {
                    // IPv4/IPv6 address, hostname: not needed for the subscriber's story
                }
            }
        }
        return new SccpAddress(routingIndicator != ROUTE_ON_SSN_PC, pc, ssn, gt);
    }

    /** Reserved (3), GTI, number of digits, TT, NP, NAI, then BCD digits, first digit in the low nibble. */
    private static GlobalTitle globalTitle(byte[] b, int v, int length) {
        if (length < 8) {
            throw BAD_GT;
        }
        int gti = b[v + 3] & 0xFF;
        int digits = b[v + 4] & 0xFF;
        int tt = b[v + 5] & 0xFF;
        int np = b[v + 6] & 0xFF;
        int nai = b[v + 7] & 0x7F;
        if (gti < 1 || gti > 4 || np > 15 || digits > GlobalTitle.MAX_DIGITS || (digits + 1) / 2 > length - 8) {
            throw BAD_GT;
        }
        char[] d = new char[digits];
        for (int i = 0; i < digits; i++) {
            int octet = b[v + 8 + i / 2] & 0xFF;
            d[i] = BCD[(i & 1) == 0 ? octet & 0x0F : octet >> 4];
        }
        return new GlobalTitle(gti, tt, np, nai, new String(d));
    }
}
