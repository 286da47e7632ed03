package io.swapguard.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.EventTime;
import io.swapguard.event.Msisdn;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the bank API reads of a subscriber: the facts, from the state the rules keep. */
class SubscriberQueriesTest {

    static final long T = EventTime.nanos(Instant.parse("2026-11-20T12:00:00Z"));
    static final long HOUR = 3_600_000_000_000L;

    @Test
    void factsFromTheState() {
        try (SubscriberStore store = SubscriberStore.inMemory(10)) {
            SubscriberState s = new SubscriberState(6281100000001L);
            s.firstSeen = T - 100 * HOUR;
            s.activation = T - 90 * HOUR;
            s.addSim(new SubscriberState.SimChange(T - 10 * HOUR, 1, 2, SubscriberState.SimSource.SIGNALLING, false, "", 1));
            s.addSim(new SubscriberState.SimChange(T - 5 * HOUR, 2, 3, SubscriberState.SimSource.PROVISIONING, true, "retail", 2));
            s.imei = 35000000000011L;
            s.imeiSince = T - 2 * HOUR;
            s.addDevice(new SubscriberState.DeviceChange(T - 2 * HOUR, 35000000000010L, 35000000000011L, false, 3));
            s.cfActive = SubscriberState.CF_BUSY | SubscriberState.CF_NOT_REACHABLE;
            s.cfRisky = true;
            s.cfTime = T - 3 * HOUR;
            s.riskKind = SubscriberState.RiskKind.CALL_FORWARDING;
            s.riskTime = T - HOUR;
            store.put(s);
            SubscriberFacts f = new SubscriberQueries(store).facts(Msisdn.of("6281100000001")).orElseThrow();
            assertThat(f.latestSimChange()).hasValue(EventTime.instant(T - 5 * HOUR));
            assertThat(f.activation()).hasValue(EventTime.instant(T - 90 * HOUR));
            assertThat(f.latestDeviceChange()).hasValue(EventTime.instant(T - 2 * HOUR));
            assertThat(f.deviceSince()).hasValue(EventTime.instant(T - 2 * HOUR));
            assertThat(f.deviceKnown()).isTrue();
            assertThat(f.forwarding(SubscriberState.CF_BUSY)).isTrue();
            assertThat(f.forwarding(SubscriberState.CF_UNCONDITIONAL)).isFalse();
            assertThat(f.forwardingTakeover()).as("the risk's time when the forwarding is the risk")
                    .hasValue(EventTime.instant(T - HOUR));
        }
    }

    @Test
    void whatIsNotKnownIsEmpty() {
        try (SubscriberStore store = SubscriberStore.inMemory(10)) {
            SubscriberQueries q = new SubscriberQueries(store);
            assertThat(q.facts(Msisdn.of("6281100000009"))).isEmpty();
            SubscriberState s = new SubscriberState(6281100000002L);
            s.firstSeen = T;
            s.cfActive = SubscriberState.CF_UNCONDITIONAL; // forwarding set from home: no takeover
            store.put(s);
            SubscriberFacts f = q.facts(Msisdn.of("6281100000002")).orElseThrow();
            assertThat(f.latestSimChange()).isEmpty();
            assertThat(f.activation()).isEmpty();
            assertThat(f.latestDeviceChange()).isEmpty();
            assertThat(f.deviceSince()).isEmpty();
            assertThat(f.deviceKnown()).isFalse();
            assertThat(f.forwarding(SubscriberState.CF_UNCONDITIONAL)).isTrue();
            assertThat(f.forwardingTakeover()).isEmpty();
            // a risky forwarding with no risk recorded: the forwarding's own time
            s.cfRisky = true;
            s.cfTime = T + HOUR;
            store.put(s);
            assertThat(q.facts(Msisdn.of("6281100000002")).orElseThrow().forwardingTakeover())
                    .hasValue(EventTime.instant(T + HOUR));
            // a handset seen once, never changed: known since the number was first seen with it
            s.imei = 35000000000020L;
            store.put(s);
            assertThat(q.facts(Msisdn.of("6281100000002")).orElseThrow().deviceSince()).hasValue(EventTime.instant(T));
        }
    }
}
