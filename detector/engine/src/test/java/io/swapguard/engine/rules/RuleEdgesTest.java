package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_REALM;
import static io.swapguard.engine.Signals.HOME_VLR;
import static io.swapguard.engine.Signals.SMSC;
import static io.swapguard.engine.Signals.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.Change;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.DetectorConfig.Rule;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.DiameterCommand;
import io.swapguard.event.EventRecord;
import io.swapguard.event.MapOperation;
import io.swapguard.event.ProvisioningEvent.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The small rules at their edges (forwarding without a number, Category 1 by IMSI, the
 * registration window, the dedupe window) and every rule switched off at once.
 */
class RuleEdgesTest extends RuleTest {

    private static final int CFU = 0x21;
    private static final String UK_REALM = DiameterRulesTest.UK_REALM;

    @Test
    void everyRuleSwitchedOffRaisesNothingWhileTheStateStillFollowsTheSubscriber() {
        Rule off = new Rule(false, null);
        detector = detector(new DetectorConfig(null, null, null, null, null, null, null, null, null,
                new DetectorConfig.RulesConfig(new DetectorConfig.SimSwapRule(false, null, null, null),
                        new DetectorConfig.DeviceSwapRule(false, null, null, null),
                        new DetectorConfig.LocationHijackRule(false, null, null, null), off,
                        new DetectorConfig.Category1Rule(false, null, null), off,
                        new DetectorConfig.LookalikeRule(false, null, null), off), null));
        assertThat(detector.rules()).noneMatch(io.swapguard.engine.rules.Rule::enabled);
        atHome(0);
        apply(sig.ul(10, IMSI, FOREIGN_GT, FOREIGN_GT, OTHER_IMEI),
                sig.registerSs(11, IMSI, FOREIGN_GT, CFU, "447700123456"),
                sig.invoke(12, MapOperation.ANY_TIME_INTERROGATION, FOREIGN_GT, MSISDN, null),
                sig.record(sig.diameter(13, DiameterCommand.CANCEL_LOCATION, DiameterCommand.APP_S6A, true, IMSI)
                        .originHost("x." + UK_REALM).originRealm(UK_REALM).build()),
                sig.isd(14, MSISDN, NEW_IMSI, FOREIGN_GT),
                sig.mtSms(15, SMSC, FOREIGN_GT, MSISDN, NEW_IMSI, "BCA", "Kode OTP BCA 123456 jangan berikan"),
                sig.mtSms(16, "6281100910", FOREIGN_GT, MSISDN, NEW_IMSI, "8CA", "Promo"));
        assertThat(alerts).isEmpty();
        assertThat(state().imsi).isEqualTo(Long.parseLong(NEW_IMSI));
        assertThat(state().imei).isEqualTo(Long.parseLong(OTHER_IMEI));
        assertThat(state().abroad).isTrue();
        assertThat(state().cfTo).isEqualTo(447700123456L);
        assertThat(state().riskKind).as("the OTP guard still protects the number")
                .isEqualTo(io.swapguard.engine.state.SubscriberState.RiskKind.SIM_SWAP);
    }

    @Test
    void forwardingRegisteredWithoutANumberOrActivatedFromInterconnectIsStillATakeover() {
        atHome(0);
        List<AlertEvent> raised = apply(sig.registerSs(5, IMSI, FOREIGN_GT, CFU, null));
        assertThat(rules(raised)).containsExactly("callForwarding");
        assertThat(raised.get(0).evidence().get(0).text()).isEqualTo("registerSS unconditional (CFU) from GT "
                + FOREIGN_GT + " (interconnect)");
        assertThat(raised.get(0).title()).isEqualTo("Call forwarding unconditional (CFU) for 62811******42 set from"
                + " interconnect");
        assertThat(state().cfTo).isZero();

        String other = "6281100000043";
        String otherImsi = "510100000000043";
        apply(sig.isd(0, other, otherImsi, HOME_VLR), sig.registerSs(1, otherImsi, HOME_VLR, CFU, "6281299990000"));
        assertThat(store.get(Long.parseLong(other)).cfRisky).isFalse();
        List<AlertEvent> activated = apply(sig.activateSs(2, otherImsi, FOREIGN_GT, CFU));
        assertThat(rules(activated)).containsExactly("callForwarding");
        assertThat(store.get(Long.parseLong(other)).cfRisky).isTrue();

        String third = "6281100000044";
        String thirdImsi = "510100000000044";
        apply(sig.isd(0, third, thirdImsi, HOME_VLR));
        AlertEvent abroad = apply(sig.registerSs(1, thirdImsi, HOME_VLR, CFU, "447700123456")).get(0);
        assertThat(abroad.title()).isEqualTo("Call forwarding unconditional (CFU) for 62811******44 to a foreign number");
        assertThat(abroad.evidence().get(0).text()).doesNotContain("interconnect").contains(" to ");
    }

    @Test
    void category1FindsTheSubscriberByImsiAndAlertsOncePerWindowOverMapAndDiameter() {
        atHome(0);
        List<AlertEvent> byImsi = apply(sig.invoke(5, MapOperation.ANY_TIME_INTERROGATION, FOREIGN_GT, null, IMSI));
        assertThat(rules(byImsi)).containsExactly("category1");
        assertThat(byImsi.get(0).msisdn().digits()).isEqualTo(MSISDN);
        assertThat(apply(sig.invoke(6, MapOperation.ANY_TIME_INTERROGATION, FOREIGN_GT, MSISDN, null)))
                .as("the first alert was kept").isEmpty();
        assertThat(apply(sig.invoke(7, MapOperation.ANY_TIME_INTERROGATION, FOREIGN_GT, null, null))).isEmpty();
        String other = "6281100000043";
        String otherImsi = "510100000000043";
        apply(sig.isd(0, other, otherImsi, HOME_VLR));
        EventRecord idr = sig.record(sig.diameter(5, DiameterCommand.INSERT_SUBSCRIBER_DATA, DiameterCommand.APP_S6A,
                true, otherImsi).originHost("x." + UK_REALM).originRealm(UK_REALM).build());
        assertThat(rules(apply(idr))).containsExactly("category1");
        assertThat(apply(sig.record(sig.diameter(6, DiameterCommand.INSERT_SUBSCRIBER_DATA, DiameterCommand.APP_S6A,
                true, otherImsi).originHost("x." + UK_REALM).originRealm(UK_REALM).build()))).isEmpty();
        assertThat(apply(sig.record(sig.diameter(7, DiameterCommand.RESET, DiameterCommand.APP_S6A, true,
                "510100000000099").originHost("x." + UK_REALM).originRealm(UK_REALM).build())))
                .as("an IMSI we do not know").isEmpty();
        assertThat(apply(sig.record(sig.diameter(8, DiameterCommand.DELETE_SUBSCRIBER_DATA, DiameterCommand.APP_S6A,
                true, otherImsi).originHost("hss1." + HOME_REALM).originRealm(HOME_REALM).build()))).isEmpty();
    }

    @Test
    void aRegistrationCountsUpToTheLastInstantOfItsWindow() {
        atHome(0);
        double days30 = 30 * 24 * 60;
        apply(sig.provisioning(10, Kind.DEVICE_REGISTRATION, MSISDN, IMSI, null, OTHER_IMEI, "ceir"));
        assertThat(apply(sig.ul(10 + days30, IMSI, HOME_VLR, HOME_VLR, OTHER_IMEI))).isEmpty();
        assertThat(state().latestDeviceChange().registered()).isTrue();
        String other = "6281100000043";
        String otherImsi = "510100000000043";
        apply(sig.isd(0, other, otherImsi, HOME_VLR), sig.ul(0.1, otherImsi, HOME_VLR, HOME_VLR, IMEI),
                sig.provisioning(10, Kind.DEVICE_REGISTRATION, other, otherImsi, null, OTHER_IMEI, "ceir"));
        assertThat(rules(apply(sig.ul(10 + days30 + 1, otherImsi, HOME_VLR, HOME_VLR, OTHER_IMEI))))
                .containsExactly("deviceSwap");
    }

    @Test
    void theSameRuleAlertsAgainExactlyWhenItsDedupeWindowEnds() {
        // Without incidents for category1 each probe is a new sign, so only the dedupe window groups them.
        detector = detector(new DetectorConfig(null, null, null, null, null, null, null, null, null, null, null,
                new DetectorConfig.IncidentsConfig(null, java.util.Map.of("category1", java.time.Duration.ZERO))));
        atHome(0);
        assertThat(rules(apply(sig.invoke(5, MapOperation.ANY_TIME_INTERROGATION, FOREIGN_GT, MSISDN, null))))
                .containsExactly("category1");
        assertThat(apply(sig.invoke(14.99, MapOperation.ANY_TIME_INTERROGATION, FOREIGN_GT, MSISDN, null))).isEmpty();
        assertThat(rules(apply(sig.invoke(15, MapOperation.ANY_TIME_INTERROGATION, FOREIGN_GT, MSISDN, null))))
                .containsExactly("category1");
    }

    @Test
    void aChangeNamesItsEventAndItsIndexIsTheEvidenceAndTheHistorys() {
        atHome(0);
        EventRecord swap = sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR);
        Change c = detector.process(swap);
        assertThat(c.event()).isSameAs(swap.event());
        assertThat(c.index()).isEqualTo(swap.index());
        assertThat(c.time()).isEqualTo(at(60));
        c.commit();
        assertThat(state().latestSimChange().index()).isEqualTo(swap.index());
        assertThat(c.alerts().get(0).evidence().get(1).index()).isEqualTo(swap.index());
        assertThat(state().riskIndex).isEqualTo(swap.index());
        assertThat(state().lastIndex).isEqualTo(swap.index());
    }
}
