package io.swapguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.config.ConfigLoader;
import io.swapguard.config.SwapguardConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}'s /metrics: on loopback, in the Prometheus text format, with every component's meters. */
class MetricsEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesEveryComponentsMetersInTheTextFormat(@TempDir Path dir) throws Exception {
        SwapguardConfig config = new ConfigLoader(Map.of()).parse("t.yaml", """
                journal:
                  directory: %1$s/journal
                logging:
                  level: WARN
                probe:
                  quarantine:
                    file: ""
                detector:
                  stateDirectory: %1$s/state
                  alertsJournal: %1$s/alerts
                  alertsFile: %1$s/alerts.jsonl
                  senderRegistry: ""
                metrics:
                  port: 0
                api:
                  port: 0
                  auditDirectory: %1$s/audit
                  subscriptions:
                    directory: %1$s/subscriptions
                  auth:
                    signingKey: %1$s/key.jwk
                """.formatted(dir));
        try (Swapguard app = Swapguard.start(config, Clock.systemUTC())) {
            String url = app.metricsEndpoint().url();
            assertThat(url).startsWith("http://127.0.0.1:").endsWith("/metrics");
            assertThat(app.metricsEndpoint().address().getAddress().isLoopbackAddress()).isTrue();
            HttpResponse<String> r = get(url);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue(MetricsEndpoint.CONTENT_TYPE);
            assertThat(r.body()).contains("# TYPE swapguard_detector_alerts_total counter",
                    "swapguard_detector_alerts_total{rule=\"simSwap\",severity=\"high\"} 0.0",
                    "swapguard_journal_appends_total{journal=\"signals\"}",
                    "swapguard_journal_appends_total{journal=\"alerts\"}",
                    "swapguard_alert_output_delivered_total{output=\"alerts-file\"}",
                    "swapguard_otp_verdicts_total{action=\"block\",rule=\"simSwap\"} 0.0",
                    "swapguard_detector_incident_followups_total{rule=\"callForwarding\"} 0.0",
                    "swapguard_probe_frames_total{tap=\"bss-csv\"}",
                    "swapguard_build_info{version=", "jvm_memory_used_bytes", "process_cpu_usage");
            assertThat(get(url.replace("/metrics", "/other")).statusCode()).isEqualTo(404);
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(url))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void metricsCanBeTurnedOff(@TempDir Path dir) {
        SwapguardConfig config = new ConfigLoader(Map.of()).parse("t.yaml", """
                journal:
                  directory: %1$s/journal
                logging:
                  level: WARN
                detector:
                  enabled: false
                metrics:
                  enabled: false
                """.formatted(dir));
        try (Swapguard app = Swapguard.start(config, Clock.systemUTC())) {
            assertThat(app.metricsEndpoint()).isNull();
            assertThat(app.meters().scrape()).contains("swapguard_journal_appends_total");
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
