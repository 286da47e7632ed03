package io.swapguard.journal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.WireDumper;
import net.openhft.chronicle.wire.Wires;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * Finds journal files that were cut short (a partial copy, a full disk, a damaged file system).
 *
 * <p>Chronicle Queue grows a cycle file in whole blocks, so a healthy file is always
 * {@code k × BLOCK_BYTES + OVERLAP_BYTES} long. A shorter one has lost its tail. This must be
 * checked before the queue is opened: opening maps the file read-write and would silently extend
 * it with zeros, after which readers stop at the hole and never see later records.
 *
 * <p>A file cut exactly at a block boundary has a healthy length, so the file's own header is
 * read too: Chronicle keeps there the position of the last record written ({@code writePosition}),
 * and a file shorter than that lost the records after its end.
 */
public final class JournalCheck {

    /** Chronicle block size the journal is opened with. */
    static final long BLOCK_BYTES = 64L << 20;
    /** Chronicle's mapping overlap for that block size (checked by a test against the library). */
    static final long OVERLAP_BYTES = 16L << 20;

    private JournalCheck() {
    }

    /** A cycle file whose length is not what Chronicle writes, or shorter than its last record's position. */
    public record DamagedFile(Path file, long length, String problem) {
        public String describe() {
            return file.getFileName() + " " + problem + ": its tail was cut off";
        }
    }

    /** The damaged cycle files in {@code dir}, oldest first; empty when all are whole. */
    public static List<DamagedFile> damagedFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<DamagedFile> damaged = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                if (!f.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX) || !Files.isRegularFile(f)) {
                    continue;
                }
                long length = Files.size(f);
                if (length < OVERLAP_BYTES + BLOCK_BYTES || (length - OVERLAP_BYTES) % BLOCK_BYTES != 0) {
                    damaged.add(new DamagedFile(f, length, "is " + length + " bytes, not a whole number of "
                            + (BLOCK_BYTES >> 20) + " MiB blocks plus " + (OVERLAP_BYTES >> 20) + " MiB"));
                    continue;
                }
                long last = writePosition(f);
                if (last >= length) {
                    damaged.add(new DamagedFile(f, length, "is " + length + " bytes, but its header says its last"
                            + " record starts at byte " + last));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check journal directory " + dir, e);
        }
        return damaged;
    }

    /** Largest header Chronicle writes for a cycle file (about 200 bytes); more is not a header. */
    private static final int MAX_HEADER = 64 * 1024;
    static {
        SingleChronicleQueueBuilder.addAliases(); // so the header renders as SCQStore, not an unknown class
    }

    private static final Pattern WRITE_POSITION = Pattern.compile("writePosition: \\[\\s*(\\d+)");

    /**
     * Where the last record of a cycle file starts, from the file's header, or -1 when it cannot
     * tell (a header still being written, or in a form this version does not know). Reads the
     * header only, without mapping the file.
     */
    static long writePosition(Path cycleFile) throws IOException {
        try (InputStream in = Files.newInputStream(cycleFile)) {
            byte[] word = in.readNBytes(4);
            if (word.length < 4) {
                return -1;
            }
            int header = (word[0] & 0xFF) | (word[1] & 0xFF) << 8 | (word[2] & 0xFF) << 16 | (word[3] & 0xFF) << 24;
            int length = header & Wires.LENGTH_MASK;
            if (Wires.isNotComplete(header) || length <= 0 || length > MAX_HEADER) {
                return -1;
            }
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                return -1;
            }
            Bytes<?> bytes = Bytes.allocateElasticOnHeap(4 + length);
            bytes.writeInt(header);
            bytes.write(body);
            // Chronicle's own rendering of the header (a stable text form), not a parser of ours.
            Matcher m = WRITE_POSITION.matcher(WireDumper.of(bytes).asString());
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (RuntimeException unreadable) {
            return -1;
        }
    }

    /**
     * Moves damaged files into {@code dir/damaged/}, kept for forensics and out of the queue's way.
     * Returns where they went.
     */
    public static List<Path> quarantine(Path dir) {
        List<Path> moved = new ArrayList<>();
        for (DamagedFile d : damagedFiles(dir)) {
            try {
                Path target = Files.createDirectories(dir.resolve("damaged")).resolve(d.file().getFileName());
                Files.move(d.file(), target, StandardCopyOption.ATOMIC_MOVE);
                moved.add(target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move " + d.file() + " into " + dir.resolve("damaged"), e);
            }
        }
        return moved;
    }
}
