package io.swapguard.engine.rules;

import static io.swapguard.engine.Numbers.num;

import io.swapguard.engine.Change;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.Network;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.event.AlertEvent.Evidence;
import io.swapguard.event.AlertEvent.Severity;
import io.swapguard.event.Imsi;
import io.swapguard.event.DiameterEvent;
import io.swapguard.event.MapEvent;
import io.swapguard.event.SmppEvent;
import io.swapguard.event.SmsAddress;
import java.util.List;

/**
 * <b>otpWatch</b>: the passive side of the OTP guard. An OTP delivered (MT-ForwardSM) to a
 * subscriber within the OTP window after a SIM swap without a trusted record, a location hijack
 * or a forwarding takeover: the code probably reached the fraudster. The OTPs after the first
 * join its incident; one the gate stopped is a step less severe than one that went through, so
 * a delivered OTP after stopped ones alerts again (an escalation).
 */
public final class OtpWatchRule implements Rule {

    private static final long MINUTE = 60_000_000_000L;

    private final DetectorConfig.Rule settings;
    private final DetectorConfig.OtpGuardConfig guard;
    private final Network network;

    public OtpWatchRule(DetectorConfig config, Network network) {
        this.settings = config.rules().otpWatch();
        this.guard = config.otpGuard();
        this.network = network;
    }

    @Override
    public RuleId id() {
        return RuleId.OTP_WATCH;
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    /** An OTP delivered through {@code msc}; {@code sender} is its registered sender, or null. */
    public void delivered(Change w, MapEvent e, SmsAddress from, SenderRegistry.Sender sender, String msc) {
        watch(w, e.imsi(), from, sender, false, "delivered to", "via MSC " + msc + (network.home(msc) ? "" : " abroad"));
    }

    /** An OTP delivered over SGd (an MT-Forward-Short-Message towards the MME serving the subscriber on LTE). */
    public void deliveredOverSgd(Change w, DiameterEvent e, SmsAddress from, SenderRegistry.Sender sender) {
        watch(w, e.imsi(), from, sender, false, "delivered to", "over SGd from " + e.originHost() + " to MME "
                + e.destinationHost());
    }

    /**
     * SMPP: an OTP submitted for the subscriber; if the gate blocked it the alert says so (the
     * attempt is still evidence that someone is after this number's codes).
     */
    public void submitted(Change w, SmppEvent e, SenderRegistry.Sender sender) {
        boolean stopped = !e.decision().forwarded();
        watch(w, null, e.sms().originator(), sender, stopped, stopped ? "stopped for" : "submitted to",
                "by " + e.command().smppName() + " from ESME account '" + e.account() + "' ("
                        + e.decision().label() + (e.rule().isEmpty() ? "" : " by " + e.rule()) + ")");
    }

    private void watch(Change w, Imsi imsi, SmsAddress from, SenderRegistry.Sender sender, boolean stopped, String verb,
            String how) {
        SubscriberState s = w.state();
        if (!settings.enabled() || s.riskKind == SubscriberState.RiskKind.NONE
                || s.riskKind == SubscriberState.RiskKind.PROVISIONED_SWAP) {
            return;
        }
        long window = sender != null && sender.otpWindow() != null ? sender.otpWindow().toNanos()
                : guard.window().toNanos();
        if (w.time() - s.riskTime > window || w.time() < s.riskTime) {
            return;
        }
        String why = switch (s.riskKind) {
            case SIM_SWAP -> "a SIM swap";
            case LOCATION_HIJACK -> "a location hijack";
            case CALL_FORWARDING -> "a call forwarding takeover";
            default -> "a risky change";
        };
        String who = from == null ? "?" : from.value();
        Severity severity = stopped && settings.severity() != Severity.LOW
                ? Severity.values()[settings.severity().ordinal() - 1] : settings.severity();
        w.followUp(RuleId.OTP_WATCH, s.riskTime, severity, imsi, "OTP from " + who + " " + verb + " " + num(s.msisdn)
                + " " + ((w.time() - s.riskTime) / MINUTE) + " min after " + why,
                List.of(new Evidence(s.riskIndex, s.riskTime, why), w.here("OTP from " + who + " " + how)));
    }
}
