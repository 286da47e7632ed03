package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_VLR;
import static io.swapguard.engine.Signals.SMSC;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.Signals;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.MapOperation;
import io.swapguard.event.ProvisioningEvent.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** simSwap on hand-made signalling: what fires, what must not, and the state it leaves. */
class SimSwapRuleTest extends RuleTest {
    @Test
    void theFirstSightingIsTheBaselineNotASwap() {
        atHome(0);
        assertThat(alerts).isEmpty();
        assertThat(state().imsi).isEqualTo(Long.parseLong(IMSI));
        assertThat(state().sims).isEmpty();
    }

    @Test
    void aNewImsiBehindTheNumberWithoutARecordIsASwap() {
        atHome(0);
        List<AlertEvent> raised = apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
        assertThat(rules(raised)).containsExactly("simSwap");
        AlertEvent a = raised.get(0);
        assertThat(a.severity()).isEqualTo(AlertEvent.Severity.HIGH);
        assertThat(a.msisdn().digits()).isEqualTo(MSISDN);
        assertThat(a.imsi().digits()).isEqualTo(NEW_IMSI);
        assertThat(a.evidence()).hasSize(2);
        assertThat(a.evidence().get(0).timeNanos()).isEqualTo(Signals.at(0.2));
        assertThat(a.title()).doesNotContain(MSISDN).doesNotContain(NEW_IMSI);
        SubscriberState s = state();
        assertThat(s.imsi).isEqualTo(Long.parseLong(NEW_IMSI));
        assertThat(s.latestSimChange().source()).isEqualTo(SubscriberState.SimSource.SIGNALLING);
        assertThat(s.riskKind).isEqualTo(SubscriberState.RiskKind.SIM_SWAP);
        assertThat(store.msisdnOf(Long.parseLong(NEW_IMSI))).isEqualTo(Long.parseLong(MSISDN));
    }

    @Test
    void aStoreReplacementRecordExplainsTheNewSim() {
        atHome(0);
        apply(sig.provisioning(59, Kind.SIM_REPLACEMENT, MSISDN, NEW_IMSI, IMSI, null, "store-117"),
                sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
        assertThat(alerts).isEmpty();
        assertThat(state().latestSimChange().trusted()).isTrue();
        assertThat(state().riskKind).isEqualTo(SubscriberState.RiskKind.PROVISIONED_SWAP);
    }

    @Test
    void aRecordFromAnUntrustedChannelIsItselfTheAlert() {
        atHome(0);
        List<AlertEvent> raised = apply(sig.provisioning(59, Kind.SIM_REPLACEMENT, MSISDN, NEW_IMSI, IMSI, null,
                "web-selfcare"));
        assertThat(rules(raised)).containsExactly("simSwap");
        assertThat(raised.get(0).title()).contains("web-selfcare");
        assertThat(apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR))).isEmpty();
    }

    @Test
    void aLateRecordSettlesTheHistoryAndLiftsTheRisk() {
        atHome(0);
        assertThat(rules(apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR)))).containsExactly("simSwap");
        apply(sig.provisioning(58, Kind.SIM_REPLACEMENT, MSISDN, NEW_IMSI, IMSI, null, "store-117"));
        assertThat(state().sims).hasSize(1);
        assertThat(state().latestSimChange().source()).isEqualTo(SubscriberState.SimSource.PROVISIONING);
        assertThat(state().riskKind).isEqualTo(SubscriberState.RiskKind.PROVISIONED_SWAP);
    }

    @Test
    void signallingOlderThanTheChangeAboutTheOldSimIsNotASwapBack() {
        atHome(0);
        apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
        assertThat(apply(sig.isd(30, MSISDN, IMSI, HOME_VLR))).isEmpty();
        assertThat(state().imsi).isEqualTo(Long.parseLong(NEW_IMSI));
    }

    @Test
    void secondaryImsiRangesAndPortingAreNotSwaps() {
        detector = detector(new DetectorConfig(null, null, null, null, null, null,
                new DetectorConfig.NetworkConfig(null, null, null, List.of("5101000", "5101090"), null, null), null,
                null, null, null));
        atHome(0);
        assertThat(apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR))).isEmpty();

        String other = "6281100000043";
        apply(sig.isd(0, other, "510100000000043", HOME_VLR),
                sig.provisioning(10, Kind.PORT_IN, other, null, null, null, "mnp"));
        assertThat(apply(sig.isd(20, other, "510990000000043", HOME_VLR))).isEmpty();
    }

    @Test
    void sendImsiAndSriForSmResultsAlsoRevealTheSim() {
        atHome(0);
        assertThat(rules(apply(sig.record(io.swapguard.event.MapEvent.builder().captureNanos(Signals.at(60)).tapId("t")
                .tcapType(io.swapguard.event.TcapMessageType.END).component(io.swapguard.event.ComponentType.RETURN_RESULT_LAST)
                .operation(MapOperation.SEND_ROUTING_INFO_FOR_SM).calling(Signals.gt(Signals.HLR, 6))
                .called(Signals.gt(SMSC, 8)).msisdn(io.swapguard.event.Msisdn.of(MSISDN))
                .imsi(io.swapguard.event.Imsi.of(NEW_IMSI)).mscNumber("6281100102").build()))))
                .containsExactly("simSwap");
    }
}
