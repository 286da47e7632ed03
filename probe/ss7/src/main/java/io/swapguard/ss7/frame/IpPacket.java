package io.swapguard.ss7.frame;

/**
 * The IP layer of one frame: addresses, protocol and where the payload is. A reusable holder the
 * decoder fills; valid until the next frame.
 */
public final class IpPacket {

    int version;
    long srcHigh;
    long srcLow;
    long dstHigh;
    long dstLow;
    int protocol;
    int payloadOffset;
    int payloadLength;

    public int version() {
        return version;
    }

    /** Upper 64 bits of the source address (0 for IPv4). */
    public long srcHigh() {
        return srcHigh;
    }

    /** Lower 64 bits of the source address (the IPv4 address itself for IPv4). */
    public long srcLow() {
        return srcLow;
    }

    public long dstHigh() {
        return dstHigh;
    }

    public long dstLow() {
        return dstLow;
    }

    public int protocol() {
        return protocol;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }
}
