package io.swapguard.ss7.m3ua;

import static io.swapguard.ss7.NetworkOrder.put16;
import static io.swapguard.ss7.NetworkOrder.put32;

/** Builds M3UA messages: DATA around a user part payload, and ASP management for realistic links. */
public final class M3uaEncoder {

    private M3uaEncoder() {
    }

    /** A Transfer/DATA message with Routing Context (if &ge; 0) and Protocol Data. */
    public static byte[] data(long routingContext, int opc, int dpc, int si, int ni, int sls, byte[] payload) {
        int rc = routingContext >= 0 ? 8 : 0;
        int pdLength = 16 + payload.length;
        int padded = (pdLength + 3) & ~3;
        int total = 8 + rc + padded;
        byte[] m = new byte[total];
        m[0] = 1;
        m[2] = 1;
        m[3] = 1;
        put32(m, 4, total);
        int p = 8;
        if (rc > 0) {
            put16(m, p, M3uaDecoder.TAG_ROUTING_CONTEXT);
            put16(m, p + 2, 8);
            put32(m, p + 4, routingContext);
            p += 8;
        }
        put16(m, p, M3uaDecoder.TAG_PROTOCOL_DATA);
        put16(m, p + 2, pdLength);
        put32(m, p + 4, opc);
        put32(m, p + 8, dpc);
        m[p + 12] = (byte) si;
        m[p + 13] = (byte) ni;
        m[p + 14] = 0;
        m[p + 15] = (byte) sls;
        System.arraycopy(payload, 0, m, p + 16, payload.length);
        return m;
    }

    /** An ASPSM BEAT (heartbeat) message: management traffic the probe must recognise and skip. */
    public static byte[] beat() {
        byte[] m = new byte[8];
        m[0] = 1;
        m[2] = 3;
        m[3] = 3;
        put32(m, 4, 8);
        return m;
    }
}
