package io.swapguard.cli;

import io.swapguard.app.DemoStory;
import io.swapguard.app.JournalWatch;
import io.swapguard.app.Swapguard;
import io.swapguard.config.JournalConfig;
import io.swapguard.config.LoggingConfig;
import io.swapguard.config.SwapguardConfig;
import io.swapguard.event.SignalEvent;
import io.swapguard.journal.JournalAppender;
import io.swapguard.journal.JournalStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
            "Plays a built-in story into a fresh journal (a subscriber's normal life, then a fraudulent SIM swap",
            "with a bank OTP, a foreign switch claiming a subscriber, call forwarding to a foreign number)",
            "and prints every event the reading side sees, then a summary."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "0",
            description = "Keep playing new rounds of the story for this long (0: play it once and exit). "
                    + "Ctrl-C stops at any time.")
    Duration duration;

    @Option(names = "--pace", paramLabel = "DURATION", defaultValue = "150ms",
            description = "Pause between events, to watch them arrive. Default: ${DEFAULT-VALUE}.")
    Duration pace;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep the demo's journal in DIR (default: a temporary folder deleted at exit).")
    Path data;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = data != null ? data : Files.createTempDirectory("swapguard-demo-");
        SwapguardConfig config = new SwapguardConfig(
                new JournalConfig(dir.resolve("journal").toString(), null, null, null),
                new LoggingConfig(null, LoggingConfig.Level.WARN, null));
        try (Shutdown shutdown = new Shutdown()) {
            try (Swapguard app = Swapguard.start(config, Clock.systemUTC());
                    JournalAppender probe = app.journal().appender();
                    JournalWatch detector = new JournalWatch(app.journal(), "demo", record -> {
                        synchronized (out) {
                            out.println("  seen  " + EventText.line(record.event()));
                            out.flush();
                        }
                    }).start()) {
                out.println("swapguard demo: journal " + app.journal().directory());
                out.println("playing the built-in story: normal life, a SIM swap with a bank OTP, a location hijack,");
                out.println("call forwarding to a foreign number (numbers masked as in logs)");
                out.flush();
                long end = duration.isZero() ? 0 : System.nanoTime() + duration.toNanos();
                long last = -1;
                int round = 0;
                do {
                    long start = Instant.now().minus(Duration.ofMinutes(130)).toEpochMilli() * 1_000_000L;
                    List<SignalEvent> story = DemoStory.events(start, round++);
                    for (SignalEvent e : story) {
                        last = probe.append(e);
                        if (!pace.isZero() && shutdown.await(pace)) {
                            break;
                        }
                    }
                } while (end != 0 && System.nanoTime() < end && !shutdown.requested());
                if (last >= 0 && !detector.awaitCaughtUp(last, 10_000)) {
                    out.println("demo: the reader did not catch up within 10 s");
                    return ExitCode.FAILED;
                }
                summary(out, detector.stats(), round);
            }
        } finally {
            if (data == null) {
                deleteRecursively(dir);
            }
        }
        return ExitCode.OK;
    }

    private static void summary(PrintWriter out, JournalStats s, int rounds) {
        synchronized (out) {
            out.printf("%ndemo: %d round(s), %,d events journalled and read back (%d unreadable)%n", rounds,
                    s.records(), s.unreadable());
            s.byKind().forEach((k, v) -> out.printf("  %-45s %6d%n", k, v));
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
