package io.swapguard.sim.bench;

import io.swapguard.event.EventRecord;
import io.swapguard.sim.Simulator;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.wire.SigtranLink;
import io.swapguard.taps.ProbePipeline;
import io.swapguard.taps.ProbeSettings;
import io.swapguard.taps.bss.ProvisioningMerge;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated network's signalling as the detector reads it, in memory: the simulator's frames
 * decoded by the probe pipeline, BSS records merged in by time, numbered like journal records.
 * For benchmarks, where a journal on disk would measure the disk.
 */
public final class SimulatedJournal {

    private SimulatedJournal() {
    }

    /** The background traffic of {@code subscribers} over {@code span} (no attacks: they are rare). */
    public static List<EventRecord> records(int subscribers, Duration span, long seed) {
        List<EventRecord> out = new ArrayList<>();
        long[] index = {0x4e2000000000L};
        ProvisioningMerge merged = new ProvisioningMerge(e -> out.add(new EventRecord(index[0]++, e)));
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), new DecodeCounters(), merged, null);
        // Frames are kept, then decoded once every BSS record is known (ProvisioningMerge needs them first).
        List<long[]> times = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        SigtranLink link = new SigtranLink((ts, linkType, f) -> {
            times.add(new long[] {ts, linkType});
            frames.add(f.clone());
        }, SigtranLink.Options.ethernet().withBundle(2), SigtranLink.Endpoint.of("10.10.0.1", 2905, 1001),
                SigtranLink.Endpoint.of("10.10.0.2", 2905, 2002));
        Simulator.Settings settings = Simulator.Settings.of(subscribers, seed,
                Instant.parse("2026-11-01T00:00:00Z"), span, List.of());
        new Simulator(settings, link, merged::add, t -> { }).run(null);
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            pipeline.frame("bench", times.get(i)[0], (int) times.get(i)[1], f, 0, f.length);
        }
        merged.flush();
        return out;
    }
}
