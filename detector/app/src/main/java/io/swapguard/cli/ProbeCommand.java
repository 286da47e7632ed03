package io.swapguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapguard.app.LoggingSetup;
import io.swapguard.app.MetricsEndpoint;
import io.swapguard.app.ProbeInputs;
import io.swapguard.app.SwapguardMeters;
import io.swapguard.config.ConfigLoader;
import io.swapguard.config.ProbeConfig;
import io.swapguard.config.SwapguardConfig;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalSettings;
import io.swapguard.journal.JournalStats;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.taps.EventSink;
import io.swapguard.taps.HepServer;
import io.swapguard.taps.JournalSink;
import io.swapguard.taps.PcapIngest;
import io.swapguard.taps.PcapRingFollower;
import io.swapguard.taps.ProbeMetrics;
import io.swapguard.taps.ProbePipeline;
import io.swapguard.taps.Quarantine;
import io.swapguard.taps.bss.ProvisioningMerge;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Decodes SS7 signalling (SIGTRAN M3UA → SCCP → TCAP → GSM MAP) into the journal.",
            "Inputs: capture files (--pcap), a rotating capture directory (--pcap-dir, with --follow to keep",
            "ingesting files as the ring closes them) and HEPv3 over UDP from capture agents (--hep-port).",
            "Prints what it decoded and what it rejected, by layer and reason. See docs/probe.md."})
final class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "swapguard.yaml for journal, probe limits and logging.")
    Path config;

    @Option(names = "--journal", paramLabel = "DIR", description = "Journal to append to (default: the config's).")
    Path journalDir;

    @Option(names = "--pcap", paramLabel = "FILE", arity = "1..*", description = "pcap or pcapng files to ingest, in order.")
    List<Path> pcaps = List.of();

    @Option(names = "--pcap-dir", paramLabel = "DIR", description = "A capture ring directory: ingest its closed files, oldest first.")
    Path pcapDir;

    @Option(names = "--pattern", paramLabel = "GLOB", description = "Capture files in --pcap-dir (default: probe.pcapDir.pattern).")
    String pattern;

    @Option(names = "--follow", description = "With --pcap-dir: keep ingesting files as the ring closes them.")
    boolean follow;

    @Option(names = "--state", paramLabel = "FILE",
            description = "With --pcap-dir: where progress is remembered (default: probe-state/ inside the journal, per ring).")
    Path state;

    @Option(names = "--provisioning-csv", paramLabel = "FILE", arity = "1..*",
            description = "BSS provisioning records (CSV, docs/probe.md) to journal as provisioning events.")
    List<Path> provisioningCsv = List.of();

    @Option(names = "--hep-port", paramLabel = "PORT", description = "Listen for HEPv3 over UDP on this port.")
    Integer hepPort;

    @Option(names = "--hep-bind", paramLabel = "ADDR", defaultValue = "0.0.0.0", description = "Address for --hep-port. Default: ${DEFAULT-VALUE}.")
    String hepBind;

    @Option(names = "--tap", paramLabel = "NAME", description = "Tap name stamped on events from capture files (default: probe.tap).")
    String tap;

    @Option(names = "--quarantine", paramLabel = "FILE", description = "Keep malformed input here as pcapng (default: probe.quarantine.file).")
    Path quarantineFile;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "0",
            description = "With --follow or --hep-port: stop after this long (0: until Ctrl-C).")
    Duration duration;

    @Mixin
    MetricsOption metrics;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    /** Events by kind, counted as they are appended by any input's thread. */
    static final class Tally {
        final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
        final LongAdder events = new LongAdder();

        /** A sink that appends to {@code next} and counts here. */
        EventSink counting(EventSink next) {
            return e -> {
                next.accept(e);
                events.increment();
                byKind.computeIfAbsent(JournalStats.kindName(e), k -> new LongAdder()).increment();
            };
        }
    }

    @Override
    public Integer call() throws Exception {
        if (pcaps.isEmpty() && pcapDir == null && hepPort == null && provisioningCsv.isEmpty()) {
            throw new IllegalArgumentException("nothing to do: give --pcap, --pcap-dir, --hep-port or --provisioning-csv");
        }
        for (Path p : provisioningCsv) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("no provisioning file " + p);
            }
        }
        if (follow && pcapDir == null) {
            throw new IllegalArgumentException("--follow needs --pcap-dir");
        }
        for (Path p : pcaps) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("no capture file " + p);
            }
        }
        if (pcapDir != null && !Files.isDirectory(pcapDir)) {
            throw new IllegalArgumentException("no capture directory " + pcapDir);
        }
        SwapguardConfig cfg = config == null ? SwapguardConfig.defaults() : new ConfigLoader().load(config);
        LoggingSetup.apply(cfg.logging());
        ProbeConfig pc = cfg.probe();
        JournalSettings settings = journalDir == null ? cfg.journal().toSettings()
                : new JournalSettings(journalDir, cfg.journal().rollCycle(), cfg.journal().retention());
        String tapName = tap != null ? tap : pc.tap();
        DecodeCounters counters = new DecodeCounters();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long frames = 0;
        int files = 0;
        int unreadable = 0;
        Tally tally;
        try (Shutdown shutdown = new Shutdown(); Journal journal = Journal.open(settings);
                Quarantine quarantine = ProbeInputs.quarantine(pc, quarantineFile)) {
            tally = new Tally();
            // Provisioning records join the capture's events in time order (ProvisioningMerge says why).
            ProvisioningMerge merged = new ProvisioningMerge(tally.counting(new JournalSink(journal)));
            ProbePipeline pipeline = ProbeInputs.pipeline(pc, counters, merged, quarantine);
            PcapIngest ingest = new PcapIngest(pipeline);
            ProbeInputs.importProvisioning(provisioningCsv, merged, counters, w -> err.println("warning: " + w));
            for (Path p : pcaps) {
                PcapIngest.Result r = ingest.ingest(p, tapName, 0, 0, n -> { });
                frames += r.frames();
                files++;
                if (r.problem() != null) {
                    err.println("warning: " + r.problem());
                }
                if (!r.complete()) {
                    unreadable++;
                }
            }
            if (pcapDir == null) {
                merged.flush(); // before HEP, which journals on its own thread
            }
            HepServer hep = null;
            MetricsEndpoint endpoint = null;
            try {
                if (follow || hepPort != null) {
                    // One tap for all of this command's inputs (they share one set of counters).
                    SwapguardMeters meters = SwapguardMeters.create().journal(journal, "signals")
                            .bind(new ProbeMetrics(tapName, pipeline));
                    if (quarantine != null) {
                        meters.bind(ProbeMetrics.quarantine(quarantine));
                    }
                    endpoint = MetricsEndpoint.serve(metrics.apply(cfg.metrics()), meters);
                    if (endpoint != null) {
                        err.println("metrics: " + endpoint.url());
                        err.flush();
                    }
                }
                if (hepPort != null) {
                    // Its own pipeline and appender: HEP is decoded on Netty's thread.
                    hep = ProbeInputs.hep(pc, hepBind, hepPort, counters, tally.counting(new JournalSink(journal)),
                            quarantine);
                    err.println("listening for HEP on udp " + hep.localAddress());
                    err.flush();
                }
                if (pcapDir != null) {
                    Path stateFile = state != null ? state
                            : ProbeInputs.ringState(settings.directory(), pcapDir, pc.pcapDir().stateFile());
                    PcapRingFollower follower = ProbeInputs.ring(pcapDir,
                            pattern != null ? pattern : pc.pcapDir().pattern(), stateFile, ingest, tapName,
                            follow ? pc.pcapDir().settle() : Duration.ZERO, Clock.systemUTC());
                    long end = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
                    do {
                        for (PcapIngest.Result r : follower.poll()) {
                            frames += r.frames();
                            files++;
                            if (r.problem() != null) {
                                err.println("warning: " + r.problem());
                            }
                        }
                    } while (follow && System.nanoTime() < end && !shutdown.await(pc.pcapDir().poll()));
                } else if (hep != null) {
                    shutdown.await(duration);
                }
            } finally {
                if (hep != null) {
                    hep.close();
                }
                if (endpoint != null) {
                    endpoint.close();
                }
            }
            merged.flush();
            if (quarantine != null) {
                quarantine.flush();
            }
            summary(out, settings.directory(), files, frames, tally, counters, quarantine);
        }
        if (unreadable > 0) {
            // What could be read is in the journal; the rest of those files is not, so say it failed.
            err.println("probe: " + unreadable + " of " + pcaps.size() + " capture file(s) could not be read to the end"
                    + " (see the warnings above)");
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }

    private void summary(PrintWriter out, Path journal, int files, long frames, Tally tally, DecodeCounters counters,
            Quarantine quarantine) {
        Map<String, Long> kinds = new TreeMap<>();
        tally.byKind.forEach((k, v) -> kinds.put(k, v.sum()));
        Map<String, Long> rejected = counters.snapshot(true);
        Map<String, Long> ignored = counters.snapshot(false);
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode o = m.createObjectNode();
            o.put("journal", journal.toString());
            o.put("files", files);
            o.put("frames", frames);
            o.put("hepDatagrams", counters.decoded(Layer.HEP));
            o.put("events", tally.events.sum());
            kinds.forEach(o.putObject("byKind")::put);
            ObjectNode d = o.putObject("decoded");
            counters.decodedSnapshot().forEach(d::put);
            rejected.forEach(o.putObject("rejected")::put);
            ignored.forEach(o.putObject("ignored")::put);
            if (quarantine != null) {
                o.put("quarantined", quarantine.kept());
                o.put("quarantine", quarantine.file().toString());
            }
            out.println(o);
        } else {
            out.printf("probe: %d file(s), %,d frames, %,d HEP datagrams -> %,d events in journal %s%n", files, frames,
                    counters.decoded(Layer.HEP), tally.events.sum(), journal);
            JournalStatsCommand.table(out, "events by kind", kinds);
            JournalStatsCommand.table(out, "rejected as malformed (layer/reason)", rejected);
            JournalStatsCommand.table(out, "ignored, not for the probe (layer/reason)", ignored);
            if (quarantine != null && quarantine.kept() > 0) {
                out.printf("quarantine: %d frame(s) kept in %s%n", quarantine.kept(), quarantine.file());
            }
        }
        out.flush();
    }
}
