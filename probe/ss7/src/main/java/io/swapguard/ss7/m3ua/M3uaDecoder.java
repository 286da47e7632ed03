package io.swapguard.ss7.m3ua;

import static io.swapguard.ss7.NetworkOrder.u16;
import static io.swapguard.ss7.NetworkOrder.u32;

import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;

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

    static final Rejection TRUNCATED = Rejection.of(Layer.M3UA, "truncated");
    static final Rejection BAD_VERSION = Rejection.of(Layer.M3UA, "bad-version");
    static final Rejection BAD_LENGTH = Rejection.of(Layer.M3UA, "bad-length");
    static final Rejection BAD_PARAMETER_LENGTH = Rejection.of(Layer.M3UA, "bad-parameter-length");
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
        if (length < 8) {
            throw TRUNCATED;
        }
        if (b[offset] != 1) {
            throw BAD_VERSION;
        }
        int messageClass = b[offset + 2] & 0xFF;
        int type = b[offset + 3] & 0xFF;
        long messageLength = u32(b, offset + 4);
        if (messageLength < 8 || messageLength > length) {
            throw BAD_LENGTH;
        }
        switch (messageClass) {
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
        int end = offset + (int) messageLength;
        int p = offset + 8;
        long routingContext = -1;
        while (end - p >= 4) {
            int tag = u16(b, p);
            int paramLength = u16(b, p + 2);
            if (paramLength < 4 || paramLength > end - p) {
                throw BAD_PARAMETER_LENGTH;
            }
            if (tag == TAG_ROUTING_CONTEXT && paramLength >= 8) {
                routingContext = u32(b, p + 4);
            } else if (tag == TAG_PROTOCOL_DATA) {
                if (paramLength < 16) {
                    throw BAD_PARAMETER_LENGTH;
                }
                int opc = (int) u32(b, p + 4);
                int dpc = (int) u32(b, p + 8);
                if (opc < 0 || opc > 0xFFFFFF || dpc < 0 || dpc > 0xFFFFFF) {
                    throw BAD_PARAMETER_LENGTH;
                }
                int si = b[p + 12] & 0xFF;
                int ni = b[p + 13] & 0xFF;
                int sls = b[p + 15] & 0xFF;
                return new M3uaData(opc, dpc, si, ni, sls, routingContext, b, p + 16, paramLength - 16);
            }
            p += (paramLength + 3) & ~3;
        }
        throw NO_PROTOCOL_DATA;
    }
}
