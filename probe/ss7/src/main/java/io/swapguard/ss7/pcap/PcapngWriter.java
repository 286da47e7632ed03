package io.swapguard.ss7.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes pcapng with one interface per link type and an optional comment on each packet. The
 * probe's quarantine uses it: Wireshark shows each rejected frame with the reason as its comment.
 */
public final class PcapngWriter implements Closeable {

    private final OutputStream out;
    private final Map<Integer, Integer> interfaceByLinkType = new HashMap<>();
    private long bytes;

    public PcapngWriter(OutputStream out) throws IOException {
        this.out = out;
        byte[] shb = new byte[28];
        PcapWriter.le32(shb, 0, 0x0A0D0D0A);
        PcapWriter.le32(shb, 4, 28);
        PcapWriter.le32(shb, 8, 0x1A2B3C4D);
        PcapWriter.le16(shb, 12, 1);
        PcapWriter.le16(shb, 14, 0);
        PcapWriter.le32(shb, 16, -1); // section length unknown
        PcapWriter.le32(shb, 20, -1);
        PcapWriter.le32(shb, 24, 28);
        out.write(shb);
        bytes = 28;
    }

    public static PcapngWriter create(Path file) throws IOException {
        return new PcapngWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    private int interfaceFor(int linkType) throws IOException {
        Integer id = interfaceByLinkType.get(linkType);
        if (id != null) {
            return id;
        }
        // IDB with if_tsresol = 9 (nanoseconds)
        byte[] idb = new byte[32];
        PcapWriter.le32(idb, 0, 1);
        PcapWriter.le32(idb, 4, 32);
        PcapWriter.le16(idb, 8, linkType);
        PcapWriter.le32(idb, 12, 262_144);
        PcapWriter.le16(idb, 16, 9);
        PcapWriter.le16(idb, 18, 1);
        idb[20] = 9;
        PcapWriter.le16(idb, 24, 0); // opt_endofopt
        PcapWriter.le16(idb, 26, 0);
        PcapWriter.le32(idb, 28, 32);
        out.write(idb);
        bytes += 32;
        int newId = interfaceByLinkType.size();
        interfaceByLinkType.put(linkType, newId);
        return newId;
    }

    /** Writes one packet; {@code comment} may be null. */
    public void write(long timestampNanos, int linkType, byte[] frame, int offset, int length, String comment)
            throws IOException {
        int ifId = interfaceFor(linkType);
        byte[] c = comment == null ? new byte[0] : comment.getBytes(StandardCharsets.UTF_8);
        int cLen = Math.min(c.length, 65535);
        int padded = (length + 3) & ~3;
        int options = cLen == 0 ? 0 : 4 + ((cLen + 3) & ~3) + 4;
        int total = 28 + padded + options + 4;
        byte[] head = new byte[28];
        PcapWriter.le32(head, 0, 6);
        PcapWriter.le32(head, 4, total);
        PcapWriter.le32(head, 8, ifId);
        PcapWriter.le32(head, 12, (int) (timestampNanos >>> 32));
        PcapWriter.le32(head, 16, (int) timestampNanos);
        PcapWriter.le32(head, 20, length);
        PcapWriter.le32(head, 24, length);
        out.write(head);
        out.write(frame, offset, length);
        out.write(new byte[padded - length]);
        if (cLen > 0) {
            byte[] opt = new byte[4];
            PcapWriter.le16(opt, 0, 1); // opt_comment
            PcapWriter.le16(opt, 2, cLen);
            out.write(opt);
            out.write(c, 0, cLen);
            out.write(new byte[((cLen + 3) & ~3) - cLen]);
            out.write(new byte[4]); // opt_endofopt
        }
        byte[] tail = new byte[4];
        PcapWriter.le32(tail, 0, total);
        out.write(tail);
        bytes += total;
    }

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
}
