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
        String yaml = """
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

    private HttpResponse<String> post(String url, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
