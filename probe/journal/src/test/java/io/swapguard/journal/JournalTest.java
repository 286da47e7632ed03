package io.swapguard.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.event.EventReadException;
import io.swapguard.event.EventRecord;
import io.swapguard.event.MapEvent;
import io.swapguard.event.SignalEvent;
import io.swapguard.event.TestEvents;
import io.swapguard.event.codec.EventCodec;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    private JournalSettings settings() {
        return JournalSettings.of(dir.resolve("journal"));
    }

    private static MapEvent event(int i) {
        return TestEvents.fullMapEvent().toBuilder().captureNanos(TestEvents.T0 + i).invokeId(i % 256).build();
    }

    @Test
    void everyEventTypeRoundTripsThroughTheQueue() {
        List<SignalEvent> written = List.copyOf(TestEvents.everyKind());
        try (Journal journal = Journal.open(settings()); JournalAppender appender = journal.appender()) {
            for (SignalEvent e : written) {
                appender.append(e);
            }
        }
        try (Journal journal = Journal.openExisting(settings()); JournalTailer tailer = journal.anonymousTailer()) {
            List<SignalEvent> read = new ArrayList<>();
            long lastIndex = -1;
            for (EventRecord r; (r = tailer.next()) != null; ) {
                assertThat(r.index()).isGreaterThan(lastIndex);
                lastIndex = r.index();
                read.add(r.event());
            }
            assertThat(read).containsExactlyElementsOf(written);
            assertThat(journal.lastIndex()).isEqualTo(lastIndex);
        }
    }

    @Test
    void namedTailerResumesAfterRestartWithoutMissingOrRepeating() {
        try (Journal journal = Journal.open(settings()); JournalAppender appender = journal.appender()) {
            for (int i = 0; i < 100; i++) {
                appender.append(event(i));
            }
        }
        List<Long> seen = new ArrayList<>();
        // First run reads 40 and "dies" (closes without reading further).
        try (Journal journal = Journal.open(settings()); JournalTailer tailer = journal.tailer("detector")) {
            for (int i = 0; i < 40; i++) {
                seen.add(tailer.next().event().captureNanos());
            }
        }
        // Meanwhile the probe appends more.
        try (Journal journal = Journal.open(settings()); JournalAppender appender = journal.appender()) {
            for (int i = 100; i < 150; i++) {
                appender.append(event(i));
            }
        }
        // Second run, new process in effect: a fresh Journal and a tailer of the same name.
        try (Journal journal = Journal.open(settings()); JournalTailer tailer = journal.tailer("detector")) {
            for (EventRecord r; (r = tailer.next()) != null; ) {
                seen.add(r.event().captureNanos());
            }
        }
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            expected.add(TestEvents.T0 + i);
        }
        assertThat(seen).containsExactlyElementsOf(expected);

        // Another name has its own position.
        try (Journal journal = Journal.open(settings()); JournalTailer other = journal.tailer("cli")) {
            assertThat(other.next().event().captureNanos()).isEqualTo(TestEvents.T0);
        }
    }

    @Test
    void newerSchemaRecordStopsTheReaderAndIsNotSkipped() {
        byte[] future = TestEvents.encoded(event(1));
        future[0] = (byte) (EventCodec.SCHEMA_VERSION + 1);
        try (Journal journal = Journal.open(settings()); JournalAppender appender = journal.appender()) {
            appender.append(event(0));
            appender.appendRecord(future, future.length);
            appender.append(event(2));
        }
        try (Journal journal = Journal.open(settings()); JournalTailer tailer = journal.tailer("old-reader")) {
            assertThat(tailer.next().event()).isEqualTo(event(0));
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(tailer::next)
                        .isInstanceOf(EventReadException.class)
                        .hasMessageContaining("event schema v" + (EventCodec.SCHEMA_VERSION + 1))
                        .hasMessageContaining("upgrade swapguard")
                        .satisfies(e -> assertThat(((EventReadException) e).skipped()).isFalse());
            }
        }
        // The position was not persisted past the unreadable record: a restarted reader meets it again.
        try (Journal journal = Journal.open(settings()); JournalTailer tailer = journal.tailer("old-reader")) {
            assertThatThrownBy(tailer::next).isInstanceOf(EventReadException.class);
        }
    }

    @Test
    void corruptRecordIsReportedSkippedAndReadingGoesOn() {
        byte[] garbage = {1, 1, 0x7F};
        try (Journal journal = Journal.open(settings()); JournalAppender appender = journal.appender()) {
            appender.append(event(0));
            appender.appendRecord(garbage, garbage.length);
            appender.append(event(2));
        }
        try (Journal journal = Journal.open(settings()); JournalTailer tailer = journal.anonymousTailer()) {
            assertThat(tailer.next().event()).isEqualTo(event(0));
            assertThatThrownBy(tailer::next).isInstanceOf(EventReadException.class)
                    .hasMessageContaining("too short")
                    .satisfies(e -> assertThat(((EventReadException) e).skipped()).isTrue());
            assertThat(tailer.next().event()).isEqualTo(event(2));
            assertThat(tailer.next()).isNull();
        }
    }

    @Test
    void openExistingRefusesADirectoryWithoutJournal() {
        assertThatThrownBy(() -> Journal.openExisting(JournalSettings.of(dir.resolve("nope"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no journal at")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Journal.openExisting(JournalSettings.of(dir)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no .cq4 files");
    }

    @Test
    void tailerNamesAreValidated() {
        try (Journal journal = Journal.open(settings())) {
            assertThatThrownBy(() -> journal.tailer("../etc")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> journal.tailer("")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void truncatedCycleFileIsReportedAndLeftUntouched() throws Exception {
        try (Journal journal = Journal.open(settings()); JournalAppender appender = journal.appender()) {
            for (int i = 0; i < 1000; i++) {
                appender.append(event(i));
            }
        }
        Path file = cycleFiles().get(0);
        long dataEnd = lastNonZeroByte(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(dataEnd / 2);
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> Journal.open(settings()))
                    .isInstanceOf(JournalDamagedException.class)
                    .hasMessageContaining(file.getFileName().toString())
                    .hasMessageContaining("tail was cut off")
                    .hasMessageContaining("journal check --quarantine");
            // Not "repaired" behind the operator's back: the evidence keeps its length.
            assertThat(Files.size(file)).isEqualTo(dataEnd / 2);
        }

        List<Path> moved = JournalCheck.quarantine(settings().directory());
        assertThat(moved).hasSize(1);
        assertThat(Files.size(moved.get(0))).isEqualTo(dataEnd / 2);
        assertThat(JournalCheck.damagedFiles(settings().directory())).isEmpty();
        try (Journal journal = Journal.open(settings()); JournalAppender appender = journal.appender()) {
            appender.append(event(5000));
            try (JournalTailer tailer = journal.anonymousTailer()) {
                assertThat(tailer.next().event()).isEqualTo(event(5000));
            }
        }
    }

    @Test
    void overwrittenTailIsReportedRecordByRecordAndTheRestIsRead() throws Exception {
        try (Journal journal = Journal.open(settings()); JournalAppender appender = journal.appender()) {
            for (int i = 0; i < 100; i++) {
                appender.append(event(i));
            }
        }
        Path file = cycleFiles().get(0);
        long dataEnd = lastNonZeroByte(file);
        // Scribble over the payload of the last record (Chronicle's 4-byte header stays intact).
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(dataEnd - 60);
            raf.write(new byte[40]);
        }
        int good = 0;
        List<EventReadException> errors = new ArrayList<>();
        try (Journal journal = Journal.open(settings()); JournalTailer tailer = journal.anonymousTailer()) {
            while (true) {
                try {
                    EventRecord r = tailer.next();
                    if (r == null) {
                        break;
                    }
                    assertThat(r.event()).isEqualTo(event(good++));
                } catch (EventReadException e) {
                    errors.add(e);
                }
            }
        }
        assertThat(good).isEqualTo(99);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.skipped()).isTrue();
            assertThat(e).hasMessageContaining("checksum mismatch");
        });
    }

    @Test
    void aFileCutAtABlockBoundaryHasAHealthyLengthAndIsFoundByItsHeader() throws Exception {
        byte[] big = new byte[60_000];
        try (Journal journal = Journal.open(settings()); JournalAppender appender = journal.appender()) {
            for (int i = 0; i < 1_800; i++) { // about 105 MB: the file grows to two blocks
                appender.appendRecord(big, big.length);
            }
        }
        Path file = cycleFiles().get(0);
        long whole = JournalCheck.OVERLAP_BYTES + 2 * JournalCheck.BLOCK_BYTES;
        assertThat(Files.size(file)).isEqualTo(whole);
        assertThat(JournalCheck.damagedFiles(settings().directory())).isEmpty();
        assertThat(JournalCheck.writePosition(file)).isBetween(JournalCheck.BLOCK_BYTES, whole);

        long cut = JournalCheck.OVERLAP_BYTES + JournalCheck.BLOCK_BYTES; // as a copy that stopped at a block
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(cut);
        }
        assertThat(JournalCheck.damagedFiles(settings().directory())).singleElement().satisfies(d ->
                assertThat(d.describe()).contains("is " + cut + " bytes, but its header says its last record starts at")
                        .contains("tail was cut off"));
        assertThatThrownBy(() -> Journal.open(settings())).isInstanceOf(JournalDamagedException.class);
        assertThat(Files.size(file)).as("not extended with zeros by opening").isEqualTo(cut);
    }

    @Test
    void recordsStayInOrderAndNoneIsLostAcrossTheAppendersRenewals() {
        // Each renewal (every 16 MiB) lets go of the blocks written so far and maps the current one again.
        int n = 0;
        List<Long> indexes = new ArrayList<>();
        try (Journal journal = Journal.open(settings()); JournalAppender appender = journal.appender()) {
            while (n * 250L < 3 * JournalAppender.RENEW_EVERY_BYTES + 1_000_000) {
                MapEvent e = event(n++).toBuilder().ussdString("*123#".repeat(36)).build();
                indexes.add(appender.append(e));
            }
        }
        try (Journal journal = Journal.open(settings()); JournalTailer tailer = journal.anonymousTailer()) {
            for (int i = 0; i < n; i++) {
                EventRecord r = tailer.next();
                assertThat(r.index()).isEqualTo(indexes.get(i));
                assertThat(((MapEvent) r.event()).captureNanos()).isEqualTo(TestEvents.T0 + i);
            }
            assertThat(tailer.next()).isNull();
            assertThat(indexes.get(n - 1) - indexes.get(0)).as("no gap in the index").isEqualTo(n - 1);
        }
    }

    @Test
    void appendingStopsBeforeTheDiskFallsBelowTheReserve() {
        JournalSettings tight = new JournalSettings(dir.resolve("journal"), JournalRollCycle.HOURLY, Duration.ZERO,
                Long.MAX_VALUE / 4); // more than any disk has free
        try (Journal journal = Journal.open(tight); JournalAppender appender = journal.appender()) {
            assertThatThrownBy(() -> appender.append(event(1)))
                    .isInstanceOf(JournalFullException.class)
                    .hasMessageContaining("free on its disk, below the reserve")
                    .hasMessageContaining("journal.minFreeBytes");
            assertThat(journal.lastIndex()).as("nothing half-written").isEqualTo(-1);
            // Still refused at the next append (space did not come back), not let through.
            assertThatThrownBy(() -> appender.append(event(2))).isInstanceOf(JournalFullException.class);
        }
        try (Journal journal = Journal.open(settings()); JournalAppender appender = journal.appender()) {
            appender.append(event(3)); // the default reserve: this disk has room
            assertThat(journal.lastIndex()).isNotNegative();
        }
    }

    @Test
    void blockLayoutIsWhatTheDamageCheckAssumes() {
        try (Journal journal = Journal.open(settings())) {
            assertThat(journal.chronicleBlockAndOverlap())
                    .containsExactly(JournalCheck.BLOCK_BYTES, JournalCheck.OVERLAP_BYTES);
        }
    }

    @Test
    void retentionDeletesWholeCyclesOlderThanTheSettingAndNeverTheCurrentOne() throws Exception {
        long hour = Duration.ofHours(1).toMillis();
        long start = Instant.parse("2026-11-29T00:00:00Z").toEpochMilli();
        SetTimeProvider time = new SetTimeProvider(start);
        JournalSettings hourlyKeep3h = new JournalSettings(dir.resolve("journal"), JournalRollCycle.HOURLY,
                Duration.ofHours(3));
        try (Journal journal = Journal.open(hourlyKeep3h, time); JournalAppender appender = journal.appender()) {
            for (int h = 0; h < 6; h++) {
                time.currentTimeMillis(start + h * hour + 1);
                appender.append(event(h));
            }
            assertThat(cycleFiles()).hasSize(6);
            // At 05:30 with 3 h retention, cycles ending at or before 02:30 go: 00-01 and 01-02.
            Clock now = Clock.fixed(Instant.ofEpochMilli(start + 5 * hour + hour / 2), ZoneOffset.UTC);
            assertThat(journal.applyRetention(now)).isEqualTo(2);
            assertThat(cycleFiles()).hasSize(4);
            // A year later only the current cycle remains.
            assertThat(journal.applyRetention(Clock.offset(now, Duration.ofDays(365)))).isEqualTo(3);
            assertThat(cycleFiles()).hasSize(1);
            try (JournalTailer tailer = journal.anonymousTailer()) {
                assertThat(tailer.next().event()).isEqualTo(event(5));
            }
        }
    }

    @Test
    void zeroRetentionKeepsEverything() {
        try (Journal journal = Journal.open(settings()); JournalAppender appender = journal.appender()) {
            appender.append(event(0));
            assertThat(journal.applyRetention(Clock.offset(Clock.systemUTC(), Duration.ofDays(10_000)))).isZero();
        }
    }

    private List<Path> cycleFiles() throws Exception {
        try (var files = Files.list(dir.resolve("journal"))) {
            return files.filter(p -> p.toString().endsWith(".cq4")).sorted().toList();
        }
    }

    private static long lastNonZeroByte(Path file) throws Exception {
        byte[] all = Files.readAllBytes(file);
        int last = all.length - 1;
        while (last > 0 && all[last] == 0) {
            last--;
        }
        return last;
    }
}
