package io.swapguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.AlertEvent;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalAppender;
import io.swapguard.journal.JournalSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detector as a service over a live journal: alerts as events arrive, damaged records skipped. */
class DetectorServiceTest {

    @Test
    void aDamagedRecordIsCountedAndSkippedAndTheRestIsApplied(@TempDir Path dir) throws Exception {
        DetectorConfig config = new DetectorConfig(true, dir.resolve("state").toString(), 1000,
                dir.resolve("alerts").toString(), "", null, null, dir.resolve("none.yaml").toString(), null, null,
                null);
        Signals sig = new Signals();
        Path journalDir = dir.resolve("journal");
        try (Journal signals = Journal.open(JournalSettings.of(journalDir)); JournalAppender append = signals.appender()) {
            append.append(sig.isd(0, io.swapguard.engine.rules.RuleTest.MSISDN, io.swapguard.engine.rules.RuleTest.IMSI, Signals.HOME_VLR).event());
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
                Journal alerts = Journal.open(JournalSettings.of(dir.resolve("alerts")));
                SubscriberStore store = SubscriberStore.open(dir.resolve("state"), 1000);
                JournalAppender append = signals.appender();
                DetectorService service = DetectorService.start(config, signals, alerts, store, SenderRegistry::empty,
                        seen::add, 0)) {
            append.append(sig.isd(60, io.swapguard.engine.rules.RuleTest.MSISDN, io.swapguard.engine.rules.RuleTest.NEW_IMSI, Signals.HOME_VLR).event());
            assertThat(service.awaitApplied(signals.lastIndex(), 5_000)).isTrue();
            assertThat(service.unreadable()).isEqualTo(1);
            assertThat(service.events()).isEqualTo(2);
            assertThat(service.failure()).isNull();
            assertThat(seen).extracting(AlertEvent::rule).containsExactly("simSwap");
            assertThat(service.store().get(6281100000043L)).as("the damaged event's subscriber").isNull();
        }
    }

}
