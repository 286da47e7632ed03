package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_VLR;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.engine.state.SubscriberState.RiskKind;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.ProvisioningEvent.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** simSwap at its edges: the port window's last instant, multi-IMSI ranges, the same instant, a switched-off rule. */
class SimSwapEdgesTest extends RuleTest {

    private static final double WEEK = 7 * 24 * 60;

    private static DetectorConfig withNetwork(DetectorConfig.NetworkConfig network, DetectorConfig.SimSwapRule rule) {
        return new DetectorConfig(null, null, null, null, null, null, network, null, null,
                new DetectorConfig.RulesConfig(rule, null, null, null, null, null, null, null), null);
    }

    @Test
    void aPortRecordExplainsAnImsiChangeUpToTheLastInstantOfItsWindow() {
        String other = "6281100000043";
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR), sig.isd(0, other, "510100000000043", HOME_VLR),
                sig.provisioning(10, Kind.PORT_IN, MSISDN, null, null, null, "mnp"),
                sig.provisioning(10, Kind.PORT_IN, other, null, null, null, "mnp"));
        assertThat(apply(sig.isd(10 + WEEK, MSISDN, NEW_IMSI, HOME_VLR))).as("exactly 7 days after").isEmpty();
        assertThat(state().imsi).isEqualTo(Long.parseLong(NEW_IMSI));
        assertThat(state().sims).hasSize(1);
        assertThat(rules(apply(sig.isd(10 + WEEK + 1, other, "510109000000043", HOME_VLR))))
                .as("a minute later: not explained").containsExactly("simSwap");
    }

    @Test
    void aForeignImsiAfterAPortIsTheOtherNetworksSimNotASwap() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR),
                sig.provisioning(10, Kind.PORT_OUT, MSISDN, null, null, null, "mnp"));
        assertThat(apply(sig.isd(30 * 24 * 60, MSISDN, "510990000000042", HOME_VLR))).isEmpty();
        assertThat(rules(apply(sig.isd(0, "6281100000043", "510100000000043", HOME_VLR),
                sig.isd(60, "6281100000043", "510990000000043", HOME_VLR)))).as("without a port it is")
                .containsExactly("simSwap");
    }

    @Test
    void aMultiImsiSimMovesBetweenItsRangesButLeavingThemIsASwap() {
        detector = detector(withNetwork(new DetectorConfig.NetworkConfig(null, null, null,
                List.of("5101000", "5101090"), null, null), null));
        atHome(0);
        assertThat(apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR))).isEmpty();
        assertThat(state().riskKind).isEqualTo(RiskKind.NONE);
        assertThat(rules(apply(sig.isd(120, MSISDN, "510105000000042", HOME_VLR))))
                .as("into a range that is not a multi-IMSI one").containsExactly("simSwap");
        String other = "6281100000043";
        assertThat(rules(apply(sig.isd(0, other, "510105000000043", HOME_VLR),
                sig.isd(60, other, "510100000000043", HOME_VLR)))).as("from one that is not")
                .containsExactly("simSwap");
    }

    @Test
    void signallingAtTheSameInstantAsTheChangeIsNotLate() {
        atHome(0);
        apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
        List<AlertEvent> back = apply(sig.isd(60, MSISDN, IMSI, HOME_VLR));
        assertThat(rules(back)).as("the same instant: a change back, not history").isEmpty();
        assertThat(state().imsi).as("applied").isEqualTo(Long.parseLong(IMSI));
        assertThat(state().sims).hasSize(2);
    }

    @Test
    void aSwitchedOffRuleRaisesNothingButStillKeepsTheHistoryAndTheRisk() {
        detector = detector(withNetwork(null, new DetectorConfig.SimSwapRule(false, null, null, null)));
        atHome(0);
        assertThat(apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR),
                sig.provisioning(90, Kind.SIM_REPLACEMENT, MSISDN, IMSI, NEW_IMSI, null, "web-selfcare"))).isEmpty();
        assertThat(state().sims).hasSize(2);
        assertThat(state().riskKind).as("the OTP guard still protects").isEqualTo(RiskKind.SIM_SWAP);
        assertThat(detector.rules().get(0).enabled()).isFalse();
    }

    @Test
    void channelsMatchTheirGlobsWholeAndAnEmptyChannelIsNeverTrusted() {
        atHome(0);
        apply(sig.provisioning(60, Kind.SIM_REPLACEMENT, MSISDN, NEW_IMSI, IMSI, null, "store-12/jakarta"));
        assertThat(state().latestSimChange().trusted()).as("a slash is part of the name, not a folder").isTrue();
        assertThat(state().riskKind).isEqualTo(RiskKind.PROVISIONED_SWAP);
        List<AlertEvent> raised = apply(sig.provisioning(120, Kind.SIM_REPLACEMENT, MSISDN, IMSI, NEW_IMSI, null, ""));
        assertThat(rules(raised)).containsExactly("simSwap");
        assertThat(raised.get(0).title()).isEqualTo("SIM replaced through untrusted channel '' for 62811******42: now"
                + " 51010********42");
        assertThat(raised.get(0).evidence().get(0).text()).endsWith("via , previous SIM 51010********42");
        assertThat(rules(apply(sig.provisioning(180, Kind.SIM_REPLACEMENT, MSISDN, NEW_IMSI, IMSI, null,
                "mystore-1")))).as("the glob is anchored").containsExactly("simSwap");
        assertThat(state().latestSimChange().source()).isEqualTo(SubscriberState.SimSource.PROVISIONING);
    }

    @Test
    void aLateRecordFromAnUntrustedChannelSettlesTheHistoryButKeepsTheRisk() {
        atHome(0);
        apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
        apply(sig.provisioning(58, Kind.SIM_REPLACEMENT, MSISDN, NEW_IMSI, IMSI, null, "web-selfcare"));
        assertThat(state().sims).hasSize(1);
        assertThat(state().latestSimChange().channel()).isEqualTo("web-selfcare");
        assertThat(state().latestSimChange().trusted()).isFalse();
        assertThat(state().riskKind).isEqualTo(RiskKind.SIM_SWAP);
    }

    @Test
    void aSwapAlertSaysWhatChangedAndSinceWhen() {
        atHome(0);
        AlertEvent a = apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR)).get(0);
        assertThat(a.title()).isEqualTo("SIM swap: 62811******42 now served by 51010********42 (was 51010********42),"
                + " no provisioning record");
        assertThat(a.evidence().get(0).timeNanos()).isEqualTo(io.swapguard.engine.Signals.at(0.2));
        assertThat(a.severity()).isEqualTo(AlertEvent.Severity.HIGH);
        assertThat(Duration.ofNanos(a.captureNanos() - a.evidence().get(0).timeNanos()).toMinutes()).isEqualTo(59);
    }
}
