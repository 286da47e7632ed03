package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_VLR;
import static io.swapguard.engine.Signals.SMSC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.InvalidSettingException;
import io.swapguard.engine.Signals;
import io.swapguard.engine.otp.OtpGuard;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.Msisdn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules in monitor mode (detector.rules.monitor): they say what they would alert and change nothing else. */
class MonitorModeTest extends RuleTest {

    static final String OTP = "Kode OTP Anda 483920. JANGAN BERIKAN kode ini kepada siapapun.";

    static DetectorConfig monitoring(String... rules) {
        return new DetectorConfig(null, null, null, null, null, null, null, null, null,
                new DetectorConfig.RulesConfig(null, null, null, null, null, null, null, null, List.of(rules)), null);
    }

    OtpGuard guard() {
        return new OtpGuard(DetectorConfig.defaults().otpGuard(), store, detector::registry);
    }

    @Test
    void aSwapFoundInMonitorModeIsAWouldAlertAndBlocksNoOtp() {
        detector = detector(monitoring("simSwap"));
        atHome(0);
        List<AlertEvent> raised = apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
        assertThat(rules(raised)).containsExactly("simSwap");
        assertThat(raised.get(0).monitored()).isTrue();
        // The fact is kept (the bank API answers from it), the risk is not: the OTP gate lets OTPs pass
        // and the OTP watch sees no risky change behind them.
        assertThat(state().imsi).isEqualTo(Long.parseLong(NEW_IMSI));
        assertThat(state().riskKind).isEqualTo(SubscriberState.RiskKind.NONE);
        assertThat(guard().check(Msisdn.of(MSISDN), "BCA", OTP, Signals.at(65)).allow()).isTrue();
        assertThat(apply(sig.mtSms(65, SMSC, HOME_VLR, MSISDN, NEW_IMSI, "BCA", OTP))).isEmpty();
    }

    @Test
    void theSameSwapWithTheRuleEnforcingAlertsPutsAtRiskAndBlocks() {
        atHome(0);
        List<AlertEvent> raised = apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
        assertThat(raised).singleElement().satisfies(a -> assertThat(a.monitored()).isFalse());
        assertThat(state().riskKind).isEqualTo(SubscriberState.RiskKind.SIM_SWAP);
        assertThat(guard().check(Msisdn.of(MSISDN), "BCA", OTP, Signals.at(65)).allow()).isFalse();
        assertThat(rules(apply(sig.mtSms(65, SMSC, HOME_VLR, MSISDN, NEW_IMSI, "BCA", OTP))))
                .containsExactly("otpWatch");
    }

    @Test
    void onlyTheListedRuleIsMonitored() {
        detector = detector(monitoring("otpWatch"));
        atHome(0);
        List<AlertEvent> swap = apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
        assertThat(swap).singleElement().satisfies(a -> assertThat(a.monitored()).isFalse());
        List<AlertEvent> otp = apply(sig.mtSms(65, SMSC, HOME_VLR, MSISDN, NEW_IMSI, "BCA", OTP));
        assertThat(otp).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("otpWatch");
            assertThat(a.monitored()).isTrue();
        });
    }

    @Test
    void anUnknownRuleNameIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> monitoring("simswap")).isInstanceOfSatisfying(InvalidSettingException.class,
                e -> assertThat(e.key()).isEqualTo("monitor")).hasMessageContaining("'simswap' is no rule");
    }
}
