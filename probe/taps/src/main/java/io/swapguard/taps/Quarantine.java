package io.swapguard.taps;

import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.pcap.PcapngWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the raw bytes of rejected input for forensics, as pcapng with the layer and reason as
 * each packet's comment, so Wireshark shows why a frame was refused. Bounded: once the file
 * reaches {@code maxBytes} further frames are only counted.
 */
public final class Quarantine implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(Quarantine.class);

    private final Path file;
    private final long maxBytes;
    private PcapngWriter writer;
    private long written;
    private long dropped;

    public Quarantine(Path file, long maxBytes) {
        this.file = file;
        this.maxBytes = maxBytes;
    }

    public Path file() {
        return file;
    }

    /** Keeps one rejected frame; never throws (a full disk must not stop the probe). */
    public synchronized void keep(long timestampNanos, int linkType, byte[] b, int offset, int length, Rejection why) {
        if (writer != null && writer.bytesWritten() + length + 64 > maxBytes) {
            dropped++;
            return;
        }
        try {
            if (writer == null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                writer = PcapngWriter.create(file);
            }
            writer.write(timestampNanos, linkType, b, offset, length, why.layer().label() + "/" + why.reason());
            written++;
        } catch (IOException | UncheckedIOException e) {
            dropped++;
            if (dropped == 1) {
                log.warn("quarantine {} cannot be written ({}); rejected frames are only counted", file, e.toString());
            }
        }
    }

    public synchronized long kept() {
        return written;
    }

    /** Bytes written to the quarantine file so far. */
    public synchronized long bytes() {
        return writer == null ? 0 : writer.bytesWritten();
    }

    public synchronized long dropped() {
        return dropped;
    }

    public synchronized void flush() {
        if (writer != null) {
            try {
                writer.flush();
            } catch (IOException e) {
                log.warn("quarantine flush failed: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                log.warn("quarantine close failed: {}", e.toString());
            }
        }
    }
}
