package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_VLR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.DetectorConfig.PartnerConfig;
import io.swapguard.engine.DetectorConfig.PartnerNodes;
import io.swapguard.engine.InvalidSettingException;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.AlertEvent.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Calling GT is not the claimed VLR" by node, not by prefix: a partner's SMSC, HLR or GMSC
 * sending an UpdateLocation for one of its VLRs is a sign once the partner's nodes are listed; its
 * VLR/MSCs and its interconnect gateways are not.
 */
class PartnerNodesTest extends RuleTest {

    private static final String UK_VLR = "447700900100";
    private static final String UK_OTHER_VLR = "447700900101";
    private static final String UK_SMSC = "447700900900";
    private static final String UK_GATEWAY = "447700000001";
    private static final String UK_UNLISTED = "447700955555";

    private static PartnerConfig uk(PartnerNodes nodes, List<String> gateways) {
        return new PartnerConfig("Vodafone UK", List.of("4477"), Duration.ofHours(1), null, nodes, gateways);
    }

    private void withPartner(PartnerConfig partner) {
        detector = detector(new DetectorConfig(null, null, null, null, null, null,
                new DetectorConfig.NetworkConfig(null, null, null, null, null, List.of(partner)), null, null, null,
                null));
        apply(sig.isd(0, MSISDN, IMSI, HOME_VLR));
    }

    /** An UpdateLocation for the UK VLR from {@code callingGt}, two hours after home, just after its VLR's SAI. */
    private List<AlertEvent> updateLocationFrom(String callingGt) {
        return updateLocationFrom(callingGt, 120);
    }

    private List<AlertEvent> updateLocationFrom(String callingGt, double minute) {
        return apply(sig.sai(minute - 1, IMSI, UK_VLR), sig.ul(minute, IMSI, callingGt, UK_VLR, null));
    }

    @Test
    void withTheVlrsListedThePartnersSmscIsNoVlr() {
        withPartner(uk(new PartnerNodes(List.of("44770090010"), List.of(UK_SMSC), null, null), List.of("4477000")));
        List<AlertEvent> raised = updateLocationFrom(UK_SMSC);
        assertThat(rules(raised)).containsExactly("locationHijack");
        assertThat(raised.get(0).severity()).as("one sign").isEqualTo(Severity.HIGH);
        assertThat(raised.get(0).evidence()).extracting(AlertEvent.Evidence::text).contains("calling GT " + UK_SMSC
                + " (Vodafone UK SMSC) does not match the claimed VLR " + UK_VLR);
    }

    @Test
    void anUnlistedGtInThePartnersRangeIsNoVlrEither() {
        withPartner(uk(new PartnerNodes(List.of("44770090010"), null, null, null), null));
        List<AlertEvent> raised = updateLocationFrom(UK_UNLISTED);
        assertThat(rules(raised)).containsExactly("locationHijack");
        assertThat(raised.get(0).evidence()).extracting(AlertEvent.Evidence::text).contains("calling GT " + UK_UNLISTED
                + " does not match the claimed VLR " + UK_VLR);
    }

    @Test
    void anotherListedVlrOrAGatewayMaySpeakForTheVlr() {
        withPartner(uk(new PartnerNodes(List.of("44770090010"), List.of(UK_SMSC), null, null), List.of("4477000")));
        assertThat(updateLocationFrom(UK_OTHER_VLR)).as("an MSC pool").isEmpty();
        apply(sig.ul(180, IMSI, HOME_VLR, HOME_VLR, null)); // home again
        assertThat(updateLocationFrom(UK_GATEWAY, 300)).as("the partner's STP").isEmpty();
        assertThat(state().abroad).isTrue();
    }

    @Test
    void withoutNodeListsAnyGtOfThePartnerMay() {
        withPartner(uk(null, null));
        assertThat(updateLocationFrom(UK_SMSC)).isEmpty();
    }

    @Test
    void anSaiFromThePartnersSmscDoesNotVouchForItsVlr() {
        withPartner(uk(new PartnerNodes(List.of("44770090010"), List.of(UK_SMSC), null, null), null));
        List<AlertEvent> raised = apply(sig.sai(119, IMSI, UK_SMSC), sig.ul(120, IMSI, UK_VLR, UK_VLR, null));
        assertThat(rules(raised)).containsExactly("locationHijack");
        assertThat(raised.get(0).evidence()).extracting(AlertEvent.Evidence::text)
                .contains("no SendAuthenticationInfo from the claimed VLR's network before the UpdateLocation");
    }

    @Test
    void nodeListsAreGtPrefixesAndTheErrorNamesTheRole() {
        PartnerNodes n = new PartnerNodes(null, null, List.of("447700900001"), List.of("4477009002"));
        assertThat(n.vlrsListed()).isFalse();
        assertThat(n.hlr()).containsExactly("447700900001");
        assertThat(uk(null, null).nodes().vlr()).isEmpty();
        assertThatThrownBy(() -> new PartnerNodes(null, List.of("44-77"), null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessage("'44-77' is not a GT digit prefix")
                .extracting(e -> ((InvalidSettingException) e).key()).isEqualTo("smsc");
        assertThatThrownBy(() -> uk(null, List.of("x"))).isInstanceOf(InvalidSettingException.class)
                .extracting(e -> ((InvalidSettingException) e).key()).isEqualTo("gateways");
    }

    @Test
    void aListedGtIsNamedByItsPartnerAndRole() {
        withPartner(uk(new PartnerNodes(List.of("44770090010"), List.of(UK_SMSC), List.of("4477009000"),
                List.of("4477009005")), List.of("4477000")));
        io.swapguard.engine.Network network = detector.network();
        assertThat(network.partnerRole(UK_SMSC)).isEqualTo("Vodafone UK SMSC");
        assertThat(network.partnerRole("447700900001")).isEqualTo("Vodafone UK HLR");
        assertThat(network.partnerRole("447700900501")).isEqualTo("Vodafone UK GMSC");
        assertThat(network.partnerRole(UK_VLR)).isEqualTo("Vodafone UK VLR/MSC");
        assertThat(network.partnerRole(UK_GATEWAY)).isEqualTo("Vodafone UK gateway");
        assertThat(network.partnerRole(UK_UNLISTED)).isNull();
        assertThat(network.speaksForVlr(UK_VLR, UK_VLR)).isTrue();
        assertThat(network.speaksForVlr("447700900501", UK_VLR)).isFalse();
        assertThat(network.speaksForVlr("33612000111", "33612000222")).as("no partner: by country code").isTrue();
        assertThat(new io.swapguard.engine.Network(new DetectorConfig.NetworkConfig(null, null, null, null, null,
                List.of(new PartnerConfig("", List.of("4477"), null, null,
                        new PartnerNodes(null, List.of(UK_SMSC), null, null), null)))).partnerRole(UK_SMSC))
                .as("an unnamed partner").isEqualTo("SMSC");
    }

    private void withHomeNodes(PartnerNodes home) {
        detector = detector(new DetectorConfig(null, null, null, null, null, null,
                new DetectorConfig.NetworkConfig(null, null, null, null, null, List.of(), null, home), null, null, null,
                null));
        atHome(0);
    }

    @Test
    void withTheHomeSmscsListedAnotherHomeNodeClaimingOneIsSmsFaking() {
        withHomeNodes(new PartnerNodes(List.of("62811001"), List.of(io.swapguard.engine.Signals.SMSC),
                List.of(io.swapguard.engine.Signals.HLR), null));
        // An unregistered sender: only the home node lists tell the HLR's GT is no service centre.
        List<AlertEvent> raised = apply(sig.mtSmsClaiming(5, io.swapguard.engine.Signals.HLR,
                io.swapguard.engine.Signals.SMSC, HOME_VLR, MSISDN, IMSI, "TOKOKU", "Promo"));
        assertThat(rules(raised)).containsExactly("illegalMasking");
        assertThat(raised.get(0).title()).contains("sent by home node " + io.swapguard.engine.Signals.HLR
                + " (home HLR)");
        // The listed SMSC itself is the authorised route.
        assertThat(apply(sig.mtSmsClaiming(6, io.swapguard.engine.Signals.SMSC, io.swapguard.engine.Signals.SMSC,
                HOME_VLR, MSISDN, IMSI, "TOKOKU", "Promo"))).isEmpty();
    }

    @Test
    void withoutHomeNodeListsAHomeNodeIsTrustedAsBefore() {
        withHomeNodes(null);
        assertThat(apply(sig.mtSmsClaiming(5, io.swapguard.engine.Signals.HLR, io.swapguard.engine.Signals.SMSC,
                HOME_VLR, MSISDN, IMSI, "TOKOKU", "Promo"))).isEmpty();
    }

    @Test
    void withTheHomeVlrsListedOnlyTheyMaySpeakForAHomeVlr() {
        io.swapguard.engine.Network home = new io.swapguard.engine.Network(new DetectorConfig.NetworkConfig(null, null,
                null, null, null, List.of(), null, new PartnerNodes(List.of("62811001"), List.of("6281100900"),
                        null, null)));
        assertThat(home.speaksForVlr("6281100102", HOME_VLR)).isTrue();
        assertThat(home.speaksForVlr("6281100900", HOME_VLR)).isFalse();
        assertThat(home.partnerRole("6281100900")).isEqualTo("home SMSC");
        assertThat(home.partnerRole("6281100555")).isNull();
        assertThat(new io.swapguard.engine.Network(DetectorConfig.defaults().network()).speaksForVlr("6281100900",
                HOME_VLR)).as("without lists, any GT of the same network").isTrue();
    }
}
