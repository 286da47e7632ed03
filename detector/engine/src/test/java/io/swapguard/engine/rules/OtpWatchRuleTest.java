package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_VLR;
import static io.swapguard.engine.Signals.SMSC;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.Change;
import io.swapguard.engine.Signals;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** otpWatch and the de-duplication of alerts on hand-made signalling: what fires, what must not, and the state it leaves. */
class OtpWatchRuleTest extends RuleTest {
    @Test
    void theOtpsToAFreshlySwappedSimAreOneIncident() {
        atHome(0);
        apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
        String otp = "Kode OTP Anda 483920. JANGAN BERIKAN kode ini kepada siapapun.";
        List<AlertEvent> raised = apply(sig.mtSms(65, SMSC, HOME_VLR, MSISDN, NEW_IMSI, "BCA", otp),
                sig.mtSms(66, SMSC, HOME_VLR, MSISDN, NEW_IMSI, "BCA", otp));
        assertThat(rules(raised)).containsExactly("otpWatch");
        assertThat(raised.get(0).evidence().get(0).timeNanos()).isEqualTo(Signals.at(60));
        assertThat(raised.get(0).title()).contains("5 min after a SIM swap");
        assertThat(state().lastOtpSender).isEqualTo("BCA");
        // A later OTP joins the incident; past the sender's own OTP window (GOPAY: 24 h) it is no sign at all.
        assertThat(apply(sig.mtSms(80, SMSC, HOME_VLR, MSISDN, NEW_IMSI, "BCA", otp))).isEmpty();
        assertThat(state().incidentCount[RuleId.OTP_WATCH.ordinal()]).isEqualTo(3);
        assertThat(apply(sig.mtSms(60 + 25 * 60, SMSC, HOME_VLR, MSISDN, NEW_IMSI, "GOPAY", otp))).isEmpty();
    }

    @Test
    void applyingTheSameEventTwiceChangesNothing() {
        atHome(0);
        EventRecord swap = sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR);
        assertThat(detector.apply(swap)).hasSize(1);
        byte[] before = state().encode();
        assertThat(detector.apply(swap)).isEmpty();
        assertThat(state().encode()).isEqualTo(before);
    }

    @Test
    void anUncommittedChangeLeavesTheStoreAsItWas() {
        atHome(0);
        byte[] before = state().encode();
        Change change = detector.process(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
        assertThat(change.alerts()).hasSize(1);
        assertThat(state().encode()).isEqualTo(before);
        change.commit();
        assertThat(state().imsi).isEqualTo(Long.parseLong(NEW_IMSI));
    }
}
