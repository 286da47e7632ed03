package io.swapguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapguard.app.LedgeredIngest;
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
import io.swapguard.taps.ResumingSink;
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

    @Option(names = "--hep-tcp", description = "With --hep-port: also accept HEP over TCP on that port (probe.hep.tcp).")
    boolean hepTcp;

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

    @Option(names = "--force", description = {"Ingest --pcap and --provisioning-csv files even when this journal's",
        "ledger says it already has them (their events are then journalled again)."})
    boolean force;

    @Option(names = "--max-loss", paramLabel = "FRACTION", defaultValue = "0.01",
            description = {"Exit 1 when more than this fraction of the frames was lost to capture order or decoder",
                "limits (docs/operations.md). Default: ${DEFAULT-VALUE}."})
    double maxLoss;

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
        checkArguments();
        SwapguardConfig cfg = config == null ? SwapguardConfig.defaults() : new ConfigLoader().load(config);
        LoggingSetup.apply(cfg.logging());
        ProbeConfig pc = cfg.probe();
        JournalSettings settings = journalDir == null ? cfg.journal().toSettings()
                : cfg.journal().toSettings().withDirectory(journalDir);
        String tapName = tap != null ? tap : pc.tap();
        DecodeCounters counters = new DecodeCounters();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long frames = 0;
        int files = 0;
        int unreadable = 0;
        int skippedFiles = 0;
        long resumedEvents = 0;
        EventSink.Failed stopped = null;
        long hepDrops = 0;
        Tally tally;
        try (Shutdown shutdown = new Shutdown(); Journal journal = Journal.open(settings);
                Quarantine quarantine = ProbeInputs.quarantine(pc, quarantineFile)) {
            tally = new Tally();
            try {
                EventSink journalled = tally.counting(new JournalSink(journal));
                // Files first, as one run the journal's ledger records (LedgeredIngest says why); live inputs after.
                LedgeredIngest.Outcome run = LedgeredIngest.run(pc, journal, journalled, counters, quarantine, pcaps,
                        provisioningCsv, tapName, force, cfg.detector().rules().simSwap().trustedChannelMatcher(),
                        err::println);
                err.flush();
                skippedFiles = run.skipped().size();
                resumedEvents = run.alreadyJournalled();
                for (PcapIngest.Result r : run.captures()) {
                    frames += r.frames();
                    files++;
                    if (r.problem() != null) {
                        err.println("warning: " + r.problem());
                    }
                    if (!r.complete()) {
                        unreadable++;
                    }
                }
                // The ring's own pipeline: a file resumed after a kill drops what the journal has from it.
                ResumingSink ringSink = new ResumingSink(journalled, 0);
                ProbePipeline pipeline = ProbeInputs.pipeline(pc, counters, ringSink, quarantine);
                PcapIngest ingest = new PcapIngest(pipeline);
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
                        HepServer.Options options = new HepServer.Options(pc.hep().receiveBufferBytes(),
                                hepTcp || pc.hep().tcp());
                        hep = ProbeInputs.hep(pc, hepBind, hepPort, options, counters,
                                tally.counting(new JournalSink(journal)),
                                quarantine);
                        err.println("listening for HEP on udp " + hep.localAddress()
                                + (hep.tcpAddress() != null ? " and tcp " + hep.tcpAddress() : ""));
                        err.flush();
                    }
                    if (pcapDir != null) {
                        Path stateFile = state != null ? state
                                : ProbeInputs.ringState(settings.directory(), pcapDir, pc.pcapDir().stateFile());
                        PcapRingFollower follower = ProbeInputs.ring(pcapDir,
                                pattern != null ? pattern : pc.pcapDir().pattern(), stateFile, ingest, ringSink, journal,
                                tapName, follow ? pc.pcapDir().settle() : Duration.ZERO, Clock.systemUTC());
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
            } catch (EventSink.Failed f) {
                stopped = f; // the journal cannot take more: account for what it took, then fail
            }
            if (quarantine != null) {
                quarantine.flush();
            }
            // Stopped part-way, no file finished: the frames read are what the decoder counted.
            long read = stopped != null ? counters.decoded(Layer.PCAP) : frames;
            summary(out, settings.directory(), new Account(files, skippedFiles, read, resumedEvents, hepDrops), tally,
                    counters, quarantine);
        }
        return verdict(err, counters, stopped, hepDrops, frames, unreadable);
    }

    /** Refuses a command line that cannot do anything, or names what does not exist. */
    private void checkArguments() {
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
        if (tap != null && (tap.isBlank() || tap.equals("hep") || tap.equals("bss-csv") || tap.startsWith("hep:"))) {
            throw new IllegalArgumentException("--tap '" + tap + "' is reserved for HEP and provisioning events; choose another name");
        }
    }

    /**
     * The exit code, said on stderr when not 0: stopped by a journal that cannot be written, HEP
     * datagrams lost to it, more loss than {@code --max-loss}, files that could not be read to
     * their end. Warnings (kernel drops, any loss) are said either way.
     */
    private int verdict(PrintWriter err, DecodeCounters counters, EventSink.Failed stopped, long hepDrops, long frames,
            int unreadable) {
        if (stopped != null) {
            err.println("probe: stopped: " + stopped.getMessage());
            err.println("probe: what was appended stays; run the same command again once the journal can be written,"
                    + " and its files continue where they stopped");
            return ExitCode.FAILED;
        }
        if (hepDrops > 0) {
            err.printf("warning: the kernel dropped %,d HEP datagram(s) before the probe could read them (socket receive"
                    + " buffer full); see docs/operations.md%n", hepDrops);
        }
        long hepLost = counters.rejected(Layer.HEP, HepServer.JOURNAL_UNWRITABLE.reason());
        if (hepLost > 0) {
            err.printf("probe: %,d HEP datagram(s) lost: the journal could not be written (see the errors above)%n",
                    hepLost);
            return ExitCode.FAILED;
        }
        long lost = lost(counters);
        if (lost > 0) {
            err.printf("warning: %,d message(s) lost to capture order or decoder limits (%s); see docs/operations.md%n",
                    lost, lossReasons(counters));
        }
        long seen = Math.max(frames + counters.decoded(Layer.HEP), 1);
        if (lost > maxLoss * seen) {
            err.printf("probe: lost %.2f%% of %,d frames, more than --max-loss %.2f%%%n", 100.0 * lost / seen, seen,
                    100 * maxLoss);
            return ExitCode.FAILED;
        }
        if (unreadable > 0) {
            // What could be read is in the journal; the rest of those files is not, so say it failed.
            err.println("probe: " + unreadable + " of " + pcaps.size() + " capture file(s) could not be read to the end"
                    + " (see the warnings above)");
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }


    /**
     * Counted reasons that mean signalling for the probe was lost, not merely not for it: TSNs too
     * far from their association's window, fragments and segments that never completed.
     */
    static final List<String> LOSS_REASONS = List.of("sctp/tsn-outside-window", "sctp/fragment-buffer-full",
            "sccp/segments-evicted", "sccp/segments-expired", "sccp/segments-superseded");

    static long lost(DecodeCounters counters) {
        Map<String, Long> all = rejectedAndIgnored(counters);
        return LOSS_REASONS.stream().mapToLong(r -> all.getOrDefault(r, 0L)).sum();
    }

    /** "layer/reason" → count, malformed and ignored together (a loss reason may be either). */
    private static Map<String, Long> rejectedAndIgnored(DecodeCounters counters) {
        Map<String, Long> all = new TreeMap<>(counters.snapshot(true));
        counters.snapshot(false).forEach((k, v) -> all.merge(k, v, Long::sum));
        return all;
    }

    private static String lossReasons(DecodeCounters counters) {
        Map<String, Long> all = rejectedAndIgnored(counters);
        StringBuilder s = new StringBuilder();
        for (String r : LOSS_REASONS) {
            long n = all.getOrDefault(r, 0L);
            if (n > 0) {
                s.append(s.isEmpty() ? "" : ", ").append(r).append(' ').append(String.format("%,d", n));
            }
        }
        return s.toString();
    }

    /**
     * What the command's inputs gave: files read, files skipped as already journalled, frames, events
     * resumed past, HEP datagrams the kernel dropped.
     */
    record Account(int files, int skippedFiles, long frames, long resumedEvents, long hepKernelDrops) {
    }

    private void summary(PrintWriter out, Path journal, Account account, Tally tally, DecodeCounters counters,
            Quarantine quarantine) {
        int files = account.files();
        long frames = account.frames();
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
            o.put("skippedFiles", account.skippedFiles());
            o.put("resumedEvents", account.resumedEvents());
            o.put("lost", lost(counters));
            o.put("hepKernelDrops", account.hepKernelDrops());
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
            out.printf("probe: %d file(s)%s, %,d frames, %,d HEP datagrams -> %,d events appended%s to journal %s%n",
                    files, account.skippedFiles() == 0 ? ""
                            : " (" + account.skippedFiles() + " more skipped: already in the journal)",
                    frames, counters.decoded(Layer.HEP), tally.events.sum(), account.resumedEvents() == 0 ? ""
                            : String.format(" (after %,d the unfinished run had appended)", account.resumedEvents()),
                    journal);
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
