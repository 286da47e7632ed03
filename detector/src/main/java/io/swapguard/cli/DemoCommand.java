package io.swapguard.cli;

import io.swapguard.app.DemoStory;
import io.swapguard.app.JournalSink;
import io.swapguard.app.JournalWatch;
import io.swapguard.app.Swapguard;
import io.swapguard.config.JournalConfig;
import io.swapguard.config.LoggingConfig;
import io.swapguard.config.ProbeConfig;
import io.swapguard.config.SwapguardConfig;
import io.swapguard.event.MapEvent;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.journal.JournalStats;
import io.swapguard.probe.EventSink;
import io.swapguard.probe.Layer;
import io.swapguard.probe.PcapIngest;
import io.swapguard.probe.ProbeCounters;
import io.swapguard.probe.ProbePipeline;
import io.swapguard.probe.ProbeSettings;
import io.swapguard.probe.pcap.LinkType;
import io.swapguard.probe.pcap.PcapWriter;
import io.swapguard.probe.wire.SigtranLink;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
            "Writes the built-in story as an SS7 capture (SIGTRAN M3UA/SCCP/TCAP/MAP over SCTP), feeds it through",
            "the probe into a fresh journal and prints every event the reading side sees: a subscriber's normal",
            "life, then a fraudulent SIM swap with a bank OTP, a foreign switch claiming a subscriber, call",
            "forwarding to a foreign number and Category 1 probing. Ends with what the probe decoded."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "0",
            description = "Keep playing new rounds of the story for this long (0: play it once and exit). "
                    + "Ctrl-C stops at any time.")
    Duration duration;

    @Option(names = "--pace", paramLabel = "DURATION", defaultValue = "100ms",
            description = "Pause between decoded events, to watch them arrive. Default: ${DEFAULT-VALUE}.")
    Duration pace;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep the demo's capture files and journal in DIR (default: a temporary folder deleted at exit).")
    Path data;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = data != null ? Files.createDirectories(data) : Files.createTempDirectory("swapguard-demo-");
        SwapguardConfig config = new SwapguardConfig(
                new JournalConfig(dir.resolve("journal").toString(), null, null, null),
                new LoggingConfig(null, LoggingConfig.Level.WARN, null), ProbeConfig.defaults());
        ProbeCounters counters = new ProbeCounters();
        long frames = 0;
        int round = 0;
        try (Shutdown shutdown = new Shutdown()) {
            try (Swapguard app = Swapguard.start(config, Clock.systemUTC());
                    JournalWatch detector = new JournalWatch(app.journal(), "demo", record -> {
                        synchronized (out) {
                            out.println("  seen  " + EventText.line(record.event()));
                            out.flush();
                        }
                    }).start()) {
                out.println("swapguard demo: journal " + app.journal().directory());
                out.println("the story as SS7 traffic: normal life, a SIM swap with a bank OTP, a location hijack,");
                out.println("call forwarding to a foreign number, probing from interconnect (numbers masked as in logs)");
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
                    // The story happened over the last two hours and a bit.
                    long start = Instant.now().minus(Duration.ofMinutes(130)).toEpochMilli() * 1_000_000L;
                    Path capture = dir.resolve("demo-" + round + ".pcap");
                    List<ProvisioningEvent> bss;
                    try (PcapWriter w = PcapWriter.create(capture, LinkType.ETHERNET)) {
                        bss = DemoStory.play(SigtranLink.between((ts, lt, f) -> w.write(ts, f),
                                SigtranLink.Options.ethernet().withBundle(2), 1001, 2002), start, round);
                    }
                    bss.forEach(paced::accept);
                    PcapIngest.Result r = new PcapIngest(probe).ingest(capture, "demo-stp", 0, 0, n -> { });
                    frames += r.frames();
                    round++;
                } while (end != 0 && System.nanoTime() < end && !shutdown.requested());
                if (sink.lastIndex() >= 0 && !detector.awaitCaughtUp(sink.lastIndex(), 10_000)) {
                    out.println("demo: the reader did not catch up within 10 s");
                    return ExitCode.FAILED;
                }
                summary(out, detector.stats(), counters, frames, round);
            }
        } finally {
            if (data == null) {
                deleteRecursively(dir);
            }
        }
        return ExitCode.OK;
    }

    private static void summary(PrintWriter out, JournalStats s, ProbeCounters counters, long frames, int rounds) {
        synchronized (out) {
            out.printf("%ndemo: %d round(s); the probe decoded %,d SS7 frames (%d malformed) into %,d MAP events;%n",
                    rounds, frames, counters.rejectedTotal(), counters.decoded(Layer.TCAP) == 0 ? 0
                            : s.byType().getOrDefault("map", 0L));
            out.printf("%,d events journalled and read back (%d unreadable)%n", s.records(), s.unreadable());
            s.byKind().forEach((k, v) -> out.printf("  %-48s %6d%n", k, v));
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
