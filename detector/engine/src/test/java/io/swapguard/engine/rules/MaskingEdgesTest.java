package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_VLR;
import static io.swapguard.engine.Signals.SMSC;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.Change;
import io.swapguard.engine.Detector;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.Signals;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.engine.senders.SenderRegistry.Sender;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventRecord;
import io.swapguard.event.MapEvent;
import io.swapguard.event.SccpAddress;
import io.swapguard.event.SmppEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * illegalMasking and lookalikeSender at their edges: which claimed service centres count, the
 * international senders, the masked sender kept for the NOC's counters, and switched-off rules.
 */
class MaskingEdgesTest extends RuleTest {

    private static final String MSC = "6281100102";
    private static final String OTHER_HOME_NODE = "6281100910";
    private static final String AGGREGATOR = "447700900100";
    private static final String OTHER_AGGREGATOR = "447700900200";

    private Detector with(DetectorConfig config, Sender... senders) {
        return new Detector(config, store, new SenderRegistry(List.of(senders)));
    }

    private static DetectorConfig maskingRules(boolean on) {
        return new DetectorConfig(null, null, null, null, null, null, null, null, null,
                new DetectorConfig.RulesConfig(null, null, null, null, null, new DetectorConfig.Rule(on, null),
                        new DetectorConfig.LookalikeRule(on, null, null), null), null);
    }

    @Test
    void theMaskedSenderIsKeptForTheCountersWithTheRuleThatFoundIt() {
        atHome(0);
        Change masked = process(sig.mtSms(5, OTHER_HOME_NODE, MSC, MSISDN, IMSI, "BCA", "Promo"));
        assertThat(masked.maskedSender()).isEqualTo("BCA");
        assertThat(masked.maskingRule()).isEqualTo(RuleId.ILLEGAL_MASKING);
        Change spoofed = process(sig.mtSmsClaiming(100, FOREIGN_GT, SMSC, MSC, MSISDN, IMSI, "BCA", "Promo"));
        assertThat(spoofed.maskedSender()).isEqualTo("BCA");
        Change lookalike = process(sig.mtSms(200, SMSC, MSC, MSISDN, IMSI, "8CA", "Promo"));
        assertThat(lookalike.maskedSender()).isEqualTo("BCA");
        assertThat(lookalike.maskingRule()).isEqualTo(RuleId.LOOKALIKE_SENDER);
        Change submittedByAnother = process(sig.submit(300, "promo-esme", "BCA", MSISDN, "Promo",
                SmppEvent.Decision.ALLOWED));
        assertThat(submittedByAnother.maskedSender()).isEqualTo("BCA");
        assertThat(submittedByAnother.alerts().get(0).evidence().get(0).text()).isEqualTo("submit_sm with source_addr"
                + " 'BCA' from ESME account 'promo-esme' (allowed); authorised: bca-otp");
        Change lookalikeSubmitted = process(sig.submit(400, "promo-esme", "B.C.A", MSISDN, "Promo",
                SmppEvent.Decision.ALLOWED));
        assertThat(lookalikeSubmitted.maskedSender()).isEqualTo("BCA");
        assertThat(lookalikeSubmitted.maskingRule()).isEqualTo(RuleId.LOOKALIKE_SENDER);
        Change honest = process(sig.mtSms(500, SMSC, MSC, MSISDN, IMSI, "BCA", "Promo"));
        assertThat(honest.maskedSender()).isNull();
        assertThat(honest.maskingRule()).isNull();
    }

    @Test
    void switchedOffTheyRaiseNothingYetSmsFakingIsStillCountedAndNotJudgedTwice() {
        detector = detector(maskingRules(false));
        assertThat(detector.rules()).filteredOn(r -> r.id() == RuleId.ILLEGAL_MASKING || r.id() == RuleId.LOOKALIKE_SENDER)
                .noneMatch(Rule::enabled);
        atHome(0);
        Change spoofed = process(sig.mtSmsClaiming(5, FOREIGN_GT, SMSC, MSC, MSISDN, IMSI, "BCA", "Promo"));
        assertThat(spoofed.alerts()).isEmpty();
        assertThat(spoofed.maskedSender()).isEqualTo("BCA");
        assertThat(process(sig.mtSms(6, OTHER_HOME_NODE, MSC, MSISDN, IMSI, "BCA", "Promo")).alerts()).isEmpty();
        assertThat(process(sig.mtSms(7, SMSC, MSC, MSISDN, IMSI, "8CA", "Promo")).alerts()).isEmpty();
        assertThat(process(sig.submit(8, "promo-esme", "BCA", MSISDN, "Promo", SmppEvent.Decision.ALLOWED)).alerts())
                .isEmpty();
        assertThat(process(sig.sriSm(9, FOREIGN_GT, SMSC, MSISDN)).alerts()).isEmpty();
        assertThat(alerts).isEmpty();
    }

    @Test
    void aFakedServiceCentreIsJudgedOnceNotAlsoAsALookalike() {
        atHome(0);
        List<AlertEvent> raised = apply(sig.mtSmsClaiming(5, FOREIGN_GT, SMSC, MSC, MSISDN, IMSI, "8CA", "Promo"));
        assertThat(rules(raised)).containsExactly("illegalMasking");
        assertThat(raised.get(0).title()).isEqualTo("SMS from 8CA claims service centre " + SMSC
                + " but was sent by foreign GT " + FOREIGN_GT);
        assertThat(raised.get(0).evidence().get(0).text()).isEqualTo("MT-ForwardSM with SM-RP-OA " + SMSC
                + " from SCCP calling party " + FOREIGN_GT);
        List<AlertEvent> fromHome = apply(sig.mtSmsClaiming(200, OTHER_HOME_NODE, SMSC, MSC, MSISDN, IMSI, "BCA", "x"));
        assertThat(fromHome.get(0).title()).endsWith("but was sent by home node " + OTHER_HOME_NODE);
    }

    @Test
    void onlyAClaimedServiceCentreThatIsOursOrTheSendersAndSentFromElsewhereIsFaked() {
        detector = with(DetectorConfig.defaults(),
                new Sender("WISE", "Wise", true, List.of(AGGREGATOR), List.of(), true, null));
        atHome(0);
        assertThat(apply(sig.mtSmsClaiming(5, OTHER_AGGREGATOR, AGGREGATOR, MSC, MSISDN, IMSI, "WISE", "x")))
                .as("the sender's own service centre, abroad, claimed by another").extracting(AlertEvent::rule)
                .containsExactly("illegalMasking");
        assertThat(apply(sig.mtSmsClaiming(200, OTHER_AGGREGATOR, "447700900300", MSC, MSISDN, IMSI, "6599990000", "x")))
                .as("a foreign centre naming another foreign centre").isEmpty();
        assertThat(apply(sig.mtSmsClaiming(210, OTHER_HOME_NODE, SMSC, MSC, MSISDN, IMSI, "6281299990000", "x")))
                .as("one home node relaying for another, a number as sender").isEmpty();
        MapEvent noGt = (MapEvent) sig.mtSmsClaiming(220, SMSC, SMSC, MSC, MSISDN, IMSI, "6281299990000", "x").event();
        assertThat(apply(sig.record(noGt.toBuilder().calling(new SccpAddress(false, 2001, 8, null)).build())))
                .as("routed on point code: the claim is all there is, and it is home").isEmpty();
        MapEvent noClaim = (MapEvent) sig.mtSms(230, AGGREGATOR, MSC, MSISDN, IMSI, "WISE", "x").event();
        assertThat(apply(sig.record(noClaim.toBuilder().smscAddress(null).build()))).isEmpty();
    }

    @Test
    void anInternationalSenderMayArriveFromAnyForeignCentreButFromHomeOnlyFromItsOwn() {
        detector = with(DetectorConfig.defaults(),
                new Sender("WISE", "Wise", true, List.of(AGGREGATOR), List.of(), true, null),
                new Sender("BCA", "Bank Central Asia", true, List.of(SMSC), List.of(), false, null));
        atHome(0);
        assertThat(apply(sig.mtSms(5, OTHER_AGGREGATOR, MSC, MSISDN, IMSI, "WISE", "x"))).isEmpty();
        List<AlertEvent> viaHome = apply(sig.mtSms(6, OTHER_HOME_NODE, MSC, MSISDN, IMSI, "WISE", "x"));
        assertThat(rules(viaHome)).containsExactly("illegalMasking");
        assertThat(viaHome.get(0).evidence().get(0).text()).isEqualTo("MT-ForwardSM with TP-OA 'WISE' from SMSC "
                + OTHER_HOME_NODE + "; authorised: " + AGGREGATOR);
        List<AlertEvent> domesticFromAbroad = apply(sig.mtSms(100, OTHER_AGGREGATOR, MSC, MSISDN, IMSI, "BCA", "x"));
        assertThat(domesticFromAbroad.get(0).title()).isEqualTo("Sender ID BCA (Bank Central Asia) from unauthorised"
                + " SMSC " + OTHER_AGGREGATOR);
        assertThat(domesticFromAbroad.get(0).evidence().get(0).text()).isEqualTo("MT-ForwardSM with TP-OA 'BCA' from SMSC "
                + OTHER_AGGREGATOR + " abroad; authorised: " + SMSC);
    }

    @Test
    void anSriSmWithoutACallingGtOrWithoutAClaimIsNoQueryToJudge() {
        atHome(0);
        MapEvent sri = (MapEvent) sig.sriSm(5, FOREIGN_GT, SMSC, MSISDN).event();
        assertThat(apply(sig.record(sri.toBuilder().calling(new SccpAddress(false, 2001, 8, null)).build()))).isEmpty();
        assertThat(apply(sig.record(sri.toBuilder().smscAddress(null).build()))).isEmpty();
        assertThat(rules(apply(sig.record(sri)))).containsExactly("illegalMasking");
        assertThat(alerts.get(0).title()).isEqualTo("SendRoutingInfoForSM for 62811******42 from foreign GT "
                + FOREIGN_GT + " claiming service centre " + SMSC);
        assertThat(state().vlr).isEqualTo(Long.parseLong(HOME_VLR));
        assertThat(Signals.at(5)).isEqualTo(alerts.get(0).captureNanos());
    }

    @Test
    void overSgdAnInternationalSenderMayComeFromAForeignRealm() {
        detector = with(DetectorConfig.defaults(),
                new Sender("WISE", "Wise", true, List.of(AGGREGATOR), List.of(), true, null));
        atHome(0);
        String ukRealm = DiameterRulesTest.UK_REALM;
        assertThat(apply(sig.record(sig.diameter(5, io.swapguard.event.DiameterCommand.MT_FORWARD_SHORT_MESSAGE,
                io.swapguard.event.DiameterCommand.APP_SGD, true, IMSI).originHost("iwf." + ukRealm).originRealm(ukRealm)
                .sms(io.swapguard.event.ShortMessage.single(io.swapguard.event.ShortMessage.Type.DELIVER,
                        io.swapguard.event.SmsAddress.alphanumeric("WISE"), null, 0, "Transfer received"))
                .build()))).isEmpty();
    }
}
