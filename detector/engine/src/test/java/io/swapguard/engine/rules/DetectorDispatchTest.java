package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_MME;
import static io.swapguard.engine.Signals.HOME_REALM;
import static io.swapguard.engine.Signals.HOME_VLR;
import static io.swapguard.engine.Signals.HSS;
import static io.swapguard.engine.Signals.SMSC;
import static io.swapguard.engine.Signals.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.Signals;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.ComponentType;
import io.swapguard.event.DiameterCommand;
import io.swapguard.event.Imei;
import io.swapguard.event.Imsi;
import io.swapguard.event.MapEvent;
import io.swapguard.event.MapOperation;
import io.swapguard.event.Msisdn;
import io.swapguard.event.ProvisioningEvent.Kind;
import io.swapguard.event.SccpAddress;
import io.swapguard.event.ShortMessage;
import io.swapguard.event.SmppEvent;
import io.swapguard.event.SmsAddress;
import io.swapguard.event.TcapMessageType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The detector's dispatch, one event kind at a time: which events reach which rule, and that what
 * each one changes is kept (read back from the store, not from the rule's hands).
 */
class DetectorDispatchTest extends RuleTest {

    private static final String HOME_VLR_2 = "6281100103";
    private static final String OTP = "Kode OTP BCA Anda 123456. Jangan berikan kepada siapapun";

    private MapEvent.Builder result(double minutes, MapOperation op) {
        return MapEvent.builder().captureNanos(at(minutes)).tapId("test").tcapType(TcapMessageType.END)
                .component(ComponentType.RETURN_RESULT_LAST).operation(op).invokeId(1)
                .calling(Signals.gt(Signals.HLR, SccpAddress.SSN_HLR)).called(Signals.gt(HOME_VLR, SccpAddress.SSN_VLR));
    }

    @Test
    void itShowsTheNetworkStoreAndRulesItWorksWith() {
        assertThat(detector.network().home(HOME_VLR)).isTrue();
        assertThat(detector.network().home(FOREIGN_GT)).isFalse();
        assertThat(detector.store()).isSameAs(store);
        assertThat(detector.rules()).extracting(Rule::id).containsExactly(RuleId.SIM_SWAP, RuleId.DEVICE_SWAP,
                RuleId.LOCATION_HIJACK, RuleId.CALL_FORWARDING, RuleId.CATEGORY1, RuleId.ILLEGAL_MASKING,
                RuleId.LOOKALIKE_SENDER, RuleId.OTP_WATCH);
        assertThat(detector.rules()).allMatch(Rule::enabled);
    }

    @Test
    void provisioningSetsTheSimTheActivationAndThePortAndIndexesTheImsi() {
        apply(sig.provisioning(0, Kind.ACTIVATION, MSISDN, IMSI, null, null, "store"));
        assertThat(state().activation).isEqualTo(at(0));
        assertThat(state().imsi).isEqualTo(Long.parseLong(IMSI));
        assertThat(store.msisdnOf(Long.parseLong(IMSI))).isEqualTo(Long.parseLong(MSISDN));
        apply(sig.provisioning(10, Kind.PORT_IN, MSISDN, NEW_IMSI, null, null, "mnp"));
        assertThat(state().portedAt).isEqualTo(at(10));
        assertThat(state().imsi).isEqualTo(Long.parseLong(NEW_IMSI));
        assertThat(store.msisdnOf(Long.parseLong(NEW_IMSI))).isEqualTo(Long.parseLong(MSISDN));
        apply(sig.provisioning(20, Kind.DEACTIVATION, MSISDN, null, null, null, "store"));
        assertThat(state().activation).isZero();
        assertThat(alerts).isEmpty();
    }

    @Test
    void insertSubscriberDataToAnotherVlrMovesTheSubscriberThere() {
        atHome(0);
        apply(sig.isd(30, MSISDN, IMSI, HOME_VLR_2));
        assertThat(state().vlr).isEqualTo(Long.parseLong(HOME_VLR_2));
        assertThat(state().lastHomePresence).isEqualTo(at(30));
        assertThat(state().abroad).isFalse();
        apply(sig.isd(600, MSISDN, IMSI, FOREIGN_GT));
        assertThat(state().vlr).isEqualTo(Long.parseLong(FOREIGN_GT));
        assertThat(state().abroad).isTrue();
        assertThat(state().lastHomePresence).as("abroad is not at home").isEqualTo(at(30));
        assertThat(alerts).isEmpty();
    }

    @Test
    void aSpoofedRoutingQueryAlertsOnceWithinTheDedupeWindow() {
        List<AlertEvent> first = apply(sig.sriSm(5, FOREIGN_GT, SMSC, MSISDN));
        assertThat(rules(first)).containsExactly("illegalMasking");
        assertThat(apply(sig.sriSm(6, FOREIGN_GT, SMSC, MSISDN))).as("the first alert was kept in state").isEmpty();
        assertThat(apply(sig.sriSm(7, SMSC, SMSC, MSISDN))).as("our SMSC asking for itself").isEmpty();
    }

    @Test
    void sendRoutingInfoFromInterconnectIsCategory1() {
        atHome(0);
        List<AlertEvent> raised = apply(sig.invoke(5, MapOperation.SEND_ROUTING_INFO, FOREIGN_GT, MSISDN, null));
        assertThat(rules(raised)).containsExactly("category1");
        assertThat(raised.get(0).title()).contains("from interconnect GT " + FOREIGN_GT);
        assertThat(apply(sig.invoke(200, MapOperation.SEND_ROUTING_INFO, "6281100500", MSISDN, null)))
                .as("from our own GMSC").isEmpty();
        // a day after the last probe: a new incident (one sooner joins the first)
        assertThat(rules(apply(sig.invoke(5 + 24 * 60, MapOperation.SEND_IMSI, FOREIGN_GT, MSISDN, null))))
                .containsExactly("category1");
    }

    @Test
    void aNewSimSeenInASendImsiResultIsASimSwap() {
        atHome(0);
        List<AlertEvent> raised = apply(sig.record(result(60, MapOperation.SEND_IMSI).msisdn(Msisdn.of(MSISDN))
                .imsi(Imsi.of(NEW_IMSI)).build()));
        assertThat(rules(raised)).containsExactly("simSwap");
        assertThat(state().imsi).isEqualTo(Long.parseLong(NEW_IMSI));
        assertThat(store.msisdnOf(Long.parseLong(NEW_IMSI))).isEqualTo(Long.parseLong(MSISDN));
        assertThat(apply(sig.record(result(61, MapOperation.SEND_IMSI).msisdn(Msisdn.of(MSISDN)).build())))
                .as("a result without the IMSI says nothing").isEmpty();
    }

    @Test
    void aNewHandsetInCheckImeiIsADeviceSwapWhenTheMscAddsTheImsi() {
        atHome(0);
        MapEvent.Builder check = MapEvent.builder().captureNanos(at(60)).tapId("test").tcapType(TcapMessageType.BEGIN)
                .component(ComponentType.INVOKE).operation(MapOperation.CHECK_IMEI).invokeId(1)
                .calling(Signals.gt(HOME_VLR, SccpAddress.SSN_MSC)).called(Signals.gt("6281100800", 9))
                .imei(Imei.of(OTHER_IMEI));
        assertThat(apply(sig.record(check.build()))).as("no IMSI: the IMEI has no owner").isEmpty();
        List<AlertEvent> raised = apply(sig.record(check.imsi(Imsi.of(IMSI)).build()));
        assertThat(rules(raised)).containsExactly("deviceSwap");
        assertThat(state().imei).isEqualTo(Long.parseLong(OTHER_IMEI));
    }

    @Test
    void anSmsThroughAHomeMscIsPresenceAtHome() {
        atHome(0);
        apply(sig.mtSms(100, SMSC, HOME_VLR, MSISDN, IMSI, "6281299990000", "see you at 8"));
        assertThat(state().lastHomePresence).isEqualTo(at(100));
        assertThat(state().lastOtpTime).as("not an OTP").isZero();
        apply(sig.mtSms(110, SMSC, HOME_VLR, null, IMSI, "BCA", OTP));
        assertThat(state().lastOtpTime).as("found by IMSI").isEqualTo(at(110));
        assertThat(state().lastOtpSender).isEqualTo("BCA");
        assertThat(alerts).isEmpty();
    }

    @Test
    void aMobileOriginatedSmsIsPresenceWhereItWasSentFromAndNeverAnOtpDelivery() {
        atHome(0);
        MapEvent mo = MapEvent.builder().captureNanos(at(100)).tapId("test").tcapType(TcapMessageType.BEGIN)
                .component(ComponentType.INVOKE).operation(MapOperation.MO_FORWARD_SM).invokeId(1)
                .calling(Signals.gt(HOME_VLR, SccpAddress.SSN_MSC)).called(Signals.gt(SMSC, SccpAddress.SSN_MSC))
                .imsi(Imsi.of(IMSI)).msisdn(Msisdn.of(MSISDN))
                .sms(ShortMessage.single(ShortMessage.Type.SUBMIT, null, SmsAddress.international("6281299990000"), 0,
                        "Kode OTP 123456"))
                .build();
        apply(sig.record(mo));
        assertThat(state().lastHomePresence).isEqualTo(at(100));
        assertThat(state().lastOtpTime).isZero();
    }

    @Test
    void deliverSmGoesBackToTheEsmeAndSaysNothingAboutTheRecipient() {
        SmppEvent receipt = new SmppEvent(at(5), "gate", SmppEvent.Command.DELIVER_SM, "bca-otp",
                ShortMessage.single(ShortMessage.Type.DELIVER, SmsAddress.international(MSISDN),
                        SmsAddress.alphanumeric("BCA"), 0, OTP),
                SmppEvent.Decision.OBSERVED, "", "", -1, -1);
        apply(sig.record(receipt));
        assertThat(state()).isNull();
        apply(sig.submit(6, "bca-otp", "BCA", MSISDN, OTP, SmppEvent.Decision.ALLOWED));
        assertThat(state().lastOtpSender).isEqualTo("BCA");
        apply(sig.submit(7, "bca-otp", "BCA", "6281100000043", OTP, SmppEvent.Decision.BLOCKED));
        assertThat(store.get(6281100000043L).lastOtpTime).as("blocked, so never sent").isZero();
    }

    @Test
    void anLteAnswerWithoutVisitedPlmnIsPlacedByTheMmesRealm() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR));
        apply(sig.record(sig.diameter(600, DiameterCommand.UPDATE_LOCATION, DiameterCommand.APP_S6A, false, IMSI)
                .resultCode(2001).originHost(HSS).originRealm(HOME_REALM).destinationHost("mme7.x")
                .destinationRealm(DiameterRulesTest.UK_REALM).msisdn(Msisdn.of(MSISDN)).build()));
        assertThat(state().abroad).as("served in the UK realm").isTrue();
        apply(sig.record(sig.diameter(1200, DiameterCommand.UPDATE_LOCATION, DiameterCommand.APP_S6A, true, IMSI)
                .originHost(HOME_MME).originRealm(HOME_REALM).destinationRealm(HOME_REALM).build()));
        assertThat(state().abroad).as("the request from a home MME").isFalse();
        assertThat(state().lastHomePresence).isEqualTo(at(1200));
    }

    @Test
    void aNewSimInAnIdrFromOurHssIsASimSwapAndFromElsewhereIsNot() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR));
        assertThat(apply(sig.record(sig.diameter(30, DiameterCommand.INSERT_SUBSCRIBER_DATA, DiameterCommand.APP_S6A,
                true, NEW_IMSI).originHost("hss.x." + DiameterRulesTest.UK_REALM).originRealm(DiameterRulesTest.UK_REALM)
                .msisdn(Msisdn.of(MSISDN)).build()))).extracting(AlertEvent::rule).doesNotContain("simSwap");
        assertThat(state().imsi).isEqualTo(Long.parseLong(IMSI));
        List<AlertEvent> raised = apply(sig.record(sig.diameter(40, DiameterCommand.INSERT_SUBSCRIBER_DATA,
                DiameterCommand.APP_S6A, true, NEW_IMSI).originHost(HSS).originRealm(HOME_REALM)
                .msisdn(Msisdn.of(MSISDN)).build()));
        assertThat(rules(raised)).containsExactly("simSwap");
        assertThat(state().imsi).isEqualTo(Long.parseLong(NEW_IMSI));
    }

    @Test
    void aNewHandsetInAnEcrIsKept() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR));
        apply(sig.record(sig.diameter(10, DiameterCommand.ME_IDENTITY_CHECK, DiameterCommand.APP_S13, true, IMSI)
                .originHost(HOME_MME).originRealm(HOME_REALM).imei(Imei.of(IMEI)).build()));
        assertThat(state().imei).isEqualTo(Long.parseLong(IMEI));
        List<AlertEvent> raised = apply(sig.record(sig.diameter(60, DiameterCommand.ME_IDENTITY_CHECK,
                DiameterCommand.APP_S13, true, IMSI).originHost(HOME_MME).originRealm(HOME_REALM)
                .imei(Imei.of(OTHER_IMEI)).build()));
        assertThat(rules(raised)).containsExactly("deviceSwap");
        assertThat(state().imei).isEqualTo(Long.parseLong(OTHER_IMEI));
        assertThat(apply(sig.record(sig.diameter(70, DiameterCommand.ME_IDENTITY_CHECK, DiameterCommand.APP_S13,
                false, IMSI).resultCode(2001).originHost("eir").originRealm(HOME_REALM).imei(Imei.of(IMEI)).build())))
                .as("the answer is not a new claim").isEmpty();
        assertThat(state().imei).isEqualTo(Long.parseLong(OTHER_IMEI));
    }

    @Test
    void anOtpOverSgdIsRecordedAndOtherSgdTrafficIsNot() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR));
        apply(sig.record(sig.diameter(10, DiameterCommand.MT_FORWARD_SHORT_MESSAGE, DiameterCommand.APP_SGD, true, IMSI)
                .originHost("smsc1." + HOME_REALM).originRealm(HOME_REALM).destinationHost(HOME_MME)
                .sms(ShortMessage.single(ShortMessage.Type.DELIVER, SmsAddress.alphanumeric("BCA"), null, 0,
                        "Promo akhir tahun"))
                .build()));
        assertThat(state().lastOtpTime).as("not an OTP").isZero();
        apply(sig.record(sig.diameter(11, DiameterCommand.MT_FORWARD_SHORT_MESSAGE, DiameterCommand.APP_SGD, true, IMSI)
                .originHost("smsc1." + HOME_REALM).originRealm(HOME_REALM).destinationHost(HOME_MME)
                .sms(ShortMessage.single(ShortMessage.Type.STATUS_REPORT, SmsAddress.alphanumeric("BCA"), null, 0, OTP))
                .build()));
        assertThat(state().lastOtpTime).as("a status report is no delivery").isZero();
        apply(sig.record(sig.diameter(12, DiameterCommand.MT_FORWARD_SHORT_MESSAGE, DiameterCommand.APP_SGD, true, IMSI)
                .originHost("smsc1." + HOME_REALM).originRealm(HOME_REALM).destinationHost(HOME_MME)
                .sms(ShortMessage.single(ShortMessage.Type.DELIVER, SmsAddress.alphanumeric("BCA"), null, 0, OTP))
                .build()));
        assertThat(state().lastOtpTime).isEqualTo(at(12));
        assertThat(state().lastOtpSender).isEqualTo("BCA");
    }
}
