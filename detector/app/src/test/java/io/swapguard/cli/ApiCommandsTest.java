package io.swapguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.app.Swapguard;
import io.swapguard.config.ConfigLoader;
import io.swapguard.config.SwapguardConfig;
import io.swapguard.engine.state.SubscriberState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run}'s CAMARA API: served over the detector's own state, tokens from {@code swapguard
 * token} accepted, every answer in the audit journal with the number in full, and its meters on
 * /metrics.
 */
class ApiCommandsTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theRunningApiAnswersFromTheDetectorsStateWithTokensFromTheTokenCommand(@TempDir Path dir) throws Exception {
        String yaml = config(dir);
        Path configFile = Files.writeString(dir.resolve("swapguard.yaml"), yaml);
        SwapguardConfig config = new ConfigLoader(Map.of()).parse("t.yaml", yaml);
        try (Swapguard app = Swapguard.start(config, Clock.systemUTC())) {
            SubscriberState s = new SubscriberState(6281100000001L);
            long now = System.currentTimeMillis() * 1_000_000L;
            s.firstSeen = now - 86_400_000_000_000L;
            s.addSim(new SubscriberState.SimChange(now - 3_600_000_000_000L, 510100000000010L, 510100000000011L,
                    SubscriberState.SimSource.SIGNALLING, false, "", 1));
            app.detectorParts().store().put(s);

            CliRun token = CliRun.of("token", "--config", configFile.toString(), "--client", "bank-t");
            assertThat(token.exitCode()).as(token.err()).isZero();
            String bearer = token.out().strip();
            assertThat(bearer.split("\\.")).hasSize(3);

            String base = "http://127.0.0.1:" + app.api().port();
            HttpResponse<String> r = post(base + "/sim-swap/v2/check", bearer,
                    "{\"phoneNumber\": \"+6281100000001\", \"maxAge\": 2}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"swapped\":true}");
            assertThat(post(base + "/sim-swap/v2/check", bearer, "{\"phoneNumber\": \"+6281100000002\"}").statusCode())
                    .isEqualTo(404);

            CliRun threeLegged = CliRun.of("token", "--config", configFile.toString(), "--phone", "+6281100000001",
                    "--scope", "sim-swap:retrieve-date");
            HttpResponse<String> date = post(base + "/sim-swap/v2/retrieve-date", threeLegged.out().strip(), "{}");
            assertThat(date.statusCode()).as(date.body()).isEqualTo(200);
            assertThat(date.body()).startsWith("{\"latestSimChange\":\"20");

            List<String> audit = Files.readAllLines(app.api().auditFile(LocalDate.now(ZoneOffset.UTC)));
            assertThat(audit).hasSize(3);
            assertThat(audit.get(0)).contains("\"client\":\"bank-t\"", "\"operation\":\"checkSimSwap\"",
                    "\"phoneNumber\":\"+6281100000001\"", "\"status\":200", "\"result\":\"swapped=true\"");
            assertThat(audit.get(1)).contains("\"status\":404", "\"result\":\"IDENTIFIER_NOT_FOUND\"");
            assertThat(audit.get(2)).contains("\"client\":\"demo-bank\"", "\"operation\":\"retrieveSimSwapDate\"");

            assertThat(app.meters().scrape()).contains(
                    "swapguard_api_requests_seconds_count{operation=\"checkSimSwap\",status=\"200\"} 1",
                    "swapguard_api_requests_seconds_count{operation=\"checkSimSwap\",status=\"404\"} 1");
        }
    }

    @Test
    void theProvisioningEndpointJournalsBssRecordsAndTheApiAnswersFromThem(@TempDir Path dir) throws Exception {
        String yaml = config(dir);
        Path configFile = Files.writeString(dir.resolve("swapguard.yaml"), yaml);
        SwapguardConfig config = new ConfigLoader(Map.of()).parse("t.yaml", yaml);
        try (Swapguard app = Swapguard.start(config, Clock.systemUTC())) {
            CliRun token = CliRun.of("token", "--config", configFile.toString(), "--client", "bss-1", "--scope",
                    "swapguard:provisioning,sim-swap");
            String bearer = token.out().strip();
            String base = "http://127.0.0.1:" + app.api().port();
            java.time.Instant hourAgo = java.time.Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            java.time.Instant yearAgo = hourAgo.minus(java.time.Duration.ofDays(365));
            String csv = "time,kind,msisdn,imsi,previous_imsi,imei,channel,reference\n"
                    + yearAgo + ",activation,6281100000071,510100000000071,,,retail,A-1\n"
                    + hourAgo + ",simReplacement,6281100000071,510100000000072,510100000000071,,retail,R-9\n";
            HttpResponse<String> r = post(base + "/swapguard/provisioning/v1/records", bearer, csv, "text/csv");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"accepted\":2}");
            // through the journal and the detector, like the CSV import
            long deadline = System.nanoTime() + 20_000_000_000L;
            HttpResponse<String> check;
            do {
                Thread.sleep(50);
                check = post(base + "/sim-swap/v2/check", bearer, "{\"phoneNumber\": \"+6281100000071\", \"maxAge\": 2}");
            } while (check.statusCode() == 404 && System.nanoTime() < deadline);
            assertThat(check.body()).isEqualTo("{\"swapped\":true}");

            String bad = "time,kind,msisdn,imsi,previous_imsi,imei,channel,reference\n"
                    + hourAgo + ",activation,6281100000081,510100000000081,,,retail,A-2\n"
                    + "yesterday,activation,6281100000082,510100000000082,,,retail,A-3\n";
            long before = app.journal().lastIndex();
            HttpResponse<String> refused = post(base + "/swapguard/provisioning/v1/records", bearer, bad, "text/csv");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("\"code\":\"INVALID_ARGUMENT\"", "line 3: column time: time 'yesterday'");
            assertThat(app.journal().lastIndex()).as("all or nothing: the good line was not journalled").isEqualTo(before);

            assertThat(post(base + "/swapguard/provisioning/v1/records", bearer, csv, "application/json").statusCode())
                    .isEqualTo(400);
            CliRun noScope = CliRun.of("token", "--config", configFile.toString(), "--scope", "sim-swap");
            assertThat(post(base + "/swapguard/provisioning/v1/records", noScope.out().strip(), csv, "text/csv")
                    .statusCode()).isEqualTo(403);
            assertThat(post(base + "/swapguard/provisioning/v1/records", "not-a-token", csv, "text/csv").statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void tokenRefusesWhenAnExternalAuthorisationServerIssuesThem(@TempDir Path dir) throws Exception {
        Path configFile = Files.writeString(dir.resolve("swapguard.yaml"), """
                api:
                  auth:
                    jwks: https://idp.example/jwks.json
                """);
        CliRun token = CliRun.of("token", "--config", configFile.toString());
        assertThat(token.exitCode()).isNotZero();
        assertThat(token.err()).contains("api.auth.jwks is https://idp.example/jwks.json");
    }

    /** run's configuration with everything under {@code dir} and the API on a free port. */
    /** A run config on {@code dir} with the API on an ephemeral port (also the LTE end-to-end test's). */
    static String config(Path dir) {
        return """
                journal:
                  directory: %1$s/journal
                logging:
                  level: WARN
                detector:
                  stateDirectory: %1$s/state
                  alertsJournal: %1$s/alerts
                  alertsFile: ""
                  senderRegistry: ""
                metrics:
                  port: 0
                api:
                  port: 0
                  auditDirectory: %1$s/audit
                  subscriptions:
                    directory: %1$s/subscriptions
                  auth:
                    signingKey: %1$s/api/key.jwk.json
                """.formatted(dir);
    }

    private HttpResponse<String> post(String url, String token, String body) throws Exception {
        return post(url, token, body, "application/json");
    }

    private HttpResponse<String> post(String url, String token, String body, String type) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
