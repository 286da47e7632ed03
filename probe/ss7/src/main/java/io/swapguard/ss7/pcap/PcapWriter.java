package io.swapguard.ss7.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a classic pcap file with nanosecond timestamps (little-endian, magic a1b23c4d): what the
 * simulator and the tests produce, readable by tshark, Wireshark and tcpdump.
 */
public final class PcapWriter implements Closeable {

    private final OutputStream out;
    private final byte[] header = new byte[16];
    private long bytes;

    public PcapWriter(OutputStream out, int linkType) throws IOException {
        this.out = out;
        byte[] h = new byte[24];
        le32(h, 0, 0xA1B23C4D);
        le16(h, 4, 2);
        le16(h, 6, 4);
        le32(h, 16, 262_144); // snaplen
        le32(h, 20, linkType);
        out.write(h);
        bytes = 24;
    }

    public static PcapWriter create(Path file, int linkType) throws IOException {
        return new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), linkType);
    }

    public void write(long timestampNanos, byte[] frame, int offset, int length) throws IOException {
        le32(header, 0, (int) (timestampNanos / 1_000_000_000L));
        le32(header, 4, (int) (timestampNanos % 1_000_000_000L));
        le32(header, 8, length);
        le32(header, 12, length);
        out.write(header);
        out.write(frame, offset, length);
        bytes += 16 + length;
    }

    public void write(long timestampNanos, byte[] frame) throws IOException {
        write(timestampNanos, frame, 0, frame.length);
    }

    /** Bytes written so far, headers included. */
    public long bytesWritten() {
        return bytes;
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    static void le16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
    }

    static void le32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
        b[at + 2] = (byte) (v >> 16);
        b[at + 3] = (byte) (v >> 24);
    }
}
