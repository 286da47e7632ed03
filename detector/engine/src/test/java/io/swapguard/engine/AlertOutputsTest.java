package io.swapguard.engine;

import static io.swapguard.engine.AlertDispatcherTest.alert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.swapguard.engine.alert.AlertDispatcher;
import io.swapguard.engine.alert.AlertDispatcher.OutputCounts;
import io.swapguard.event.AlertEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each alert output does and counts, over an in-memory alerts log: the file's line form and
 * when its bytes are on disk, the webhook's attempts and their backoff, damaged records, and what
 * closing lets go of. (Over the real journal, across a restart: {@link AlertDispatcherTest}.)
 */
class AlertOutputsTest {

    private final MemoryLog alerts = new MemoryLog();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static DetectorConfig config(Path file, String url, int retries) {
        return new DetectorConfig(null, null, null, "unused", file == null ? "" : file.toString(),
                new DetectorConfig.WebhookConfig(url, null, Duration.ofSeconds(2), retries), null, null, null, null,
                null);
    }

    /** A webhook that answers {@code status} to everything and keeps each attempt's arrival time. */
    private String webhook(int status, List<Long> attempts) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            attempts.add(System.nanoTime());
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(status, -1);
            x.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Descriptors of this process that are open on {@code file} (Linux /proc). */
    private static long openDescriptors(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(target);
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }

    @Test
    void theFileGetsOneJsonObjectPerLineOnDiskAsSoonAsDeliveredAndIsLetGoOnClose(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out").resolve("alerts.jsonl");
        alerts.append(alert(10, "simSwap"));
        long last = alerts.append(alert(11, "deviceSwap"));
        AlertDispatcher d = new AlertDispatcher(config(file, "", 0), alerts);
        assertThat(d.awaitDelivered(last, 3_000)).isTrue();
        String text = Files.readString(file); // before close: each line is flushed as written
        assertThat(text).endsWith("\n");
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(lines.get(0)).get("rule").asText()).isEqualTo("simSwap");
        assertThat(json.readTree(lines.get(1)).get("rule").asText()).isEqualTo("deviceSwap");
        assertThat(d.delivered()).isEqualTo(2);
        assertThat(d.outputs()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("alerts-file");
            assertThat(o.delivered()).isEqualTo(2);
            assertThat(o.retried()).isZero();
            assertThat(o.failed()).isZero();
        });
        assertThat(openDescriptors(file)).isEqualTo(1);
        d.close();
        assertThat(openDescriptors(file)).as("closed, so logrotate can move it").isZero();
        alerts.append(alert(12, "simSwap"));
        Thread.sleep(100);
        assertThat(Files.readAllLines(file)).as("a closed dispatcher delivers nothing more").hasSize(2);
    }

    @Test
    void aMonitorModeAlertReachesTheFileMarkedButPagesNoOneThroughTheWebhook(@TempDir Path dir) throws Exception {
        List<Long> attempts = new CopyOnWriteArrayList<>();
        String url = webhook(200, attempts);
        Path file = dir.resolve("alerts.jsonl");
        AlertEvent enforced = alert(10, "simSwap");
        AlertEvent would = new AlertEvent(enforced.captureNanos(), "detector", "deviceSwap", enforced.severity(),
                enforced.msisdn(), enforced.imsi(), "would alert", enforced.evidence(), 11, 0, true);
        alerts.append(would);
        long last = alerts.append(enforced);
        try (AlertDispatcher d = new AlertDispatcher(config(file, url, 0), alerts)) {
            assertThat(d.awaitDelivered(last, 4_000)).isTrue();
            assertThat(attempts).as("only the enforcing rule's alert is POSTed").hasSize(1);
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(2);
            ObjectMapper json = new ObjectMapper();
            assertThat(json.readTree(lines.get(0)).get("monitored").asBoolean()).isTrue();
            assertThat(json.readTree(lines.get(1)).has("monitored")).isFalse();
            assertThat(d.outputs()).filteredOn(o -> o.name().equals("alerts-webhook")).singleElement()
                    .satisfies(o -> assertThat(o.delivered()).isEqualTo(1));
        }
    }

    @Test
    void aRefusedAlertIsTriedExactlyTheConfiguredRetriesMoreWithABackoffThatDoubles() throws Exception {
        List<Long> attempts = new CopyOnWriteArrayList<>();
        String url = webhook(503, attempts);
        long last = alerts.append(alert(10, "simSwap"));
        try (AlertDispatcher d = new AlertDispatcher(config(null, url, 2), alerts)) {
            assertThat(d.awaitDelivered(last, 4_000)).isTrue();
            assertThat(attempts).as("the first attempt and two retries").hasSize(3);
            assertThat((attempts.get(1) - attempts.get(0)) / 1e6).as("ms before the first retry")
                    .isGreaterThanOrEqualTo(250);
            assertThat((attempts.get(2) - attempts.get(1)) / 1e6).as("ms before the second: twice as long")
                    .isGreaterThanOrEqualTo(500);
            OutputCounts hook = d.outputs().get(0);
            assertThat(hook.name()).isEqualTo("alerts-webhook");
            assertThat(hook.retried()).isEqualTo(2);
            assertThat(hook.failed()).isEqualTo(1);
            assertThat(hook.delivered()).isZero();
            assertThat(d.failed()).isEqualTo(1);
            assertThat(d.delivered()).isZero();
        }
    }

    @Test
    void aDamagedAlertRecordIsSkippedAndOneItCannotSkipStopsThatOutputWhereItIs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("alerts.jsonl");
        alerts.append(alert(10, "simSwap"));
        long damaged = alerts.append(alert(11, "deviceSwap"));
        alerts.unreadable(damaged, true);
        long newer = alerts.append(alert(12, "locationHijack"));
        alerts.unreadable(newer, false); // a newer schema: never skipped
        alerts.append(alert(13, "category1"));
        try (AlertDispatcher d = new AlertDispatcher(config(file, "", 0), alerts)) {
            assertThat(d.awaitDelivered(damaged, 3_000)).isTrue();
            assertThat(d.awaitDelivered(newer, 300)).as("stopped before the record it cannot read").isFalse();
            assertThat(Files.readAllLines(file)).hasSize(1).allMatch(l -> l.contains("simSwap"));
        }
    }
}
