package io.swapguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.alert.AlertDispatcher;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.Imsi;
import io.swapguard.event.Msisdn;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalAppender;
import io.swapguard.journal.JournalSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts to a JSON lines file and to a webhook: a real HTTP server on loopback (the JDK's) that
 * fails the first attempts, to show retries, the idempotency key and the bearer token.
 */
class AlertDispatcherTest {

    record Request(String idempotencyKey, String authorization, String body) {
    }

    static AlertEvent alert(long index, String rule) {
        return new AlertEvent(Signals.at(index), "detector", rule, AlertEvent.Severity.HIGH, Msisdn.of("6281100000042"),
                Imsi.of("510109000000042"), "SIM swap: 62811******42 now served by 51010********42",
                List.of(new AlertEvent.Evidence(index - 1, Signals.at(index - 1), "InsertSubscriberData from 6281100001")),
                index, 0);
    }

    @Test
    void alertsReachTheFileAndTheWebhookDespiteFailuresAndResumeAfterARestart(@TempDir Path dir) throws Exception {
        List<Request> received = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(2);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/alerts", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 202;
            if (status == 202) {
                received.add(new Request(x.getRequestHeaders().getFirst("Idempotency-Key"),
                        x.getRequestHeaders().getFirst("Authorization"), body));
            }
            x.sendResponseHeaders(status, -1);
            x.close();
        });
        server.start();
        Path file = dir.resolve("alerts.jsonl");
        DetectorConfig config = new DetectorConfig(null, null, null, dir.resolve("alerts").toString(), file.toString(),
                new DetectorConfig.WebhookConfig("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts",
                        "s3cret", Duration.ofSeconds(2), 5), null, null, null, null, null);
        try (Journal alerts = Journal.open(JournalSettings.of(dir.resolve("alerts")))) {
            try (JournalAppender a = alerts.appender()) {
                a.append(alert(10, "simSwap"));
                a.append(alert(20, "otpWatch"));
            }
            try (AlertDispatcher d = new AlertDispatcher(config, alerts)) {
                assertThat(d.awaitDelivered(alerts.lastIndex(), 20_000)).isTrue();
                assertThat(d.delivered()).isEqualTo(4);
                assertThat(d.failed()).isZero();
            }
            assertThat(received).extracting(Request::idempotencyKey).containsExactly("a-0", "14-0");
            assertThat(received).allMatch(r -> "Bearer s3cret".equals(r.authorization()));
            JsonNode first = new ObjectMapper().readTree(received.get(0).body());
            assertThat(first.get("rule").asText()).isEqualTo("simSwap");
            assertThat(first.get("msisdn").asText()).isEqualTo("6281100000042");
            assertThat(first.get("evidence").get(0).get("index").asLong()).isEqualTo(9);
            assertThat(Files.readAllLines(file)).hasSize(2);

            // A restart resumes after what was delivered: only the new alert goes out.
            try (JournalAppender a = alerts.appender()) {
                a.append(alert(30, "locationHijack"));
            }
            try (AlertDispatcher d = new AlertDispatcher(config, alerts)) {
                assertThat(d.awaitDelivered(alerts.lastIndex(), 20_000)).isTrue();
            }
            assertThat(received).extracting(Request::idempotencyKey).containsExactly("a-0", "14-0", "1e-0");
            assertThat(Files.readAllLines(file)).hasSize(3);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anAlertStillBeingRetriedAtShutdownIsDeliveredAfterTheRestart(@TempDir Path dir) throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean(false);
        AtomicInteger attempts = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            attempts.incrementAndGet();
            if (up.get()) {
                received.add(x.getRequestHeaders().getFirst("Idempotency-Key"));
            }
            x.sendResponseHeaders(up.get() ? 200 : 503, -1);
            x.close();
        });
        server.start();
        DetectorConfig config = new DetectorConfig(null, null, null, dir.resolve("alerts").toString(), "",
                new DetectorConfig.WebhookConfig("http://127.0.0.1:" + server.getAddress().getPort() + "/", null,
                        Duration.ofSeconds(2), 100), null, null, null, null, null);
        try (Journal alerts = Journal.open(JournalSettings.of(dir.resolve("alerts")))) {
            try (JournalAppender a = alerts.appender()) {
                a.append(alert(10, "simSwap"));
            }
            try (AlertDispatcher d = new AlertDispatcher(config, alerts)) {
                while (attempts.get() < 2) {
                    Thread.sleep(10);
                }
                assertThat(d.awaitDelivered(alerts.lastIndex(), 100)).isFalse();
            }
            up.set(true);
            try (AlertDispatcher d = new AlertDispatcher(config, alerts)) {
                assertThat(d.awaitDelivered(alerts.lastIndex(), 20_000)).isTrue();
                assertThat(d.delivered()).isEqualTo(1);
            }
            assertThat(received).containsExactly("a-0");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anAlertsFileThatCannotBeWrittenIsRetriedUntilItCanNothingLost(@TempDir Path dir) throws Exception {
        Path file = Files.createDirectories(dir.resolve("alerts.jsonl")); // a directory where the file should be
        DetectorConfig config = new DetectorConfig(null, null, null, dir.resolve("alerts").toString(), file.toString(),
                null, null, null, null, null, null);
        try (Journal alerts = Journal.open(JournalSettings.of(dir.resolve("alerts")))) {
            try (JournalAppender a = alerts.appender()) {
                a.append(alert(10, "simSwap"));
                a.append(alert(20, "otpWatch"));
            }
            try (AlertDispatcher d = new AlertDispatcher(config, alerts)) {
                assertThat(d.awaitDelivered(alerts.lastIndex(), 600)).isFalse();
                Files.delete(file);
                assertThat(d.awaitDelivered(alerts.lastIndex(), 20_000)).isTrue();
                assertThat(d.failed()).isZero();
            }
            assertThat(Files.readAllLines(file)).hasSize(2);
        }
    }

    @Test
    void anEndpointThatNeverAcceptsIsGivenUpAfterTheRetriesAndCounted(@TempDir Path dir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            x.sendResponseHeaders(500, -1);
            x.close();
        });
        server.start();
        DetectorConfig config = new DetectorConfig(null, null, null, dir.resolve("alerts").toString(), "",
                new DetectorConfig.WebhookConfig("http://127.0.0.1:" + server.getAddress().getPort() + "/", null,
                        Duration.ofSeconds(2), 1), null, null, null, null, null);
        try (Journal alerts = Journal.open(JournalSettings.of(dir.resolve("alerts")))) {
            try (JournalAppender a = alerts.appender()) {
                a.append(alert(10, "simSwap"));
            }
            try (AlertDispatcher d = new AlertDispatcher(config, alerts)) {
                assertThat(d.awaitDelivered(alerts.lastIndex(), 20_000)).isTrue();
                assertThat(d.failed()).isEqualTo(1);
                assertThat(d.delivered()).isZero();
            }
        } finally {
            server.stop(0);
        }
    }
}
