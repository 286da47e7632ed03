package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_MME;
import static io.swapguard.engine.Signals.HOME_REALM;
import static io.swapguard.engine.Signals.HSS;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.state.SubscriberState;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.DiameterCommand;
import io.swapguard.event.Imei;
import io.swapguard.event.ShortMessage;
import io.swapguard.event.SmsAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules on LTE signalling (S6a, S13, S6c): the same state and alerts as over MAP. */
class DiameterRulesTest extends RuleTest {

    static final String HOME_PLMN = "51010";
    static final String UK_REALM = "epc.mnc015.mcc234.3gppnetwork.org";
    static final String UK_MME = "mme7." + UK_REALM;

    /** Attached over LTE at home: AIR, ULR, ULA with the MSISDN. */
    void attachedAtHome(double minutes, String imsi, String imei) {
        apply(sig.air(minutes, imsi, HOME_MME, HOME_REALM, HOME_PLMN),
                sig.ulr(minutes + 0.1, imsi, HOME_MME, HOME_REALM, HOME_PLMN, imei),
                sig.ula(minutes + 0.2, imsi, MSISDN, HOME_MME, HOME_REALM, HOME_PLMN, imei));
    }

    @Test
    void anLteAttachAtHomeIsTheBaselineNotAnAlert() {
        attachedAtHome(0, IMSI, IMEI);
        assertThat(alerts).isEmpty();
        SubscriberState s = state();
        assertThat(s.imsi).isEqualTo(Long.parseLong(IMSI));
        assertThat(s.imei).isEqualTo(Long.parseLong(IMEI));
        assertThat(s.abroad).isFalse();
        assertThat(s.lastHomePresence).isPositive();
    }

    @Test
    void aNewSimBehindTheNumberOnLteIsASimSwap() {
        attachedAtHome(0, IMSI, IMEI);
        List<AlertEvent> raised = apply(sig.ulr(30, NEW_IMSI, HOME_MME, HOME_REALM, HOME_PLMN, IMEI),
                sig.ula(30.1, NEW_IMSI, MSISDN, HOME_MME, HOME_REALM, HOME_PLMN, IMEI));
        assertThat(rules(raised)).containsExactly("simSwap");
        assertThat(raised.get(0).evidence().get(1).text()).contains("ULA (Subscription-Data) from " + HSS);
        assertThat(state().riskKind).isEqualTo(SubscriberState.RiskKind.SIM_SWAP);
        assertThat(state().imsi).isEqualTo(Long.parseLong(NEW_IMSI));
    }

    @Test
    void aNewHandsetInTerminalInformationIsADeviceSwap() {
        attachedAtHome(0, IMSI, IMEI);
        List<AlertEvent> raised = apply(sig.ulr(30, IMSI, HOME_MME, HOME_REALM, HOME_PLMN, OTHER_IMEI));
        assertThat(rules(raised)).containsExactly("deviceSwap");
        assertThat(raised.get(0).evidence().get(0).text()).contains("ULR from " + HOME_MME);
        // the joined answer carries the same IMEI: one alert, not two
        assertThat(apply(sig.ula(30.1, IMSI, MSISDN, HOME_MME, HOME_REALM, HOME_PLMN, OTHER_IMEI))).isEmpty();
        // S13: the EIR check reports the handset too
        List<AlertEvent> again = apply(sig.record(sig.diameter(40, DiameterCommand.ME_IDENTITY_CHECK,
                DiameterCommand.APP_S13, true, IMSI).originHost(HOME_MME).originRealm(HOME_REALM)
                .imei(Imei.of(IMEI)).build()));
        assertThat(rules(again)).containsExactly("deviceSwap");
    }

    @Test
    void aForeignUlrMomentsAfterHomeWithoutAuthenticationIsAHijack() {
        attachedAtHome(0, IMSI, IMEI);
        List<AlertEvent> raised = apply(sig.ulr(5, IMSI, UK_MME, UK_REALM, "23415", null));
        assertThat(rules(raised)).containsExactly("locationHijack");
        AlertEvent a = raised.get(0);
        assertThat(a.severity()).isEqualTo(AlertEvent.Severity.CRITICAL);
        assertThat(a.title()).contains("over S6a").contains("23415");
        assertThat(a.evidence()).extracting(AlertEvent.Evidence::text).anyMatch(d -> d.contains("impossible travel"))
                .anyMatch(d -> d.contains("no Authentication-Information-Request"));
        assertThat(state().riskKind).isEqualTo(SubscriberState.RiskKind.LOCATION_HIJACK);
        assertThat(state().abroad).isTrue();
    }

    @Test
    void aPartnersTravelTimeByPlmnMakesAFastTripImpossible() {
        // The trip of anOrdinaryTripOnLteIsNotAnAlert (5 hours, authenticated), to a partner 12 hours away
        detector = detector(new io.swapguard.engine.DetectorConfig(null, null, null, null, null, null,
                new io.swapguard.engine.DetectorConfig.NetworkConfig(null, null, null, null, null, List.of(
                        new io.swapguard.engine.DetectorConfig.PartnerConfig("UK", List.of("44"),
                                java.time.Duration.ofHours(12), List.of("234015")))), null, null, null, null));
        attachedAtHome(0, IMSI, IMEI);
        apply(sig.air(300, IMSI, UK_MME, UK_REALM, "23415"));
        List<AlertEvent> raised = apply(sig.ulr(300.1, IMSI, UK_MME, UK_REALM, "23415", null));
        assertThat(rules(raised)).containsExactly("locationHijack");
        assertThat(raised.get(0).evidence()).extracting(AlertEvent.Evidence::text)
                .anyMatch(d -> d.contains("the trip takes at least 720 min"));
    }

    @Test
    void aRealmThatIsNotTheClaimedPlmnIsOneMoreSign() {
        attachedAtHome(0, IMSI, IMEI);
        // authenticated first and after a plausible trip: only the realm/PLMN mismatch is left
        apply(sig.air(300, IMSI, UK_MME, UK_REALM, "26202"));
        List<AlertEvent> raised = apply(sig.ulr(300.1, IMSI, UK_MME, UK_REALM, "26202", null));
        assertThat(rules(raised)).containsExactly("locationHijack");
        assertThat(raised.get(0).severity()).isNotEqualTo(AlertEvent.Severity.CRITICAL);
        assertThat(raised.get(0).evidence()).extracting(AlertEvent.Evidence::text)
                .anyMatch(d -> d.contains("Origin-Realm " + UK_REALM + " is not the claimed Visited-PLMN-Id 26202"));
    }

    @Test
    void anOrdinaryTripOnLteIsNotAnAlert() {
        attachedAtHome(0, IMSI, IMEI);
        apply(sig.air(300, IMSI, UK_MME, UK_REALM, "23415"));
        assertThat(apply(sig.ulr(300.1, IMSI, UK_MME, UK_REALM, "23415", IMEI),
                sig.ula(300.2, IMSI, MSISDN, UK_MME, UK_REALM, "23415", IMEI))).isEmpty();
        assertThat(state().abroad).isTrue();
        // and home again
        assertThat(apply(sig.ulr(600, IMSI, HOME_MME, HOME_REALM, HOME_PLMN, IMEI))).isEmpty();
        assertThat(state().abroad).isFalse();
    }

    @Test
    void movingBetween2gAnd4gIsNotASwap() {
        atHome(0); // MAP: SAI, UL, ISD, UL result
        attachedAtHome(10, IMSI, IMEI); // then LTE with the same SIM and handset
        atHome(20);
        assertThat(alerts).isEmpty();
    }

    @Test
    void hssCommandsFromAForeignRealmAreCategory1() {
        attachedAtHome(0, IMSI, IMEI);
        List<AlertEvent> raised = apply(sig.record(sig.diameter(10, DiameterCommand.INSERT_SUBSCRIBER_DATA,
                DiameterCommand.APP_S6A, true, IMSI).originHost("hss.evil." + UK_REALM).originRealm(UK_REALM)
                .destinationHost(HOME_MME).build()));
        assertThat(rules(raised)).containsExactly("category1");
        assertThat(raised.get(0).title()).contains("IDR").contains("interconnect realm " + UK_REALM);
        // the same from our own HSS is ordinary
        assertThat(apply(sig.record(sig.diameter(11, DiameterCommand.CANCEL_LOCATION, DiameterCommand.APP_S6A, true,
                IMSI).originHost(HSS).originRealm(HOME_REALM).build()))).isEmpty();
        // (a day after the first, so a new incident rather than a sign joining it)
        assertThat(rules(apply(sig.record(sig.diameter(10 + 24 * 60, DiameterCommand.CANCEL_LOCATION, DiameterCommand.APP_S6A,
                true, IMSI).originHost("x." + UK_REALM).originRealm(UK_REALM).build())))).containsExactly("category1");
    }

    @Test
    void anOtpOverSgdToTheSwappedSimIsWatched() {
        attachedAtHome(0, IMSI, IMEI);
        apply(sig.ulr(30, NEW_IMSI, HOME_MME, HOME_REALM, HOME_PLMN, IMEI),
                sig.ula(30.1, NEW_IMSI, MSISDN, HOME_MME, HOME_REALM, HOME_PLMN, IMEI));
        List<AlertEvent> raised = apply(sig.record(sig.diameter(35, DiameterCommand.MT_FORWARD_SHORT_MESSAGE,
                DiameterCommand.APP_SGD, true, NEW_IMSI).originHost("smsc1." + HOME_REALM).originRealm(HOME_REALM)
                .destinationHost(HOME_MME).sms(ShortMessage.single(ShortMessage.Type.DELIVER,
                        SmsAddress.alphanumeric("BCA"), null, 0, "BCA: kode OTP 482913 jangan berikan"))
                .build()));
        assertThat(rules(raised)).containsExactly("otpWatch");
        assertThat(raised.get(0).title()).contains("OTP from BCA delivered to").contains("after a SIM swap");
        assertThat(raised.get(0).evidence().get(1).text()).contains("over SGd").contains(HOME_MME);
        assertThat(state().lastOtpSender).isEqualTo("BCA");
    }

    @Test
    void withHomeRealmsListedAnyOtherRealmIsInterconnect() {
        detector = detector(new io.swapguard.engine.DetectorConfig(null, null, null, null, null, null,
                new io.swapguard.engine.DetectorConfig.NetworkConfig(null, null, null, null, null, null,
                        List.of("operator.example")), null, null, null, null));
        attachedAtHome(0, IMSI, IMEI);
        assertThat(apply(sig.record(sig.diameter(10, DiameterCommand.INSERT_SUBSCRIBER_DATA, DiameterCommand.APP_S6A,
                true, IMSI).originHost("hss2.operator.example").originRealm("operator.example").build()))).isEmpty();
        assertThat(rules(apply(sig.record(sig.diameter(11, DiameterCommand.INSERT_SUBSCRIBER_DATA,
                DiameterCommand.APP_S6A, true, IMSI).originHost("probe.tracker.example").originRealm("tracker.example")
                .build())))).containsExactly("category1");
    }

    @Test
    void aSimSwapSeenOnlyInAnS6cAnswer() {
        attachedAtHome(0, IMSI, IMEI);
        List<AlertEvent> raised = apply(sig.record(sig.diameter(30, DiameterCommand.SEND_ROUTING_INFO_FOR_SM,
                DiameterCommand.APP_S6C, false, NEW_IMSI).resultCode(2001).originHost(HSS).originRealm(HOME_REALM)
                .msisdn(io.swapguard.event.Msisdn.of(MSISDN)).build()));
        assertThat(rules(raised)).containsExactly("simSwap");
        assertThat(raised.get(0).evidence().get(1).text()).contains("SRA (S6c)");
    }

    @Test
    void aRefusedUpdateLocationChangesNothing() {
        attachedAtHome(0, IMSI, IMEI);
        assertThat(apply(sig.record(sig.diameter(30, DiameterCommand.UPDATE_LOCATION, DiameterCommand.APP_S6A, false,
                NEW_IMSI).resultCode(5420).originHost(HSS).originRealm(HOME_REALM)
                .msisdn(io.swapguard.event.Msisdn.of(MSISDN)).build()))).isEmpty();
        assertThat(state().imsi).isEqualTo(Long.parseLong(IMSI));
    }

    private io.swapguard.event.EventRecord tfr(double minutes, String host, String realm, String sender, String text) {
        return sig.record(sig.diameter(minutes, DiameterCommand.MT_FORWARD_SHORT_MESSAGE, DiameterCommand.APP_SGD, true,
                IMSI).originHost(host).originRealm(realm).destinationHost(HOME_MME)
                .sms(ShortMessage.single(ShortMessage.Type.DELIVER, SmsAddress.alphanumeric(sender), null, 0, text))
                .build());
    }

    @Test
    void overSgdALookalikeIsFlaggedAndADomesticSenderFromAForeignRealmIsMasking() {
        attachedAtHome(0, IMSI, IMEI);
        assertThat(apply(tfr(5, "smsc1." + HOME_REALM, HOME_REALM, "BCA", "Transaksi berhasil"))).isEmpty();
        List<AlertEvent> lookalike = apply(tfr(6, "smsc1." + HOME_REALM, HOME_REALM, "8CA", "Akun diblokir"));
        assertThat(rules(lookalike)).containsExactly("lookalikeSender");
        assertThat(lookalike.get(0).evidence().get(0).text()).isEqualTo("SGd MT-Forward-Short-Message with TP-OA '8CA'"
                + " from smsc1." + HOME_REALM + " (realm " + HOME_REALM + ")");
        List<AlertEvent> masked = apply(tfr(7, "iwf." + UK_REALM, UK_REALM, "BCA", "Promo"));
        assertThat(rules(masked)).containsExactly("illegalMasking");
        assertThat(masked.get(0).title()).isEqualTo("Sender ID BCA (Bank Central Asia) over SGd from foreign realm "
                + UK_REALM);
        assertThat(apply(tfr(30, "router.sms.example", "sms.example", "BCA", "Promo")))
                .as("a realm that cannot be told home or foreign").isEmpty();
    }
}
