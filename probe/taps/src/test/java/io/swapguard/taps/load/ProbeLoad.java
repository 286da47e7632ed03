package io.swapguard.taps.load;

import io.swapguard.event.SignalEvent;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalAppender;
import io.swapguard.journal.JournalSettings;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.pcap.CaptureRecord;
import io.swapguard.ss7.pcap.LinkType;
import io.swapguard.ss7.pcap.PcapReader;
import io.swapguard.ss7.pcap.PcapWriter;
import io.swapguard.ss7.wire.SigtranLink;
import io.swapguard.taps.ProbePipeline;
import io.swapguard.taps.ProbeSettings;
import io.swapguard.testkit.SampleTraffic;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Load harness for the whole probe path: pcap file → frames → every layer → MAP events → journal,
 * on one thread, against tshark extracting the MAP operation of every frame of the same file in
 * the same run. Prints a Markdown table for docs/benchmarks.md.
 *
 * <pre>mvn -B -q -pl probe -am test-compile
 * mvn -B -q -pl probe exec:exec@load -Dload.args="400 /tmp/probe-load"</pre>
 *
 * <p>With a third argument {@code diameter}, the file holds S6a traffic instead (per subscriber an
 * AIR/AIA and a ULR/ULA over SCTP, PPID 46), and tshark extracts every Diameter command code.
 */
public final class ProbeLoad {

    private ProbeLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        Path work = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "/tmp/probe-load"));
        boolean diameter = args.length > 2 && args[2].equals("diameter");
        Path pcap = work.resolve(diameter ? "diameter-load.pcap" : "load.pcap");
        long tGen = System.nanoTime();
        if (diameter) {
            DiameterTraffic.write(pcap, rounds * 100);
        } else try (PcapWriter w = PcapWriter.create(pcap, LinkType.ETHERNET)) {
            SigtranLink link = SigtranLink.between((ts, lt, f) -> w.write(ts, f),
                    SigtranLink.Options.ethernet().withBundle(2), 1, 2);
            long t = 1_780_000_000_000_000_000L;
            for (int r = 0; r < rounds; r++) {
                t = SampleTraffic.play(link, t, r, r % 3 == 0 ? 2 : 3, 0);
            }
        }
        System.err.printf("generated %s (%,d bytes) in %.1f s%n", pcap, Files.size(pcap), (System.nanoTime() - tGen) / 1e9);

        List<byte[]> frames = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        try (PcapReader reader = PcapReader.open(pcap)) {
            CaptureRecord rec = new CaptureRecord();
            while (reader.next(rec)) {
                frames.add(java.util.Arrays.copyOf(rec.data(), rec.length()));
                times.add(rec.timestampNanos());
            }
        }

        // Decode only (events to a no-op sink), warm-up then measured.
        for (int i = 0; i < 3; i++) {
            run(frames, times, e -> { });
        }
        Measure decode = run(frames, times, e -> { });
        // -Dload.profile=N: N more decode passes, for a profiler attached to this run.
        for (int i = 0; i < Integer.getInteger("load.profile", 0); i++) {
            run(frames, times, e -> { });
        }
        // End to end: file read, decode, journal append.
        Path journalDir = work.resolve("journal");
        Measure endToEnd;
        deleteRecursively(journalDir);
        try (Journal journal = Journal.open(JournalSettings.of(journalDir)); JournalAppender appender = journal.appender()) {
            for (int i = 0; i < 2; i++) {
                fromFile(pcap, appender::append);
            }
            endToEnd = fromFile(pcap, appender::append);
        }
        deleteRecursively(journalDir);

        // tshark on the same file, extracting every MAP operation code.
        long t0 = System.nanoTime();
        String field = diameter ? "diameter.cmd.code" : "gsm_old.localValue";
        Process p = new ProcessBuilder("tshark", "-n", "-r", pcap.toString(), "-T", "fields", "-e", field)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("tshark failed");
        }
        double tsharkSeconds = (System.nanoTime() - t0) / 1e9;

        long events = endToEnd.events;
        String kind = diameter ? "Diameter" : "MAP";
        System.out.println("| measurement | frames | " + kind + " events | seconds (wall) | CPU seconds | " + kind
                + " events/s per core | bytes allocated per event |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        System.out.printf("| probe decode only (frames in memory) | %,d | %,d | %.2f | %.2f | %,.0f | %,.0f |%n", frames.size(),
                decode.events, decode.wallSeconds, decode.cpuSeconds, decode.events / decode.cpuSeconds,
                (double) decode.allocated / decode.events);
        System.out.printf("| probe end to end (pcap file → journal) | %,d | %,d | %.2f | %.2f | %,.0f | %,.0f |%n", frames.size(),
                events, endToEnd.wallSeconds, endToEnd.cpuSeconds, events / endToEnd.cpuSeconds,
                (double) endToEnd.allocated / events);
        System.out.printf("| tshark -T fields -e " + field + " | %,d | | %.2f | | %,.0f (wall) | |%n", frames.size(),
                tsharkSeconds, events / tsharkSeconds);
        System.out.printf("%nratio: probe end to end is %.1f× faster than tshark on the same file (wall time)%n",
                tsharkSeconds / endToEnd.wallSeconds);
    }

    record Measure(long events, double wallSeconds, double cpuSeconds, long allocated) {
    }

    static Measure run(List<byte[]> frames, List<Long> times, Consumer<SignalEvent> sink) {
        long[] events = new long[1];
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), new DecodeCounters(), e -> {
            events[0]++;
            sink.accept(e);
        }, null);
        return measure(() -> {
            for (int i = 0; i < frames.size(); i++) {
                byte[] f = frames.get(i);
                pipeline.frame("load", times.get(i), LinkType.ETHERNET, f, 0, f.length);
            }
        }, events);
    }

    static Measure fromFile(Path pcap, Consumer<SignalEvent> sink) {
        long[] events = new long[1];
        DecodeCounters counters = new DecodeCounters();
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), counters, e -> {
            events[0]++;
            sink.accept(e);
        }, null);
        Measure m = measure(() -> {
            try (PcapReader reader = PcapReader.open(pcap)) {
                CaptureRecord rec = new CaptureRecord();
                while (reader.next(rec)) {
                    pipeline.frame("load", rec.timestampNanos(), rec.linkType(), rec.data(), 0, rec.length());
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, events);
        if (counters.rejectedTotal() != 0) {
            throw new IllegalStateException("rejections in the load file: " + counters.snapshot(true));
        }
        return m;
    }

    static Measure measure(Runnable work, long[] events) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long alloc0 = mx.getThreadAllocatedBytes(thread);
        long cpu0 = mx.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        work.run();
        return new Measure(events[0], (System.nanoTime() - wall0) / 1e9, (mx.getCurrentThreadCpuTime() - cpu0) / 1e9,
                mx.getThreadAllocatedBytes(thread) - alloc0);
    }

    static void deleteRecursively(Path dir) throws IOException {
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
