package io.swapguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapguard.app.Swapguard;
import io.swapguard.config.ConfigLoader;
import io.swapguard.config.SwapguardConfig;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventTime;
import io.swapguard.ss7.pcap.LinkType;
import io.swapguard.ss7.pcap.PcapWriter;
import io.swapguard.testkit.S6aCapture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LTE end to end through the commands an operator runs: a capture of S6a (an attach at home, then
 * the same number behind a new SIM with a new handset) through {@code swapguard probe} into the
 * journal, {@code swapguard detect} raising the SIM swap and the device swap from it, and the
 * CAMARA SIM Swap and Device Swap APIs of the running product answering a bank with their dates.
 */
class LteEndToEndTest {

    static final String REALM = "epc.mnc010.mcc510.3gppnetwork.org";
    static final String MME = "mme1." + REALM;
    static final String MSISDN = "6281100000077";

    @TempDir
    Path dir;

    @Test
    void aSimSwapOnLteIsJournalledAlertedAndAnsweredToBanks() throws Exception {
        Path pcap = dir.resolve("s6a.pcap");
        try (PcapWriter w = PcapWriter.create(pcap, LinkType.ETHERNET)) {
            S6aCapture s6a = new S6aCapture(w, 1_790_000_000_000_000_000L, 2_000_000_000L);
            s6a.attach(MME, REALM, "51010", "510100000000077", "35332509123456", MSISDN);
            s6a.advance(3_600_000_000_000L); // an hour later: a new SIM and a new handset behind the number
            s6a.attach(MME, REALM, "51010", "510109900000077", "86753109654321", MSISDN);
        }
        Path journal = dir.resolve("journal");
        CliRun probe = CliRun.of("probe", "--pcap", pcap.toString(), "--journal", journal.toString(), "--json");
        assertThat(probe.exitCode()).as(probe.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(probe.out());
        assertThat(s.get("byKind").get("diameter ULR").asLong()).isEqualTo(2);
        assertThat(s.get("byKind").get("diameter ULA").asLong()).isEqualTo(2);
        assertThat(s.get("byKind").get("diameter AIA").asLong()).isEqualTo(2);

        CliRun tail = CliRun.of("journal", "tail", "--journal", journal.toString(), "--json", "-n", "8");
        assertThat(tail.out()).contains("\"type\":\"diameter\"").contains("\"command\":\"ULA\"")
                .contains("\"destinationHost\":\"" + MME + "\"");

        Path alerts = dir.resolve("alerts");
        CliRun detect = CliRun.of("detect", "--journal", journal.toString(), "--state", dir.resolve("state").toString(),
                "--alerts", alerts.toString(), "--alerts-file", dir.resolve("alerts.jsonl").toString());
        assertThat(detect.exitCode()).as(detect.err()).isZero();
        List<AlertEvent> raised = SwapguardProcess.alerts(alerts);
        assertThat(raised).extracting(AlertEvent::rule).containsExactlyInAnyOrder("simSwap", "deviceSwap");
        AlertEvent swap = raised.stream().filter(a -> a.rule().equals("simSwap")).findFirst().orElseThrow();
        assertThat(swap.msisdn().digits()).isEqualTo(MSISDN);
        assertThat(swap.evidence()).extracting(AlertEvent.Evidence::text)
                .anyMatch(e -> e.contains("ULA (Subscription-Data) from hss1." + REALM));
        AlertEvent device = raised.stream().filter(a -> a.rule().equals("deviceSwap")).findFirst().orElseThrow();

        // The bank's view: the running product over the same state answers with the swap's capture time.
        String yaml = ApiCommandsTest.config(dir);
        Path configFile = Files.writeString(dir.resolve("swapguard.yaml"), yaml);
        SwapguardConfig config = new ConfigLoader(Map.of()).parse(configFile.toString(), yaml);
        try (Swapguard app = Swapguard.start(config, Clock.systemUTC())) {
            CliRun token = CliRun.of("token", "--config", configFile.toString(), "--client", "bank-lte");
            assertThat(token.exitCode()).as(token.err()).isZero();
            String base = "http://127.0.0.1:" + app.api().port();
            String body = "{\"phoneNumber\": \"+" + MSISDN + "\"}";
            JsonNode sim = new ObjectMapper().readTree(post(base + "/sim-swap/v2/retrieve-date", token.out().strip(), body));
            assertThat(Instant.parse(sim.get("latestSimChange").asText()))
                    .isEqualTo(EventTime.instant(swap.captureNanos()).truncatedTo(ChronoUnit.SECONDS));
            JsonNode handset = new ObjectMapper().readTree(post(base + "/device-swap/v1/retrieve-date",
                    token.out().strip(), body));
            assertThat(Instant.parse(handset.get("latestDeviceChange").asText()))
                    .isEqualTo(EventTime.instant(device.captureNanos()).truncatedTo(ChronoUnit.SECONDS));
        }
    }

    private static String post(String url, String token, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return r.body();
    }
}
