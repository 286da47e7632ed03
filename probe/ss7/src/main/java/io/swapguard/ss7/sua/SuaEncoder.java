package io.swapguard.ss7.sua;

import static io.swapguard.ss7.NetworkOrder.put16;
import static io.swapguard.ss7.NetworkOrder.put32;

import io.swapguard.event.GlobalTitle;
import io.swapguard.event.SccpAddress;
import java.io.ByteArrayOutputStream;

/** Builds SUA connectionless data (CLDT) messages, the SIGTRAN form of an SCCP UDT. */
public final class SuaEncoder {

    private SuaEncoder() {
    }

    /** A CLDT with Routing Context (if &ge; 0), protocol class, source and destination address, and the data. */
    public static byte[] cldt(long routingContext, int protocolClass, SccpAddress called, SccpAddress calling,
            byte[] data) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 + data.length);
        if (routingContext >= 0) {
            parameter(body, SuaDecoder.TAG_ROUTING_CONTEXT, word(routingContext));
        }
        parameter(body, SuaDecoder.TAG_PROTOCOL_CLASS, word(protocolClass));
        parameter(body, SuaDecoder.TAG_SOURCE_ADDRESS, address(calling));
        parameter(body, SuaDecoder.TAG_DESTINATION_ADDRESS, address(called));
        parameter(body, SuaDecoder.TAG_SEQUENCE_CONTROL, word(0));
        parameter(body, SuaDecoder.TAG_DATA, data);
        byte[] m = new byte[8 + body.size()];
        m[0] = 1;
        m[2] = SuaDecoder.CLASS_CL;
        m[3] = SuaDecoder.TYPE_CLDT;
        put32(m, 4, m.length);
        System.arraycopy(body.toByteArray(), 0, m, 8, body.size());
        return m;
    }

    private static byte[] address(SccpAddress a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        GlobalTitle gt = a.globalTitle();
        int indicator = (a.ssn() > 0 ? 1 : 0) | (a.pointCode() >= 0 ? 2 : 0) | (gt != null ? 4 : 0);
        byte[] head = new byte[4];
        put16(head, 0, a.routeOnGt() ? SuaDecoder.ROUTE_ON_GT : SuaDecoder.ROUTE_ON_SSN_PC);
        put16(head, 2, indicator);
        out.writeBytes(head);
        if (gt != null) {
            String d = gt.digits();
            byte[] v = new byte[8 + (d.length() + 1) / 2];
            v[3] = (byte) gt.indicator();
            v[4] = (byte) d.length();
            v[5] = (byte) gt.translationType();
            v[6] = (byte) gt.numberingPlan();
            v[7] = (byte) gt.natureOfAddress();
            for (int i = 0; i < d.length(); i++) {
                v[8 + i / 2] |= (byte) (Character.digit(d.charAt(i), 16) << ((i & 1) * 4));
            }
            parameter(out, SuaDecoder.TAG_GLOBAL_TITLE, v);
        }
        if (a.pointCode() >= 0) {
            parameter(out, SuaDecoder.TAG_POINT_CODE, word(a.pointCode()));
        }
        if (a.ssn() > 0) {
            parameter(out, SuaDecoder.TAG_SSN, word(a.ssn()));
        }
        return out.toByteArray();
    }

    private static byte[] word(long v) {
        byte[] w = new byte[4];
        put32(w, 0, v);
        return w;
    }

    /** Tag, length (without padding), value, padded to four octets. */
    private static void parameter(ByteArrayOutputStream out, int tag, byte[] value) {
        byte[] h = new byte[4];
        put16(h, 0, tag);
        put16(h, 2, 4 + value.length);
        out.writeBytes(h);
        out.writeBytes(value);
        out.writeBytes(new byte[(4 - value.length % 4) % 4]);
    }
}
