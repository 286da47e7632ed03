package io.swapguard.engine.rules;

import io.swapguard.engine.Change;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.event.DiameterEvent;
import io.swapguard.event.Imsi;
import io.swapguard.event.MapEvent;
import io.swapguard.event.SmppEvent;
import io.swapguard.event.SmsAddress;
import java.util.List;

/**
 * <b>lookalikeSender</b>: an alphanumeric sender ID that imitates a registered one (confusable
 * characters, a registered ID with words around it, a few edits away; see
 * {@link SenderRegistry#imitated}).
 */
public final class LookalikeSenderRule implements Rule {

    private final DetectorConfig.LookalikeRule settings;

    public LookalikeSenderRule(DetectorConfig config) {
        this.settings = config.rules().lookalikeSender();
    }

    @Override
    public RuleId id() {
        return RuleId.LOOKALIKE_SENDER;
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    /** SMPP: a message submitted by {@code e.account()} whose alphanumeric source_addr is not registered. */
    public void submitted(Change w, SmppEvent e, SenderRegistry registry) {
        String from = e.sms().originator().value();
        SenderRegistry.Sender imitated = imitated(registry, from);
        if (imitated != null) {
            w.masked(RuleId.LOOKALIKE_SENDER, imitated.id());
            w.alert(RuleId.LOOKALIKE_SENDER, settings.severity(), null, "Sender ID '" + from + "' imitates "
                    + imitated.id() + " (" + imitated.owner() + ")",
                    List.of(w.here(e.command().smppName() + " with source_addr '" + from + "' from ESME account '"
                            + e.account() + "' (" + e.decision().label() + ")")));
        }
    }

    /** The registered sender that {@code from} imitates, or null (also when the rule is off). */
    public SenderRegistry.Sender imitated(SenderRegistry registry, String from) {
        return settings.enabled() ? registry.imitated(from, settings.maxEditDistance()) : null;
    }

    /** An MT-ForwardSM from {@code smsc} whose alphanumeric originator is not registered. */
    public void deliver(Change w, MapEvent e, SmsAddress from, String smsc, SenderRegistry registry) {
        delivered(w, e.imsi(), from, registry, "MT-ForwardSM with TP-OA '" + from.value() + "' from SMSC " + smsc);
    }

    /** An SGd MT-Forward-Short-Message (LTE) whose alphanumeric originator is not registered. */
    public void deliverOverSgd(Change w, DiameterEvent e, SmsAddress from, SenderRegistry registry) {
        delivered(w, e.imsi(), from, registry, "SGd MT-Forward-Short-Message with TP-OA '" + from.value() + "' from "
                + e.originHost() + " (realm " + e.originRealm() + ")");
    }

    private void delivered(Change w, Imsi imsi, SmsAddress from, SenderRegistry registry, String how) {
        SenderRegistry.Sender imitated = imitated(registry, from.value());
        if (imitated != null) {
            w.masked(RuleId.LOOKALIKE_SENDER, imitated.id());
            w.alert(RuleId.LOOKALIKE_SENDER, settings.severity(), imsi, "Sender ID '" + from.value() + "' imitates "
                    + imitated.id() + " (" + imitated.owner() + ")", List.of(w.here(how)));
        }
    }
}
