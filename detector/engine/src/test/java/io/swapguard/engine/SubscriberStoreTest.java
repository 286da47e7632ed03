package io.swapguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.engine.state.SubscriberState;
import io.swapguard.engine.state.SubscriberStore;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriberStoreTest {

    /** A state with every field set to something other than its default. */
    static SubscriberState full() {
        SubscriberState s = new SubscriberState(6281100000042L);
        s.lastIndex = 0x4e2000000123L;
        s.firstSeen = 1;
        s.activation = 2;
        s.portedAt = 3;
        s.imsi = 510109000000042L;
        s.imsiSince = 4;
        for (int i = 0; i < SubscriberState.MAX_HISTORY + 2; i++) {
            s.addSim(new SubscriberState.SimChange(10 + i, 510100000000042L + i, 510109000000042L + i,
                    i % 2 == 0 ? SubscriberState.SimSource.SIGNALLING : SubscriberState.SimSource.PROVISIONING,
                    i % 2 == 1, i % 2 == 0 ? "" : "store-1" + i + "-Jakarta Selatan ✓", 100 + i));
            s.addDevice(new SubscriberState.DeviceChange(20 + i, 35332509123456L + i, 86753109654321L + i, i % 3 == 0,
                    200 + i));
        }
        s.imei = 86753109654321L;
        s.imeiSince = 5;
        s.registeredImei = 35332509000001L;
        s.registeredAt = 6;
        s.vlr = 6281100101L;
        s.msc = 6281100102L;
        s.sgsn = 6281100150L;
        s.abroad = true;
        s.locationTime = 7;
        s.lastHomePresence = 8;
        s.lastSaiTime = 9;
        s.lastSaiGt = 447700900100L;
        s.lastAirTime = 10;
        s.lastAirPlmn = 23415;
        s.cfSsCode = 0x21;
        s.cfTo = 447700123456L;
        s.cfTime = 11;
        s.cfFromGt = 447700900666L;
        s.cfRisky = true;
        s.cfActive = SubscriberState.CF_UNCONDITIONAL | SubscriberState.CF_NOT_REACHABLE;
        s.lastOtpTime = 12;
        s.lastOtpSender = "BCA";
        s.riskKind = SubscriberState.RiskKind.CALL_FORWARDING;
        s.riskTime = 13;
        s.riskIndex = 14;
        Arrays.fill(s.lastAlert, 15);
        int cf = io.swapguard.engine.rules.RuleId.CALL_FORWARDING.ordinal();
        s.incidentCount[cf] = 7;
        s.incidentLast[cf] = 16;
        s.incidentIndex[cf] = 0x4e2000000011L;
        s.incidentOrdinal[cf] = 1;
        s.incidentSeverity[cf] = 2;
        return s;
    }

    @Test
    void everyFieldSurvivesTheBinaryFormAndHistoriesStayBounded() {
        SubscriberState s = full();
        assertThat(s.sims).hasSize(SubscriberState.MAX_HISTORY);
        assertThat(s.sims.get(0).timeNanos()).isEqualTo(12); // the two oldest went
        SubscriberState back = SubscriberState.decode(s.encode());
        assertThat(back).usingRecursiveComparison().isEqualTo(s);
        assertThat(s.encode().length).as("bytes of a subscriber with full histories").isLessThan(700);
        assertThat(new SubscriberState(6281100000042L).encode().length).as("bytes of a fresh subscriber")
                .isLessThanOrEqualTo(52);
    }

    @Test
    void timesBeforeFirstSeenSurviveTheBinaryForm() {
        // An activation record older than the first signal (the BSS knew the number before the
        // probe saw it): a negative distance from firstSeen, which the zig-zag form must keep.
        SubscriberState s = new SubscriberState(6281100000042L);
        s.firstSeen = 1_790_000_000_000_000_000L;
        s.activation = s.firstSeen - 86_400_000_000_000L * 400;
        s.portedAt = s.firstSeen - 1;
        s.locationTime = s.firstSeen + 5;
        SubscriberState back = SubscriberState.decode(s.encode());
        assertThat(back.activation).isEqualTo(s.activation);
        assertThat(back.portedAt).isEqualTo(s.firstSeen - 1);
        assertThat(back.locationTime).isEqualTo(s.firstSeen + 5);
    }

    @Test
    void theFormatsBeforeTheIncidentsTheAuthenticationsOriginAndTheForwardingsInEffectAreStillRead() {
        SubscriberState s = full();
        s.incidentCount[io.swapguard.engine.rules.RuleId.CALL_FORWARDING.ordinal()] = 0; // format 6: one byte when none
        s.incidentLast[io.swapguard.engine.rules.RuleId.CALL_FORWARDING.ordinal()] = 0;
        s.incidentIndex[io.swapguard.engine.rules.RuleId.CALL_FORWARDING.ordinal()] = 0;
        s.incidentOrdinal[io.swapguard.engine.rules.RuleId.CALL_FORWARDING.ordinal()] = 0;
        s.incidentSeverity[io.swapguard.engine.rules.RuleId.CALL_FORWARDING.ordinal()] = 0;
        byte[] v6 = s.encode();
        byte[] v5 = Arrays.copyOf(v6, v6.length - 1);
        v5[0] = 5;
        assertThat(SubscriberState.decode(v5)).usingRecursiveComparison().isEqualTo(s);
        s.lastSaiGt = 0; // format 5 appended these three, each one byte when absent
        s.lastAirTime = 0;
        s.lastAirPlmn = 0;
        v5 = Arrays.copyOf(s.encode(), v6.length - 1);
        v5[0] = 5;
        byte[] v4 = Arrays.copyOf(v5, v5.length - 3);
        v4[0] = 4;
        assertThat(SubscriberState.decode(v4)).usingRecursiveComparison().isEqualTo(s);
        byte[] v3 = Arrays.copyOf(v4, v4.length - 1); // format 4 appended the forwardings as one varint
        v3[0] = 3;
        SubscriberState back = SubscriberState.decode(v3);
        assertThat(back.cfActive).isZero();
        back.cfActive = s.cfActive;
        assertThat(back).usingRecursiveComparison().isEqualTo(s);
    }

    @Test
    void damagedBytesAreAClearErrorNotAnotherSubscriber() {
        byte[] bytes = full().encode();
        assertThatThrownBy(() -> SubscriberState.decode(Arrays.copyOf(bytes, 40)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("truncated");
        byte[] future = bytes.clone();
        future[0] = 9;
        assertThatThrownBy(() -> SubscriberState.decode(future)).hasMessageContaining("format 9");
        byte[] history = new SubscriberState(1).encode();
        history[8] = 100; // the SIM history count, after format and seven one-byte fields
        assertThatThrownBy(() -> SubscriberState.decode(history)).hasMessageContaining("history of 100");
    }

    @Test
    void aPersistedStoreKeepsStateIndexAndCheckpointAcrossReopen(@TempDir Path dir) {
        try (SubscriberStore store = SubscriberStore.open(dir, 1000)) {
            assertThat(store.checkpoint()).isEqualTo(-1);
            store.put(full());
            store.index(510109000000042L, 6281100000042L);
            store.checkpoint(0x4e2000000123L);
        }
        try (SubscriberStore store = SubscriberStore.open(dir, 1000)) {
            assertThat(store.get(6281100000042L)).usingRecursiveComparison().isEqualTo(full());
            assertThat(store.msisdnOf(510109000000042L)).isEqualTo(6281100000042L);
            assertThat(store.msisdnOf(1L)).isZero();
            assertThat(store.checkpoint()).isEqualTo(0x4e2000000123L);
            assertThat(store.subscribers()).isEqualTo(1);
            assertThat(store.get(6281100000043L)).isNull();
        }
    }

    @Test
    void aListenerHearsEveryWriteAndNoRestore() {
        try (io.swapguard.engine.state.SubscriberStore store = io.swapguard.engine.state.SubscriberStore.inMemory(16)) {
            java.util.List<String> heard = new java.util.ArrayList<>();
            store.writes(new io.swapguard.engine.state.SubscriberStore.Writes() {
                @Override
                public void state(long msisdn, byte[] bytes) {
                    heard.add("state " + msisdn + " " + io.swapguard.engine.state.SubscriberState.decode(bytes).imsi);
                }

                @Override
                public void imsiIndexed(long imsi, long msisdn) {
                    heard.add("imsi " + imsi + " " + msisdn);
                }
            });
            io.swapguard.engine.state.SubscriberState s = new io.swapguard.engine.state.SubscriberState(6281100000042L);
            s.imsi = 510100000000042L;
            store.put(s);
            store.index(510100000000042L, 6281100000042L);
            store.restore(6281100000043L, s.encode());
            store.restoreIndex(510100000000043L, 6281100000043L);
            assertThat(heard).containsExactly("state 6281100000042 510100000000042", "imsi 510100000000042 6281100000042");
            assertThat(store.msisdnOf(510100000000043L)).as("restored index").isEqualTo(6281100000043L);
            assertThat(store.get(6281100000043L).imsi).as("restored state").isEqualTo(510100000000042L);
            store.writes(null);
            store.put(s);
            assertThat(heard).hasSize(2);
        }
    }
}
