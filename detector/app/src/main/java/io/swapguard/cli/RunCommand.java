package io.swapguard.cli;

import io.swapguard.app.JournalWatch;
import io.swapguard.app.Swapguard;
import io.swapguard.config.ConfigLoader;
import io.swapguard.config.SwapguardConfig;
import io.swapguard.journal.JournalStats;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs swapguard with a configuration file until stopped (Ctrl-C, SIGTERM) or --duration.",
            "Starts the journal with its retention upkeep, the probe's inputs and the detector with its alert",
            "outputs, and logs a summary of new events and alerts every --status-interval."})
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true, description = "The swapguard.yaml to run with.")
    Path config;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "0",
            description = "Stop after this long (e.g. 30s, 2h); 0 runs until stopped. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--status-interval", paramLabel = "DURATION", defaultValue = "60s",
            description = "How often to log what the journal received. Default: ${DEFAULT-VALUE}.")
    Duration statusInterval;

    @Override
    public Integer call() throws Exception {
        if (statusInterval.toMillis() < 100) {
            throw new IllegalArgumentException("--status-interval must be at least 100ms");
        }
        SwapguardConfig cfg = new ConfigLoader().load(config);
        try (Shutdown shutdown = new Shutdown();
                Swapguard app = Swapguard.start(cfg, Clock.systemUTC());
                JournalWatch watch = new JournalWatch(app.journal(), "run-status", record -> { }).start()) {
            log.info("swapguard running{}", duration.isZero() ? "" : " for " + duration);
            long end = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            long reported = 0;
            while (true) {
                long left = end - System.nanoTime();
                Duration wait = Duration.ofNanos(Math.min(left, statusInterval.toNanos()));
                boolean stop = left <= 0 || shutdown.await(wait.isZero() ? Duration.ofNanos(1) : wait);
                JournalStats s = watch.stats();
                if (s.records() != reported) {
                    log.info("journal: {} events read ({} new), by type {}", s.records(), s.records() - reported, s.byType());
                    reported = s.records();
                    if (app.detector() != null) {
                        log.info("detector: {} events applied, alerts by rule {}", app.detector().events(),
                                app.detector().alertsByRule());
                    }
                }
                if (watch.failure() != null || (app.detector() != null && app.detector().failure() != null)) {
                    return ExitCode.FAILED;
                }
                if (stop || System.nanoTime() >= end) {
                    break;
                }
            }
            log.info("swapguard stopping");
        }
        return ExitCode.OK;
    }
}
