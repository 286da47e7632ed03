package io.swapguard.engine.rules;

import io.swapguard.engine.Change;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.event.MapEvent;
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

    /** An MT-ForwardSM from {@code smsc} whose alphanumeric originator is not registered. */
    public void deliver(Change w, MapEvent e, SmsAddress from, String smsc, SenderRegistry registry) {
        SenderRegistry.Sender imitated = settings.enabled() ? registry.imitated(from.value(), settings.maxEditDistance())
                : null;
        if (imitated != null) {
            w.masked(RuleId.LOOKALIKE_SENDER, imitated.id());
            w.alert(RuleId.LOOKALIKE_SENDER, settings.severity(), e.imsi(), "Sender ID '" + from.value() + "' imitates "
                    + imitated.id() + " (" + imitated.owner() + ")",
                    List.of(w.here("MT-ForwardSM with TP-OA '" + from.value() + "' from SMSC " + smsc)));
        }
    }
}
