package io.swapguard.ss7.m2ua;

import static io.swapguard.ss7.NetworkOrder.put16;
import static io.swapguard.ss7.NetworkOrder.put32;

/** Builds M2UA MAUP Data messages around an MTP3 message with an ITU routing label. */
public final class M2uaEncoder {

    private M2uaEncoder() {
    }

    /**
     * A MAUP Data message with an integer Interface Identifier and Protocol Data 1 holding SIO,
     * routing label and {@code payload}.
     *
     * @throws IllegalArgumentException for a point code that does not fit the 14-bit ITU format
     */
    public static byte[] data(long interfaceId, int opc, int dpc, int si, int ni, int sls, byte[] payload) {
        if (opc < 0 || opc > 0x3FFF || dpc < 0 || dpc > 0x3FFF) {
            throw new IllegalArgumentException("ITU point codes are 14 bits: opc " + opc + ", dpc " + dpc);
        }
        int pdLength = 4 + 5 + payload.length;
        int total = 8 + 8 + ((pdLength + 3) & ~3);
        byte[] m = new byte[total];
        m[0] = 1;
        m[2] = M2uaDecoder.CLASS_MAUP;
        m[3] = M2uaDecoder.TYPE_DATA;
        put32(m, 4, total);
        put16(m, 8, M2uaDecoder.TAG_INTERFACE_ID_INTEGER);
        put16(m, 10, 8);
        put32(m, 12, interfaceId);
        int p = 16;
        put16(m, p, M2uaDecoder.TAG_PROTOCOL_DATA_1);
        put16(m, p + 2, pdLength);
        m[p + 4] = (byte) (ni << 6 | si & 0x0F);
        long label = dpc | (long) opc << 14 | (long) (sls & 0x0F) << 28;
        for (int i = 0; i < 4; i++) {
            m[p + 5 + i] = (byte) (label >> (8 * i));
        }
        System.arraycopy(payload, 0, m, p + 9, payload.length);
        return m;
    }
}
