package io.swapguard.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapguard.app.Swapguard;
import io.swapguard.cli.CliRuns;
import io.swapguard.config.ConfigLoader;
import io.swapguard.config.SwapguardConfig;
import io.swapguard.engine.otp.OtpGuard;
import io.swapguard.event.EventTime;
import io.swapguard.event.Msisdn;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.swapguard.sim.Bank;
import io.swapguard.sim.HomeNetwork;
import io.swapguard.sim.SmppTraffic;
import io.swapguard.sim.smpp.BankEsmes;
import io.swapguard.sim.smpp.SimulatedSmsc;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Prometheus (Debian's, on loopback) scrapes a running swapguard fed by the simulator
 * (the demo's population and attacks through a capture ring, plus a HEP stream and a bad
 * datagram) with the shipped scrape config and rules; then every query of every dashboard panel
 * and variable, and every rule, is evaluated through Prometheus's HTTP API. A query that fails,
 * or a panel or metric that has no data, fails the test.
 */
class PrometheusScrapeTest {

    private AutoCloseable closing;

    @org.junit.jupiter.api.AfterEach
    void closeSmsc() throws Exception {
        if (closing != null) {
            closing.close();
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    // A label value with this many digits would be an MSISDN, IMSI or GT: never a label.
    private static final Pattern IDENTITY_LIKE = Pattern.compile("\\d{8,}");

    @Test
    void everyDashboardQueryAndRuleHasDataInARealPrometheus(@TempDir Path dir) throws Exception {
        Path ring = Files.createDirectories(dir.resolve("ring"));
        Path registry = CliRuns.demoTraffic(ring, Instant.now().minus(Duration.ofHours(3)).truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS));
        SimulatedSmsc smsc = new SimulatedSmsc();
        closing = smsc;
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort(); // nothing listens here once closed: the webhook fails and retries
        }
        String yaml = """
                journal:
                  directory: %1$s/journal
                logging:
                  level: WARN
                probe:
                  tap: stp-test
                  pcapDir:
                    path: %2$s
                    pattern: "*.pcap"
                    settle: 0s
                    poll: 100ms
                  hep:
                    enabled: true
                    bind: 127.0.0.1
                    port: 0
                  quarantine:
                    file: %1$s/quarantine.pcapng
                  provisioningCsv: [%2$s/provisioning.csv]
                detector:
                  stateDirectory: %1$s/state
                  alertsJournal: %1$s/alerts
                  alertsFile: %1$s/alerts.jsonl
                  senderRegistry: %3$s
                  webhook:
                    url: http://127.0.0.1:%4$d/alerts
                    timeout: 1s
                    maxRetries: 1
                metrics:
                  bind: 127.0.0.1
                  port: 0
                api:
                  port: 0
                  auditDirectory: %1$s/audit
                  subscriptions:
                    directory: %1$s/subscriptions
                  auth:
                    signingKey: %1$s/key.jwk
                gate:
                  enabled: true
                  port: 0
                  smscPort: %5$d
                """.formatted(dir, ring, registry, closedPort, smsc.port());
        SwapguardConfig config = new ConfigLoader(Map.of()).parse("scrape-test.yaml", yaml);
        try (Swapguard app = Swapguard.start(config, Clock.systemUTC())) {
            await("the capture ring's attacks judged", 60, () -> app.detector().alertsByRule().keySet()
                    .containsAll(Set.of("simSwap", "illegalMasking", "locationHijack")));
            try (PrometheusProcess prometheus = PrometheusProcess.start(dir.resolve("prometheus"),
                    app.metricsEndpoint().address().getPort())) {
                prometheus.awaitScrapesAndRules(1);
                feed(app, dir, ring); // while Prometheus scrapes, so rates are rates
                assertNoIdentityLabels(get(app.metricsEndpoint().url()).body());
                prometheus.awaitScrapesAndRules(12);
                List<String> problems = new ArrayList<>();
                checkDashboards(prometheus, problems);
                checkRules(prometheus, problems);
                assertThat(problems).as("queries without data or with errors").isEmpty();
                // The numbers are the detector's: the OTP blocked below, the masking the demo injects.
                // One asked directly, three the gate asked for (the victim's short, long GSM 7-bit and long UCS2 OTPs).
                assertThat(prometheus.value("sum(swapguard_otp_verdicts_total{action=\"block\"})")).isEqualTo(4);
                assertThat(prometheus.value("sum(swapguard_gate_decisions_total{decision=\"blocked\",rule=\"simSwap\"})"))
                        .isEqualTo(3);
                assertThat(prometheus.value("sum(swapguard_detector_masked_sms_total)")).isPositive();
                assertThat(prometheus.value("sum(swapguard_probe_rejected_total{tap=\"hep\",layer=\"hep\"})"))
                        .isEqualTo(1);
            }
        }
    }

    /** A HEP stream over a few seconds, a bad datagram and one OTP check. */
    private static void feed(Swapguard app, Path dir, Path ring) throws Exception {
        int hepPort = app.probe().hepAddress().getPort();
        try (DatagramSocket udp = new DatagramSocket()) {
            byte[] junk = "not a HEP packet".getBytes(StandardCharsets.US_ASCII);
            udp.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), hepPort));
        }
        // About 500 datagrams at 100 a second: five seconds of traffic for the rates.
        CliRuns.Result hep = CliRuns.run("simulate", "--subscribers", "40", "--duration", "2h", "--seed", "9",
                "--hep", "127.0.0.1:" + hepPort, "--rate", "100", "--out", dir.resolve("hep").toString(),
                "--no-progress");
        assertThat(hep.exitCode()).as(hep.err()).isZero();
        String victim = Files.readAllLines(ring.resolve("ground-truth.jsonl")).stream()
                .filter(l -> l.contains("\"simSwap\"")).findFirst().orElseThrow()
                .replaceAll(".*\"msisdn\":\"(\\d+)\".*", "$1");
        OtpGuard.Verdict v = app.detector().otpGuard().check(Msisdn.of(victim), "", "Kode OTP Anda 123456",
                EventTime.nanos(Instant.now()));
        assertThat(v.allow()).as(v.reason()).isFalse();
        bankApi(app, victim);
        smppGate(app, victim);
        System.gc(); // a GC pause for the JVM panel
        await("HEP decoded and the bad datagram rejected", 20, () -> app.meters().scrape()
                .contains("swapguard_probe_rejected_total{layer=\"hep\",reason=\"not-hep3\",tap=\"hep\"} 1.0"));
    }

    /** Bank traffic through the gate (the victim's OTP is stopped), and a PDU the gate's decoder refuses. */
    private static void smppGate(Swapguard app, String victim) throws Exception {
        List<BankEsmes.Outcome> outcomes = BankEsmes.submit("127.0.0.1", app.gate().port(),
                SmppTraffic.of(Bank.defaults(HomeNetwork.defaults()), List.of("6281100077001", "6281100077002"),
                        Map.of(victim, "simSwap"), 3, 20));
        assertThat(outcomes).allMatch(BankEsmes.Outcome::asExpected);
        try (java.net.Socket raw = new java.net.Socket(InetAddress.getLoopbackAddress(), app.gate().port())) {
            raw.getOutputStream().write(new byte[] {0, 0, 0, 16, 0, 0, 0, 0x77, 0, 0, 0, 0, 0, 0, 0, 1});
            raw.getOutputStream().flush();
            assertThat(raw.getInputStream().readNBytes(16)).hasSize(16); // its generic_nack
        }
    }

    /** What a bank asks: the victim (200), a number never seen (404), and once without a token (401). */
    private static void bankApi(Swapguard app, String victim) throws Exception {
        String token = app.api().issuer().issue("scrape-bank", "swapguard-camara", List.of("sim-swap"), null,
                Instant.now(), java.time.Duration.ofMinutes(10));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + app.api().port();
        for (String[] ask : List.of(new String[] {token, "+" + victim}, new String[] {token, "+6281199999999"},
                new String[] {null, "+" + victim})) {
            java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base
                    + "/sim-swap/v2/check")).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"phoneNumber\":\"" + ask[1] + "\"}"));
            if (ask[0] != null) {
                b.header("Authorization", "Bearer " + ask[0]);
            }
            http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        }
        assertThat(app.meters().scrape()).contains("swapguard_api_rejected_total{reason=\"no-token\"} 1.0");
    }

    private static void assertNoIdentityLabels(String scrape) {
        Matcher m = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(scrape);
        Set<String> bad = new TreeSet<>();
        while (m.find()) {
            // "le" is a histogram bucket's bound (seconds with many digits), never an identity
            if (!m.group(1).equals("le") && IDENTITY_LIKE.matcher(m.group(2)).find()) {
                bad.add(m.group(1) + "=" + m.group(2));
            }
        }
        assertThat(bad).as("labels that carry subscriber identities or GTs").isEmpty();
    }

    private static void checkDashboards(PrometheusProcess prometheus, List<String> problems) throws Exception {
        int queries = 0;
        for (Path file : Observability.dashboards()) {
            JsonNode d = Observability.read(file);
            for (JsonNode v : d.path("templating").path("list")) {
                String q = v.path("query").path("query").asText();
                Matcher m = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)").matcher(q);
                if (m.matches()) {
                    JsonNode values = prometheus.labelValues(m.group(2), Observability.expand(m.group(1)));
                    if (values.isEmpty()) {
                        problems.add(file.getFileName() + " variable " + v.path("name").asText() + ": no values for " + q);
                    }
                }
            }
            for (JsonNode p : Observability.panels(d)) {
                for (JsonNode t : p.path("targets")) {
                    String expr = Observability.expand(t.path("expr").asText());
                    queries++;
                    JsonNode r = prometheus.query(expr);
                    if (!r.path("status").asText().equals("success")) {
                        problems.add(file.getFileName() + " '" + p.path("title").asText() + "': " + r.path("error").asText());
                    } else if (r.path("data").path("result").isEmpty()) {
                        problems.add(file.getFileName() + " '" + p.path("title").asText() + "': no data for " + expr);
                    }
                }
            }
        }
        assertThat(queries).as("panel queries evaluated").isGreaterThan(40);
    }

    private static void checkRules(PrometheusProcess prometheus, List<String> problems) throws Exception {
        for (JsonNode group : prometheus.get("/api/v1/rules").path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (!rule.path("health").asText().equals("ok")) {
                    problems.add("rule " + rule.path("name").asText() + ": " + rule.path("health").asText() + " "
                            + rule.path("lastError").asText());
                }
            }
        }
        Set<String> names = new TreeSet<>();
        for (JsonNode rule : Observability.rules()) {
            String expr = rule.path("expr").asText();
            JsonNode r = prometheus.query(expr);
            if (!r.path("status").asText().equals("success")) {
                problems.add("rule " + rule.path(rule.has("alert") ? "alert" : "record").asText() + ": "
                        + r.path("error").asText());
            }
            names.addAll(Observability.metricNames(expr));
        }
        assertThat(names).contains("up", "swapguard_probe_frames_total", "swapguard_detector_lag_seconds");
        for (String name : names) {
            String selector = name.equals("up") ? "up{job=\"swapguard\"}" : "{__name__=\"" + name + "\"}";
            if (prometheus.query("count(" + selector + ")").path("data").path("result").isEmpty()) {
                problems.add("rules read " + name + ", which has no series");
            }
        }
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void await(String what, int seconds, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** Debian's prometheus on a free loopback port with the shipped scrape config and rules. */
    static final class PrometheusProcess implements AutoCloseable {
        private final Process process;
        private final String base;
        private final Path log;

        private PrometheusProcess(Process process, String base, Path log) {
            this.process = process;
            this.base = base;
            this.log = log;
        }

        static PrometheusProcess start(Path dir, int swapguardPort) throws Exception {
            Files.createDirectories(dir);
            ObjectNode cfg = (ObjectNode) Observability.read(Observability.SCRAPE_CONFIG);
            ((ObjectNode) cfg.path("global")).put("scrape_interval", "1s").put("evaluation_interval", "1s");
            ((ArrayNode) cfg.withArray("rule_files")).removeAll().add(Observability.RULES.toString());
            JsonNode job = cfg.path("scrape_configs").get(0);
            assertThat(job.path("job_name").asText()).isEqualTo("swapguard");
            ((ArrayNode) job.path("static_configs").get(0).withArray("targets")).removeAll()
                    .add("127.0.0.1:" + swapguardPort);
            Path file = dir.resolve("prometheus.yml");
            Observability.YAML.writeValue(file.toFile(), cfg);
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Path log = dir.resolve("prometheus.log");
            Process p = new ProcessBuilder("prometheus", "--config.file=" + file,
                    "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn").redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PrometheusProcess prometheus = new PrometheusProcess(p, "http://127.0.0.1:" + port, log);
            try {
                await("prometheus ready", 30, () -> {
                    try {
                        return PrometheusScrapeTest.get(prometheus.base + "/-/ready").statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return true;
                    }
                });
            } catch (AssertionError e) {
                prometheus.close();
                throw new AssertionError(e.getMessage() + ": " + Files.readString(log), e);
            }
            return prometheus;
        }

        /** Waits until swapguard was scraped up {@code scrapes} times and every rule was evaluated. */
        void awaitScrapesAndRules(int scrapes) throws InterruptedException {
            await(scrapes + " scrapes of swapguard", 60,
                    () -> value("sum(count_over_time(up{job=\"swapguard\"}[5m]))") >= scrapes
                            && value("min(up{job=\"swapguard\"})") == 1);
            await("every rule evaluated", 30, () -> {
                JsonNode groups = get("/api/v1/rules").path("data").path("groups");
                for (JsonNode g : groups) {
                    for (JsonNode r : g.path("rules")) {
                        if (r.path("health").asText().equals("unknown")) {
                            return false;
                        }
                    }
                }
                return groups.size() > 0;
            });
        }

        JsonNode query(String promql) {
            return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        }

        JsonNode labelValues(String label, String selector) {
            return get("/api/v1/label/" + label + "/values?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8))
                    .path("data");
        }

        /** The single value of an instant query, NaN when it has none. */
        double value(String promql) {
            JsonNode result = query(promql).path("data").path("result");
            return result.isEmpty() ? Double.NaN : Double.parseDouble(result.get(0).path("value").get(1).asText());
        }

        JsonNode get(String path) {
            try {
                HttpResponse<String> r = PrometheusScrapeTest.get(base + path);
                return Observability.JSON.readTree(r.body());
            } catch (IOException e) {
                throw new AssertionError("prometheus " + path + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
