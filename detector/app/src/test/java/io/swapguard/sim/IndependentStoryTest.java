package io.swapguard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapguard.cli.CliRuns;
import io.swapguard.engine.Detector;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.TestSenders;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventRecord;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalSettings;
import io.swapguard.journal.JournalTailer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector on signalling its authors did not encode: {@code forge_map.py --story} (the
 * probe's hand-built BER forge, no code shared with the simulator) tells of a roamer setting its
 * own forwarding from the VLR serving it abroad, SMS faking with a forged SM-RP-OA that claims a
 * bank's authorised SMSC, a forwarding takeover from a GT that is not the serving VLR, and an
 * UpdateLocation from a partner's SMSC claiming the partner's VLR. The real probe command journals
 * it and the rules must alert exactly the attacks.
 */
class IndependentStoryTest {

    @Test
    void theAttacksInAForgedCaptureAreAlertedAndTheRoamerIsNot(@TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("story.pcap");
        Process forge = new ProcessBuilder("python3", "../../probe/taps/src/test/python/forge_map.py", "--story",
                pcap.toString()).redirectErrorStream(true).start();
        String out = new String(forge.getInputStream().readAllBytes());
        assertThat(forge.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(forge.exitValue()).as(out).isZero();
        JsonNode truth = new ObjectMapper().readTree(dir.resolve("story.pcap.json").toFile());

        Path journal = dir.resolve("journal");
        CliRuns.Result probe = CliRuns.run("probe", "--pcap", pcap.toString(), "--journal", journal.toString());
        assertThat(probe.exitCode()).as(probe.err()).isZero();

        List<AlertEvent> alerts = new ArrayList<>();
        JsonNode p = truth.get("partner");
        DetectorConfig.PartnerConfig partner = new DetectorConfig.PartnerConfig(p.get("name").asText(),
                strings(p.get("gtPrefixes")), java.time.Duration.ofHours(2), null,
                new DetectorConfig.PartnerNodes(strings(p.get("vlr")), strings(p.get("smsc")), null, null), null);
        DetectorConfig defaults = DetectorOnSimulationTest.config(1_000);
        DetectorConfig.NetworkConfig home = defaults.network();
        DetectorConfig config = new DetectorConfig(null, null, 1_000, null, "", null,
                new DetectorConfig.NetworkConfig(home.countryCode(), home.imsiPrefixes(), home.gtPrefixes(),
                        home.multiImsiPrefixes(), home.minTravelTime(), List.of(partner)),
                defaults.senderRegistry(), null, null, null);
        try (SubscriberStore store = SubscriberStore.inMemory(1_000);
                Journal j = Journal.openExisting(JournalSettings.of(journal)); JournalTailer t = j.anonymousTailer()) {
            Detector detector = new Detector(config, store, TestSenders.shipped());
            for (EventRecord r; (r = t.next()) != null; ) {
                alerts.addAll(detector.apply(r));
            }
        }
        List<String> expected = new ArrayList<>();
        for (JsonNode a : truth.get("alerts")) {
            expected.add(a.get("rule").asText() + " " + a.get("msisdn").asText());
            assertThat(alerts).as(a.toString()).anySatisfy(alert -> {
                assertThat(alert.rule()).isEqualTo(a.get("rule").asText());
                assertThat(alert.msisdn().digits()).isEqualTo(a.get("msisdn").asText());
                assertThat(alert.evidence()).anySatisfy(e -> assertThat(e.text()).contains(a.get("evidence").asText()));
            });
        }
        assertThat(alerts.stream().map(a -> a.rule() + " " + a.msisdn().digits()).distinct().toList())
                .as("exactly the attacks").containsExactlyInAnyOrderElementsOf(expected);
        for (JsonNode quiet : truth.get("quiet")) {
            assertThat(alerts).noneMatch(a -> a.msisdn().digits().equals(quiet.asText()));
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
