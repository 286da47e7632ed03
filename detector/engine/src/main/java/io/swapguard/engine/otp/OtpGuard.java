package io.swapguard.engine.otp;

import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.rules.RuleId;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.Msisdn;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Verdicts for OTP SMS before they are delivered (the inline SMPP gate asks, in-process): allow
 * or block an OTP to a number whose SIM was swapped, whose location was hijacked or whose calls
 * were taken over more recently than the policy window. Every verdict says why.
 */
public final class OtpGuard {

    /** Allow or block, with the rule, the evidence and the policy that decided. */
    public record Verdict(boolean allow, boolean otp, String rule, String reason, List<String> evidence,
            String policy) {

        /** Whether no verdict could be had (the state could not be read): the caller's failure policy decides. */
        public boolean noState() {
            return reason.startsWith(NO_STATE);
        }
    }

    static final String NO_STATE = "state unavailable: ";

    /** What a verdict did, for counting: an OTP allowed or blocked, or an SMS that is no OTP. */
    public enum Action {
        ALLOW, BLOCK, PASS;

        /** Lower-case name, as in metrics. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The rules a verdict can name: the guard itself, or the rule whose risk decided. */
    public static final List<String> VERDICT_RULES = List.of("otpGuard", RuleId.SIM_SWAP.id(),
            RuleId.LOCATION_HIJACK.id(), RuleId.CALL_FORWARDING.id());

    private final DetectorConfig.OtpGuardConfig config;
    private final SubscriberStore store;
    private final Supplier<SenderRegistry> registry;
    private final LongAdder[] verdicts = new LongAdder[Action.values().length * VERDICT_RULES.size()];

    /**
     * @param registry the sender registry in use (the detector's, which follows its file)
     */
    public OtpGuard(DetectorConfig.OtpGuardConfig config, SubscriberStore store, Supplier<SenderRegistry> registry) {
        this.config = config;
        this.store = store;
        this.registry = registry;
        for (int i = 0; i < verdicts.length; i++) {
            verdicts[i] = new LongAdder();
        }
    }

    /** The live counter of verdicts with {@code action} decided by {@code rule} (one of {@link #VERDICT_RULES}). */
    public LongAdder verdictCounter(Action action, String rule) {
        int r = Math.max(0, VERDICT_RULES.indexOf(rule));
        return verdicts[action.ordinal() * VERDICT_RULES.size() + r];
    }

    /**
     * Decides for one SMS.
     *
     * @param destination the recipient's MSISDN
     * @param sender the sender ID (registered senders may have their own window)
     * @param text the message, classified as OTP or not
     * @param nowNanos the SMS's time (event time, so replays decide the same)
     */
    public Verdict check(Msisdn destination, String sender, String text, long nowNanos) {
        Verdict v = decide(destination, sender, text, nowNanos);
        verdictCounter(!v.otp() ? Action.PASS : v.allow() ? Action.ALLOW : Action.BLOCK, v.rule()).increment();
        return v;
    }

    private Verdict decide(Msisdn destination, String sender, String text, long nowNanos) {
        SenderRegistry.Sender registered = registry.get().registered(sender);
        boolean otp = OtpClassifier.isOtp(text, registered != null && registered.otp());
        if (!otp) {
            return new Verdict(true, false, "otpGuard", "not an OTP", List.of(), "only OTP SMS are guarded");
        }
        long window = registered != null && registered.otpWindow() != null ? registered.otpWindow().toNanos()
                : config.window().toNanos();
        String policy = "window " + (window / 3_600_000_000_000L) + "h"
                + (registered != null && registered.otpWindow() != null ? " (" + registered.id() + ")" : "")
                + (config.includeProvisionedSwaps() ? ", store SIM replacements count" : "");
        SubscriberState s;
        try {
            s = store.get(Long.parseLong(destination.digits()));
        } catch (RuntimeException e) {
            return new Verdict(config.failOpen(), true, "otpGuard", NO_STATE + e.getMessage(), List.of(),
                    config.failOpen() ? "fail open" : "fail closed");
        }
        if (s == null || s.riskKind == SubscriberState.RiskKind.NONE) {
            return new Verdict(true, true, "otpGuard", "no recent risky change", List.of(), policy);
        }
        boolean counts = s.riskKind != SubscriberState.RiskKind.PROVISIONED_SWAP || config.includeProvisionedSwaps();
        long age = nowNanos - s.riskTime;
        if (!counts || age > window || age < 0) {
            return new Verdict(true, true, "otpGuard", "last risky change older than the window", List.of(), policy);
        }
        String rule = switch (s.riskKind) {
            case SIM_SWAP, PROVISIONED_SWAP -> RuleId.SIM_SWAP.id();
            case LOCATION_HIJACK -> RuleId.LOCATION_HIJACK.id();
            case CALL_FORWARDING -> RuleId.CALL_FORWARDING.id();
            default -> "otpGuard";
        };
        String what = switch (s.riskKind) {
            case SIM_SWAP -> "SIM swapped without a trusted record";
            case PROVISIONED_SWAP -> "SIM replaced in a store";
            case LOCATION_HIJACK -> "location claimed by a foreign network while at home";
            case CALL_FORWARDING -> "call forwarding taken over";
            default -> "risky change";
        };
        return new Verdict(false, true, rule, what + " " + (age / 60_000_000_000L) + " min ago",
                List.of("journal index 0x" + Long.toHexString(s.riskIndex)), policy);
    }
}
