package io.swapguard.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The journal's disk has less free space than its reserve ({@link JournalSettings#minFreeBytes}):
 * nothing more is appended until space is freed. Thrown before the append, so the journal ends
 * with whole records and the writer can stop cleanly (a probe's unfinished run is then finished by
 * running it again).
 */
public final class JournalFullException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    JournalFullException(Path journal, long free, long reserve) {
        super("journal " + journal + ": only " + mib(free) + " free on its disk, below the reserve of " + mib(reserve)
                + " (journal.minFreeBytes); stopped appending before the disk fills (a full disk would cut the"
                + " journal mid-record): free space, then run again", new IOException("disk nearly full"));
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
