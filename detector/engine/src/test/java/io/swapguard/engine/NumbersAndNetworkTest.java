package io.swapguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.event.Imei;
import io.swapguard.event.Imsi;
import io.swapguard.event.Msisdn;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Identities as the state keeps and alerts show them; what is home, foreign and one partner. */
class NumbersAndNetworkTest {

    @Test
    void identitiesAsLongsAndAlwaysMaskedInText() {
        assertThat(Numbers.asLong(Imsi.of("510100000000042"))).isEqualTo(510100000000042L);
        assertThat(Numbers.asLong(Msisdn.of("6281100000042"))).isEqualTo(6281100000042L);
        assertThat(Numbers.imei14(Imei.of("353325091234567"))).as("the check digit dropped").isEqualTo(35332509123456L);
        assertThat(Numbers.gtLong("6281100101")).isEqualTo(6281100101L);
        assertThat(Numbers.gtLong("0")).isZero();
        assertThat(Numbers.gtLong("")).isZero();
        assertThat(Numbers.gtLong(null)).isZero();
        assertThat(Numbers.gtLong("62811a")).as("a TBCD filler or hex digit").isZero();
        assertThat(Numbers.gtLong("62811/")).as("just below '0'").isZero();
        assertThat(Numbers.gtLong("62811:")).as("just above '9'").isZero();
        assertThat(Numbers.gtLong("123456789012345678")).isEqualTo(123456789012345678L);
        assertThat(Numbers.gtLong("1234567890123456789")).as("19 digits may not fit").isZero();
        assertThat(Numbers.mask(0)).isEqualTo("(none)");
        assertThat(Numbers.mask(510100000000042L)).isEqualTo("51010********42");
        assertThat(Numbers.num(6281100000042L)).isEqualTo("62811******42");
        assertThat(Numbers.num(Msisdn.of("6281100000042"))).isEqualTo("62811******42");
        assertThat(Numbers.num(Imsi.of("510100000000042"))).isEqualTo("51010********42");
        assertThat(Numbers.num(Imei.of("35332509123456"))).isEqualTo("35332509******");
    }

    @Test
    void diameterRealmsAndPlmns() {
        Network plain = new Network(new DetectorConfig.NetworkConfig("62", List.of("51010"), null, null, null, null));
        assertThat(Network.realmPlmn("epc.mnc015.mcc234.3gppnetwork.org")).isEqualTo("234015");
        assertThat(Network.realmPlmn("mme1.epc.mnc010.mcc510.3gppnetwork.org")).isEqualTo("510010");
        assertThat(Network.realmPlmn("diameter.operator.example")).isNull();
        assertThat(Network.realmPlmn("epc.mncabc.mcc234.3gppnetwork.org")).isNull();
        assertThat(plain.homePlmn("51010")).isTrue();
        assertThat(plain.homePlmn("510010")).as("the MNC as a number").isTrue();
        assertThat(plain.homePlmn("51011")).isFalse();
        assertThat(plain.homeRealm("epc.mnc010.mcc510.3gppnetwork.org")).isTrue();
        assertThat(plain.homeRealm("epc.mnc015.mcc234.3gppnetwork.org")).isFalse();
        assertThat(plain.homeRealm("diameter.operator.example")).as("cannot be told").isNull();
        Network listed = new Network(new DetectorConfig.NetworkConfig("62", List.of("51010"), null, null, null, null,
                List.of("Operator.Example")));
        assertThat(listed.homeRealm("dra1.operator.example")).isTrue();
        assertThat(listed.homeRealm("partner.example")).as("listed home realms make the rest foreign").isFalse();
        assertThat(listed.homeRealm("epc.mnc010.mcc510.3gppnetwork.org")).isTrue();
        assertThatThrownBy(() -> new DetectorConfig.NetworkConfig(null, null, null, null, null, null,
                List.of("not a realm"))).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("is not a Diameter realm");
    }

    @Test
    void homeForeignAndPartners() {
        DetectorConfig.NetworkConfig cfg = new DetectorConfig.NetworkConfig("62", List.of("51010"),
                List.of("62811", "62812"), List.of(), Duration.ofHours(1), List.of(
                        new DetectorConfig.PartnerConfig("Singtel", List.of("6596", "6597"), Duration.ofHours(2)),
                        new DetectorConfig.PartnerConfig("Maxis", List.of("6012"), Duration.ofHours(3))));
        Network n = new Network(cfg);
        assertThat(n.config()).isSameAs(cfg);
        assertThat(n.home("6281100101")).isTrue();
        assertThat(n.home("6281200101")).as("the second prefix").isTrue();
        assertThat(n.home("")).as("routed on point code inside the network").isTrue();
        assertThat(n.home("6596000001")).isFalse();
        assertThat(n.minTravelNanos("6597000001")).isEqualTo(Duration.ofHours(2).toNanos());
        assertThat(n.minTravelNanos("6012000001")).isEqualTo(Duration.ofHours(3).toNanos());
        assertThat(n.minTravelNanos("447700900666")).as("no partner: the least travel time").isEqualTo(
                Duration.ofHours(1).toNanos());
        assertThat(n.samePartner("6596000001", "6597000009")).isTrue();
        assertThat(n.samePartner("6596000001", "6012000001")).isFalse();
        assertThat(n.samePartner("447700900666", "447700900777")).as("no partner: the same country code").isTrue();
        assertThat(n.samePartner("447700900666", "449700900777")).isFalse();
        assertThat(n.samePartner("447", "447")).as("too short to tell").isFalse();
    }

    @Test
    void smppAndTpduAddressesNameTheSubscriberInInternationalForm() {
        Network n = new Network(DetectorConfig.defaults().network());
        java.util.function.BiFunction<Integer, String, String> sub = (ton, v) -> {
            io.swapguard.event.Msisdn m = n.subscriber(new io.swapguard.event.SmsAddress(ton, 1, v));
            return m == null ? null : m.digits();
        };
        assertThat(sub.apply(1, "6281234567890")).isEqualTo("6281234567890");
        assertThat(sub.apply(1, "+6281234567890")).isEqualTo("6281234567890");
        assertThat(sub.apply(0, "+6281234567890")).isEqualTo("6281234567890");
        assertThat(sub.apply(0, "006281234567890")).isEqualTo("6281234567890");
        assertThat(sub.apply(2, "081234567890")).isEqualTo("6281234567890");
        assertThat(sub.apply(2, "81234567890")).as("national without trunk prefix").isEqualTo("6281234567890");
        assertThat(sub.apply(0, "081234567890")).as("unknown TON with the trunk prefix").isEqualTo("6281234567890");
        assertThat(sub.apply(0, "6281234567890")).isEqualTo("6281234567890");
        assertThat(sub.apply(0, "3345")).as("a short code").isNull();
        assertThat(sub.apply(1, "62812345678901234")).as("too long for E.164").isNull();
        assertThat(sub.apply(1, "62812x4567890")).isNull();
        assertThat(n.subscriber(io.swapguard.event.SmsAddress.alphanumeric("BCA"))).isNull();
        assertThat(n.subscriber(null)).isNull();
    }
}
