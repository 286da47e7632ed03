package io.swapguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.state.SubscriberState;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.EventRecord;
import org.junit.jupiter.api.Test;

/** The replay guard: an event the subscriber's state already holds is not applied again. */
class ChangeTest {

    @Test
    void anEventAtOrBeforeTheLastAppliedIndexIsNotAppliedAgain() {
        try (SubscriberStore store = SubscriberStore.inMemory(10)) {
            SubscriberState s = new SubscriberState(6281100000042L);
            s.lastIndex = 1000;
            store.put(s);
            Signals sig = new Signals();
            EventRecord any = sig.sai(0, "510100000000042", Signals.HOME_VLR);
            for (long index : new long[] {999, 1000, 1001}) {
                Change c = new Change(store, 0, DetectorConfig.defaults().incidents(), DetectorConfig.defaults().rules(), new EventRecord(index, any.event()));
                assertThat(c.load(6281100000042L)).as("event %d after state at 1000", index).isEqualTo(index > 1000);
            }
            Change fresh = new Change(store, 0, DetectorConfig.defaults().incidents(), DetectorConfig.defaults().rules(), new EventRecord(5, any.event()));
            assertThat(fresh.load(6281100000043L)).as("a subscriber never seen starts here").isTrue();
            assertThat(fresh.state().firstSeen).isEqualTo(any.event().captureNanos());
        }
    }
}
