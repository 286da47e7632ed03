package io.swapguard.taps.bss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.event.ComponentType;
import io.swapguard.event.MapEvent;
import io.swapguard.event.Msisdn;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.event.SignalEvent;
import io.swapguard.event.TcapMessageType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvisioningMergeTest {

    private final List<SignalEvent> out = new ArrayList<>();
    private final ProvisioningMerge merge = new ProvisioningMerge(out::add);

    private static ProvisioningEvent record(long t, String ref) {
        return new ProvisioningEvent(t, "bss-csv", ProvisioningEvent.Kind.SIM_REPLACEMENT, Msisdn.of("628111"), null,
                null, null, "store-1", ref);
    }

    private static MapEvent signal(long t) {
        return MapEvent.builder().captureNanos(t).tapId("t").tcapType(TcapMessageType.BEGIN)
                .component(ComponentType.INVOKE).build();
    }

    @Test
    void recordsJoinTheSignallingInTimeOrderWhateverTheFileOrder() {
        merge.add(record(50, "late"));
        merge.add(record(10, "early"));
        merge.add(record(10, "early-second"));
        merge.add(record(500, "after-capture"));
        merge.accept(signal(5));
        merge.accept(signal(20));
        merge.accept(signal(50));
        assertThat(merge.pending()).isEqualTo(1);
        merge.flush();
        assertThat(out).extracting(e -> e instanceof ProvisioningEvent p ? p.reference() : "map@" + e.captureNanos())
                .containsExactly("map@5", "early", "early-second", "map@20", "late", "map@50", "after-capture");
        assertThat(merge.pending()).isZero();
    }

    @Test
    void recordsAddedAfterSignallingStartedAreRefused() {
        merge.accept(signal(1));
        assertThatThrownBy(() -> merge.add(record(0, "x"))).isInstanceOf(IllegalStateException.class);
    }
}
