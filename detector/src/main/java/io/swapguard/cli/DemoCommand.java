package io.swapguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapguard.app.JournalSink;
import io.swapguard.app.JournalWatch;
import io.swapguard.app.Swapguard;
import io.swapguard.config.JournalConfig;
import io.swapguard.config.LoggingConfig;
import io.swapguard.config.ProbeConfig;
import io.swapguard.config.SwapguardConfig;
import io.swapguard.event.Msisdn;
import io.swapguard.journal.JournalStats;
import io.swapguard.probe.EventSink;
import io.swapguard.probe.Layer;
import io.swapguard.probe.PcapIngest;
import io.swapguard.probe.ProbeCounters;
import io.swapguard.probe.ProbePipeline;
import io.swapguard.probe.ProbeSettings;
import io.swapguard.probe.bss.ProvisioningCsv;
import io.swapguard.probe.pcap.LinkType;
import io.swapguard.probe.pcap.PcapWriter;
import io.swapguard.probe.wire.SigtranLink;
import io.swapguard.sim.FraudKind;
import io.swapguard.sim.GroundTruth;
import io.swapguard.sim.Simulator;
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
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs swapguard end to end on its embedded defaults, with nothing to set up.",
            "The simulator plays a small population for the last few hours with attacks injected (a SIM swap",
            "followed by a bank OTP, an SS7 interception, a call forwarding takeover, illegal sender masking,",
            "Category 1 probing) as an SS7 capture and BSS records; the probe decodes them into a fresh journal",
            "and every event the reading side sees is printed. Ends with what was decoded and what was injected."})
final class DemoCommand implements Callable<Integer> {

    /** The demo's population and its attacks: small enough to watch, every kind of trouble once. */
    static final int SUBSCRIBERS = 12;
    static final Duration SPAN = Duration.ofHours(3);
    static final List<String> ATTACKS = List.of("simSwap@1h:3", "ss7Interception@1h30m:5",
            "callForwardingTakeover@2h:7", "illegalMasking@2h20m:9", "category1Probing@2h40m:11");

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "0",
            description = "Keep playing new rounds (new seeds) for this long (0: play once and exit). Ctrl-C stops.")
    Duration duration;

    @Option(names = "--pace", paramLabel = "DURATION", defaultValue = "50ms",
            description = "Pause between decoded events, to watch them arrive. Default: ${DEFAULT-VALUE}.")
    Duration pace;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep the demo's capture, BSS records, ground truth and journal in DIR (default: a temporary folder deleted at exit).")
    Path data;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = data != null ? Files.createDirectories(data) : Files.createTempDirectory("swapguard-demo-");
        SwapguardConfig config = new SwapguardConfig(
                new JournalConfig(dir.resolve("journal").toString(), null, null, null),
                new LoggingConfig(null, LoggingConfig.Level.WARN, null), ProbeConfig.defaults(), null);
        ProbeCounters counters = new ProbeCounters();
        long frames = 0;
        int round = 0;
        List<JsonNode> injected = new ArrayList<>();
        try (Shutdown shutdown = new Shutdown()) {
            try (Swapguard app = Swapguard.start(config, Clock.systemUTC());
                    JournalWatch detector = new JournalWatch(app.journal(), "demo", record -> {
                        synchronized (out) {
                            out.println("  seen  " + EventText.line(record.event()));
                            out.flush();
                        }
                    }).start()) {
                out.println("swapguard demo: journal " + app.journal().directory());
                out.println("the simulator plays " + SUBSCRIBERS + " subscribers over the last " + SPAN.toHours()
                        + " hours with attacks injected; the probe decodes the capture (numbers masked as in logs)");
                out.flush();
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
                ProbePipeline probe = new ProbePipeline(ProbeSettings.defaults(), counters, paced, null);
                long end = duration.isZero() ? 0 : System.nanoTime() + duration.toNanos();
                do {
                    Path roundDir = Files.createDirectories(dir.resolve("round-" + round));
                    Instant start = Instant.now().minus(SPAN).truncatedTo(ChronoUnit.SECONDS);
                    simulate(roundDir, start, round);
                    // BSS records first (they are about the past), then the SS7 capture.
                    try (BufferedReader csv = Files.newBufferedReader(roundDir.resolve("provisioning.csv"))) {
                        ProvisioningCsv.read(csv, "provisioning.csv", "bss-csv", paced::accept, bad -> { });
                    }
                    frames += new PcapIngest(probe).ingest(roundDir.resolve("signalling.pcap"), "demo-stp", 0, 0,
                            n -> { }).frames();
                    ObjectMapper json = new ObjectMapper();
                    for (String line : Files.readAllLines(roundDir.resolve("ground-truth.jsonl"))) {
                        injected.add(json.readTree(line));
                    }
                    round++;
                } while (end != 0 && System.nanoTime() < end && !shutdown.requested());
                if (sink.lastIndex() >= 0 && !detector.awaitCaughtUp(sink.lastIndex(), 10_000)) {
                    out.println("demo: the reader did not catch up within 10 s");
                    return ExitCode.FAILED;
                }
                summary(out, detector.stats(), counters, frames, round, injected);
            }
        } finally {
            if (data == null) {
                deleteRecursively(dir);
            }
        }
        return ExitCode.OK;
    }

    static void simulate(Path roundDir, Instant start, int round) throws IOException {
        List<Simulator.Injection> attacks = ATTACKS.stream().map(SimulateCommand::parseFraud).toList();
        Simulator.Settings base = Simulator.Settings.of(SUBSCRIBERS, 1000 + round, start, SPAN, attacks);
        Simulator.Settings settings = new Simulator.Settings(SUBSCRIBERS, 1000 + round, start, SPAN,
                Duration.ofMinutes(30), base.home(), base.partners(), base.banks(), base.rates(), base.bankedShare(),
                attacks);
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
    }

    private static void summary(PrintWriter out, JournalStats s, ProbeCounters counters, long frames, int rounds,
            List<JsonNode> injected) {
        synchronized (out) {
            out.printf("%ndemo: %d round(s); the probe decoded %,d SS7 frames (%d malformed) into %,d MAP events;%n",
                    rounds, frames, counters.rejectedTotal(), counters.decoded(Layer.TCAP) == 0 ? 0
                            : s.byType().getOrDefault("map", 0L));
            out.printf("%,d events journalled and read back (%d unreadable)%n", s.records(), s.unreadable());
            s.byKind().forEach((k, v) -> out.printf("  %-48s %6d%n", k, v));
            out.printf("%nattacks injected (the simulator's ground truth):%n");
            for (JsonNode t : injected) {
                out.printf("  %s  %-24s %s  %s%n", t.get("time").asText(),
                        FraudKind.parse(t.get("kind").asText()).wireName(), Msisdn.of(t.get("msisdn").asText()),
                        t.get("detail").asText());
            }
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
