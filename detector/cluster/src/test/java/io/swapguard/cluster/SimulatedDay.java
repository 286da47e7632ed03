package io.swapguard.cluster;

import io.swapguard.event.EventWriter;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.sim.FraudKind;
import io.swapguard.sim.Simulator;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.wire.FrameSink;
import io.swapguard.ss7.wire.SigtranLink;
import io.swapguard.taps.ProbePipeline;
import io.swapguard.taps.ProbeSettings;
import io.swapguard.taps.bss.ProvisioningMerge;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A simulated day (half the population on LTE, two attacks of every kind) through the probe
 * pipeline into a journal, as the probe would write it: the BSS records first known, then the
 * signalling decoded from the simulator's frames.
 */
public final class SimulatedDay {

    private SimulatedDay() {
    }

    public static void write(int subscribers, EventWriter journal) {
        List<ProvisioningEvent> records = new ArrayList<>();
        play(subscribers, records::add, null);
        ProvisioningMerge merge = new ProvisioningMerge(journal::append);
        records.forEach(merge::add);
        ProbePipeline probe = new ProbePipeline(ProbeSettings.defaults(), new DecodeCounters(), merge, null);
        play(subscribers, r -> { }, (ts, lt, f) -> probe.frame("sim", ts, lt, f, 0, f.length));
        merge.flush();
    }

    private static void play(int subscribers, Consumer<ProvisioningEvent> records, FrameSink frames) {
        Simulator.Settings base = Simulator.Settings.of(subscribers, 2027, Instant.parse("2026-11-29T00:00:00Z"),
                Duration.ofDays(1), List.of());
        SplittableRandom r = new SplittableRandom(17);
        long span = base.duration().minus(base.warmup()).toMillis();
        List<Simulator.Injection> frauds = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            for (FraudKind kind : FraudKind.values()) {
                frauds.add(new Simulator.Injection(kind, base.warmup().plusMillis((long) (r.nextDouble() * span * 0.95)),
                        r.nextInt(subscribers)));
            }
        }
        Simulator.Settings settings = new Simulator.Settings(subscribers, base.seed(), base.start(), base.duration(),
                base.warmup(), base.home(), base.partners(), base.banks(), base.rates(), base.bankedShare(), frauds, 0.5);
        SigtranLink link = new SigtranLink(frames == null ? (ts, lt, f) -> { } : frames, SigtranLink.Options.ethernet(),
                SigtranLink.Endpoint.of("10.10.0.1", 2905, 1001), SigtranLink.Endpoint.of("10.10.0.2", 2905, 2002));
        new Simulator(settings, link, records, t -> { }).run(null);
    }
}
