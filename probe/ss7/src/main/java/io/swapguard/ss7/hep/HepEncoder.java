package io.swapguard.ss7.hep;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/** Builds HEPv3 datagrams the way heplify sends SIGTRAN: the encoding side of {@link HepDecoder}. */
public final class HepEncoder {

    private HepEncoder() {
    }

    /** A HEPv3 datagram carrying one M3UA message captured on an SCTP association. */
    public static byte[] m3ua(long timestampNanos, InetAddress src, InetAddress dst, int srcPort, int dstPort,
            long captureAgentId, String nodeName, byte[] m3ua) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(m3ua.length + 96);
        out.writeBytes(new byte[] {'H', 'E', 'P', '3', 0, 0});
        boolean v6 = src.getAddress().length == 16;
        chunk(out, 0x0001, new byte[] {(byte) (v6 ? 10 : 2)});
        chunk(out, 0x0002, new byte[] {(byte) 132});
        chunk(out, v6 ? 0x0005 : 0x0003, src.getAddress());
        chunk(out, v6 ? 0x0006 : 0x0004, dst.getAddress());
        chunk(out, 0x0007, u16(srcPort));
        chunk(out, 0x0008, u16(dstPort));
        chunk(out, 0x0009, u32(timestampNanos / 1_000_000_000L));
        chunk(out, 0x000a, u32((timestampNanos % 1_000_000_000L) / 1_000L));
        chunk(out, 0x000b, new byte[] {HepPacket.PROTOCOL_TYPE_M3UA});
        chunk(out, 0x000c, u32(captureAgentId));
        if (nodeName != null) {
            chunk(out, 0x0013, nodeName.getBytes(StandardCharsets.UTF_8));
        }
        chunk(out, 0x000f, m3ua);
        byte[] d = out.toByteArray();
        d[4] = (byte) (d.length >> 8);
        d[5] = (byte) d.length;
        return d;
    }

    private static void chunk(ByteArrayOutputStream out, int type, byte[] value) {
        out.writeBytes(new byte[] {0, 0, (byte) (type >> 8), (byte) type, (byte) ((value.length + 6) >> 8),
            (byte) (value.length + 6)});
        out.writeBytes(value);
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    private static byte[] u32(long v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }
}
