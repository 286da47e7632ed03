package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_VLR;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.Network;
import io.swapguard.engine.Signals;
import io.swapguard.engine.otp.OtpGuard;
import io.swapguard.engine.otp.SubmissionGuard;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.SmppEvent.Decision;
import io.swapguard.event.SmsAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SMS submitted over SMPP: the gate's verdict ({@link SubmissionGuard}) and the detector's
 * alerts on the journalled submission judge masking by the ESME account, lookalikes and OTPs
 * to a freshly swapped number the same way.
 */
class SmppSubmissionTest extends RuleTest {

    static final String OTP = "Kode OTP Anda 483920. JANGAN BERIKAN kode ini kepada siapapun.";
    static final String NATIONAL = "0" + MSISDN.substring(2);

    final SubmissionGuard guard = new SubmissionGuard(DetectorConfig.defaults(),
            new Network(DetectorConfig.defaults().network()),
            new OtpGuard(DetectorConfig.defaults().otpGuard(), store, () -> detector.registry()),
            () -> detector.registry());

    OtpGuard.Verdict judge(String account, String sender, String to, String text, double minutes) {
        SmsAddress dest = to.startsWith("0") ? new SmsAddress(SmsAddress.TON_NATIONAL, 1, to)
                : SmsAddress.international(to);
        return guard.judge(account, SmsAddress.alphanumeric(sender), dest, text, Signals.at(minutes));
    }

    @Test
    void aRegisteredSenderFromAnotherAccountIsMaskingForTheGateAndTheDetector() {
        atHome(0);
        OtpGuard.Verdict v = judge("cheap-bulk", "BCA", MSISDN, "Promo", 5);
        assertThat(v.allow()).isFalse();
        assertThat(v.rule()).isEqualTo("illegalMasking");
        assertThat(v.reason()).contains("cheap-bulk");
        assertThat(v.evidence()).containsExactly("authorised: bca-otp");
        List<AlertEvent> raised = apply(sig.submit(5, "cheap-bulk", "BCA", MSISDN, "Promo", Decision.BLOCKED));
        assertThat(rules(raised)).containsExactly("illegalMasking");
        assertThat(raised.get(0).title()).contains("BCA").contains("cheap-bulk");
        assertThat(raised.get(0).evidence().get(0).text()).contains("submit_sm").contains("blocked")
                .contains("authorised: bca-otp");
    }

    @Test
    void aMaskingRuleInMonitorModeIsNamedAsMonitoredForTheGate() {
        DetectorConfig monitoring = MonitorModeTest.monitoring("illegalMasking");
        SubmissionGuard rollout = new SubmissionGuard(monitoring, new Network(monitoring.network()),
                new OtpGuard(monitoring.otpGuard(), store, () -> detector.registry()), () -> detector.registry());
        OtpGuard.Verdict v = rollout.judge("cheap-bulk", SmsAddress.alphanumeric("BCA"), SmsAddress.international(MSISDN),
                "Promo", Signals.at(5));
        assertThat(v.rule()).isEqualTo("illegalMasking");
        assertThat(rollout.monitors(v.rule())).isTrue();
        assertThat(guard.monitors(v.rule())).isFalse();
    }

    @Test
    void theAuthorisedAccountAndASenderWithoutAccountsPass() {
        atHome(0);
        assertThat(judge("bca-otp", "BCA", MSISDN, "Transaksi berhasil", 5).allow()).isTrue();
        // GOPAY lists no ESME accounts: it is not restricted on SMPP.
        assertThat(judge("anyone", "GOPAY", MSISDN, "Saldo Anda", 5).allow()).isTrue();
        assertThat(apply(sig.submit(5, "bca-otp", "BCA", MSISDN, "Transaksi berhasil", Decision.ALLOWED),
                sig.submit(6, "anyone", "GOPAY", MSISDN, "Saldo Anda", Decision.ALLOWED))).isEmpty();
    }

    @Test
    void aConfusableSenderIsALookalikeEvenFromAnUnlistedAccount() {
        atHome(0);
        // Cyrillic В, С and А: what an SMPP source_addr can carry in UCS2.
        OtpGuard.Verdict v = judge("cheap-bulk", "\u0412\u0421\u0410", MSISDN, "Akun diblokir", 5);
        assertThat(v.allow()).isFalse();
        assertThat(v.rule()).isEqualTo("lookalikeSender");
        assertThat(rules(apply(sig.submit(5, "cheap-bulk", "\u0412\u0421\u0410", MSISDN, "Akun diblokir",
                Decision.BLOCKED)))).containsExactly("lookalikeSender");
        assertThat(judge("cheap-bulk", "TOKOPEDIA", MSISDN, "Pesanan dikirim", 5).allow()).isTrue();
    }

    @Test
    void anOtpToAFreshlySwappedNumberIsBlockedAndTheDetectorSaysItWasStopped() {
        atHome(0);
        apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
        // The bank writes the number nationally: it is the same subscriber.
        OtpGuard.Verdict v = judge("bca-otp", "BCA", NATIONAL, OTP, 65);
        assertThat(v.allow()).isFalse();
        assertThat(v.rule()).isEqualTo("simSwap");
        assertThat(v.reason()).contains("5 min ago");
        List<AlertEvent> raised = apply(sig.submit(65, "bca-otp", "BCA", NATIONAL, OTP, Decision.BLOCKED));
        assertThat(rules(raised)).containsExactly("otpWatch");
        assertThat(raised.get(0).title()).contains("stopped for").contains("5 min after a SIM swap");
        // A blocked OTP never reached the subscriber: it is not the last OTP delivered.
        assertThat(state().lastOtpTime).isZero();
        assertThat(judge("bca-otp", "BCA", NATIONAL, "Terima kasih telah bertransaksi", 65).allow()).isTrue();
    }

    @Test
    void anOtpForwardedInMonitorModeIsWatchedAsDelivered() {
        atHome(0);
        apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
        List<AlertEvent> raised = apply(sig.submit(70, "bca-otp", "BCA", MSISDN, OTP, Decision.MONITORED));
        assertThat(raised.get(0).title()).contains("submitted to").contains("10 min after a SIM swap");
        assertThat(raised.get(0).evidence().get(1).text()).contains("monitored");
        assertThat(state().lastOtpTime).isEqualTo(Signals.at(70));
        assertThat(state().lastOtpSender).isEqualTo("BCA");
    }

    @Test
    void shortCodesAndUnknownNumbersAreNotSubscribers() {
        assertThat(judge("bca-otp", "BCA", "3345", OTP, 5).reason()).contains("not a subscriber");
        // A number nobody has seen: nothing to judge, nothing stored.
        assertThat(judge("bca-otp", "BCA", "6281100000777", OTP, 5).allow()).isTrue();
        assertThat(apply(sig.submit(5, "bca-otp", "BCA", "6281100000777", OTP, Decision.ALLOWED))).isEmpty();
    }
}
