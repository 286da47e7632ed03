package io.swapguard.ss7.m2ua;

import static io.swapguard.ss7.NetworkOrder.u32;

import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.m3ua.M3uaData;
import io.swapguard.ss7.ua.UaFormat;

/**
 * M2UA (RFC 3331): reads the common header and, for MAUP Data, the MTP3 message it carries
 * (Protocol Data 1, or Protocol Data 2 after its TTC priority octet): the service information
 * octet and the ITU-T Q.704 routing label (14-bit point codes, as tshark's MTP3 default reads
 * them). The result is the same MTP3 transfer an M3UA DATA gives, so the rest of the path is
 * shared. Link state, retrieval and management messages are recognised and reported as ignored.
 */
public final class M2uaDecoder {

    static final int CLASS_MAUP = 6;
    static final int TYPE_DATA = 1;
    static final int TAG_INTERFACE_ID_INTEGER = 0x0001;
    static final int TAG_PROTOCOL_DATA_1 = 0x0300;
    static final int TAG_PROTOCOL_DATA_2 = 0x0301;

    static final UaFormat FORMAT = new UaFormat(Layer.M2UA);
    static final Rejection NO_PROTOCOL_DATA = Rejection.of(Layer.M2UA, "data-without-protocol-data");
    static final Rejection SHORT_MTP3 = Rejection.of(Layer.M2UA, "mtp3-shorter-than-routing-label");
    static final Rejection MGMT = Rejection.ignore(Layer.M2UA, "mgmt");
    static final Rejection ASPSM = Rejection.ignore(Layer.M2UA, "aspsm");
    static final Rejection ASPTM = Rejection.ignore(Layer.M2UA, "asptm");
    static final Rejection IIM = Rejection.ignore(Layer.M2UA, "iim");
    static final Rejection MAUP_OTHER = Rejection.ignore(Layer.M2UA, "maup-link-control");
    static final Rejection UNKNOWN_CLASS = Rejection.of(Layer.M2UA, "unknown-class");

    private M2uaDecoder() {
    }

    /** The MTP3 transfer of an M2UA Data message; {@code routingContext} is its Interface Identifier (or -1). */
    public static M3uaData decode(byte[] b, int offset, int length) {
        int end = FORMAT.messageEnd(b, offset, length);
        int type = UaFormat.messageType(b, offset);
        switch (UaFormat.messageClass(b, offset)) {
            case 0 -> throw MGMT;
            case 3 -> throw ASPSM;
            case 4 -> throw ASPTM;
            case 10 -> throw IIM;
            case CLASS_MAUP -> {
                if (type != TYPE_DATA) {
                    throw MAUP_OTHER;
                }
            }
            default -> throw UNKNOWN_CLASS;
        }
        long interfaceId = -1;
        for (int p = offset + UaFormat.HEADER, next; UaFormat.hasParameter(p, end); p = next) {
            next = FORMAT.next(b, p, end);
            int tag = UaFormat.tag(b, p);
            int v = UaFormat.value(p);
            int vLength = UaFormat.valueLength(b, p);
            if (tag == TAG_INTERFACE_ID_INTEGER && vLength == 4) {
                interfaceId = u32(b, v);
            } else if (tag == TAG_PROTOCOL_DATA_1 || tag == TAG_PROTOCOL_DATA_2) {
                int skip = tag == TAG_PROTOCOL_DATA_2 ? 1 : 0; // the TTC message priority octet
                return mtp3(b, v + skip, vLength - skip, interfaceId);
            }
        }
        throw NO_PROTOCOL_DATA;
    }

    /** SIO, then the ITU routing label (DPC 14 bits, OPC 14 bits, SLS 4 bits, least significant first). */
    private static M3uaData mtp3(byte[] b, int p, int length, long interfaceId) {
        if (length < 5) {
            throw SHORT_MTP3;
        }
        int sio = b[p] & 0xFF;
        long label = (b[p + 1] & 0xFFL) | (b[p + 2] & 0xFFL) << 8 | (b[p + 3] & 0xFFL) << 16 | (b[p + 4] & 0xFFL) << 24;
        int dpc = (int) (label & 0x3FFF);
        int opc = (int) ((label >> 14) & 0x3FFF);
        int sls = (int) (label >> 28);
        return new M3uaData(opc, dpc, sio & 0x0F, sio >> 6, sls, interfaceId, b, p + 5, length - 5);
    }
}
