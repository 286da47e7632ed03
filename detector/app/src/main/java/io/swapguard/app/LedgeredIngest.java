package io.swapguard.app;

import io.swapguard.config.ProbeConfig;
import io.swapguard.journal.Journal;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.taps.EventSink;
import io.swapguard.taps.IngestLedger;
import io.swapguard.taps.PcapIngest;
import io.swapguard.taps.ProbePipeline;
import io.swapguard.taps.Quarantine;
import io.swapguard.taps.ResumingSink;
import io.swapguard.taps.bss.ProvisioningMerge;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Capture and provisioning files ingested into a journal as one run recorded in its
 * {@link IngestLedger}: a file the journal already has is skipped (unless forced), a run cut
 * short is finished by running it again, and the captures are read as one, in capture-time order
 * ({@link PcapIngest#ingest(List, String)}), with the provisioning records merged in by time.
 * {@code probe --pcap} and the provisioning import of {@code run} both go through here.
 */
public final class LedgeredIngest {

    /**
     * What a run did: each capture read (in the order given; files skipped are absent), the
     * provisioning rows read, a message per file skipped, the events the journal already had
     * from an interrupted run of the same files, and whether the run finished (false when a file
     * could not be read to its end for an I/O error: the run stays open in the ledger).
     */
    public record Outcome(List<PcapIngest.Result> captures, long provisioningRows, List<String> skipped,
            long alreadyJournalled, boolean finished) {

        static Outcome nothing(List<String> skipped) {
            return new Outcome(List.of(), 0, skipped, 0, true);
        }
    }

    private LedgeredIngest() {
    }

    /**
     * Ingests {@code captures} and {@code provisioning} into {@code journal} through {@code sink}
     * (which appends to it). {@code say} hears what a person running it should know (files
     * skipped, a run resumed).
     */
    public static Outcome run(ProbeConfig config, Journal journal, EventSink sink, DecodeCounters counters,
            Quarantine quarantine, List<Path> captures, List<Path> provisioning, String tap, boolean force,
            Consumer<String> say) {
        return run(config, journal, sink, counters, quarantine, captures, provisioning, tap, force, null, say);
    }

    /**
     * As above; {@code trustedChannel} (the detector's trust rule for SIM replacements, or null)
     * makes {@code say} warn of the channels in the CSV files it trusts not, so an export's own
     * spelling of "store" does not turn every store replacement into a SIM swap alert unnoticed.
     */
    public static Outcome run(ProbeConfig config, Journal journal, EventSink sink, DecodeCounters counters,
            Quarantine quarantine, List<Path> captures, List<Path> provisioning, String tap, boolean force,
            java.util.function.Predicate<String> trustedChannel, Consumer<String> say) {
        journal.claimWriter(); // the ledger is the writer's to change
        IngestLedger ledger = IngestLedger.open(journal.directory());
        List<String> skipped = new ArrayList<>();
        List<Path> pcaps = new ArrayList<>();
        List<Path> csvs = new ArrayList<>();
        List<IngestLedger.FileId> ids = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        Set<IngestLedger.FileId> given = new HashSet<>();
        for (Path p : concat(captures, provisioning)) {
            IngestLedger.FileId id = IngestLedger.FileId.of(p);
            String why = null;
            if (!force && ledger.ingested(id).isPresent()) {
                IngestLedger.Ingested was = ledger.ingested(id).get();
                why = "skipping " + p + ": this journal already has it (ingested " + was.when()
                        + (was.path().equals(p.toString()) ? "" : " as " + was.path()) + ", " + was.frames()
                        + " records); --force to ingest it again";
            } else if (!given.add(id)) {
                why = "skipping " + p + ": the same content was given before in this command";
            }
            if (why != null) {
                skipped.add(why);
                say.accept(why);
                continue;
            }
            (captures.contains(p) ? pcaps : csvs).add(p);
            ids.add(id);
            paths.add(p.toString());
        }
        if (ids.isEmpty()) {
            return Outcome.nothing(skipped);
        }
        IngestLedger.Started started = ledger.begin(ids, paths, journal.lastIndex(), journal::recordsAfter, force);
        if (started.resumed()) {
            say.accept("resuming an unfinished run of these files: the journal has its first "
                    + started.alreadyJournalled() + " events, which are not appended again");
        }
        ResumingSink resuming = new ResumingSink(sink, started.alreadyJournalled());
        ProvisioningMerge merged = new ProvisioningMerge(resuming);
        ProbePipeline pipeline = ProbeInputs.pipeline(config, counters, merged, quarantine);
        List<Long> rowsPerFile = new ArrayList<>();
        java.util.Map<String, Long> untrusted = new java.util.TreeMap<>();
        for (Path csv : csvs) {
            rowsPerFile.add(ProbeInputs.importProvisioning(List.of(csv), config.provisioningLayout().layout(), e -> {
                merged.add(e);
                if (trustedChannel != null && e.kind() == io.swapguard.event.ProvisioningEvent.Kind.SIM_REPLACEMENT
                        && !trustedChannel.test(e.channel()) && (untrusted.size() < 32
                                || untrusted.containsKey(e.channel()))) {
                    untrusted.merge(e.channel(), 1L, Long::sum);
                }
            }, counters, w -> say.accept("warning: " + w)));
        }
        if (!untrusted.isEmpty()) {
            say.accept("warning: SIM replacements from channels that match no trusted channel"
                    + " (detector.rules.simSwap.trustedChannels), each an alert as a SIM swap: " + untrusted
                    + (untrusted.size() >= 32 ? " (the first 32 channels)" : ""));
        }
        long rows = rowsPerFile.stream().mapToLong(Long::longValue).sum();
        List<PcapIngest.Result> results = new PcapIngest(pipeline).ingest(pcaps, tap);
        merged.flush();
        if (resuming.seen() < started.alreadyJournalled()) {
            // Same files, fewer events: the decoding settings (tap name, limits) are not those of the first run.
            say.accept("warning: the journal has " + started.alreadyJournalled() + " events from the unfinished run"
                    + " but these files gave only " + resuming.seen() + " now: were probe settings changed?");
        }
        boolean finished = results.stream().noneMatch(PcapIngest.Result::retryable);
        if (finished) {
            List<Long> frames = new ArrayList<>(); // records read: frames of a capture, rows of a CSV
            results.forEach(r -> frames.add(r.frames()));
            frames.addAll(rowsPerFile);
            ledger.finish(started.run(), frames);
        } else {
            say.accept("the run stays unfinished in " + ledger.file() + ": run the same command again when the"
                    + " files can be read, and it continues where it stopped");
        }
        return new Outcome(results, rows, skipped, started.alreadyJournalled(), finished);
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
