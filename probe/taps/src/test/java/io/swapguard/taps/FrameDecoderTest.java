package io.swapguard.taps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.frame.FrameDecoder;
import io.swapguard.ss7.frame.IpPacket;
import io.swapguard.ss7.pcap.LinkType;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Link and IP headers written octet by octet (IEEE 802.3 and 802.1Q/ad, Linux cooked SLL and
 * SLL2 as libpcap defines them, RFC 791, RFC 8200): where the IP packet and its payload are, each
 * length at its edge, fragments and other protocols skipped as such.
 */
class FrameDecoderTest {

    private static final byte[] PAYLOAD = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    /** IPv4, header of {@code words} 32-bit words, protocol SCTP, 10.0.0.1 → 192.168.1.2. */
    static byte[] ipv4(int words, int flagsOffset, int totalExtra) {
        int header = words * 4;
        byte[] b = new byte[header + PAYLOAD.length];
        b[0] = (byte) (0x40 | words);
        int total = b.length + totalExtra;
        b[2] = (byte) (total >> 8);
        b[3] = (byte) total;
        b[6] = (byte) (flagsOffset >> 8);
        b[7] = (byte) flagsOffset;
        b[8] = 64;
        b[9] = (byte) FrameDecoder.PROTOCOL_SCTP;
        b[12] = 10;
        b[15] = 1;
        b[16] = (byte) 192;
        b[17] = (byte) 168;
        b[18] = 1;
        b[19] = 2;
        System.arraycopy(PAYLOAD, 0, b, header, PAYLOAD.length);
        return b;
    }

    /** IPv6 from 2001:db8::1 to 2001:db8::2 with the given extension headers before UDP. */
    static byte[] ipv6(int firstNext, byte[] extensions, int payloadExtra) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        int payload = extensions.length + PAYLOAD.length + payloadExtra;
        m.writeBytes(new byte[] {0x60, 0, 0, 0, (byte) (payload >> 8), (byte) payload, (byte) firstNext, 64});
        byte[] src = new byte[16];
        src[0] = 0x20;
        src[1] = 0x01;
        src[2] = 0x0D;
        src[3] = (byte) 0xB8;
        src[15] = 1;
        byte[] dst = src.clone();
        dst[15] = 2;
        dst[8] = (byte) 0x80; // a bit in the lower half's top
        m.writeBytes(src);
        m.writeBytes(dst);
        m.writeBytes(extensions);
        m.writeBytes(PAYLOAD);
        return m.toByteArray();
    }

    /** An extension header of 8 octets naming {@code next}. */
    static byte[] extension(int next) {
        return new byte[] {(byte) next, 0, 0, 0, 0, 0, 0, 0};
    }

    /** {@code n} destination options headers, the last naming UDP. */
    static byte[] extensions(int n) {
        byte[] all = new byte[0];
        for (int i = 1; i <= n; i++) {
            all = concat(all, extension(i == n ? FrameDecoder.PROTOCOL_UDP : 60));
        }
        return all;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            m.writeBytes(p);
        }
        return m.toByteArray();
    }

    static byte[] ethernet(int etherType, byte[]... tags) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[12]); // destination and source MAC
        for (byte[] tag : tags) {
            m.writeBytes(tag);
        }
        m.write(etherType >> 8);
        m.write(etherType);
        return m.toByteArray();
    }

    static byte[] vlan(int tpid, int id) {
        return new byte[] {(byte) (tpid >> 8), (byte) tpid, (byte) (id >> 8), (byte) id};
    }

    private static IpPacket decode(int linkType, byte[] frame) {
        // Inside a larger buffer, with octets after it that are not the frame's.
        byte[] framed = new byte[frame.length + 64];
        System.arraycopy(frame, 0, framed, 3, frame.length);
        IpPacket out = new IpPacket();
        FrameDecoder.decode(linkType, framed, 3, frame.length, out);
        return out;
    }

    private static Rejection refused(int linkType, byte[] frame, int length) {
        byte[] framed = new byte[frame.length + 64];
        System.arraycopy(frame, 0, framed, 3, frame.length);
        Throwable t = catchThrowable(() -> FrameDecoder.decode(linkType, framed, 3, length, new IpPacket()));
        assertThat(t).isInstanceOf(Rejection.class);
        return (Rejection) t;
    }

    private static void isTheIpv4Packet(IpPacket p, int payloadOffset) {
        assertThat(p.version()).isEqualTo(4);
        assertThat(p.protocol()).isEqualTo(FrameDecoder.PROTOCOL_SCTP);
        assertThat(p.srcHigh()).isZero();
        assertThat(p.srcLow()).isEqualTo(0x0A000001L);
        assertThat(p.dstHigh()).isZero();
        assertThat(p.dstLow()).as("unsigned").isEqualTo(0xC0A80102L);
        assertThat(p.payloadOffset()).isEqualTo(3 + payloadOffset);
        assertThat(p.payloadLength()).isEqualTo(PAYLOAD.length);
    }

    @Test
    void everyLinkTypeLeadsToTheSameIpPacket() {
        byte[] ip = ipv4(5, 0, 0);
        isTheIpv4Packet(decode(LinkType.ETHERNET, concat(ethernet(0x0800), ip)), 14 + 20);
        isTheIpv4Packet(decode(LinkType.ETHERNET, concat(ethernet(0x0800, vlan(0x8100, 100)), ip)), 18 + 20);
        isTheIpv4Packet(decode(LinkType.ETHERNET, concat(ethernet(0x0800, vlan(0x88A8, 10), vlan(0x8100, 20),
                vlan(0x9100, 30), vlan(0x8100, 40)), ip)), 14 + 16 + 20);
        byte[] sll = new byte[16];
        sll[14] = 0x08;
        isTheIpv4Packet(decode(LinkType.LINUX_SLL, concat(sll, ip)), 16 + 20);
        byte[] sll2 = new byte[20];
        sll2[0] = 0x08;
        isTheIpv4Packet(decode(LinkType.LINUX_SLL2, concat(sll2, ip)), 20 + 20);
        isTheIpv4Packet(decode(LinkType.RAW, ip), 20);
        isTheIpv4Packet(decode(LinkType.IPV4, ip), 20);
        IpPacket six = decode(LinkType.RAW, ipv6(FrameDecoder.PROTOCOL_UDP, new byte[0], 0));
        assertThat(six.version()).isEqualTo(6);
        assertThat(decode(LinkType.IPV6, ipv6(FrameDecoder.PROTOCOL_UDP, new byte[0], 0)).payloadOffset()).isEqualTo(3 + 40);
        byte[] sll6 = new byte[16];
        sll6[14] = (byte) 0x86;
        sll6[15] = (byte) 0xDD;
        assertThat(decode(LinkType.LINUX_SLL, concat(sll6, ipv6(6, new byte[0], 0))).protocol()).isEqualTo(6);
    }

    @Test
    void linkHeadersAreCheckedAndOtherProtocolsSkipped() {
        byte[] ip = ipv4(5, 0, 0);
        byte[] eth = concat(ethernet(0x0800), ip);
        assertThat(refused(LinkType.ETHERNET, eth, 13).reason()).isEqualTo("truncated");
        assertThat(refused(LinkType.ETHERNET, eth, 13).layer()).isEqualTo(Layer.LINK);
        assertThat(refused(LinkType.ETHERNET, eth, 14).layer()).as("the link header whole, no IP").isEqualTo(Layer.IP);
        Rejection arp = refused(LinkType.ETHERNET, concat(ethernet(0x0806), new byte[28]), 42);
        assertThat(arp.reason()).isEqualTo("not-ip");
        assertThat(arp.malformed()).isFalse();
        byte[] fiveTags = concat(ethernet(0x0800, vlan(0x8100, 1), vlan(0x8100, 2), vlan(0x8100, 3), vlan(0x8100, 4),
                vlan(0x8100, 5)), ip);
        assertThat(refused(LinkType.ETHERNET, fiveTags, fiveTags.length).reason()).isEqualTo("too-many-vlan-tags");
        byte[] tagged = concat(ethernet(0x0800, vlan(0x8100, 1)), ip);
        assertThat(refused(LinkType.ETHERNET, tagged, 17).reason()).as("a tag cut short").isEqualTo("truncated");
        assertThat(refused(LinkType.ETHERNET, tagged, 17).layer()).isEqualTo(Layer.LINK);
        assertThat(refused(LinkType.ETHERNET, tagged, 18).layer()).isEqualTo(Layer.IP);
        byte[] sll = concat(new byte[16], ip);
        sll[14] = 0x08;
        assertThat(refused(LinkType.LINUX_SLL, sll, 15).layer()).isEqualTo(Layer.LINK);
        assertThat(refused(LinkType.LINUX_SLL, sll, 16).layer()).isEqualTo(Layer.IP);
        byte[] sll2 = concat(new byte[20], ip);
        sll2[0] = 0x08;
        assertThat(refused(LinkType.LINUX_SLL2, sll2, 19).layer()).isEqualTo(Layer.LINK);
        assertThat(refused(LinkType.LINUX_SLL2, sll2, 20).layer()).isEqualTo(Layer.IP);
        assertThat(refused(LinkType.RAW, ip, 0).reason()).isEqualTo("truncated");
        byte[] v5 = ip.clone();
        v5[0] = 0x55;
        assertThat(refused(LinkType.RAW, v5, v5.length).reason()).isEqualTo("bad-version");
        Rejection link = refused(147, ip, ip.length);
        assertThat(link.reason()).isEqualTo("unsupported-link-type");
        assertThat(link.malformed()).isFalse();
    }

    @Test
    void ipv4LengthsAndFragments() {
        assertThat(refused(LinkType.IPV4, ipv4(5, 0, 0), 19).reason()).isEqualTo("truncated");
        IpPacket minimal = new IpPacket();
        byte[] header = ipv4(5, 0, 0);
        header[3] = 20; // total length: the header alone
        FrameDecoder.decode(LinkType.IPV4, header, 0, 20, minimal);
        assertThat(minimal.payloadLength()).isZero();
        byte[] v6in4 = ipv4(5, 0, 0);
        v6in4[0] = 0x65;
        assertThat(refused(LinkType.IPV4, v6in4, v6in4.length).reason()).isEqualTo("bad-version");
        byte[] ihl4 = ipv4(5, 0, 0);
        ihl4[0] = 0x44;
        assertThat(refused(LinkType.IPV4, ihl4, ihl4.length).reason()).isEqualTo("bad-header-length");
        IpPacket options = decode(LinkType.IPV4, ipv4(6, 0, 0));
        assertThat(options.payloadOffset()).as("a header with one word of options").isEqualTo(3 + 24);
        assertThat(options.payloadLength()).isEqualTo(PAYLOAD.length);
        byte[] totalBelowHeader = ipv4(6, 0, 0);
        totalBelowHeader[2] = 0;
        totalBelowHeader[3] = 23;
        assertThat(refused(LinkType.IPV4, totalBelowHeader, totalBelowHeader.length).reason()).isEqualTo("bad-total-length");
        totalBelowHeader[3] = 24;
        assertThat(decode(LinkType.IPV4, totalBelowHeader).payloadLength()).isZero();
        byte[] longer = ipv4(5, 0, 1);
        assertThat(refused(LinkType.IPV4, longer, longer.length).reason()).as("cut by the snaplen").isEqualTo("truncated");
        assertThat(decode(LinkType.IPV4, ipv4(5, 0, -1)).payloadLength()).as("Ethernet padding after the packet")
                .isEqualTo(PAYLOAD.length - 1);
        assertThat(decode(LinkType.IPV4, ipv4(5, 0x4000, 0)).payloadLength()).as("don't fragment").isEqualTo(PAYLOAD.length);
        for (int flagsOffset : new int[] {0x2000, 0x0001, 0x1FFF, 0x2001}) {
            Rejection r = refused(LinkType.IPV4, ipv4(5, flagsOffset, 0), 30);
            assertThat(r.reason()).as("flags/offset %04x", flagsOffset).isEqualTo("fragmented");
            assertThat(r.malformed()).isFalse();
        }
    }

    @Test
    void ipv6AddressesExtensionHeadersAndFragments() {
        IpPacket p = decode(LinkType.IPV6, ipv6(FrameDecoder.PROTOCOL_UDP, new byte[0], 0));
        assertThat(p.version()).isEqualTo(6);
        assertThat(p.protocol()).isEqualTo(FrameDecoder.PROTOCOL_UDP);
        assertThat(p.srcHigh()).isEqualTo(0x20010DB800000000L);
        assertThat(p.srcLow()).isEqualTo(1L);
        assertThat(p.dstHigh()).isEqualTo(0x20010DB800000000L);
        assertThat(p.dstLow()).isEqualTo(0x8000000000000002L);
        assertThat(p.payloadLength()).isEqualTo(PAYLOAD.length);
        byte[] chain = concat(extension(43), extension(60), new byte[] {(byte) FrameDecoder.PROTOCOL_SCTP, 1, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0});
        IpPacket q = decode(LinkType.IPV6, ipv6(0, chain, 0));
        assertThat(q.protocol()).as("hop-by-hop, routing, destination options (16 octets)").isEqualTo(FrameDecoder.PROTOCOL_SCTP);
        assertThat(q.payloadOffset()).isEqualTo(3 + 40 + 32);
        assertThat(q.payloadLength()).isEqualTo(PAYLOAD.length);
        Rejection fragment = refused(LinkType.IPV6, ipv6(0, extension(44), 0), 40 + 8 + PAYLOAD.length);
        assertThat(fragment.reason()).isEqualTo("fragmented");
        assertThat(fragment.malformed()).isFalse();
        assertThat(decode(LinkType.IPV6, ipv6(60, extensions(8), 0)).protocol())
                .as("eight extension headers are read").isEqualTo(FrameDecoder.PROTOCOL_UDP);
        assertThat(refused(LinkType.IPV6, ipv6(60, extensions(9), 0), 40 + 72 + PAYLOAD.length).reason())
                .as("a ninth is one too many").isEqualTo("too-many-extension-headers");
    }

    @Test
    void ipv6LengthsAreCheckedAgainstTheFrame() {
        byte[] six = ipv6(FrameDecoder.PROTOCOL_UDP, new byte[0], 0);
        assertThat(refused(LinkType.IPV6, six, 39).reason()).isEqualTo("truncated");
        byte[] v4 = six.clone();
        v4[0] = 0x40;
        assertThat(refused(LinkType.IPV6, v4, v4.length).reason()).isEqualTo("bad-version");
        byte[] longer = ipv6(FrameDecoder.PROTOCOL_UDP, new byte[0], 1);
        assertThat(refused(LinkType.IPV6, longer, longer.length).reason()).isEqualTo("truncated");
        byte[] exact = ipv6(FrameDecoder.PROTOCOL_UDP, new byte[0], -PAYLOAD.length);
        assertThat(decode(LinkType.IPV6, java.util.Arrays.copyOf(exact, 40)).payloadLength()).isZero();
        // An extension header needs 8 octets and what its length says, inside the payload length.
        byte[] cutExtension = ipv6(0, new byte[] {17, 0, 0, 0, 0, 0, 0}, -PAYLOAD.length);
        assertThat(refused(LinkType.IPV6, cutExtension, 47).reason()).isEqualTo("truncated");
        byte[] exactExtension = ipv6(0, extension(17), -PAYLOAD.length);
        IpPacket p = decode(LinkType.IPV6, java.util.Arrays.copyOf(exactExtension, 48));
        assertThat(p.protocol()).isEqualTo(17);
        assertThat(p.payloadLength()).isZero();
        byte[] saysMore = ipv6(0, new byte[] {17, 1, 0, 0, 0, 0, 0, 0}, -PAYLOAD.length + 7);
        assertThat(refused(LinkType.IPV6, saysMore, saysMore.length).reason())
                .as("16 octets said, 15 in the payload length").isEqualTo("truncated");
    }
}
