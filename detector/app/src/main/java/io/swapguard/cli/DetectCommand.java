package io.swapguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapguard.app.DetectorParts;
import io.swapguard.app.MetricsEndpoint;
import io.swapguard.app.SwapguardMeters;
import io.swapguard.config.SwapguardConfig;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.DetectorService;
import io.swapguard.engine.alert.AlertDispatcher;
import io.swapguard.engine.alert.AlertJson;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.SubscriberMasking;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Runs the detector over the signals journal: subscriber state, the rules, alerts.",
            "Resumes where the last run stopped (state and checkpoint in --state). Without --follow it stops",
            "once it has caught up with the journal. Alerts go to the alerts journal, the alerts file and the",
            "webhook of the config, and are printed as they fire. See docs/rules.md."})
final class DetectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DetectorFiles files;

    @Option(names = "--journal", paramLabel = "DIR", description = "Signals journal to read (default: the config's).")
    Path journalDir;

    @Option(names = "--alerts-file", paramLabel = "FILE", description = "Alerts as JSON lines (default: detector.alertsFile; \"\" for none).")
    String alertsFile;

    @Option(names = "--follow", description = "Keep following the journal until Ctrl-C or --duration.")
    boolean follow;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "0", description = "With --follow: stop after this long (0: until Ctrl-C).")
    Duration duration;

    @Option(names = "--json", description = "Print alerts as JSON lines and the summary as one JSON object.")
    boolean json;

    @Option(names = "--quiet", description = "Print only the summary, not each alert.")
    boolean quiet;

    @Option(names = "--unmask", description = "Print subscriber numbers in full in --json output.")
    boolean unmask;

    @Mixin
    MetricsOption metrics;

    @Option(names = "--halt-after", hidden = true, defaultValue = "0",
            description = "Testing: stop the JVM abruptly after this many events, as a crash would.")
    long haltAfter;

    @Override
    public Integer call() throws Exception {
        SwapguardConfig cfg = files.config();
        DetectorConfig dc = files.detector(alertsFile);
        JournalSettings settings = journalDir == null ? cfg.journal().toSettings()
                : cfg.journal().toSettings().withDirectory(journalDir);
        PrintWriter out = spec.commandLine().getOut();
        boolean masked = !unmask && SubscriberMasking.enabled();
        long started = System.nanoTime();
        try (Shutdown shutdown = new Shutdown(); Journal signals = Journal.openExisting(settings)) {
            try (DetectorParts parts = DetectorParts.start(dc, signals, a -> print(out, a, masked), haltAfter)) {
                DetectorService service = parts.service();
                AlertDispatcher dispatcher = parts.dispatcher();
                if (follow) {
                    try (MetricsEndpoint endpoint = MetricsEndpoint.serve(metrics.apply(cfg.metrics()),
                            SwapguardMeters.create().journal(signals, "signals").detector(parts))) {
                        if (endpoint != null) {
                            spec.commandLine().getErr().println("metrics: " + endpoint.url());
                            spec.commandLine().getErr().flush();
                        }
                        shutdown.await(duration);
                    }
                } else {
                    long target = signals.lastIndex();
                    while (!service.awaitApplied(target, 200)) {
                        if (service.failure() != null || shutdown.requested()) {
                            break;
                        }
                    }
                }
                if (service.failure() != null) {
                    throw service.failure();
                }
                dispatcher.awaitDelivered(parts.alerts().lastIndex(), 30_000);
                summary(out, service, dispatcher, System.nanoTime() - started);
                return verdict(spec.commandLine().getErr(), service, dispatcher, dc);
            }
        }
    }

    /**
     * Exit 1 when part of the job was not done: journal records skipped as unreadable (their events
     * were not applied), alerts an output gave up on (they are in the alerts journal, not where they
     * were meant to go).
     */
    private static int verdict(PrintWriter err, DetectorService service, AlertDispatcher dispatcher,
            io.swapguard.engine.DetectorConfig dc) {
        int exit = ExitCode.OK;
        if (service.unreadable() > 0) {
            err.printf("detect: %,d journal record(s) could not be read and were skipped (see the warnings above);"
                    + " 'swapguard journal check' tells whether a file is damaged%n", service.unreadable());
            exit = ExitCode.FAILED;
        }
        if (dispatcher.failed() > 0) {
            err.printf("detect: %,d alert(s) could not be delivered to an output and were given up; they are in the"
                    + " alerts journal %s%n", dispatcher.failed(), dc.alertsJournal());
            exit = ExitCode.FAILED;
        }
        err.flush();
        return exit;
    }

    private void print(PrintWriter out, AlertEvent a, boolean masked) {
        if (quiet) {
            return;
        }
        synchronized (out) {
            if (json) {
                out.println(AlertJson.of(a, masked));
            } else {
                out.println(AlertText.of(a));
            }
            out.flush();
        }
    }

    private void summary(PrintWriter out, DetectorService service, AlertDispatcher dispatcher, long nanos) {
        Map<String, Long> byRule = service.alertsByRule();
        long alerts = byRule.values().stream().mapToLong(Long::longValue).sum();
        double seconds = nanos / 1e9;
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("events", service.events());
            o.put("unreadable", service.unreadable());
            o.put("alerts", alerts);
            byRule.forEach(o.putObject("alertsByRule")::put);
            o.put("subscribers", service.store().subscribers());
            o.put("stateBytes", service.store().bytesUsed());
            o.put("appliedIndex", service.appliedIndex());
            o.put("delivered", dispatcher.delivered());
            o.put("deliveryFailures", dispatcher.failed());
            o.put("seconds", Math.round(seconds * 1000) / 1000.0);
            out.println(o);
        } else {
            out.printf("detect: %,d events in %.1f s (%,d unreadable), %,d subscribers in state (%,d bytes), %,d new "
                    + "alerts%n", service.events(), seconds, service.unreadable(), service.store().subscribers(),
                    service.store().bytesUsed(), alerts);
            byRule.forEach((rule, n) -> out.printf("  %-16s %,8d%n", rule, n));
        }
        out.flush();
    }
}
