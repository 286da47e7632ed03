package io.swapguard.taps;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swapguard.event.ComponentType;
import io.swapguard.event.MapEvent;
import io.swapguard.event.MapOperation;
import io.swapguard.event.SignalEvent;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.wire.SigtranLink;
import io.swapguard.testkit.SampleTraffic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tap's meters read what its pipeline counted, by the labels the dashboards and alerts use. */
class ProbeMetricsTest {

    @Test
    void countsFramesBytesMapMessagesAndRejectionsOfOneTap() {
        List<SignalEvent> events = new ArrayList<>();
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), new DecodeCounters(), events::add, null);
        MeterRegistry registry = new SimpleMeterRegistry();
        ProbeMetrics metrics = new ProbeMetrics("stp-a", pipeline);
        metrics.bindTo(registry);
        long[] frames = {0, 0};
        SigtranLink link = SigtranLink.between((ts, lt, f) -> {
            frames[0]++;
            frames[1] += f.length;
            pipeline.frame("stp-a", ts, lt, f, 0, f.length);
        }, SigtranLink.Options.ethernet(), 1, 2);
        SampleTraffic.play(link, 1_700_000_000_000_000_000L, 7, 3, 0);
        link.flush();
        byte[] runt = {1, 2, 3};
        pipeline.frame("stp-a", 1, 1, runt, 0, runt.length); // an Ethernet frame cut short
        metrics.refresh();

        assertThat(count(registry, "swapguard.probe.frames")).isEqualTo(frames[0] + 1);
        assertThat(count(registry, "swapguard.probe.received")).isEqualTo(frames[1] + 3);
        long updateLocationInvokes = events.stream().map(MapEvent.class::cast)
                .filter(e -> e.operation() == MapOperation.UPDATE_LOCATION && e.component() == ComponentType.INVOKE)
                .count();
        assertThat(updateLocationInvokes).isPositive();
        assertThat(registry.get("swapguard.probe.map.messages").tags("tap", "stp-a", "operation", "updateLocation",
                "component", "invoke", "fs11", "3").functionCounter().count()).isEqualTo(updateLocationInvokes);
        long category1 = events.stream().map(MapEvent.class::cast)
                .filter(e -> e.operation().fs11Category() == io.swapguard.event.Fs11Category.CATEGORY_1).count();
        assertThat(category1).as("the sample traffic has category 1 operations (ATI, SendIMSI, SRI)").isPositive();
        assertThat(registry.get("swapguard.probe.map.messages").tags("fs11", "1").functionCounters().stream()
                .mapToDouble(FunctionCounter::count).sum()).isEqualTo(category1);
        double allMap = registry.get("swapguard.probe.map.messages").functionCounters().stream()
                .mapToDouble(FunctionCounter::count).sum();
        assertThat(allMap).as("every event is one MAP message").isEqualTo(events.size());
        assertThat(registry.get("swapguard.probe.rejected").tags("tap", "stp-a", "layer", "link", "reason", "truncated")
                .functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("swapguard.probe.decoded").tags("tap", "stp-a", "layer", "map").functionCounter().count())
                .isPositive();
        assertThat(registry.get("swapguard.probe.dialogues.open").tag("tap", "stp-a").gauge().value()).isZero();
    }

    @Test
    void aReasonFirstSeenAfterBindingAppearsOnRefresh() {
        DecodeCounters counters = new DecodeCounters();
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), counters, e -> { }, null);
        MeterRegistry registry = new SimpleMeterRegistry();
        ProbeMetrics metrics = new ProbeMetrics("stp-b", pipeline);
        metrics.bindTo(registry);
        assertThat(registry.find("swapguard.probe.rejected").functionCounters()).isEmpty();
        byte[] runt = {1, 2, 3};
        pipeline.frame("stp-b", 1, 1, runt, 0, runt.length);
        pipeline.frame("stp-b", 2, 1, runt, 0, runt.length);
        metrics.refresh();
        metrics.refresh(); // idempotent: one meter, not two
        assertThat(registry.find("swapguard.probe.rejected").functionCounters()).hasSize(1);
        assertThat(registry.get("swapguard.probe.rejected").functionCounter().count()).isEqualTo(2);
    }

    private static double count(MeterRegistry registry, String name) {
        return registry.get(name).tag("tap", "stp-a").functionCounter().count();
    }
}
