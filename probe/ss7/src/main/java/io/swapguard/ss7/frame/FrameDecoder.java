package io.swapguard.ss7.frame;

import static io.swapguard.ss7.NetworkOrder.u16;
import static io.swapguard.ss7.NetworkOrder.u32;

import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.pcap.LinkType;

/**
 * Link layer and IP: finds the IPv4/IPv6 packet in a captured frame (Ethernet with up to four
 * VLAN tags, Linux cooked SLL and SLL2, raw IP) and fills an {@link IpPacket}. Fragmented IP and
 * protocols other than IP are counted and skipped; lengths are checked against the frame.
 */
public final class FrameDecoder {

    public static final int PROTOCOL_SCTP = 132;
    public static final int PROTOCOL_UDP = 17;
    public static final int PROTOCOL_TCP = 6;

    static final Rejection UNSUPPORTED_LINK = Rejection.ignore(Layer.LINK, "unsupported-link-type");
    static final Rejection LINK_TRUNCATED = Rejection.of(Layer.LINK, "truncated");
    static final Rejection NOT_IP = Rejection.ignore(Layer.LINK, "not-ip");
    static final Rejection TOO_MANY_VLANS = Rejection.of(Layer.LINK, "too-many-vlan-tags");
    static final Rejection IP_TRUNCATED = Rejection.of(Layer.IP, "truncated");
    static final Rejection IP_BAD_VERSION = Rejection.of(Layer.IP, "bad-version");
    static final Rejection IP_BAD_HEADER_LENGTH = Rejection.of(Layer.IP, "bad-header-length");
    static final Rejection IP_BAD_TOTAL_LENGTH = Rejection.of(Layer.IP, "bad-total-length");
    static final Rejection IP_FRAGMENT = Rejection.ignore(Layer.IP, "fragmented");
    static final Rejection IP_TOO_MANY_EXTENSIONS = Rejection.of(Layer.IP, "too-many-extension-headers");

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;

    private FrameDecoder() {
    }

    /** Decodes {@code frame[offset, offset+length)} of the given link type into {@code out}. */
    public static void decode(int linkType, byte[] frame, int offset, int length, IpPacket out) {
        int end = offset + length;
        int p = offset;
        int etherType;
        switch (linkType) {
            case LinkType.ETHERNET -> {
                if (length < 14) {
                    throw LINK_TRUNCATED;
                }
                p += 12;
                etherType = u16(frame, p);
                p += 2;
                int tags = 0;
                while (etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100) {
                    if (++tags > 4) {
                        throw TOO_MANY_VLANS;
                    }
                    if (end - p < 4) {
                        throw LINK_TRUNCATED;
                    }
                    etherType = u16(frame, p + 2);
                    p += 4;
                }
            }
            case LinkType.LINUX_SLL -> {
                if (length < 16) {
                    throw LINK_TRUNCATED;
                }
                etherType = u16(frame, p + 14);
                p += 16;
            }
            case LinkType.LINUX_SLL2 -> {
                if (length < 20) {
                    throw LINK_TRUNCATED;
                }
                etherType = u16(frame, p);
                p += 20;
            }
            case LinkType.RAW -> {
                if (length < 1) {
                    throw IP_TRUNCATED;
                }
                int v = (frame[p] & 0xFF) >> 4;
                etherType = v == 4 ? ETHERTYPE_IPV4 : v == 6 ? ETHERTYPE_IPV6 : -1;
                if (etherType < 0) {
                    throw IP_BAD_VERSION;
                }
            }
            case LinkType.IPV4 -> etherType = ETHERTYPE_IPV4;
            case LinkType.IPV6 -> etherType = ETHERTYPE_IPV6;
            default -> throw UNSUPPORTED_LINK;
        }
        if (etherType == ETHERTYPE_IPV4) {
            ipv4(frame, p, end, out);
        } else if (etherType == ETHERTYPE_IPV6) {
            ipv6(frame, p, end, out);
        } else {
            throw NOT_IP;
        }
    }

    private static void ipv4(byte[] b, int p, int end, IpPacket out) {
        if (end - p < 20) {
            throw IP_TRUNCATED;
        }
        int vihl = b[p] & 0xFF;
        if (vihl >> 4 != 4) {
            throw IP_BAD_VERSION;
        }
        int headerLength = (vihl & 0x0F) * 4;
        if (headerLength < 20) {
            throw IP_BAD_HEADER_LENGTH;
        }
        int total = u16(b, p + 2);
        if (total < headerLength) {
            throw IP_BAD_TOTAL_LENGTH;
        }
        if (total > end - p) {
            throw IP_TRUNCATED; // cut by the capture's snaplen, or damaged
        }
        int flagsOffset = u16(b, p + 6);
        if ((flagsOffset & 0x3FFF) != 0) { // more-fragments flag or a fragment offset
            throw IP_FRAGMENT;
        }
        out.version = 4;
        out.protocol = b[p + 9] & 0xFF;
        out.srcHigh = 0;
        out.srcLow = u32(b, p + 12);
        out.dstHigh = 0;
        out.dstLow = u32(b, p + 16);
        out.payloadOffset = p + headerLength;
        out.payloadLength = total - headerLength;
    }

    private static void ipv6(byte[] b, int p, int end, IpPacket out) {
        if (end - p < 40) {
            throw IP_TRUNCATED;
        }
        if ((b[p] & 0xFF) >> 4 != 6) {
            throw IP_BAD_VERSION;
        }
        int payloadLength = u16(b, p + 4);
        if (payloadLength > end - p - 40) {
            throw IP_TRUNCATED;
        }
        int next = b[p + 6] & 0xFF;
        out.srcHigh = u64(b, p + 8);
        out.srcLow = u64(b, p + 16);
        out.dstHigh = u64(b, p + 24);
        out.dstLow = u64(b, p + 32);
        int q = p + 40;
        int payloadEnd = q + payloadLength;
        for (int n = 0; ; n++) {
            if (n > 8) {
                throw IP_TOO_MANY_EXTENSIONS;
            }
            if (next == 0 || next == 43 || next == 60) { // hop-by-hop, routing, destination options
                if (payloadEnd - q < 8) {
                    throw IP_TRUNCATED;
                }
                int len = ((b[q + 1] & 0xFF) + 1) * 8;
                if (len > payloadEnd - q) {
                    throw IP_TRUNCATED;
                }
                next = b[q] & 0xFF;
                q += len;
            } else if (next == 44) {
                throw IP_FRAGMENT;
            } else {
                break;
            }
        }
        out.version = 6;
        out.protocol = next;
        out.payloadOffset = q;
        out.payloadLength = payloadEnd - q;
    }

    static long u64(byte[] b, int at) {
        return u32(b, at) << 32 | u32(b, at + 4);
    }
}
