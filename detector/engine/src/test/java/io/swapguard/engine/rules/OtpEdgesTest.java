package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_VLR;
import static io.swapguard.engine.Signals.SMSC;
import static io.swapguard.engine.Signals.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.Network;
import io.swapguard.engine.TestSenders;
import io.swapguard.engine.otp.OtpGuard;
import io.swapguard.engine.otp.SubmissionGuard;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.Msisdn;
import io.swapguard.event.ShortMessage;
import io.swapguard.event.SmppEvent;
import io.swapguard.event.SmsAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The OTP watch and the OTP guard at the edges of their window, and what their verdicts and alerts say. */
class OtpEdgesTest extends RuleTest {

    private static final String OTP = "Kode OTP BCA Anda 123456. Jangan berikan kepada siapapun";
    private static final double HOURS_72 = 72 * 60;

    /** At home, then a SIM swap at minute 60 (the risk's time). */
    private void swapped() {
        atHome(0);
        apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
    }

    @Test
    void anOtpExactlyAtTheEndOfTheWindowIsWatchedAndAfterItOrBeforeTheRiskIsNot() {
        swapped();
        assertThat(rules(apply(sig.mtSms(60 + HOURS_72, SMSC, HOME_VLR, MSISDN, NEW_IMSI, "BCA", OTP))))
                .containsExactly("otpWatch");
        String other = "6281100000043";
        apply(sig.isd(0, other, "510100000000043", HOME_VLR), sig.isd(60, other, "510109000000043", HOME_VLR));
        assertThat(apply(sig.mtSms(60 + HOURS_72 + 1, SMSC, HOME_VLR, other, "510109000000043", "BCA", OTP)))
                .isEmpty();
        assertThat(apply(sig.mtSms(59, SMSC, HOME_VLR, other, "510109000000043", "BCA", OTP)))
                .as("before the risk (a late event)").isEmpty();
    }

    @Test
    void theWatchSaysWhereTheOtpWentAndWhoStoppedIt() {
        swapped();
        AlertEvent abroad = apply(sig.mtSms(61, SMSC, FOREIGN_GT, MSISDN, NEW_IMSI, "BCA", OTP)).get(0);
        assertThat(abroad.evidence().get(1).text()).endsWith("via MSC " + FOREIGN_GT + " abroad");
        String other = "6281100000043";
        apply(sig.isd(0, other, "510100000000043", HOME_VLR), sig.isd(60, other, "510109000000043", HOME_VLR));
        AlertEvent home = apply(sig.mtSms(61, SMSC, HOME_VLR, other, "510109000000043", "BCA", OTP)).get(0);
        assertThat(home.evidence().get(1).text()).endsWith("via MSC " + HOME_VLR);
        String third = "6281100000044";
        apply(sig.isd(0, third, "510100000000044", HOME_VLR), sig.isd(60, third, "510109000000044", HOME_VLR));
        AlertEvent blocked = apply(sig.record(new SmppEvent(at(61), "gate", SmppEvent.Command.SUBMIT_SM, "bca-otp",
                ShortMessage.single(ShortMessage.Type.SUBMIT, SmsAddress.alphanumeric("BCA"),
                        SmsAddress.international(third), 0, OTP),
                SmppEvent.Decision.BLOCKED, "simSwap", "SIM swapped", 69, 1000))).get(0);
        assertThat(blocked.evidence().get(1).text()).isEqualTo("OTP from BCA by submit_sm from ESME account 'bca-otp' (blocked by"
                + " simSwap)");
        assertThat(blocked.title()).contains("stopped for");
    }

    @Test
    void theGuardBlocksUpToTheLastInstantOfItsWindowAndCountsEachActionApart() {
        swapped();
        OtpGuard guard = new OtpGuard(DetectorConfig.defaults().otpGuard(), store, () -> detector.registry());
        OtpGuard.Verdict last = guard.check(Msisdn.of(MSISDN), "BCA", OTP, at(60 + HOURS_72));
        assertThat(last.allow()).isFalse();
        assertThat(last.noState()).isFalse();
        assertThat(last.reason()).isEqualTo("SIM swapped without a trusted record 4320 min ago");
        assertThat(last.policy()).isEqualTo("window 72h, store SIM replacements count");
        assertThat(guard.check(Msisdn.of(MSISDN), "BCA", OTP, at(60 + HOURS_72 + 1)).allow()).isTrue();
        assertThat(guard.check(Msisdn.of(MSISDN), "BCA", OTP, at(59)).allow()).as("before the swap").isTrue();
        assertThat(guard.check(Msisdn.of(MSISDN), "BCA", OTP, at(60)).allow()).as("at its instant").isFalse();
        assertThat(guard.check(Msisdn.of(MSISDN), "BCA", "Saldo Anda", at(61)).otp()).isFalse();
        assertThat(guard.verdictCounter(OtpGuard.Action.BLOCK, "simSwap").sum()).isEqualTo(2);
        assertThat(guard.verdictCounter(OtpGuard.Action.ALLOW, "simSwap").sum()).isZero();
        assertThat(guard.verdictCounter(OtpGuard.Action.ALLOW, "otpGuard").sum()).isEqualTo(2);
        assertThat(guard.verdictCounter(OtpGuard.Action.PASS, "otpGuard").sum()).isEqualTo(1);
        assertThat(guard.verdictCounter(OtpGuard.Action.BLOCK, "otpGuard").sum()).isZero();
        OtpGuard.Verdict gopay = guard.check(Msisdn.of(MSISDN), "GOPAY", "Kode OTP GoPay 998877, jangan berikan",
                at(61));
        assertThat(gopay.policy()).as("a sender's own window").startsWith("window 24h (GOPAY)");
    }

    @Test
    void aVerdictWithoutStateSaysSo() {
        io.swapguard.engine.state.SubscriberStore gone = io.swapguard.engine.state.SubscriberStore.inMemory(10);
        OtpGuard guard = new OtpGuard(DetectorConfig.defaults().otpGuard(), gone, TestSenders::shipped);
        gone.close();
        assertThat(guard.check(Msisdn.of(MSISDN), "BCA", OTP, at(1)).noState()).isTrue();
    }

    @Test
    void theGateUsesANewRegistryAtOnceAndSendsNoVerdictForNonSubscribers() {
        atHome(0);
        AtomicReference<SenderRegistry> registry = new AtomicReference<>(SenderRegistry.empty());
        SubmissionGuard gate = new SubmissionGuard(DetectorConfig.defaults(), new Network(DetectorConfig.defaults()
                .network()), new OtpGuard(DetectorConfig.defaults().otpGuard(), store, registry::get), registry::get);
        SmsAddress to = SmsAddress.international(MSISDN);
        assertThat(gate.judge("x", SmsAddress.alphanumeric("8CA"), to, "Promo", at(1)).allow()).isTrue();
        registry.set(TestSenders.shipped());
        OtpGuard.Verdict v = gate.judge("x", SmsAddress.alphanumeric("8CA"), to, "Promo", at(2));
        assertThat(v.allow()).isFalse();
        assertThat(v.rule()).isEqualTo("lookalikeSender");
        OtpGuard.Verdict shortCode = gate.judge("x", SmsAddress.alphanumeric("INFO"), SmsAddress.international("3636"),
                OTP, at(3));
        assertThat(shortCode.allow()).isTrue();
        assertThat(shortCode.reason()).isEqualTo("destination is not a subscriber number");
        assertThat(List.of(shortCode.otp())).containsExactly(false);
    }
}
