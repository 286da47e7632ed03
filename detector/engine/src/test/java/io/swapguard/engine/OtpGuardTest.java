package io.swapguard.engine;

import static io.swapguard.engine.Signals.HOME_VLR;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.otp.OtpClassifier;
import io.swapguard.engine.otp.OtpGuard;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.Msisdn;
import io.swapguard.event.ProvisioningEvent.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OtpGuardTest {

    static final String MSISDN = io.swapguard.engine.rules.RuleTest.MSISDN;
    static final String OTP = "BCA: kode verifikasi 552310 berlaku 5 menit. Jangan berikan kepada siapapun.";

    final Signals sig = new Signals();
    final SubscriberStore store = SubscriberStore.inMemory(100);
    final SenderRegistry registry = TestSenders.shipped();

    @AfterEach
    void close() {
        store.close();
    }

    OtpGuard guard(DetectorConfig config) {
        Detector d = new Detector(config, store, registry);
        d.apply(sig.isd(0, MSISDN, io.swapguard.engine.rules.RuleTest.IMSI, HOME_VLR));
        d.apply(sig.isd(60, MSISDN, io.swapguard.engine.rules.RuleTest.NEW_IMSI, HOME_VLR)); // a SIM swap at minute 60
        return new OtpGuard(config.otpGuard(), store, d::registry);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Kode OTP Anda 483920. JANGAN BERIKAN kode ini kepada siapapun.",
        "Your BCA one-time password is 009911. Do not share it with anyone.",
        "Gunakan kode verifikasi 7731 untuk masuk.",
        "123456 is your verification code",
        "Password sekali pakai: 88213344 (rahasia)",
    })
    void otpWordingWithACodeIsAnOtp(String text) {
        assertThat(OtpClassifier.isOtp(text, false)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Transaksi Rp150.000 berhasil. Terima kasih.",
        "Promo BCA: cashback 20% hari ini. Info 1500888",
        "see you at 8",
        "Your code is ready",
        "Kode promo HEMAT untuk Anda",
        "Saldo Anda 1.250.000,00 per 29/11",
    })
    void textsWithoutACodeOrWordingAreNot(String text) {
        assertThat(OtpClassifier.isOtp(text, false)).isFalse();
    }

    @Test
    void aRegisteredOtpSenderNeedsOnlyACodeAndTheWordCode() {
        assertThat(OtpClassifier.isOtp("Your code: 4411", true)).isTrue();
        assertThat(OtpClassifier.isOtp("Your code: 4411", false)).isFalse();
    }

    @Test
    void anOtpToAFreshlySwappedNumberIsBlockedWithRuleEvidenceAndPolicy() {
        OtpGuard guard = guard(DetectorConfig.defaults());
        OtpGuard.Verdict v = guard.check(Msisdn.of(MSISDN), "BCA", OTP, Signals.at(90));
        assertThat(v.allow()).isFalse();
        assertThat(v.otp()).isTrue();
        assertThat(v.rule()).isEqualTo("simSwap");
        assertThat(v.reason()).isEqualTo("SIM swapped without a trusted record 30 min ago");
        assertThat(v.evidence()).hasSize(1).allMatch(e -> e.startsWith("journal index 0x"));
        assertThat(v.policy()).startsWith("window 72h");
    }

    @Test
    void theWindowEndsTheBlockAndASenderMayHaveItsOwn() {
        OtpGuard guard = guard(DetectorConfig.defaults());
        assertThat(guard.check(Msisdn.of(MSISDN), "BCA", OTP, Signals.at(60 + 71 * 60)).allow()).isFalse();
        assertThat(guard.check(Msisdn.of(MSISDN), "BCA", OTP, Signals.at(60 + 73 * 60)).allow()).isTrue();
        OtpGuard.Verdict gopay = guard.check(Msisdn.of(MSISDN), "GOPAY", "GOPAY: kode OTP 1234", Signals.at(60 + 25 * 60));
        assertThat(gopay.allow()).isTrue();
        assertThat(gopay.policy()).contains("24h (GOPAY)");
    }

    @Test
    void nonOtpAndUnknownNumbersPass() {
        OtpGuard guard = guard(DetectorConfig.defaults());
        OtpGuard.Verdict promo = guard.check(Msisdn.of(MSISDN), "BCA", "Promo: cashback 20%", Signals.at(61));
        assertThat(promo.allow()).isTrue();
        assertThat(promo.otp()).isFalse();
        assertThat(guard.check(Msisdn.of("6281100009999"), "BCA", OTP, Signals.at(61)).allow()).isTrue();
    }

    @Test
    void storeReplacementsCountOnlyWhenThePolicySaysSo() {
        for (boolean include : List.of(true, false)) {
            try (SubscriberStore s = SubscriberStore.inMemory(100)) {
                DetectorConfig config = new DetectorConfig(null, null, null, null, null, null, null, null, null, null,
                        new DetectorConfig.OtpGuardConfig(Duration.ofHours(72), include, null));
                Detector d = new Detector(config, s, registry);
                d.apply(sig.isd(0, MSISDN, io.swapguard.engine.rules.RuleTest.IMSI, HOME_VLR));
                d.apply(sig.provisioning(50, Kind.SIM_REPLACEMENT, MSISDN, io.swapguard.engine.rules.RuleTest.NEW_IMSI,
                        io.swapguard.engine.rules.RuleTest.IMSI, null, "store-201"));
                OtpGuard.Verdict v = new OtpGuard(config.otpGuard(), s, d::registry).check(Msisdn.of(MSISDN), "BCA", OTP,
                        Signals.at(70));
                assertThat(v.allow()).as("includeProvisionedSwaps=" + include).isEqualTo(!include);
                if (include) {
                    assertThat(v.reason()).startsWith("SIM replaced in a store");
                }
            }
        }
    }

    @Test
    void anUnreadableStateFailsOpenOrClosedAsConfigured() {
        for (boolean failOpen : List.of(true, false)) {
            SubscriberStore s = SubscriberStore.inMemory(10);
            DetectorConfig config = new DetectorConfig(null, null, null, null, null, null, null, null, null, null,
                    new DetectorConfig.OtpGuardConfig(null, null, failOpen));
            OtpGuard guard = new OtpGuard(config.otpGuard(), s, () -> registry);
            s.close(); // the store is gone: every read fails
            OtpGuard.Verdict v = guard.check(Msisdn.of(MSISDN), "BCA", OTP, Signals.at(1));
            assertThat(v.allow()).isEqualTo(failOpen);
            assertThat(v.reason()).startsWith("state unavailable");
            assertThat(v.policy()).isEqualTo(failOpen ? "fail open" : "fail closed");
        }
    }
}
