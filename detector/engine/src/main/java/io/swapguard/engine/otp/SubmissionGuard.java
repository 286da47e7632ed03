package io.swapguard.engine.otp;

import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.Network;
import io.swapguard.engine.rules.IllegalMaskingRule;
import io.swapguard.engine.rules.RuleId;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.event.Msisdn;
import io.swapguard.event.SmsAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * The inline gate's verdict on one submitted SMS, in the order a fraud engineer reads it: a
 * registered sender ID from an account not authorised for it (illegal masking), a sender ID that
 * imitates a registered one (lookalike, confusables included), then the {@link OtpGuard} on the
 * recipient's recent changes. The same rules, read the same way, judge the journalled SMPP event
 * afterwards, so the alert and the block agree.
 */
public final class SubmissionGuard {

    private final DetectorConfig.RulesConfig rules;
    private final Network network;
    private final OtpGuard otp;
    private final Supplier<SenderRegistry> registry;

    public SubmissionGuard(DetectorConfig config, Network network, OtpGuard otp, Supplier<SenderRegistry> registry) {
        this.rules = config.rules();
        this.network = network;
        this.otp = otp;
        this.registry = registry;
    }

    /** What {@code id} imitates in {@code reg}, remembered per ID while that registry is in use (bulk senders repeat). */
    private SenderRegistry.Sender imitated(SenderRegistry reg, String id) {
        LookalikeCache cache = lookalikes;
        if (cache.registry() != reg || cache.byId().size() > 4096) {
            cache = new LookalikeCache(reg, new java.util.concurrent.ConcurrentHashMap<>());
            lookalikes = cache;
        }
        return cache.byId().computeIfAbsent(id, k -> java.util.Optional.ofNullable(
                reg.imitated(k, rules.lookalikeSender().maxEditDistance()))).orElse(null);
    }

    private record LookalikeCache(SenderRegistry registry,
            java.util.Map<String, java.util.Optional<SenderRegistry.Sender>> byId) {
    }

    private volatile LookalikeCache lookalikes = new LookalikeCache(null, new java.util.concurrent.ConcurrentHashMap<>());

    /** Whether the rule a verdict names is in monitor mode (detector.rules.monitor): it then blocks nothing. */
    public boolean monitors(String rule) {
        return rules.monitor().contains(rule);
    }

    /**
     * Decides for one destination of a submission.
     *
     * @param account the submitting ESME's system_id
     * @param source source_addr as submitted
     * @param destination dest_addr as submitted (national or international)
     * @param text the message text (all segments of a concatenated message), null for binary
     * @param nowNanos the submission's time
     */
    public OtpGuard.Verdict judge(String account, SmsAddress source, SmsAddress destination, String text,
            long nowNanos) {
        SenderRegistry reg = registry.get();
        SenderRegistry.Sender sender = source == null ? null : reg.registered(source.value());
        if (sender != null && rules.illegalMasking().enabled() && !IllegalMaskingRule.accountAuthorised(sender, account)) {
            return new OtpGuard.Verdict(false, false, RuleId.ILLEGAL_MASKING.id(),
                    "sender ID " + sender.id() + " is not authorised for account " + account,
                    List.of("authorised: " + String.join(", ", sender.esmeAccounts())), "registered senders");
        }
        if (sender == null && source != null && source.isAlphanumeric() && rules.lookalikeSender().enabled()) {
            SenderRegistry.Sender imitated = imitated(reg, source.value());
            if (imitated != null) {
                return new OtpGuard.Verdict(false, false, RuleId.LOOKALIKE_SENDER.id(),
                        "sender ID '" + source.value() + "' imitates " + imitated.id(),
                        List.of("registered: " + imitated.id() + " (" + imitated.owner() + ")"), "registered senders");
            }
        }
        Msisdn to = network.subscriber(destination);
        if (to == null) {
            return new OtpGuard.Verdict(true, false, "otpGuard", "destination is not a subscriber number", List.of(),
                    "only subscribers' numbers are guarded");
        }
        return otp.check(to, source == null ? "" : source.value(), text, nowNanos);
    }
}
