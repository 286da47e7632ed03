package io.swapguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapguard.api.ApiConfig;
import io.swapguard.app.JournalWatch;
import io.swapguard.app.MetricsEndpoint;
import io.swapguard.app.Swapguard;
import io.swapguard.cli.SubscriberCommand.Timeline;
import io.swapguard.config.GateSection;
import io.swapguard.config.JournalConfig;
import io.swapguard.config.LoggingConfig;
import io.swapguard.config.MetricsConfig;
import io.swapguard.config.ProbeConfig;
import io.swapguard.config.SwapguardConfig;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventTime;
import io.swapguard.event.EventType;
import io.swapguard.event.Msisdn;
import io.swapguard.journal.JournalStats;
import io.swapguard.sim.Bank;
import io.swapguard.sim.Evaluation;
import io.swapguard.sim.FraudKind;
import io.swapguard.sim.GroundTruth;
import io.swapguard.sim.Simulator;
import io.swapguard.sim.smpp.SimulatedSmsc;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.pcap.LinkType;
import io.swapguard.ss7.pcap.PcapWriter;
import io.swapguard.ss7.wire.SigtranLink;
import io.swapguard.taps.EventSink;
import io.swapguard.taps.JournalSink;
import io.swapguard.taps.PcapIngest;
import io.swapguard.taps.ProbeMetrics;
import io.swapguard.taps.ProbePipeline;
import io.swapguard.taps.ProbeSettings;
import io.swapguard.taps.bss.ProvisioningCsv;
import io.swapguard.taps.bss.ProvisioningMerge;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs swapguard end to end on its embedded defaults, with nothing to set up.",
            "The simulator plays a small population for the last few hours with attacks injected (a SIM swap",
            "followed by a bank OTP, an SS7 interception, a call forwarding takeover, illegal sender masking,",
            "Category 1 probing) as an SS7 and LTE Diameter capture (half the phones attach over S6a) and BSS",
            "records. The probe decodes them into a fresh journal, the detector follows it, and every event is",
            "printed with the alerts it raised, rule and evidence.",
            "Ends with the score against what was injected and the timeline of the SIM swap's victim."})
final class DemoCommand implements Callable<Integer> {

    /** The demo's population and its attacks: small enough to watch, every kind of trouble once. */
    static final int SUBSCRIBERS = 12;
    static final Duration SPAN = Duration.ofHours(3);
    static final String DEMO_TAP = "demo-stp";
    /** Half the phones on LTE: the SIM swap (subscriber 3) and the probing (11) are played over Diameter. */
    static final double LTE_SHARE = 0.5;

    static final List<String> ATTACKS = List.of("simSwap@1h:3", "ss7Interception@1h30m:5",
            "callForwardingTakeover@2h:7", "illegalMasking@2h20m:9", "category1Probing@2h40m:11");

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "0",
            description = "Keep playing new rounds (new seeds, each on a fresh journal and state) for this long "
                    + "(0: play once and exit). Ctrl-C stops.")
    Duration duration;

    @Option(names = "--pace", paramLabel = "DURATION", defaultValue = "50ms",
            description = "Pause between decoded events, to watch them arrive. Default: ${DEFAULT-VALUE}.")
    Duration pace;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "" + MetricsConfig.DEFAULT_PORT,
            description = "Serve Prometheus metrics on 127.0.0.1:PORT/metrics while the demo runs (0: any free port,"
                    + " -1: none). A busy default port falls back to a free one. Default: ${DEFAULT-VALUE}.")
    int metricsPort;

    @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "" + ApiConfig.DEFAULT_PORT,
            description = "Serve the CAMARA API on 127.0.0.1:PORT while the demo runs (0: any free port, -1: none)."
                    + " A busy default port falls back to a free one. Default: ${DEFAULT-VALUE}.")
    int apiPort;

    @Option(names = "--gate-port", paramLabel = "PORT", defaultValue = "" + GateSection.DEFAULT_PORT,
            description = "Run the SMPP gate on 127.0.0.1:PORT between simulated bank ESMEs and a simulated SMSC"
                    + " (0: any free port, -1: none). A busy default port falls back to a free one."
                    + " Default: ${DEFAULT-VALUE}.")
    int gatePort;

    @Option(names = "--linger", paramLabel = "DURATION", defaultValue = "0",
            description = "After playing once, keep the API up this long to try the printed curl commands"
                    + " (e.g. 10m; Ctrl-C stops). Default: ${DEFAULT-VALUE}.")
    Duration linger;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep the demo's capture, BSS records, ground truth, journals and state in DIR (default: a temporary folder deleted at exit).")
    Path data;

    /** What the rounds added up to. */
    private static final class Totals {
        final JournalStats events = new JournalStats();
        final DecodeCounters counters = new DecodeCounters();
        final List<AlertEvent> alerts = new ArrayList<>();
        final List<AlertEvent> gateAlerts = new ArrayList<>();
        final List<Evaluation.Attack> attacks = new ArrayList<>();
        final List<JsonNode> injected = new ArrayList<>();
        long unreadable;
        long frames;
        int rounds;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = data != null ? Files.createDirectories(data) : Files.createTempDirectory("swapguard-demo-");
        Totals totals = new Totals();
        try (Shutdown shutdown = new Shutdown(); MetricsEndpoint metrics = metricsEndpoint(out)) {
            out.println("swapguard demo: data in " + dir);
            out.println("the simulator plays " + SUBSCRIBERS + " subscribers over the last " + SPAN.toHours()
                    + " hours with attacks injected; the probe decodes the capture, the detector follows"
                    + " (numbers masked as in logs)");
            out.flush();
            long end = duration.isZero() ? 0 : System.nanoTime() + duration.toNanos();
            Timeline victim = null;
            do {
                Path roundDir = Files.createDirectories(dir.resolve("round-" + totals.rounds));
                victim = round(out, roundDir, totals, shutdown, metrics);
                if (victim == null) {
                    return ExitCode.FAILED;
                }
                totals.rounds++;
            } while (end != 0 && System.nanoTime() < end && !shutdown.requested());
            summary(out, totals, victim);
        } finally {
            if (data == null) {
                deleteRecursively(dir);
            }
        }
        return ExitCode.OK;
    }

    /** One round on a fresh journal and state; returns the SIM swap victim's timeline, null on failure. */
    /** The demo's metrics endpoint, or null with {@code --metrics-port -1}. */
    private MetricsEndpoint metricsEndpoint(PrintWriter out) {
        if (metricsPort < 0) {
            return null;
        }
        MetricsEndpoint m;
        try {
            m = MetricsEndpoint.start("127.0.0.1", metricsPort);
        } catch (UncheckedIOException busy) {
            if (metricsPort == 0 || metricsPort != MetricsConfig.DEFAULT_PORT) {
                throw busy;
            }
            m = MetricsEndpoint.start("127.0.0.1", 0);
            out.println("port " + metricsPort + " is in use; metrics on a free port instead");
        }
        out.println("metrics: " + m.url() + " (Prometheus text format; docs/observability.md shows how to"
                + " scrape and chart it)");
        return m;
    }

    private Timeline round(PrintWriter out, Path roundDir, Totals totals, Shutdown shutdown, MetricsEndpoint metrics)
            throws Exception {
        Instant start = Instant.now().minus(SPAN).truncatedTo(ChronoUnit.SECONDS);
        Simulator.Settings settings = simulate(roundDir, start, totals.rounds);
        Path registry = writeRegistry(roundDir.resolve("senders.yaml"), settings.banks());
        DetectorConfig detector = new DetectorConfig(true, roundDir.resolve("state").toString(), 10_000,
                roundDir.resolve("alerts").toString(), roundDir.resolve("alerts.jsonl").toString(), null, null,
                registry.toString(), null, null, null);
        ApiConfig api = apiPort < 0 ? ApiConfig.disabled() : ApiConfig.defaults().withPort(freeOrAny(apiPort, ApiConfig.DEFAULT_PORT))
                        .withFiles(roundDir.resolve("api/token-signing-key.jwk.json").toString(),
                                roundDir.resolve("api-audit").toString(), roundDir.resolve("api-subscriptions").toString());
        SimulatedSmsc smsc = gatePort < 0 ? null : new SimulatedSmsc();
        GateSection gate = smsc == null ? null
                : GateSection.defaults().enabledOn(freeOrAny(gatePort, GateSection.DEFAULT_PORT), smsc.port());
        SwapguardConfig config = new SwapguardConfig(
                new JournalConfig(roundDir.resolve("journal").toString(), null, null, null, null),
                new LoggingConfig(null, LoggingConfig.Level.WARN, null), ProbeConfig.defaults(), detector,
                new MetricsConfig(false, null, null), api, gate, null);
        Queue<AlertEvent> raised = new ConcurrentLinkedQueue<>();
        try (AutoCloseable smscClosing = smsc == null ? () -> { } : smsc;
                Swapguard app = Swapguard.start(config, Clock.systemUTC(), raised::add);
                JournalWatch watch = new JournalWatch(app.journal(), "demo", record -> {
                    // Each event, then the alerts the detector raised on it, in journal order.
                    boolean applied = awaitApplied(app, record.index());
                    synchronized (out) {
                        totals.events.add(record);
                        out.println("  seen  " + EventText.line(record.event()));
                        // The detector may be ahead of this reader: only this event's alerts (and earlier ones).
                        for (AlertEvent a; (a = raised.peek()) != null && a.sourceIndex() <= record.index(); ) {
                            raised.poll();
                            out.println();
                            out.println("  ALERT " + AlertText.of(a).replace(System.lineSeparator(),
                                    System.lineSeparator() + "      "));
                            out.println();
                            // The gate leg's alerts (stopped OTPs, masking by account) are not in the
                            // SS7 ground truth: counted apart, not scored.
                            (record.event().type() == EventType.SMPP ? totals.gateAlerts : totals.alerts).add(a);
                        }
                        if (!applied) {
                            out.println("  (the detector did not keep up)");
                        }
                        out.flush();
                    }
                }).start()) {
            JournalSink sink = new JournalSink(app.journal());
            EventSink paced = event -> {
                sink.accept(event);
                if (!pace.isZero()) {
                    try {
                        shutdown.await(pace);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            // BSS records join the capture's events in time order, as the probe command does.
            ProvisioningMerge merged = new ProvisioningMerge(paced);
            try (BufferedReader csv = Files.newBufferedReader(roundDir.resolve("provisioning.csv"))) {
                ProvisioningCsv.read(csv, "provisioning.csv", "bss-csv", merged::add, bad -> { });
            }
            ProbePipeline probe = new ProbePipeline(ProbeSettings.defaults(), totals.counters, merged, null);
            if (metrics != null) {
                app.meters().bind(new ProbeMetrics(DEMO_TAP, probe));
                metrics.serve(app.meters());
            }
            totals.frames += new PcapIngest(probe).ingest(roundDir.resolve("signalling.pcap"), DEMO_TAP, 0, 0,
                    n -> { }).frames();
            merged.flush();
            if (sink.lastIndex() >= 0 && !watch.awaitCaughtUp(sink.lastIndex(), 20_000)) {
                out.println("demo: the reader did not catch up within 20 s");
                return null;
            }
            totals.unreadable += watch.stats().unreadable();
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(roundDir.resolve("ground-truth.jsonl"))) {
                totals.injected.add(json.readTree(line));
            }
            totals.attacks.addAll(Evaluation.readGroundTruth(roundDir.resolve("ground-truth.jsonl")));
            app.alertDispatcher().awaitDelivered(app.detectorParts().alerts().lastIndex(), 10_000);
            JsonNode swap = totals.injected.stream().filter(t -> t.get("kind").asText().equals("simSwap"))
                    .reduce((a, b) -> b).orElseThrow();
            Msisdn msisdn = Msisdn.of(swap.get("msisdn").asText());
            SubscriberState state = app.detector().store().get(Long.parseLong(msisdn.digits()));
            if (app.api() != null) {
                new DemoBankApi(app, out).show(totals.injected.subList(totals.injected.size() - ATTACKS.size(),
                        totals.injected.size()));
                if (!linger.isZero() && duration.isZero()) {
                    out.printf("the API stays up for %s for the commands above (Ctrl-C stops)%n", linger);
                    out.flush();
                    shutdown.await(linger);
                }
            }
            if (app.gate() != null) {
                long before = app.journal().lastIndex();
                List<JsonNode> round = totals.injected.subList(totals.injected.size() - ATTACKS.size(),
                        totals.injected.size());
                if (DemoSmppGate.show(app, smsc, settings.banks(), round, untouched(app, round, 5), out) != 0) {
                    return null;
                }
                // The gate's decisions are journalled: wait until the watch has printed them and their alerts.
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (app.journal().lastIndex() == before && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                if (!watch.awaitCaughtUp(app.journal().lastIndex(), 20_000)) {
                    out.println("demo: the reader did not catch up with the gate's events within 20 s");
                    return null;
                }
            }
            Instant now = Instant.now();
            long nowNanos = EventTime.nanos(now);
            return new Timeline(msisdn, state, SubscriberCommand.alertsAbout(roundDir.resolve("alerts"), msisdn),
                    app.detector().otpGuard().check(msisdn, "", "Kode OTP Anda 000000. Jangan berikan.", nowNanos),
                    nowNanos);
        }
    }

    /** Up to {@code n} subscribers no attack touched and whose SIM never changed, in the store's order. */
    static List<String> untouched(Swapguard app, List<JsonNode> injected, int n) {
        java.util.Set<String> attacked = new java.util.HashSet<>();
        injected.forEach(t -> attacked.add(t.get("msisdn").asText()));
        List<String> out = new java.util.ArrayList<>();
        app.detector().store().forEach(s -> {
            if (out.size() < n && s.sims.isEmpty() && !attacked.contains(Long.toString(s.msisdn))) {
                out.add(Long.toString(s.msisdn));
            }
        });
        return out;
    }

    /** {@code port}, or 0 (any free one) when {@code port} is the default and in use. */
    static int freeOrAny(int port, int defaultPort) {
        if (port != defaultPort) {
            return port;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return port;
        } catch (IOException busy) {
            return 0;
        }
    }

    private static boolean awaitApplied(Swapguard app, long index) {
        try {
            return app.detector().awaitApplied(index, 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The simulated banks as the operator's sender registry: their IDs on their aggregators' SMSCs. */
    static Path writeRegistry(Path file, List<Bank> banks) throws IOException {
        StringBuilder yaml = new StringBuilder("# The demo's registered senders: the simulated banks.\nsenders:\n");
        for (Bank b : banks) {
            yaml.append("  - id: ").append(b.senderId()).append("\n    owner: ").append(b.name())
                    .append("\n    smscGts: [").append(String.join(", ", b.authorisedSmscGts().stream()
                            .map(g -> "\"" + g + "\"").toList())).append("]\n    esmeAccounts: [")
                    .append(b.esmeAccount()).append("]\n");
        }
        return Files.writeString(file, yaml);
    }

    static Simulator.Settings simulate(Path roundDir, Instant start, int round) throws IOException {
        List<Simulator.Injection> attacks = ATTACKS.stream().map(SimulateCommand::parseFraud).toList();
        Simulator.Settings base = Simulator.Settings.of(SUBSCRIBERS, 1000 + round, start, SPAN, attacks);
        Simulator.Settings settings = new Simulator.Settings(SUBSCRIBERS, 1000 + round, start, SPAN,
                Duration.ofMinutes(30), base.home(), base.partners(), base.banks(), base.rates(), base.bankedShare(),
                attacks, LTE_SHARE);
        long[] frameCount = new long[1];
        try (PcapWriter w = PcapWriter.create(roundDir.resolve("signalling.pcap"), LinkType.ETHERNET);
                BufferedWriter csv = Files.newBufferedWriter(roundDir.resolve("provisioning.csv"));
                BufferedWriter truth = Files.newBufferedWriter(roundDir.resolve("ground-truth.jsonl"))) {
            ProvisioningCsv.writeHeader(csv);
            SigtranLink link = new SigtranLink((ts, lt, f) -> {
                w.write(ts, f);
                frameCount[0]++;
            }, SigtranLink.Options.ethernet().withBundle(2), SigtranLink.Endpoint.of("10.10.0.1", 2905, 1001),
                    SigtranLink.Endpoint.of("10.10.0.2", 2905, 2002));
            new Simulator(settings, link, e -> {
                try {
                    ProvisioningCsv.write(e, csv);
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            }, t -> GroundTruth.write(t, truth)).run(null);
        }
        return settings;
    }

    private static void summary(PrintWriter out, Totals t, Timeline victim) {
        synchronized (out) {
            JournalStats s = t.events;
            out.printf("%ndemo: %d round(s); the probe decoded %,d frames (%d malformed) into %,d MAP and %,d Diameter"
                    + " events;%n", t.rounds, t.frames, t.counters.rejectedTotal(), s.byType().getOrDefault("map", 0L),
                    s.byType().getOrDefault("diameter", 0L));
            out.printf("%,d events journalled and read back (%d unreadable)%n", s.records(), t.unreadable);
            s.byKind().forEach((k, v) -> out.printf("  %-48s %6d%n", k, v));
            out.printf("%nattacks injected (the simulator's ground truth):%n");
            for (JsonNode j : t.injected) {
                out.printf("  %s  %-24s %s  %s%n", j.get("time").asText(),
                        FraudKind.parse(j.get("kind").asText()).wireName(), Msisdn.of(j.get("msisdn").asText()),
                        j.get("detail").asText());
            }
            Evaluation.Result score = Evaluation.score(t.attacks, t.alerts);
            out.printf("%n%d alerts; against the ground truth, by rule:%n", t.alerts.size());
            score.byRule().forEach((rule, r) -> out.printf("  %-16s %3d alerts  precision %.2f  recall %.2f%n", rule,
                    r.alerts(), r.precision(), r.recall()));
            out.printf("  %d false positives, %d attacks missed%n", score.unexplained().size(), score.missed().size());
            if (!t.gateAlerts.isEmpty()) {
                out.printf("  and %d alerts from the SMPP gate's decisions (stopped OTPs, senders from the wrong"
                        + " account), not scored against the SS7 ground truth%n", t.gateAlerts.size());
            }
            out.printf("%nthe SIM swap's victim, as 'swapguard subscriber' shows it:%n");
            out.print(victim.text(true));
            out.flush();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
