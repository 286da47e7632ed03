package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_MME;
import static io.swapguard.engine.Signals.HOME_REALM;
import static io.swapguard.engine.Signals.HOME_VLR;
import static io.swapguard.engine.Signals.SMSC;
import static io.swapguard.engine.Signals.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.Signals;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.AlertEvent.Severity;
import io.swapguard.event.ComponentType;
import io.swapguard.event.EventRecord;
import io.swapguard.event.Imsi;
import io.swapguard.event.MapEvent;
import io.swapguard.event.MapOperation;
import io.swapguard.event.Msisdn;
import io.swapguard.event.SccpAddress;
import io.swapguard.event.TcapMessageType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * locationHijack at the edges of its windows (home window 12 h, SAI window 10 min, travel 1 h by
 * default), with each sign counted once, and the location state that MAP and SMS leave.
 */
class LocationHijackEdgesTest extends RuleTest {

    private static final String MSISDN_2 = "6281100000077";
    private static final String IMSI_2 = "510100000000077";
    private static final String PARTNER_SMSC = "33612000111";

    private static List<String> evidence(AlertEvent a) {
        return a.evidence().stream().map(AlertEvent.Evidence::text).toList();
    }

    @Test
    void aForeignGtClaimingOneOfOurVlrsIsAHijack() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR));
        List<AlertEvent> raised = apply(sig.ul(10, IMSI, FOREIGN_GT, HOME_VLR, null));
        assertThat(rules(raised)).containsExactly("locationHijack");
        assertThat(raised.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(evidence(raised.get(0))).contains("calling GT " + FOREIGN_GT + " does not match the claimed VLR "
                + HOME_VLR);
        assertThat(state().abroad).isTrue();
    }

    @Test
    void aMismatchedGtAndImpossibleTravelAreTwoSignsEvenAfterAuthentication() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR));
        List<AlertEvent> raised = apply(sig.sai(9.5, IMSI, PARTNER_SMSC), sig.ul(10, IMSI, PARTNER_SMSC, FOREIGN_GT, null));
        assertThat(rules(raised)).containsExactly("locationHijack");
        assertThat(raised.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(evidence(raised.get(0))).contains("impossible travel: at home 600 s earlier, the trip takes at"
                + " least 60 min").noneMatch(t -> t.startsWith("no SendAuthenticationInfo"));
    }

    @Test
    void exactlyTheTravelTimeAfterHomeIsPossibleAndAnSaiExactlyTheWindowBeforeCounts() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR));
        assertThat(apply(sig.sai(50, IMSI, FOREIGN_GT), sig.ul(60, IMSI, FOREIGN_GT, FOREIGN_GT, IMEI))).isEmpty();
        assertThat(state().abroad).isTrue();
        assertThat(state().lastHomePresence).as("abroad is not at home").isEqualTo(at(0));
        apply(sig.ulResult(60.1, IMSI, FOREIGN_GT, IMEI));
        assertThat(state().lastHomePresence).as("nor is the result from abroad").isEqualTo(at(0));
    }

    @Test
    void theHomeWindowIncludesItsLastInstant() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR), sig.isd(0, MSISDN_2, IMSI_2, HOME_VLR));
        List<AlertEvent> raised = apply(sig.ul(720, IMSI, FOREIGN_GT, FOREIGN_GT, null));
        assertThat(rules(raised)).as("12 h after home: still at home lately, and no SAI").containsExactly("locationHijack");
        assertThat(raised.get(0).severity()).as("one sign, configured CRITICAL: HIGH").isEqualTo(Severity.HIGH);
        assertThat(apply(sig.ul(720.5, IMSI_2, FOREIGN_GT, FOREIGN_GT, null))).as("past it: a trip").isEmpty();
    }

    @Test
    void onLteARealmThatIsNotTheClaimedPlmnAndNoAuthenticationAreTwoSigns() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR));
        String ukRealm = DiameterRulesTest.UK_REALM;
        List<AlertEvent> raised = apply(sig.ulr(120, IMSI, "mme7." + ukRealm, ukRealm, "20801", null));
        assertThat(rules(raised)).containsExactly("locationHijack");
        assertThat(raised.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(evidence(raised.get(0))).contains("Origin-Realm " + ukRealm + " is not the claimed Visited-PLMN-Id 20801");
    }

    @Test
    void onLteTheHomeWindowIncludesItsLastInstantToo() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR), sig.isd(0, MSISDN_2, IMSI_2, HOME_VLR));
        String ukRealm = DiameterRulesTest.UK_REALM;
        assertThat(rules(apply(sig.ulr(720, IMSI, "mme7." + ukRealm, ukRealm, "23415", null))))
                .containsExactly("locationHijack");
        assertThat(apply(sig.ulr(720.5, IMSI_2, "mme7." + ukRealm, ukRealm, "23415", null))).isEmpty();
        assertThat(store.get(Long.parseLong(MSISDN_2)).abroad).isTrue();
        assertThat(apply(sig.ulr(800, IMSI_2, HOME_MME, HOME_REALM, DiameterRulesTest.HOME_PLMN, null))).isEmpty();
        assertThat(store.get(Long.parseLong(MSISDN_2)).abroad).isFalse();
    }

    @Test
    void aGprsAttachSetsTheSgsnAndLeavesTheVlr() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR));
        apply(sig.record(MapEvent.builder().captureNanos(at(5)).tapId("test").tcapType(TcapMessageType.BEGIN)
                .component(ComponentType.INVOKE).operation(MapOperation.UPDATE_GPRS_LOCATION).invokeId(1)
                .calling(Signals.gt("6281100150", SccpAddress.SSN_SGSN)).called(Signals.gt(Signals.HLR, 6))
                .imsi(Imsi.of(IMSI)).sgsnNumber("6281100150").build()));
        assertThat(state().sgsn).isEqualTo(6281100150L);
        assertThat(state().vlr).isEqualTo(Long.parseLong(HOME_VLR));
        assertThat(state().abroad).isFalse();
        assertThat(alerts).isEmpty();
    }

    @Test
    void insertSubscriberDataWithoutACalledGtLeavesTheLocation() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR));
        MapEvent isd = (MapEvent) sig.isd(30, MSISDN, IMSI, "6281100103").event();
        apply(sig.record(isd.toBuilder().called(new SccpAddress(false, 1234, 7, null)).build()));
        assertThat(state().vlr).isEqualTo(Long.parseLong(HOME_VLR));
        assertThat(state().lastHomePresence).isEqualTo(at(0));
    }

    @Test
    void smsThroughAHomeMscIsPresenceOnlyForASubscriberNotAbroad() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR), sig.sai(100, IMSI, FOREIGN_GT),
                sig.ul(100.5, IMSI, FOREIGN_GT, FOREIGN_GT, IMEI));
        assertThat(state().abroad).isTrue();
        apply(sig.mtSms(110, SMSC, HOME_VLR, MSISDN, IMSI, "6281299990000", "halo"));
        assertThat(state().lastHomePresence).as("abroad in our state: not moved by an SMS").isEqualTo(at(0));
        apply(sig.isd(200, MSISDN_2, IMSI_2, HOME_VLR), sig.mtSms(210, SMSC, FOREIGN_GT, MSISDN_2, IMSI_2,
                "6281299990000", "halo"));
        assertThat(store.get(Long.parseLong(MSISDN_2)).lastHomePresence).as("through a foreign MSC")
                .isEqualTo(at(200));
    }

    private EventRecord sriSmResult(double minutes, String msisdn, String imsi, String msc) {
        return sig.record(MapEvent.builder().captureNanos(at(minutes)).tapId("t").tcapType(TcapMessageType.END)
                .component(ComponentType.RETURN_RESULT_LAST).operation(MapOperation.SEND_ROUTING_INFO_FOR_SM)
                .calling(Signals.gt(Signals.HLR, 6)).called(Signals.gt(SMSC, 8)).msisdn(Msisdn.of(msisdn))
                .imsi(Imsi.of(imsi)).mscNumber(msc).build());
    }

    @Test
    void smsRoutedAbroadCountsFromTheInstantAtHomeUpToButNotIncludingTheTravelTime() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR), sig.isd(0, MSISDN_2, IMSI_2, HOME_VLR));
        List<AlertEvent> same = apply(sriSmResult(0, MSISDN, IMSI, FOREIGN_GT));
        assertThat(rules(same)).as("the same instant").containsExactly("locationHijack");
        assertThat(evidence(same.get(0))).anyMatch(t -> t.endsWith(" 0 s after the subscriber was at home"));
        assertThat(apply(sriSmResult(60, MSISDN_2, IMSI_2, FOREIGN_GT))).as("a trip of exactly the travel time").isEmpty();
    }

    @Test
    void smsRoutedAbroadSaysHowLongAfterHomeAndAHomeMscIsPresence() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR));
        apply(sriSmResult(30, MSISDN, IMSI, "6281100102"));
        assertThat(state().lastHomePresence).isEqualTo(at(30));
        List<AlertEvent> raised = apply(sriSmResult(59, MSISDN, IMSI, FOREIGN_GT));
        assertThat(evidence(raised.get(0))).anyMatch(t -> t.endsWith(" 1740 s after the subscriber was at home"));
        assertThat(state().abroad).isTrue();
        apply(sriSmResult(70, MSISDN, IMSI, "6281100102"));
        assertThat(state().lastHomePresence).as("routed home, but abroad in our state").isEqualTo(at(30));
    }

    @Test
    void theHomeVlrsRoutineAuthenticationDoesNotVouchForAForeignClaim() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR));
        List<AlertEvent> raised = apply(sig.sai(9, IMSI, HOME_VLR), sig.ul(10, IMSI, FOREIGN_GT, FOREIGN_GT, null));
        assertThat(rules(raised)).containsExactly("locationHijack");
        assertThat(raised.get(0).severity()).as("impossible travel and no SAI from the claimed network")
                .isEqualTo(Severity.CRITICAL);
        assertThat(evidence(raised.get(0))).contains(
                "no SendAuthenticationInfo from the claimed VLR's network before the UpdateLocation");
        assertThat(state().lastSaiGt).isEqualTo(Long.parseLong(HOME_VLR));
    }

    @Test
    void anSaiFromAnotherNodeOfTheClaimedNetworkCountsAndOneFromAThirdNetworkDoesNot() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR), sig.isd(0, MSISDN_2, IMSI_2, HOME_VLR));
        assertThat(apply(sig.sai(119, IMSI, "447700900111"), sig.ul(120, IMSI, FOREIGN_GT, FOREIGN_GT, null)))
                .as("the same partner's other VLR").isEmpty();
        List<AlertEvent> raised = apply(sig.sai(119, IMSI_2, PARTNER_SMSC), sig.ul(120, IMSI_2, FOREIGN_GT, FOREIGN_GT,
                null));
        assertThat(rules(raised)).as("an SAI from France for a claim from the UK").containsExactly("locationHijack");
        assertThat(raised.get(0).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void onLteOnlyAnAuthenticationForTheClaimedPlmnCounts() {
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR), sig.isd(0, MSISDN_2, IMSI_2, HOME_VLR));
        String ukRealm = DiameterRulesTest.UK_REALM;
        assertThat(apply(sig.air(119, IMSI, "mme7." + ukRealm, ukRealm, "23415"),
                sig.ulr(120, IMSI, "mme7." + ukRealm, ukRealm, "23415", null))).isEmpty();
        assertThat(state().lastAirPlmn).isEqualTo(23415);
        List<AlertEvent> raised = apply(sig.air(119, IMSI_2, HOME_MME, HOME_REALM, DiameterRulesTest.HOME_PLMN),
                sig.ulr(120, IMSI_2, "mme7." + ukRealm, ukRealm, "23415", null));
        assertThat(rules(raised)).as("the home MME's AIR says nothing about the UK").containsExactly("locationHijack");
        assertThat(evidence(raised.get(0))).contains(
                "no Authentication-Information-Request for the claimed PLMN before the Update-Location-Request");
    }
}
