package io.swapguard.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdentityTest {

    @AfterEach
    void restoreMasking() {
        SubscriberMasking.enabled(true);
    }

    @Test
    void identitiesPrintMaskedByDefault() {
        assertThat(Imsi.of("510101234567890")).hasToString("51010********90");
        assertThat(Msisdn.of("6281234567890")).hasToString("62812******90");
        assertThat(Imei.of("353325091234567")).hasToString("35332509*******");
        assertThat(SmsAddress.international("6281234567890")).hasToString("62812******90");
        assertThat(SmsAddress.alphanumeric("BCA")).hasToString("BCA");
        assertThat(SubscriberMasking.text("Kode OTP Anda 483920, berlaku 5 menit"))
                .isEqualTo("Kode OTP Anda ******, berlaku 5 menit");
        String logged = TestEvents.fullMapEvent().toString();
        assertThat(logged).doesNotContain("510109876543210", "6281234567890", "3533250912345678");
    }

    @Test
    void maskingCanBeTurnedOff() {
        SubscriberMasking.enabled(false);
        assertThat(Msisdn.of("6281234567890")).hasToString("6281234567890");
        assertThat(SubscriberMasking.text("OTP 483920")).isEqualTo("OTP 483920");
    }

    @Test
    void identitiesRefuseWhatTheyAreNot() {
        assertThatThrownBy(() -> Imsi.of("51010123456789012")).hasMessageContaining("6..15 digits");
        assertThatThrownBy(() -> Msisdn.of("+6281234")).hasMessageContaining("found '+'");
        assertThatThrownBy(() -> Imei.of("35332509123")).hasMessageContaining("14..16");
        assertThatThrownBy(() -> new GlobalTitle(5, 0, 1, 4, "1")).hasMessageContaining("1..4");
        assertThatThrownBy(() -> MapEvent.builder().opCode(300).build()).hasMessageContaining("opCode");
    }

    @Test
    void imeiKnowsItsParts() {
        Imei sv = Imei.of("3533250912345678");
        assertThat(sv.tac()).isEqualTo("35332509");
        assertThat(sv.isSoftwareVersion()).isTrue();
        assertThat(sv.sameDevice(Imei.of("35332509123456" + sv.checkDigit()))).isTrue();
        assertThat(Imei.of("49015420323751").checkDigit()).isEqualTo(8); // 3GPP TS 23.003 Annex B example
        assertThat(Imsi.of("510101234567890").mccMnc(2)).isEqualTo("51010");
    }

    @Test
    void mapOperationsByCode() {
        assertThat(MapOperation.of(45)).isEqualTo(MapOperation.SEND_ROUTING_INFO_FOR_SM);
        assertThat(MapOperation.of(2).asn1Name()).isEqualTo("updateLocation");
        assertThat(MapOperation.of(200)).isEqualTo(MapOperation.UNKNOWN);
        assertThat(MapOperation.of(-5)).isEqualTo(MapOperation.UNKNOWN);
    }
}
