package io.swapguard.taps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestLedgerTest {

    @TempDir
    Path journal;

    /** A journal whose last index is {@code last}, one record per index (so records after i = last - i). */
    private static LongUnaryOperator records(long last) {
        return i -> Math.max(0, last - i);
    }

    private Path file(String name, String content) throws Exception {
        Path f = journal.resolveSibling(journal.getFileName() + "-in").resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return f;
    }

    @Test
    void identityIsTheContentNotTheName() throws Exception {
        IngestLedger.FileId a = IngestLedger.FileId.of(file("a.pcap", "same bytes"));
        IngestLedger.FileId copy = IngestLedger.FileId.of(file("copy-of-a.pcap", "same bytes"));
        IngestLedger.FileId other = IngestLedger.FileId.of(file("b.pcap", "same bytez"));
        assertThat(copy).isEqualTo(a);
        assertThat(other).isNotEqualTo(a);
        assertThat(a.size()).isEqualTo(10);
        assertThat(a.sha256()).isEqualTo("58100dc8fc06562ce3e578231dc948e083520ee49c4b4ee5a5a28bb4b4003feb"); // sha256sum
    }

    @Test
    void aFinishedRunIsRememberedAcrossOpens() throws Exception {
        IngestLedger.FileId a = IngestLedger.FileId.of(file("a.pcap", "a"));
        IngestLedger ledger = IngestLedger.open(journal);
        IngestLedger.Started s = ledger.begin(List.of(a), List.of("a.pcap"), -1, records(-1), false);
        assertThat(s.resumed()).isFalse();
        assertThat(s.alreadyJournalled()).isZero();
        ledger.finish(s.run(), List.of(42L));

        IngestLedger reopened = IngestLedger.open(journal);
        assertThat(reopened.ingested(a)).hasValueSatisfying(i -> {
            assertThat(i.frames()).isEqualTo(42);
            assertThat(i.path()).isEqualTo("a.pcap");
        });
        assertThat(reopened.unfinished()).isEmpty();
    }

    @Test
    void anOpenRunResumesWithWhatTheJournalGotFromIt() throws Exception {
        IngestLedger.FileId a = IngestLedger.FileId.of(file("a.pcap", "a"));
        IngestLedger.FileId b = IngestLedger.FileId.of(file("b.pcap", "b"));
        IngestLedger.open(journal).begin(List.of(a, b), List.of("a.pcap", "b.pcap"), 99, records(99), false);
        // ... killed after appending up to index 1,099.
        IngestLedger after = IngestLedger.open(journal);
        assertThat(after.unfinished()).singleElement().satisfies(r -> assertThat(r.open()).isTrue());
        IngestLedger.Started again = after.begin(List.of(a, b), List.of("a.pcap", "b.pcap"), 1099, records(1099),
                false);
        assertThat(again.resumed()).isTrue();
        assertThat(again.alreadyJournalled()).isEqualTo(1000);
        // Killed again at once: the count is still taken from the first run's start.
        IngestLedger.Started third = IngestLedger.open(journal).begin(List.of(a, b), List.of("a.pcap", "b.pcap"), 1150,
                records(1150), false);
        assertThat(third.alreadyJournalled()).isEqualTo(1051);
    }

    @Test
    void anotherRunInterruptsTheOpenOneWhichResumesLaterAfterTheOthersEvents() throws Exception {
        IngestLedger.FileId a = IngestLedger.FileId.of(file("a.pcap", "a"));
        IngestLedger.FileId c = IngestLedger.FileId.of(file("c.pcap", "c"));
        IngestLedger.open(journal).begin(List.of(a), List.of("a.pcap"), -1, records(-1), false);
        // killed after 300 events (indexes 0..299); then another file is ingested: 500 more.
        IngestLedger ledger = IngestLedger.open(journal);
        IngestLedger.Started other = ledger.begin(List.of(c), List.of("c.pcap"), 299, records(299), false);
        assertThat(other.resumed()).isFalse();
        ledger.finish(other.run(), List.of(7L));
        IngestLedger.Run interrupted = IngestLedger.open(journal).unfinished().get(0);
        assertThat(interrupted.open()).isFalse();
        assertThat(interrupted.skipBefore()).isEqualTo(300);

        IngestLedger.Started back = IngestLedger.open(journal).begin(List.of(a), List.of("a.pcap"), 799, records(799),
                false);
        assertThat(back.resumed()).isTrue();
        assertThat(back.alreadyJournalled()).isEqualTo(300);
        // killed once more after 50 more events: 300 + 50.
        assertThat(IngestLedger.open(journal).begin(List.of(a), List.of("a.pcap"), 849, records(849), false)
                .alreadyJournalled()).isEqualTo(350);
    }

    @Test
    void aRunSharingFilesWithAnUnfinishedOneIsRefusedUnlessForced() throws Exception {
        IngestLedger.FileId a = IngestLedger.FileId.of(file("a.pcap", "a"));
        IngestLedger.FileId b = IngestLedger.FileId.of(file("b.pcap", "b"));
        IngestLedger.open(journal).begin(List.of(a, b), List.of("a.pcap", "b.pcap"), -1, records(-1), false);
        assertThatThrownBy(() -> IngestLedger.open(journal).begin(List.of(b), List.of("b.pcap"), 10, records(10),
                false))
                .isInstanceOf(IngestLedger.ConflictException.class)
                .hasMessageContaining("a.pcap, b.pcap").hasMessageContaining("left 11 events")
                .hasMessageContaining("--force");
        IngestLedger forced = IngestLedger.open(journal);
        IngestLedger.Started s = forced.begin(List.of(b), List.of("b.pcap"), 10, records(10), true);
        assertThat(s.resumed()).isFalse();
        assertThat(IngestLedger.open(journal).unfinished()).singleElement()
                .satisfies(r -> assertThat(r.files()).containsExactly(b));
    }

    @Test
    void aDamagedLedgerIsAnErrorNamingItsLineNotAFreshStart() throws Exception {
        Path f = journal.resolve("probe-state").resolve(IngestLedger.FILE_NAME);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "# header\nfile\tnot-a-hash\t3\n");
        assertThatThrownBy(() -> IngestLedger.open(journal))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("line 2");
    }
}
