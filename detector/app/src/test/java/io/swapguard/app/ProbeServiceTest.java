package io.swapguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.config.ConfigLoader;
import io.swapguard.config.SwapguardConfig;
import io.swapguard.event.EventRecord;
import io.swapguard.event.EventType;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalTailer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code swapguard run} starts from {@code probe:}, here the BSS provisioning import. */
class ProbeServiceTest {

    @Test
    void runJournalsTheConfiguredProvisioningCsvInTimeOrder(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("bss.csv"), """
                time,kind,msisdn,imsi,previous_imsi,imei,channel,reference
                2026-11-29T04:00:00Z,activation,6281100000001,510100000000001,,,store-jakarta-01,A-1
                2026-11-29T03:00:00Z,activation,6281100000002,510100000000002,,,store-jakarta-01,A-2
                not a time,activation,6281100000003,510100000000003,,,store-jakarta-01,A-3
                """);
        SwapguardConfig config = new ConfigLoader().parse("test.yaml", """
                journal:
                  directory: %s
                probe:
                  provisioningCsv: ["%s"]
                  quarantine:
                    file: ""
                """.formatted(dir.resolve("journal"), csv));
        List<ProvisioningEvent> journalled = new ArrayList<>();
        try (Journal journal = Journal.open(config.journal().toSettings())) {
            try (ProbeService probe = ProbeService.start(config.probe(), journal, Clock.systemUTC())) {
                assertThat(probe.counters().rejected(io.swapguard.ss7.Layer.PCAP, "bad-provisioning-record"))
                        .isEqualTo(1);
            }
            try (JournalTailer t = journal.anonymousTailer()) {
                for (EventRecord r; (r = t.next()) != null; ) {
                    assertThat(r.event().type()).isEqualTo(EventType.PROVISIONING);
                    journalled.add((ProvisioningEvent) r.event());
                }
            }
        }
        assertThat(journalled).extracting(e -> e.msisdn().digits()).containsExactly("6281100000002", "6281100000001");
        assertThat(journalled).extracting(ProvisioningEvent::reference).containsExactly("A-2", "A-1");
    }
}
