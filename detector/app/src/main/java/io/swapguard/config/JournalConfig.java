package io.swapguard.config;

import io.swapguard.engine.InvalidSettingException;
import io.swapguard.journal.JournalRollCycle;
import io.swapguard.journal.JournalSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code journal:} where the signals journal lives and how long it keeps data.
 *
 * @param directory the queue directory; relative paths are relative to the working directory
 * @param rollCycle how often a new journal file starts
 * @param retention how long to keep closed files ({@code 0} keeps everything); at least one roll cycle
 * @param retentionCheck how often the retention sweep runs
 * @param minFreeBytes free space the journal's disk must keep: below it, appending stops with a clear
 *     error instead of a writer killed mid-record by a full disk
 */
public record JournalConfig(String directory, JournalRollCycle rollCycle, Duration retention, Duration retentionCheck,
        Long minFreeBytes) {

    public static final String DEFAULT_DIRECTORY = "data/journal";

    public JournalConfig {
        if (directory == null) {
            directory = DEFAULT_DIRECTORY;
        }
        if (directory.isBlank()) {
            throw new InvalidSettingException("directory", "must not be empty");
        }
        if (rollCycle == null) {
            rollCycle = JournalRollCycle.HOURLY;
        }
        if (retention == null) {
            retention = Duration.ofDays(7);
        }
        if (!retention.isZero() && retention.compareTo(rollCycle.length()) < 0) {
            throw new InvalidSettingException("retention", DurationSetting.format(retention)
                    + " is shorter than one roll cycle (" + rollCycle + " = "
                    + DurationSetting.format(rollCycle.length()) + "); use 0 to keep everything or at least "
                    + DurationSetting.format(rollCycle.length()));
        }
        if (minFreeBytes == null) {
            minFreeBytes = JournalSettings.DEFAULT_MIN_FREE_BYTES;
        }
        if (minFreeBytes < JournalSettings.SMALLEST_MIN_FREE_BYTES || minFreeBytes > 1L << 40) {
            throw new InvalidSettingException("minFreeBytes", minFreeBytes + " is out of range: "
                    + JournalSettings.SMALLEST_MIN_FREE_BYTES + ".." + (1L << 40));
        }
        if (retentionCheck == null) {
            retentionCheck = Duration.ofMinutes(5);
        }
        if (retentionCheck.compareTo(Duration.ofSeconds(1)) < 0 || retentionCheck.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidSettingException("retentionCheck", DurationSetting.format(retentionCheck)
                    + " is out of range: must be between 1s and 1d");
        }
    }

    public static JournalConfig defaults() {
        return new JournalConfig(null, null, null, null, null);
    }

    public JournalSettings toSettings() {
        return new JournalSettings(Path.of(directory), rollCycle, retention, minFreeBytes);
    }
}
