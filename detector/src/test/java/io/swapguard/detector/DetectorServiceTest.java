package io.swapguard.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.config.DetectorConfig;
import io.swapguard.event.AlertEvent;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalAppender;
import io.swapguard.journal.JournalSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detector as a service over a live journal: alerts as events arrive, the sender registry reloaded. */
class DetectorServiceTest {

    @Test
    void aDamagedRecordIsCountedAndSkippedAndTheRestIsApplied(@TempDir Path dir) throws Exception {
        DetectorConfig config = new DetectorConfig(true, dir.resolve("state").toString(), 1000,
                dir.resolve("alerts").toString(), "", null, null, dir.resolve("none.yaml").toString(), null, null,
                null);
        Signals sig = new Signals();
        Path journalDir = dir.resolve("journal");
        try (Journal signals = Journal.open(JournalSettings.of(journalDir)); JournalAppender append = signals.appender()) {
            append.append(sig.isd(0, DetectorRulesTest.MSISDN, DetectorRulesTest.IMSI, Signals.HOME_VLR).event());
            append.append(sig.isd(1, "6281100000043", "510100000000043", Signals.HOME_VLR).event());
        }
        // Scribble over the last record's payload, as a bad disk would (Chronicle's header stays).
        Path file;
        try (var files = Files.list(journalDir)) {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] all = Files.readAllBytes(file);
        int last = all.length - 1;
        while (last > 0 && all[last] == 0) {
            last--;
        }
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(last - 20);
            raf.write(new byte[10]);
        }
        List<AlertEvent> seen = new CopyOnWriteArrayList<>();
        try (Journal signals = Journal.open(JournalSettings.of(journalDir));
                JournalAppender append = signals.appender();
                DetectorService service = DetectorService.start(config, signals, seen::add, 0)) {
            append.append(sig.isd(60, DetectorRulesTest.MSISDN, DetectorRulesTest.NEW_IMSI, Signals.HOME_VLR).event());
            assertThat(service.awaitApplied(signals.lastIndex(), 10_000)).isTrue();
            assertThat(service.unreadable()).isEqualTo(1);
            assertThat(service.events()).isEqualTo(2);
            assertThat(service.failure()).isNull();
            assertThat(seen).extracting(AlertEvent::rule).containsExactly("simSwap");
            assertThat(service.store().get(6281100000043L)).as("the damaged event's subscriber").isNull();
        }
    }

    @Test
    void followsTheJournalAndPicksUpAChangedSenderRegistry(@TempDir Path dir) throws Exception {
        Path registry = Files.writeString(dir.resolve("senders.yaml"), "senders: []\n");
        DetectorConfig config = new DetectorConfig(true, dir.resolve("state").toString(), 1000,
                dir.resolve("alerts").toString(), "", null, null, registry.toString(), null, null, null);
        Signals sig = new Signals();
        List<AlertEvent> seen = new CopyOnWriteArrayList<>();
        try (Journal signals = Journal.open(JournalSettings.of(dir.resolve("journal")));
                JournalAppender append = signals.appender();
                DetectorService service = DetectorService.start(config, signals, seen::add, 0)) {
            append.append(sig.isd(0, DetectorRulesTest.MSISDN, DetectorRulesTest.IMSI, Signals.HOME_VLR).event());
            append.append(sig.mtSms(1, "6281100910", "6281100102", DetectorRulesTest.MSISDN, DetectorRulesTest.IMSI,
                    "ACME", "Your parcel is on its way").event());
            assertThat(service.awaitApplied(signals.lastIndex(), 10_000)).isTrue();
            assertThat(seen).as("ACME is nobody's sender yet").isEmpty();

            Files.writeString(registry, "senders:\n  - id: ACME\n    owner: Acme Bank\n    smscGts: [\"6281100900\"]\n");
            Files.setLastModifiedTime(registry, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline && service.registrySenders() == 0) {
                Thread.sleep(20);
            }
            assertThat(service.registrySenders()).as("registry reloaded").isEqualTo(1);
            append.append(sig.mtSms(20, "6281100910", "6281100102", DetectorRulesTest.MSISDN, DetectorRulesTest.IMSI,
                    "ACME", "Your parcel is on its way").event());
            assertThat(service.awaitApplied(signals.lastIndex(), 10_000)).isTrue();
            assertThat(seen).extracting(AlertEvent::rule).containsExactly("illegalMasking");
            assertThat(service.alertsByRule()).containsEntry("illegalMasking", 1L);
            assertThat(service.events()).isEqualTo(3);

            // A broken edit keeps the registry that works.
            Files.writeString(registry, "senders:\n  - idd: ACME\n");
            Files.setLastModifiedTime(registry, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
            Thread.sleep(2_500);
            assertThat(service.registrySenders()).isEqualTo(1);
        }
    }
}
