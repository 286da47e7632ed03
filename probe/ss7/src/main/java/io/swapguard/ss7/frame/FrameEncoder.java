package io.swapguard.ss7.frame;

import static io.swapguard.ss7.NetworkOrder.put16;

import io.swapguard.ss7.pcap.LinkType;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * Wraps a transport payload (SCTP, UDP) in IP and a link layer, with correct lengths and IPv4
 * header checksum: the encoding side of {@link FrameDecoder}, for the simulator and tests.
 */
public final class FrameEncoder {

    private FrameEncoder() {
    }

    /**
     * @param linkType one of {@link LinkType}'s supported types
     * @param vlanTags VLAN ids to insert (Ethernet only), outermost first
     */
    public static byte[] encode(int linkType, int[] vlanTags, InetAddress src, InetAddress dst, int protocol,
            byte[] payload, int payloadOffset, int payloadLength, int ipId) {
        byte[] ip = ip(src, dst, protocol, payload, payloadOffset, payloadLength, ipId);
        boolean v6 = ip[0] >> 4 == 6;
        int etherType = v6 ? 0x86DD : 0x0800;
        switch (linkType) {
            case LinkType.ETHERNET -> {
                int tags = vlanTags == null ? 0 : vlanTags.length;
                byte[] f = new byte[14 + 4 * tags + ip.length];
                byte[] macDst = {0x00, 0x1b, 0x21, 0x0a, 0x0b, 0x01};
                byte[] macSrc = {0x00, 0x1b, 0x21, 0x0a, 0x0b, 0x02};
                System.arraycopy(macDst, 0, f, 0, 6);
                System.arraycopy(macSrc, 0, f, 6, 6);
                int p = 12;
                for (int i = 0; i < tags; i++) {
                    put16(f, p, i == 0 && tags > 1 ? 0x88A8 : 0x8100);
                    put16(f, p + 2, vlanTags[i] & 0x0FFF);
                    p += 4;
                }
                put16(f, p, etherType);
                System.arraycopy(ip, 0, f, p + 2, ip.length);
                return f;
            }
            case LinkType.LINUX_SLL -> {
                byte[] f = new byte[16 + ip.length];
                put16(f, 0, 0); // packet type: to us
                put16(f, 2, 1); // ARPHRD_ETHER
                put16(f, 4, 6);
                f[6] = 0x00;
                f[7] = 0x1b;
                f[8] = 0x21;
                put16(f, 14, etherType);
                System.arraycopy(ip, 0, f, 16, ip.length);
                return f;
            }
            case LinkType.LINUX_SLL2 -> {
                byte[] f = new byte[20 + ip.length];
                put16(f, 0, etherType);
                put16(f, 4, 0);
                put16(f, 6, 2); // interface index
                put16(f, 8, 1); // ARPHRD_ETHER
                f[10] = 0; // packet type
                f[11] = 6; // address length
                f[12] = 0x00;
                f[13] = 0x1b;
                System.arraycopy(ip, 0, f, 20, ip.length);
                return f;
            }
            case LinkType.RAW, LinkType.IPV4, LinkType.IPV6 -> {
                return ip;
            }
            default -> throw new IllegalArgumentException("unsupported link type " + linkType);
        }
    }

    static byte[] ip(InetAddress src, InetAddress dst, int protocol, byte[] payload, int off, int len, int ipId) {
        byte[] s = src.getAddress();
        byte[] d = dst.getAddress();
        if (s.length != d.length) {
            throw new IllegalArgumentException("source and destination must be the same IP version");
        }
        if (s.length == 4) {
            byte[] p = new byte[20 + len];
            p[0] = 0x45;
            put16(p, 2, 20 + len);
            put16(p, 4, ipId & 0xFFFF);
            put16(p, 6, 0x4000); // don't fragment
            p[8] = 64;
            p[9] = (byte) protocol;
            System.arraycopy(s, 0, p, 12, 4);
            System.arraycopy(d, 0, p, 16, 4);
            put16(p, 10, checksum(p, 0, 20));
            System.arraycopy(payload, off, p, 20, len);
            return p;
        }
        byte[] p = new byte[40 + len];
        p[0] = 0x60;
        put16(p, 4, len);
        p[6] = (byte) protocol;
        p[7] = 64;
        System.arraycopy(s, 0, p, 8, 16);
        System.arraycopy(d, 0, p, 24, 16);
        System.arraycopy(payload, off, p, 40, len);
        return p;
    }

    /** The Internet checksum (RFC 1071) of {@code b[off, off+len)}. */
    public static int checksum(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += (b[off + i] & 0xFF) << 8 | (b[off + i + 1] & 0xFF);
        }
        if ((len & 1) != 0) {
            sum += (b[off + len - 1] & 0xFF) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    /** A UDP datagram (header with checksum over the IPv4/IPv6 pseudo-header). */
    public static byte[] udp(InetAddress src, InetAddress dst, int srcPort, int dstPort, byte[] data) {
        byte[] u = new byte[8 + data.length];
        put16(u, 0, srcPort);
        put16(u, 2, dstPort);
        put16(u, 4, u.length);
        System.arraycopy(data, 0, u, 8, data.length);
        byte[] s = src.getAddress();
        byte[] d = dst.getAddress();
        byte[] pseudo = new byte[s.length * 2 + (s.length == 4 ? 4 : 8) + u.length];
        System.arraycopy(s, 0, pseudo, 0, s.length);
        System.arraycopy(d, 0, pseudo, s.length, d.length);
        int p = s.length * 2;
        if (s.length == 4) {
            pseudo[p + 1] = 17;
            put16(pseudo, p + 2, u.length);
            p += 4;
        } else {
            put16(pseudo, p, u.length >> 16);
            put16(pseudo, p + 2, u.length);
            pseudo[p + 7] = 17;
            p += 8;
        }
        System.arraycopy(u, 0, pseudo, p, u.length);
        int sum = checksum(pseudo, 0, pseudo.length);
        put16(u, 6, sum == 0 ? 0xFFFF : sum);
        return Arrays.copyOf(u, u.length);
    }
}
