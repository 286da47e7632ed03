package io.swapguard.engine.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The map files as a crash left them, kept aside while Chronicle Map's recovery rewrites them in
 * place. That recovery is not itself crash-safe: killed half-way (a second crash, or a restart loop
 * killing a slow start), it leaves segments whose counters and free lists it had begun to rewrite,
 * and the recovery after that can drop entries it would have kept (seen in {@code DetectorKillTest}:
 * "Wrong number of entries counter for tier 2, stored: 1, should be: 465", then one subscriber's
 * history gone). So every recovery starts from the files as the crash left them: a copy is taken
 * first (marked complete when whole), a recovery that was cut short is undone from it, and the copy
 * goes once the recovery is done, before anything is written.
 *
 * <p>Costs a copy of the state's files per crash (their allocated size; the files are sparse, the
 * copy is not), in time and in disk.
 */
final class RecoveryCopy {

    private static final Logger log = LoggerFactory.getLogger(RecoveryCopy.class);

    static final String DIR = "before-recovery";
    private static final String COMPLETE = "complete";
    static final List<String> FILES = List.of("subscribers.dat", "imsi-index.dat", "meta.dat");

    private RecoveryCopy() {
    }

    /** Before recovering the maps in {@code dir}: undo a recovery that was cut short, then keep a copy. */
    static void prepare(Path dir) throws IOException {
        Path copy = dir.resolve(DIR);
        if (Files.exists(copy.resolve(COMPLETE))) {
            log.warn("subscriber state {}: the last recovery was cut short; starting again from the files as the crash"
                    + " left them", dir);
            for (String f : FILES) {
                Path kept = copy.resolve(f);
                if (Files.exists(kept)) { // one not there was put back already, by a restore that was cut short
                    Files.move(kept, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        delete(copy);
        Files.createDirectories(copy);
        for (String f : FILES) {
            if (Files.exists(dir.resolve(f))) {
                Files.copy(dir.resolve(f), copy.resolve(f));
            }
        }
        Files.createFile(copy.resolve(COMPLETE));
    }

    /** After the maps in {@code dir} are recovered, before anything is written to them: the copy goes. */
    static void done(Path dir) throws IOException {
        delete(dir.resolve(DIR));
    }

    /** Deletes the copy, its completion mark first: a deletion cut short never counts as a copy to restore. */
    private static void delete(Path copy) throws IOException {
        if (!Files.exists(copy)) {
            return;
        }
        Files.deleteIfExists(copy.resolve(COMPLETE));
        try (var files = Files.list(copy)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(copy);
    }
}
