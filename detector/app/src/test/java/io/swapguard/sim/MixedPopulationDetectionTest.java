package io.swapguard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.Detector;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.DiameterEvent;
import io.swapguard.event.EventRecord;
import io.swapguard.event.MapEvent;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
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
import org.junit.jupiter.api.Test;

/**
 * The rules on a population the size an operator's pilot has: 100,000 subscribers over a day,
 * half of them on LTE (S6a/S13/S6c/SGd, one attach in eight over 2G/3G MAP), the other half on
 * MAP over M3UA, M2UA and SUA links, with other networks' habits in the background (MAP v1 SMS,
 * roamers' own forwarding abroad) and every attack injected 20 times. Frames stream from the simulator through the probe
 * pipeline into the detector (a 1.6 GB capture on disk would measure the disk); the simulation is
 * played twice, the same bytes each time, so that every BSS record is known before the first
 * frame, as when the probe reads a CSV export beside a capture.
 */
class MixedPopulationDetectionTest {

    static final int SUBSCRIBERS = 100_000;
    static final int EACH_KIND = 20;

    @Test
    void precisionAndRecallAreOneForEveryRuleOnAMixed2g3g4gPopulation() {
        Simulator.Settings settings = settings();
        List<ProvisioningEvent> records = new ArrayList<>();
        play(settings, (ts, lt, f) -> { }, records::add, t -> { });

        DetectorConfig config = DetectorOnSimulationTest.config(2 * SUBSCRIBERS);
        List<AlertEvent> alerts = new ArrayList<>();
        List<Evaluation.Attack> attacks = new ArrayList<>();
        long[] counts = new long[3]; // events, of which MAP, of which Diameter
        long[] behaviours = new long[3]; // MAP v1 short messages, roamers' forwarding abroad, partner-node ULs
        DecodeCounters decode = new DecodeCounters();
        try (SubscriberStore store = SubscriberStore.inMemory(2 * SUBSCRIBERS)) {
            Detector detector = new Detector(config, store, io.swapguard.engine.TestSenders.shipped());
            long[] index = {1};
            ProvisioningMerge merge = new ProvisioningMerge(e -> {
                counts[0]++;
                counts[1] += e instanceof MapEvent ? 1 : 0;
                counts[2] += e instanceof DiameterEvent ? 1 : 0;
                if (e instanceof MapEvent m && m.component() == io.swapguard.event.ComponentType.INVOKE) {
                    behaviours[0] += m.opCode() == 46 && m.applicationContextVersion() == 1 ? 1 : 0;
                    behaviours[1] += m.opCode() == 10 && m.forwardedToNumber() != null
                            && !m.forwardedToNumber().startsWith("62") && !m.calling().gtDigits().endsWith("555") ? 1 : 0;
                    behaviours[2] += m.opCode() == 2 && m.calling().gtDigits().endsWith("900") ? 1 : 0;
                }
                alerts.addAll(detector.apply(new EventRecord(index[0]++, e)));
            });
            records.forEach(merge::add);
            ProbePipeline probe = new ProbePipeline(ProbeSettings.defaults(), decode, merge, null);
            play(settings, (ts, lt, f) -> probe.frame("sim", ts, lt, f, 0, f.length), r -> { },
                    t -> attacks.add(new Evaluation.Attack(t.kind(), t.msisdn(), t.timeNanos(), t.endNanos())));
            merge.flush();
        }

        assertThat(decode.snapshot(true)).as("rejections").isEmpty();
        assertThat(decode.decoded(Layer.DIAMETER)).isGreaterThan(1_000_000);
        // Other networks' habits, on in the background: links on M2UA and SUA beside M3UA, SMS over
        // MAP v1 (no dialogue portion), roamers forwarding to local numbers from their serving VLR,
        // and hijacks whose UpdateLocation comes from a partner's SMSC for its VLR.
        assertThat(decode.decoded(Layer.M2UA)).as("M2UA messages").isGreaterThan(100_000);
        assertThat(decode.decoded(Layer.SUA)).as("SUA messages").isGreaterThan(100_000);
        assertThat(behaviours[0]).as("MAP v1 forwardSM").isGreaterThan(10_000);
        assertThat(behaviours[1]).as("roamers' registerSS to a foreign number").isGreaterThan(20);
        assertThat(behaviours[2]).as("UpdateLocation from a partner's SMSC").isPositive();
        assertThat(counts[1]).as("MAP events").isGreaterThan(1_000_000);
        assertThat(counts[2]).as("Diameter events").isGreaterThan(1_000_000);
        assertThat(attacks).hasSize(FraudKind.values().length * EACH_KIND);

        Evaluation.Result result = Evaluation.score(attacks, alerts);
        assertThat(result.unexplained()).as("alerts on benign traffic").isEmpty();
        assertThat(result.missed()).as("attacks missed").isEmpty();
        assertThat(result.byRule().values()).allSatisfy(s -> {
            assertThat(s.attacks()).as(s.rule()).isPositive();
            assertThat(s.precision()).as("precision of " + s.rule()).isEqualTo(1.0);
            assertThat(s.recall()).as("recall of " + s.rule()).isEqualTo(1.0);
        });
    }

    private static Simulator.Settings settings() {
        Simulator.Settings base = Simulator.Settings.of(SUBSCRIBERS, 2026, Instant.parse("2026-11-29T00:00:00Z"),
                Duration.ofDays(1), List.of());
        SplittableRandom r = new SplittableRandom(99);
        long span = base.duration().minus(base.warmup()).toMillis();
        List<Simulator.Injection> frauds = new ArrayList<>();
        for (int k = 0; k < EACH_KIND; k++) {
            for (FraudKind kind : FraudKind.values()) {
                frauds.add(new Simulator.Injection(kind, base.warmup().plusMillis((long) (r.nextDouble() * span * 0.95)),
                        r.nextInt(SUBSCRIBERS)));
            }
        }
        return new Simulator.Settings(SUBSCRIBERS, base.seed(), base.start(), base.duration(), base.warmup(), base.home(),
                base.partners(), base.banks(), base.rates(), base.bankedShare(), frauds, 0.5);
    }

    private static void play(Simulator.Settings settings, io.swapguard.ss7.wire.FrameSink frames,
            Consumer<ProvisioningEvent> records, Consumer<Simulator.Truth> truth) {
        SigtranLink link = new SigtranLink(frames, SigtranLink.Options.ethernet().withBundle(2)
                .withSideLinks(io.swapguard.ss7.sctp.SctpDecoder.PPID_M2UA, io.swapguard.ss7.sctp.SctpDecoder.PPID_SUA),
                SigtranLink.Endpoint.of("10.10.0.1", 2905, 1001), SigtranLink.Endpoint.of("10.10.0.2", 2905, 2002));
        new Simulator(settings, link, records, truth).run(null);
    }
}
