package io.swapguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.DetectorService;
import io.swapguard.engine.Signals;
import io.swapguard.engine.rules.RuleTest;
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

/** The detector as the commands wire it: following a live journal and its sender registry file. */
class DetectorPartsTest {

    @Test
    void followsTheJournalAndPicksUpAChangedSenderRegistry(@TempDir Path dir) throws Exception {
        Path registry = Files.writeString(dir.resolve("senders.yaml"), "senders: []\n");
        DetectorConfig config = new DetectorConfig(true, dir.resolve("state").toString(), 1000,
                dir.resolve("alerts").toString(), "", null, null, registry.toString(), null, null, null);
        Signals sig = new Signals();
        List<AlertEvent> seen = new CopyOnWriteArrayList<>();
        try (Journal signals = Journal.open(JournalSettings.of(dir.resolve("journal")));
                JournalAppender append = signals.appender();
                DetectorParts parts = DetectorParts.start(config, signals, seen::add, 0)) {
            DetectorService service = parts.service();
            append.append(sig.isd(0, RuleTest.MSISDN, RuleTest.IMSI, Signals.HOME_VLR).event());
            append.append(sig.mtSms(1, "6281100910", "6281100102", RuleTest.MSISDN, RuleTest.IMSI,
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
            append.append(sig.mtSms(20, "6281100910", "6281100102", RuleTest.MSISDN, RuleTest.IMSI,
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
