package io.swapguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapguard.event.AlertEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code detect}, {@code subscriber} and {@code evaluate} on a simulated capture, and the crash
 * test: a detector killed twice mid-run (in its own JVM, halted without any cleanup) ends with the
 * same state and the same alerts as one that ran through.
 */
class DetectCommandTest {

    @TempDir
    static Path dir;
    static Path sim;
    static Path journal;
    static Path config;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void simulateAndProbe() throws IOException {
        sim = dir.resolve("sim");
        CliRun s = CliRun.of("simulate", "--subscribers", "1500", "--duration", "36h", "--seed", "23",
                "--random-frauds", "16", "--out", sim.toString(), "--no-progress");
        assertThat(s.exitCode()).as(s.err()).isZero();
        journal = dir.resolve("journal");
        CliRun p = CliRun.of("probe", "--provisioning-csv", sim.resolve("provisioning.csv").toString(), "--pcap",
                sim.resolve("signalling.pcap").toString(), "--journal", journal.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
        config = Files.writeString(dir.resolve("swapguard.yaml"), """
                logging:
                  level: warn
                detector:
                  expectedSubscribers: 10000
                  senderRegistry: %s
                """.formatted(Path.of("..", "..", "conf", "senders.yaml").toAbsolutePath()));
    }

    static String[] detect(String name, String... more) {
        List<String> args = new ArrayList<>(List.of("detect", "--config", config.toString(), "--journal",
                journal.toString(), "--state", dir.resolve(name + "-state").toString(), "--alerts",
                dir.resolve(name + "-alerts").toString(), "--alerts-file", dir.resolve(name + ".jsonl").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static List<AlertEvent> alerts(String name) {
        return SwapguardProcess.alerts(dir.resolve(name + "-alerts"));
    }

    static Map<Long, String> states(String name) {
        return SwapguardProcess.states(dir.resolve(name + "-state"));
    }

    @Test
    void detectPrintsAlertsWithEvidenceWritesTheFileAndResumesWithoutRepeating() throws IOException {
        CliRun first = CliRun.of(detect("once"));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("  HIGH  simSwap  SIM swap: ").contains("    ").contains("detect: ")
                .contains("new alerts");
        List<AlertEvent> alerts = alerts("once");
        assertThat(alerts).isNotEmpty();
        List<String> lines = Files.readAllLines(dir.resolve("once.jsonl"));
        assertThat(lines).hasSameSizeAs(alerts);
        JsonNode a = JSON.readTree(lines.get(0));
        assertThat(a.get("id").asText()).isEqualTo(alerts.get(0).id());
        assertThat(a.get("msisdn").asText()).isEqualTo(alerts.get(0).msisdn().digits());
        assertThat(a.get("evidence")).isNotEmpty();

        CliRun tail = CliRun.of("journal", "tail", "--journal", dir.resolve("once-alerts").toString(), "--json");
        assertThat(tail.exitCode()).as(tail.err()).isZero();
        JsonNode record = JSON.readTree(tail.out().lines().findFirst().orElseThrow());
        assertThat(record.get("type").asText()).isEqualTo("alert");
        assertThat(record.get("id").asText()).isEqualTo(alerts.get(0).id());
        assertThat(record.get("rule").asText()).isEqualTo(alerts.get(0).rule());
        assertThat(record.get("msisdn").asText()).as("masked by default").contains("*");
        assertThat(record.get("evidence").get(0).get("text").asText()).isEqualTo(alerts.get(0).evidence().get(0).text());

        CliRun again = CliRun.of(detect("once", "--json"));
        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode summary = JSON.readTree(again.out().strip());
        assertThat(summary.get("alerts").asInt()).as("a second run over the same journal").isZero();
        assertThat(summary.get("events").asLong()).as("resumes at its checkpoint").isLessThanOrEqualTo(1);
        assertThat(alerts("once")).isEqualTo(alerts);
        assertThat(Files.readAllLines(dir.resolve("once.jsonl"))).isEqualTo(lines);
    }

    @Test
    void followingServesMetricsAndABusyPortIsAClearError() throws Exception {
        CliRun follow = CliRun.of(detect("metrics", "--quiet", "--follow", "--duration", "1s", "--metrics-port", "0"));
        assertThat(follow.exitCode()).as(follow.err()).isZero();
        assertThat(follow.err()).containsPattern("metrics: http://127\\.0\\.0\\.1:\\d+/metrics");
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun clash = CliRun.of(detect("metrics", "--quiet", "--follow", "--duration", "1s", "--metrics-port",
                    Integer.toString(busy.getLocalPort())));
            assertThat(clash.exitCode()).isNotZero();
            assertThat(clash.err()).contains("cannot serve metrics on 127.0.0.1:" + busy.getLocalPort())
                    .contains("metrics.port");
        }
        CliRun batch = CliRun.of(detect("metrics", "--quiet"));
        assertThat(batch.err()).as("a run that ends serves nothing").doesNotContain("metrics:");
    }

    @Test
    void aSecondWriterOfTheStateOrTheJournalIsRefusedNamingTheFirstAndReadersStillRead() throws Exception {
        assertThat(CliRun.of(detect("shared", "--quiet")).exitCode()).isZero();
        Process first = SwapguardProcess.of(List.of(detect("shared", "--quiet", "--follow", "--duration", "60s",
                "--metrics-port", "-1"))).redirectOutput(dir.resolve("shared-first.log").toFile()).start();
        try {
            Path lock = dir.resolve("shared-state").resolve(io.swapguard.event.WriterLock.FILE);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!Files.readString(lock).contains("pid " + first.pid()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            CliRun second = CliRun.of(detect("shared", "--quiet"));
            assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCode.FAILED);
            assertThat(second.err()).contains("subscriber state").contains(dir.resolve("shared-state").toString())
                    .contains("in use by another process (pid " + first.pid() + ")");
            CliRun reader = CliRun.of("subscriber", "6281100000003", "--config", config.toString(), "--state",
                    dir.resolve("shared-state").toString(), "--alerts", dir.resolve("shared-alerts").toString());
            assertThat(reader.exitCode()).as("a reader while the detector runs: " + reader.err()).isZero();

            // The same for the journal: the detector above only reads it; a probe appends.
            CliRun probe = CliRun.of("probe", "--pcap", sim.resolve("signalling.pcap").toString(), "--journal",
                    dir.resolve("probe-journal").toString());
            assertThat(probe.exitCode()).as(probe.err()).isZero();
            Process listening = SwapguardProcess.of(List.of("probe", "--hep-port", "0", "--hep-bind", "127.0.0.1",
                    "--duration", "60s", "--metrics-port", "-1", "--journal", dir.resolve("probe-journal").toString()))
                    .redirectOutput(dir.resolve("probe-hep.log").toFile()).start();
            try {
                Path journalLock = dir.resolve("probe-journal").resolve(io.swapguard.event.WriterLock.FILE);
                while (!Files.readString(journalLock).contains("pid " + listening.pid())
                        && System.nanoTime() < deadline + 30_000_000_000L) {
                    Thread.sleep(50);
                }
                CliRun again = CliRun.of("probe", "--pcap", sim.resolve("signalling.pcap").toString(), "--journal",
                        dir.resolve("probe-journal").toString());
                assertThat(again.exitCode()).isEqualTo(ExitCode.FAILED);
                assertThat(again.err()).contains("journal").contains("in use by another process (pid "
                        + listening.pid() + ")");
            } finally {
                listening.destroy();
                listening.waitFor(20, TimeUnit.SECONDS);
            }
        } finally {
            first.destroy();
            first.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDetectorKilledTwiceMidRunEndsLikeOneThatRanThrough() throws Exception {
        CliRun straight = CliRun.of(detect("straight", "--quiet"));
        assertThat(straight.exitCode()).as(straight.err()).isZero();
        long events = JSON.readTree(CliRun.of(detect("straight", "--json")).out().strip()).get("appliedIndex").asLong();
        assertThat(events).isPositive();

        assertThat(crashAfter(30_000)).as("killed after 30,000 events").isEqualTo(137);
        assertThat(crashAfter(45_000)).as("killed again after 45,000 more").isEqualTo(137);
        List<AlertEvent> beforeRecovery = alerts("crashed");
        assertThat(beforeRecovery).isNotEmpty();
        CliRun rest = CliRun.of(detect("crashed", "--quiet"));
        assertThat(rest.exitCode()).as(rest.err()).isZero();

        List<AlertEvent> expected = alerts("straight");
        assertThat(alerts("crashed")).as("same alerts, none lost, none twice").isEqualTo(expected);
        assertThat(states("crashed")).as("same state for every subscriber").isEqualTo(states("straight"));
        assertThat(Files.readAllLines(dir.resolve("crashed.jsonl")).stream().distinct().count())
                .as("the alerts file has every alert (at least once)").isEqualTo(expected.size());
    }

    @Test
    void alertsAnOutputGaveUpOnMakeTheRunFailAndSaySo() throws IOException {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort(); // nothing listens here once closed
        }
        Path failing = Files.writeString(dir.resolve("failing-webhook.yaml"), """
                logging:
                  level: error
                detector:
                  expectedSubscribers: 10000
                  senderRegistry: %s
                  webhook:
                    url: http://127.0.0.1:%d/alerts
                    maxRetries: 0
                    timeout: 1s
                """.formatted(Path.of("..", "..", "conf", "senders.yaml").toAbsolutePath(), closedPort));
        String[] args = detect("failing-webhook", "--quiet");
        args[2] = failing.toString();
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).containsPattern("detect: [1-9][0-9,]* alert\\(s\\) could not be delivered to an output and"
                + " were given up; they are in the alerts journal");
        assertThat(run.out()).as("the account is still printed").contains("new alerts");
    }

    @Test
    void badInputIsAUsageErrorNamingWhatIsWrong() throws IOException {
        CliRun noJournal = CliRun.of("detect", "--journal", dir.resolve("typo").toString(), "--state",
                dir.resolve("typo-state").toString());
        assertThat(noJournal.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noJournal.err()).contains("no journal at").contains("typo");
        CliRun noState = CliRun.of("subscriber", "6281100000003", "--state", dir.resolve("nostate").toString());
        assertThat(noState.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noState.err()).contains("no subscriber state at");
        assertThat(CliRun.of("subscriber", "62abc", "--state", dir.resolve("nostate").toString()).err())
                .contains("MSISDN must be decimal digits");
        Path truth = Files.writeString(dir.resolve("bad-truth.jsonl"), "{\"kind\":\"simSwap\"}\n");
        CliRun bad = CliRun.of("evaluate", "--ground-truth", truth.toString(), "--alerts", dir.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("bad-truth.jsonl line 1: not a ground-truth record (no 'msisdn')");
        CliRun missing = CliRun.of("evaluate", "--ground-truth", dir.resolve("none.jsonl").toString(), "--alerts",
                dir.toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("no ground truth file");
    }

    /** Runs detect in a JVM of its own that halts after {@code events}; returns its exit code. */
    private static int crashAfter(long events) throws Exception {
        Process p = SwapguardProcess.of(List.of(detect("crashed", "--quiet", "--halt-after", Long.toString(events))))
                .redirectOutput(dir.resolve("crash-" + events + ".log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void subscriberShowsTheTimelineOfAnAttackedNumberAndEvaluateScoresTheRun() throws IOException {
        CliRun run = CliRun.of(detect("timeline", "--quiet"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode swap = null;
        for (String line : Files.readAllLines(sim.resolve("ground-truth.jsonl"))) {
            JsonNode t = JSON.readTree(line);
            if (t.get("kind").asText().equals("simSwap")) {
                swap = t;
            }
        }
        assertThat(swap).as("the simulation has a SIM swap").isNotNull();
        String msisdn = swap.get("msisdn").asText();
        CliRun view = CliRun.of("subscriber", msisdn, "--config", config.toString(), "--state",
                dir.resolve("timeline-state").toString(), "--alerts", dir.resolve("timeline-alerts").toString(),
                "--at", swap.get("endTime").asText(), "--unmask");
        assertThat(view.exitCode()).as(view.err()).isZero();
        assertThat(view.out()).contains("subscriber " + msisdn)
                .contains(swap.get("imsi").asText() + " -> " + swap.get("newImsi").asText())
                .contains("seen in signalling, no provisioning record")
                .contains("OTP now         BLOCK (simSwap")
                .contains("simSwap  SIM swap:")
                .containsPattern("incident        simSwap: \\d+ signs since alert [0-9a-f]+-\\d, last ");
        CliRun json = CliRun.of("subscriber", msisdn, "--config", config.toString(), "--state",
                dir.resolve("timeline-state").toString(), "--alerts", dir.resolve("timeline-alerts").toString(),
                "--json");
        JsonNode j = JSON.readTree(json.out());
        assertThat(j.get("msisdn").asText()).isNotEqualTo(msisdn).startsWith(msisdn.substring(0, 5));
        assertThat(j.get("simChanges")).isNotEmpty();
        assertThat(j.get("alerts")).isNotEmpty();
        JsonNode incident = null;
        for (JsonNode i : j.get("incidents")) {
            incident = i.get("rule").asText().equals("simSwap") ? i : incident;
        }
        assertThat(incident).as("the swap's incident").isNotNull();
        String opened = incident.get("openedBy").asText();
        assertThat(j.get("alerts")).as("the alert that opened it")
                .anySatisfy(a -> assertThat(a.get("id").asText()).isEqualTo(opened));
        assertThat(incident.get("signs").asInt()).isPositive();

        CliRun score = CliRun.of("evaluate", "--ground-truth", sim.resolve("ground-truth.jsonl").toString(),
                "--alerts", dir.resolve("timeline-alerts").toString(), "--json");
        assertThat(score.exitCode()).as(score.out()).isZero();
        JsonNode s = JSON.readTree(score.out());
        assertThat(s.get("attacks").asInt()).isEqualTo(16);
        s.get("rules").forEach(r -> {
            assertThat(r.get("precision").asDouble()).isEqualTo(1.0);
            assertThat(r.get("recall").asDouble()).isEqualTo(1.0);
        });
    }
}
