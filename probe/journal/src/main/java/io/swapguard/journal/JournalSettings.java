package io.swapguard.journal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the journal lives and how long it keeps data.
 *
 * @param directory the queue directory (created if missing)
 * @param rollCycle how often a new file is started
 * @param retention cycles that ended longer ago than this are deleted; {@link Duration#ZERO} keeps all
 * @param minFreeBytes appending stops ({@link JournalFullException}) when the journal's disk has
 *     less free than this: Chronicle Queue writes through memory-mapped blocks, and a page it
 *     touches on a full disk kills the writer with SIGBUS mid-record
 */
public record JournalSettings(Path directory, JournalRollCycle rollCycle, Duration retention, long minFreeBytes) {

    /** The default free-space reserve: two of Chronicle's 64 MiB blocks and room for the rest. */
    public static final long DEFAULT_MIN_FREE_BYTES = 256L << 20;
    /** Below this the reserve cannot cover what is written between two checks (1 MiB) and a block's metadata. */
    public static final long SMALLEST_MIN_FREE_BYTES = 4L << 20;

    public JournalSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(rollCycle, "rollCycle");
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative");
        }
        if (minFreeBytes < SMALLEST_MIN_FREE_BYTES) {
            throw new IllegalArgumentException("minFreeBytes must be at least " + SMALLEST_MIN_FREE_BYTES);
        }
    }

    public JournalSettings(Path directory, JournalRollCycle rollCycle, Duration retention) {
        this(directory, rollCycle, retention, DEFAULT_MIN_FREE_BYTES);
    }

    public static JournalSettings of(Path directory) {
        return new JournalSettings(directory, JournalRollCycle.HOURLY, Duration.ZERO);
    }

    /** The same settings with another free-space reserve. */
    public JournalSettings withMinFreeBytes(long bytes) {
        return new JournalSettings(directory, rollCycle, retention, bytes);
    }

    /** The same settings for a journal in another directory (a command line's {@code --journal}). */
    public JournalSettings withDirectory(Path other) {
        return new JournalSettings(other, rollCycle, retention, minFreeBytes);
    }
}
