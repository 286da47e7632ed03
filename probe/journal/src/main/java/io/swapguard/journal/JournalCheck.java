package io.swapguard.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Finds journal files that were cut short (a partial copy, a full disk, a damaged file system).
 *
 * <p>Chronicle Queue grows a cycle file in whole blocks, so a healthy file is always
 * {@code k × BLOCK_BYTES + OVERLAP_BYTES} long. A shorter one has lost its tail. This must be
 * checked before the queue is opened: opening maps the file read-write and would silently extend
 * it with zeros, after which readers stop at the hole and never see later records.
 */
public final class JournalCheck {

    /** Chronicle block size the journal is opened with. */
    static final long BLOCK_BYTES = 64L << 20;
    /** Chronicle's mapping overlap for that block size (checked by a test against the library). */
    static final long OVERLAP_BYTES = 16L << 20;

    private JournalCheck() {
    }

    /** A cycle file whose length is not what Chronicle writes. */
    public record DamagedFile(Path file, long length) {
        public String describe() {
            return file.getFileName() + " is " + length + " bytes, not a whole number of " + (BLOCK_BYTES >> 20)
                    + " MiB blocks plus " + (OVERLAP_BYTES >> 20) + " MiB: its tail was cut off";
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
                    damaged.add(new DamagedFile(f, length));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check journal directory " + dir, e);
        }
        return damaged;
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
