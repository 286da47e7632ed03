package io.swapguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.SmsAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is home, at the edges: PLMN ids of both lengths, home realms and their subdomains, short numbers. */
class NetworkEdgesTest {

    private static Network network(List<String> imsiPrefixes, List<String> homeRealms) {
        return new Network(new DetectorConfig.NetworkConfig(null, imsiPrefixes, null, null, null, null, homeRealms));
    }

    @Test
    void aHomePlmnMayHaveAThreeDigitMnc() {
        Network us = network(List.of("310410"), null);
        assertThat(us.homePlmn("310410")).isTrue();
        Network id = network(List.of("51010"), null);
        assertThat(id.homePlmn("51010")).isTrue();
        assertThat(id.homePlmn("510010")).as("the realm's 3-digit form").isTrue();
        assertThat(network(List.of("5101"), null).homePlmn("51010")).as("a prefix too short to name a PLMN").isFalse();
    }

    @Test
    void listedHomeRealmsAndTheirSubdomainsAreHomeAndTheRestIsNot() {
        Network n = network(null, List.of("Operator.Example"));
        assertThat(n.homeRealm("operator.example")).isTrue();
        assertThat(n.homeRealm("EPC.operator.example")).isTrue();
        assertThat(n.homeRealm("notoperator.example")).as("a suffix, not a subdomain").isFalse();
        assertThat(n.homeRealm("epc.mnc010.mcc510.3gppnetwork.org")).isTrue();
        assertThat(n.homeRealm("epc.mnc015.mcc234.3gppnetwork.org")).isFalse();
        assertThat(n.homeRealm(null)).isNull();
        Network unlisted = network(null, null);
        assertThat(unlisted.homeRealm("operator.example")).as("cannot be told").isNull();
        assertThat(unlisted.homeRealm("epc.mnc015.mcc234.3gppnetwork.org")).isFalse();
    }

    @Test
    void onlyAWellFormed3gppRealmNamesAPlmn() {
        assertThat(Network.realmPlmn("epc.mnc015.mcc234.3gppnetwork.org")).isEqualTo("234015");
        assertThat(Network.realmPlmn("mnc015.mcc234.3gppnetwork.org")).isEqualTo("234015");
        assertThat(Network.realmPlmn("epc.mnc15.mcc234.3gppnetwork.org")).isNull();
        assertThat(Network.realmPlmn("epc.mncabc.mcc234.3gppnetwork.org")).isNull();
        assertThat(Network.realmPlmn("epc.mnc015.mcc2x4.3gppnetwork.org")).isNull();
        assertThat(Network.realmPlmn("epc.mnc015.mcc.3gppnetwork.org")).isNull();
        assertThat(Network.realmPlmn("epc.mnc015.mcc234.example.org")).isNull();
        assertThat(Network.realmPlmn(null)).isNull();
    }

    @Test
    void partnersWithoutAListAreGuessedByCountryCodeOfLongEnoughTitles() {
        Network n = network(null, null);
        assertThat(n.samePartner("3361", "3369")).isTrue();
        assertThat(n.samePartner("336", "33612345")).isFalse();
        assertThat(n.samePartner("33612345", "336")).isFalse();
        assertThat(n.samePartner("33612345", "34612345")).isFalse();
    }

    @Test
    void aSubscriberNumberHasAtLeastSevenDigits() {
        Network n = network(null, null);
        assertThat(n.subscriber(SmsAddress.international("6281234"))).isNotNull();
        assertThat(n.subscriber(SmsAddress.international("628123"))).isNull();
    }
}
