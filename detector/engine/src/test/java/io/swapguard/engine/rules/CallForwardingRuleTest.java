package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_VLR;
import static io.swapguard.engine.Signals.SMSC;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.Signals;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.event.AlertEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** callForwarding on hand-made signalling: what fires, what must not, and the state it leaves. */
class CallForwardingRuleTest extends RuleTest {
    @Test
    void forwardingToAForeignNumberFromInterconnectIsATakeover() {
        atHome(0);
        List<AlertEvent> raised = apply(sig.registerSs(30, IMSI, FOREIGN_GT, 0x21, "447700123456"));
        assertThat(rules(raised)).containsExactly("callForwarding");
        assertThat(raised.get(0).title()).contains("unconditional (CFU)").contains("foreign number")
                .contains("interconnect");
        assertThat(state().cfRisky).isTrue();
        assertThat(state().riskKind).isEqualTo(SubscriberState.RiskKind.CALL_FORWARDING);
    }

    @Test
    void forwardingToVoicemailFromHomeIsNotAndErasingClearsIt() {
        atHome(0);
        assertThat(apply(sig.registerSs(30, IMSI, HOME_VLR, 0x2B, "6281100777"))).isEmpty();
        assertThat(state().cfSsCode).isEqualTo(0x2B);
        apply(sig.eraseSs(40, IMSI, HOME_VLR, 0x2B));
        assertThat(state().cfSsCode).isEqualTo(-1);
    }

    @Test
    void theForwardingsInEffectFollowRegisterActivateEraseAndDeactivate() {
        atHome(0);
        apply(sig.registerSs(30, IMSI, HOME_VLR, 0x29, "6281100777"));
        assertThat(state().cfActive).isEqualTo(SubscriberState.CF_BUSY);
        apply(sig.activateSs(31, IMSI, HOME_VLR, 0x21));
        assertThat(state().cfActive).isEqualTo(SubscriberState.CF_BUSY | SubscriberState.CF_UNCONDITIONAL);
        apply(sig.deactivateSs(32, IMSI, HOME_VLR, 0x21));
        assertThat(state().cfActive).isEqualTo(SubscriberState.CF_BUSY);
        apply(sig.registerSs(33, IMSI, HOME_VLR, 0x28, "6281100777")); // all conditional
        assertThat(state().cfActive).isEqualTo(SubscriberState.CF_BUSY | SubscriberState.CF_NO_REPLY
                | SubscriberState.CF_NOT_REACHABLE);
        apply(sig.eraseSs(34, IMSI, HOME_VLR, 0x20)); // all forwarding
        assertThat(state().cfActive).isZero();
    }

    @Test
    void sendRoutingInfoResultsShowUnconditionalForwardingSetWhereWeDidNotWatch() {
        atHome(0);
        apply(sig.sriResult(10, MSISDN, IMSI, null, "6281100777"));
        assertThat(state().cfActive).as("forwarded without a roaming number").isEqualTo(SubscriberState.CF_UNCONDITIONAL);
        apply(sig.sriResult(20, MSISDN, IMSI, "6281109999", null));
        assertThat(state().cfActive).as("a roaming number: no unconditional forwarding").isZero();
        apply(sig.registerSs(30, IMSI, HOME_VLR, 0x2A, "6281100777"));
        apply(sig.sriResult(40, MSISDN, IMSI, null, "6281100777"));
        assertThat(state().cfActive).as("known conditional forwarding explains it").isEqualTo(SubscriberState.CF_NO_REPLY);
    }

    @Test
    void theCallsATakeoverDivertsJoinItsIncidentInsteadOfAlertingEach() {
        atHome(0);
        List<AlertEvent> takeover = apply(sig.registerSs(30, IMSI, FOREIGN_GT, 0x21, "447700123456"));
        assertThat(rules(takeover)).containsExactly("callForwarding");
        int cf = RuleId.CALL_FORWARDING.ordinal();
        for (int minute = 40; minute < 40 + 3 * 600; minute += 600) {
            assertThat(apply(sig.sriResult(minute, MSISDN, IMSI, null, "447700123456"))).as("call at %d", minute).isEmpty();
        }
        assertThat(state().incidentCount[cf]).isEqualTo(4);
        assertThat(state().incidentLast[cf]).isEqualTo(Signals.at(1240));
        assertThat(state().incidentIndex[cf]).as("the takeover opened it").isEqualTo(takeover.get(0).sourceIndex());
        // A day without diverted calls closes it: the next one is a new incident, with its own evidence.
        List<AlertEvent> later = apply(sig.sriResult(1240 + 24 * 60, MSISDN, IMSI, null, "447700123456"));
        assertThat(rules(later)).containsExactly("callForwarding");
        assertThat(later.get(0).title()).contains("diverted to foreign number");
        assertThat(later.get(0).evidence()).anySatisfy(e -> assertThat(e.text()).contains("SendRoutingInfo"));
        assertThat(state().incidentCount[cf]).isEqualTo(1);
    }

    @Test
    void erasingTheForwardingClosesTheIncidentSoTheNextTakeoverAlerts() {
        atHome(0);
        apply(sig.registerSs(30, IMSI, FOREIGN_GT, 0x21, "447700123456"));
        apply(sig.eraseSs(31, IMSI, HOME_VLR, 0x21));
        assertThat(state().incidentCount[RuleId.CALL_FORWARDING.ordinal()]).isZero();
        List<AlertEvent> again = apply(sig.registerSs(50, IMSI, FOREIGN_GT, 0x21, "447700999999"));
        assertThat(rules(again)).containsExactly("callForwarding");
        assertThat(apply(sig.sriResult(51, MSISDN, IMSI, null, "447700999999"))).isEmpty();
    }

    @Test
    void aCallForwardedHomeIsNoEvidence() {
        atHome(0);
        apply(sig.registerSs(30, IMSI, HOME_VLR, 0x21, "6281100777"));
        assertThat(apply(sig.sriResult(40, MSISDN, IMSI, null, "6281100777"))).isEmpty();
    }

    @Test
    void aRoamerSettingForwardingFromTheVlrServingItIsNotATakeover() {
        atHome(0);
        // An ordinary trip: authenticated by the visited network, then served by its VLR.
        apply(sig.sai(180, IMSI, FOREIGN_GT), sig.ul(180.1, IMSI, FOREIGN_GT, FOREIGN_GT, IMEI),
                sig.ulResult(180.2, IMSI, FOREIGN_GT, IMEI));
        assertThat(apply(sig.registerSs(240, IMSI, FOREIGN_GT, 0x21, "447700123456"))).isEmpty();
        assertThat(state().cfRisky).isFalse();
        assertThat(state().riskKind).isEqualTo(SubscriberState.RiskKind.NONE);
        assertThat(state().cfActive & SubscriberState.CF_UNCONDITIONAL).isNotZero();
        // The same forwarding from another foreign GT than the serving VLR is a takeover.
        assertThat(rules(apply(sig.registerSs(300, IMSI, "447700900777", 0x21, "447700123456"))))
                .containsExactly("callForwarding");
    }

    @Test
    void forwardingFromTheVlrOfAHijackedLocationIsStillATakeover() {
        atHome(0);
        // A foreign VLR claims the subscriber while at home (hijack), then sets forwarding from there.
        assertThat(rules(apply(sig.ul(10, IMSI, FOREIGN_GT, FOREIGN_GT, null)))).containsExactly("locationHijack");
        List<AlertEvent> raised = apply(sig.registerSs(12, IMSI, FOREIGN_GT, 0x21, "447700123456"));
        assertThat(rules(raised)).containsExactly("callForwarding");
        assertThat(state().cfRisky).isTrue();
    }
}
