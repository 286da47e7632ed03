package io.swapguard.ss7.m3ua;

import static io.swapguard.ss7.NetworkOrder.u32;

import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.ua.UaFormat;

/**
 * M3UA (RFC 4666): reads the common header and, for Transfer/DATA, the parameters, returning the
 * Protocol Data. Management, SSNM, ASPSM, ASPTM and RKM messages are recognised and reported as
 * ignored by class and type; parameter lengths are checked against the message.
 */
public final class M3uaDecoder {

    static final int TAG_NETWORK_APPEARANCE = 0x0200;
    static final int TAG_ROUTING_CONTEXT = 0x0006;
    static final int TAG_PROTOCOL_DATA = 0x0210;
    static final int TAG_CORRELATION_ID = 0x0013;

    static final UaFormat FORMAT = new UaFormat(Layer.M3UA);
    static final Rejection BAD_PARAMETER_LENGTH = FORMAT.badParameterLength();
    static final Rejection NO_PROTOCOL_DATA = Rejection.of(Layer.M3UA, "data-without-protocol-data");
    static final Rejection MGMT = Rejection.ignore(Layer.M3UA, "mgmt");
    static final Rejection SSNM = Rejection.ignore(Layer.M3UA, "ssnm");
    static final Rejection ASPSM = Rejection.ignore(Layer.M3UA, "aspsm");
    static final Rejection ASPTM = Rejection.ignore(Layer.M3UA, "asptm");
    static final Rejection RKM = Rejection.ignore(Layer.M3UA, "rkm");
    static final Rejection TRANSFER_OTHER = Rejection.ignore(Layer.M3UA, "transfer-other");
    static final Rejection UNKNOWN_CLASS = Rejection.of(Layer.M3UA, "unknown-class");

    private M3uaDecoder() {
    }

    public static M3uaData decode(byte[] b, int offset, int length) {
        int end = FORMAT.messageEnd(b, offset, length);
        int type = UaFormat.messageType(b, offset);
        switch (UaFormat.messageClass(b, offset)) {
            case 0 -> throw MGMT;
            case 1 -> {
                if (type != 1) {
                    throw TRANSFER_OTHER;
                }
            }
            case 2 -> throw SSNM;
            case 3 -> throw ASPSM;
            case 4 -> throw ASPTM;
            case 9 -> throw RKM;
            default -> throw UNKNOWN_CLASS;
        }
        long routingContext = -1;
        for (int p = offset + UaFormat.HEADER, next; UaFormat.hasParameter(p, end); p = next) {
            next = FORMAT.next(b, p, end);
            int tag = UaFormat.tag(b, p);
            int v = UaFormat.value(p);
            int vLength = UaFormat.valueLength(b, p);
            if (tag == TAG_ROUTING_CONTEXT && vLength >= 4) {
                routingContext = u32(b, v);
            } else if (tag == TAG_PROTOCOL_DATA) {
                if (vLength < 12) {
                    throw BAD_PARAMETER_LENGTH;
                }
                int opc = (int) u32(b, v);
                int dpc = (int) u32(b, v + 4);
                if (opc < 0 || opc > 0xFFFFFF || dpc < 0 || dpc > 0xFFFFFF) {
                    throw BAD_PARAMETER_LENGTH;
                }
                int si = b[v + 8] & 0xFF;
                int ni = b[v + 9] & 0xFF;
                int sls = b[v + 11] & 0xFF;
                return new M3uaData(opc, dpc, si, ni, sls, routingContext, b, v + 12, vLength - 12);
            }
        }
        throw NO_PROTOCOL_DATA;
    }
}
