package io.swapguard.ss7.pcap;

/**
 * One captured frame as read from a file. The reader reuses this object and its array: the
 * contents are valid until the next read.
 */
public final class CaptureRecord {

    long timestampNanos;
    int linkType;
    int interfaceId;
    byte[] data = new byte[2048];
    int length;
    int originalLength;

    public long timestampNanos() {
        return timestampNanos;
    }

    public int linkType() {
        return linkType;
    }

    /** The pcapng interface the frame came in on, 0 for classic pcap. */
    public int interfaceId() {
        return interfaceId;
    }

    /** The frame bytes are {@code data()[0, length())}. */
    public byte[] data() {
        return data;
    }

    public int length() {
        return length;
    }

    /** The frame's length on the wire; larger than {@link #length()} when the capture was cut (snaplen). */
    public int originalLength() {
        return originalLength;
    }
}
