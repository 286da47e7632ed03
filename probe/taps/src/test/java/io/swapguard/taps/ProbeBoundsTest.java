package io.swapguard.taps;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.SccpAddress;
import io.swapguard.event.SignalEvent;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.map.MapEncoder;
import io.swapguard.ss7.tcap.TcapEncoder;
import io.swapguard.ss7.wire.MapConversations;
import io.swapguard.ss7.wire.SigtranLink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The probe's state stays within its limits whatever the wire sends. */
class ProbeBoundsTest {

    private static byte[] beginOnly(long tid) {
        return TcapEncoder.begin(tid, TcapEncoder.Dialogue.aarq(20, 3), List.of(TcapEncoder.Component.invoke(1, 45,
                MapEncoder.sendRoutingInfoForSm("6281234567890", "6281100900"))));
    }

    @Test
    void unansweredDialoguesAreBoundedAndExpire() {
        ProbeSettings small = new ProbeSettings(false, 16, 1_000, Duration.ofSeconds(30), 16);
        DecodeCounters counters = new DecodeCounters();
        List<SignalEvent> events = new ArrayList<>();
        ProbePipeline p = new ProbePipeline(small, counters, events::add, null);
        SigtranLink link = SigtranLink.between((ts, lt, f) -> p.frame("t", ts, lt, f, 0, f.length),
                SigtranLink.Options.ethernet(), 1, 2);
        SccpAddress from = MapConversations.gt("447700900999", 8);
        SccpAddress to = MapConversations.gt("6281100001", 6);
        long t = 1_000_000_000L;
        // 50,000 Begins that are never answered: a flood of SRI-SM probing, 1 ms apart.
        for (int i = 0; i < 50_000; i++) {
            link.send(t, true, to, from, beginOnly(i), 0);
            t += 1_000_000;
        }
        link.flush();
        assertThat(events).hasSize(50_000);
        assertThat(p.dialogues().size()).isLessThanOrEqualTo(2 * 1_000);
        // 30 s of capture time later, everything older has expired.
        link.send(t + 31_000_000_000L, true, to, from, beginOnly(99_999_999), 0);
        link.flush();
        assertThat(p.dialogues().size()).isEqualTo(1);
        assertThat(p.dialogues().expiredCount() + p.dialogues().evictedCount()).isGreaterThanOrEqualTo(49_000);
    }

    @Test
    void sctpFlowsAreBounded() {
        ProbeSettings small = new ProbeSettings(false, 8, 1_000, Duration.ofSeconds(30), 16);
        ProbePipeline p = new ProbePipeline(small, new DecodeCounters(), e -> { }, null);
        for (int port = 1; port <= 1_000; port++) {
            SigtranLink link = new SigtranLink((ts, lt, f) -> p.frame("t", ts, lt, f, 0, f.length),
                    SigtranLink.Options.ethernet(), SigtranLink.Endpoint.of("10.0.0.1", port, 1),
                    SigtranLink.Endpoint.of("10.0.0.2", 2905, 2));
            link.send(port, true, MapConversations.gt("6281100001", 6), MapConversations.gt("6281100101", 7),
                    beginOnly(port), 0);
            link.flush();
        }
        assertThat(p.counters().decoded(Layer.TCAP)).isEqualTo(1_000);
        assertThat(p.trackedSctpFlows()).isLessThanOrEqualTo(8);
    }

    @Test
    void randomBytesInEveryLayerNeverEscapeThePipeline() {
        List<byte[]> frames = new ArrayList<>();
        SigtranLink link = SigtranLink.between((ts, lt, f) -> frames.add(f),
                SigtranLink.Options.ethernet().withBundle(3), 1, 2);
        io.swapguard.testkit.SampleTraffic.play(link, 1_780_000_000_000_000_000L, 9, 3, 0);
        Random random = new Random(1234);
        DecodeCounters counters = new DecodeCounters();
        ProbePipeline p = new ProbePipeline(ProbeSettings.defaults(), counters, e -> { }, null);
        for (int round = 0; round < 200; round++) {
            for (byte[] good : frames) {
                byte[] bad = good.clone();
                int flips = 1 + random.nextInt(6);
                for (int i = 0; i < flips; i++) {
                    bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
                }
                int length = random.nextInt(8) == 0 ? random.nextInt(bad.length + 1) : bad.length;
                p.frame("t", round, io.swapguard.ss7.pcap.LinkType.ETHERNET, bad, 0, length);
            }
        }
        // Everything was accounted for as decoded, rejected or ignored; nothing escaped.
        assertThat(counters.rejectedTotal()).isPositive();
        assertThat(counters.decoded(Layer.MAP)).isPositive();
    }
}
