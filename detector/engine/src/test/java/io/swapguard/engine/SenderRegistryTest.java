package io.swapguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.senders.SenderRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SenderRegistryTest {

    static final SenderRegistry REGISTRY = TestSenders.shipped();

    @Test
    void theShippedRegistryHasItsRoutesAndOverrides() {
        assertThat(REGISTRY.senders()).extracting(SenderRegistry.Sender::id)
                .containsExactly("BCA", "BNI", "MANDIRI", "BRI", "GOPAY");
        SenderRegistry.Sender gopay = REGISTRY.registered("gopay");
        assertThat(gopay.owner()).isEqualTo("GoPay");
        assertThat(gopay.otpWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(REGISTRY.registered("BNI").smscGts()).containsExactly("6281100900", "6281100910");
        assertThat(REGISTRY.registered("BCA").otp()).isTrue();
        assertThat(REGISTRY.registered("BCA").international()).isFalse();
    }

    @ParameterizedTest(name = "{0} imitates {1}")
    @CsvSource({
        "8CA, BCA",          // a digit for a letter
        "B.C.A, BCA",        // punctuation
        "bca-id, BCA",       // a word added with a separator
        "INFO BCA, BCA",
        "MYBCA, BCA",        // a typical word glued on
        "BCAOTP, BCA",
        "\u0412\u0421\u0410, BCA", // Cyrillic ВСА
        "BN1, BNI",
        "MANDlRl, MANDIRI",  // lower-case l for I
        "MANDIRII, MANDIRI", // one edit on a long ID
        "G0PAY, GOPAY",
        "GOPAAY, GOPAY",
    })
    void lookalikesAreRecognised(String id, String imitated) {
        assertThat(REGISTRY.imitated(id, 1)).isNotNull().extracting(SenderRegistry.Sender::id).isEqualTo(imitated);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BCA", "bca", "TOKOPEDIA", "SHOPEE", "BRIGHT", "BCAF", "BNIS", "BPJS", "DANA", "BLIBLI",
        "GRAB", "MANDIRIKU SYARIAH", "X"})
    void registeredIdsAndHonestBrandsAreNot(String id) {
        assertThat(REGISTRY.imitated(id, 1)).isNull();
    }


}
