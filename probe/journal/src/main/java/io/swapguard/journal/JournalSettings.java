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
 */
public record JournalSettings(Path directory, JournalRollCycle rollCycle, Duration retention) {

    public JournalSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(rollCycle, "rollCycle");
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative");
        }
    }

    public static JournalSettings of(Path directory) {
        return new JournalSettings(directory, JournalRollCycle.HOURLY, Duration.ZERO);
    }
}
