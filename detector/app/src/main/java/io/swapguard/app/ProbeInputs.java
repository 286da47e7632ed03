package io.swapguard.app;

import io.swapguard.config.ProbeConfig;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import io.swapguard.taps.EventSink;
import io.swapguard.taps.HepServer;
import io.swapguard.taps.PcapIngest;
import io.swapguard.taps.PcapRingFollower;
import io.swapguard.taps.ProbePipeline;
import io.swapguard.taps.Quarantine;
import io.swapguard.taps.ResumingSink;
import io.swapguard.journal.Journal;
import io.swapguard.taps.bss.ProvisioningCsv;
import io.swapguard.taps.bss.ProvisioningMerge;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The probe's parts as every command builds them from {@code probe:}: decoding pipelines, the
 * capture ring follower and its progress file, the HEP listener, the quarantine and the BSS
 * provisioning import. {@code run} (through {@link ProbeService}) and {@code probe} both use these,
 * so a setting means the same in each.
 */
public final class ProbeInputs {

    /** A provisioning CSV row that could not be read (counted; the row is named in a warning). */
    public static final Rejection BAD_PROVISIONING_RECORD = Rejection.of(Layer.PCAP, "bad-provisioning-record");

    private ProbeInputs() {
    }

    /** A decoding pipeline for one input thread (decoding state is per input). */
    public static ProbePipeline pipeline(ProbeConfig config, DecodeCounters counters, EventSink sink,
            Quarantine quarantine) {
        return new ProbePipeline(config.toSettings(), counters, sink, quarantine);
    }

    /** The quarantine {@code file} (or the configured one when null), or null when it is off. */
    public static Quarantine quarantine(ProbeConfig config, Path file) {
        Path f = file != null ? file : config.quarantine().enabled() ? Path.of(config.quarantine().file()) : null;
        return f == null ? null : new Quarantine(f, config.quarantine().maxBytes());
    }

    /**
     * Where a capture ring's progress is kept: {@code configured} when given, else inside the
     * journal it feeds, {@code JOURNAL/probe-state/RING-HASH.done}, keyed by the ring's full path:
     * a fresh journal ingests the whole ring, and another ring with the same folder name is
     * another ring. (Before, it was {@code probe-state/RING.done} beside the journal, shared by
     * every journal in that folder; a file found there is moved in once, with a warning.)
     */
    public static Path ringState(Path journalDirectory, Path ringDirectory, String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path ring = ringDirectory.toAbsolutePath().normalize();
        String key = ring.getFileName() + "-" + java.util.HexFormat.of().formatHex(sha256(ring.toString()), 0, 6);
        Path state = journalDirectory.toAbsolutePath().resolve("probe-state").resolve(key + ".done");
        Path old = journalDirectory.toAbsolutePath().resolveSibling("probe-state")
                .resolve(ringDirectory.getFileName() + ".done");
        if (!Files.exists(state) && Files.exists(old)) {
            try {
                Files.createDirectories(state.getParent());
                Files.move(old, state);
                org.slf4j.LoggerFactory.getLogger(ProbeInputs.class).warn(
                        "capture ring progress moved from {} into the journal: {}", old, state);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move ring progress " + old + " to " + state, e);
            }
        }
        return state;
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }

    /**
     * A follower of the capture ring {@code dir}, ingesting closed files through {@code ingest},
     * whose pipeline decodes into {@code resume}, which appends to {@code journal}.
     */
    public static PcapRingFollower ring(Path dir, String pattern, Path state, PcapIngest ingest, ResumingSink resume,
            Journal journal, String tap, Duration settle, Clock clock) {
        return new PcapRingFollower(dir, pattern, state, ingest, resume, PcapRingFollower.Journalled.of(journal), tap,
                settle, clock);
    }

    /** A HEPv3 listener with its own pipeline (HEP is decoded on Netty's thread), as {@code options} say. */
    public static HepServer hep(ProbeConfig config, String bind, int port, HepServer.Options options,
            DecodeCounters counters, EventSink sink, Quarantine quarantine) {
        return HepServer.start(new InetSocketAddress(bind, port), pipeline(config, counters, sink, quarantine),
                quarantine, options);
    }

    /**
     * Reads BSS provisioning CSV files into {@code merged} (which journals them in time order with
     * the capture, see {@link ProvisioningMerge}); a bad row is counted and reported to {@code warn}.
     * Returns the rows read.
     */
    public static long importProvisioning(List<Path> files, io.swapguard.taps.bss.ProvisioningCsvLayout layout,
            Consumer<io.swapguard.event.ProvisioningEvent> merged, DecodeCounters counters, Consumer<String> warn) {
        long rows = 0;
        for (Path p : files) {
            try (BufferedReader in = Files.newBufferedReader(p)) {
                rows += ProvisioningCsv.read(in, p.toString(), "bss-csv", layout, merged, bad -> {
                    counters.count(BAD_PROVISIONING_RECORD);
                    warn.accept(bad.getMessage());
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read provisioning file " + p + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }
}
