package io.swapguard.event;

import java.util.Objects;

/**
 * One short message seen on an SMPP link (the inline gate, or a passive tap of an SMSC's links),
 * with the decision the gate took on it. A submit_multi is one event per destination, so each
 * event names one recipient, as the detector keys its state.
 *
 * @param captureNanos when the PDU arrived, ns since the epoch
 * @param tapId the gate or link, e.g. {@code gate}
 * @param command which PDU carried it
 * @param account the ESME's system_id on the session (the account that submitted it); "" if unknown
 * @param sms the message: originator = source_addr, destination = this destination
 * @param decision what the gate did ({@link Decision#OBSERVED} on a passive tap)
 * @param rule the rule that decided, "" when none did
 * @param reason why, in a few words (identities masked), "" when nothing to say
 * @param commandStatus the command_status the ESME was answered with for a block, -1 otherwise
 * @param decisionNanos how long the verdict took, -1 when none was asked
 */
public record SmppEvent(long captureNanos, String tapId, Command command, String account, ShortMessage sms,
        Decision decision, String rule, String reason, int commandStatus, long decisionNanos) implements SignalEvent {

    public static final int MAX_ACCOUNT_LENGTH = 64;
    public static final int MAX_TEXT_LENGTH = 128;

    @Override
    public EventType type() {
        return EventType.SMPP;
    }

    /** Positions are written to the journal: append new constants, never reorder. */
    public enum Command {
        SUBMIT_SM, DATA_SM, SUBMIT_MULTI, DELIVER_SM,
        /** New text for a message already submitted (judged against that message's destination). */
        REPLACE_SM;

        /** The SMPP name, as logs and tshark write it. */
        public String smppName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Positions are written to the journal: append new constants, never reorder. */
    public enum Decision {
        /** Seen by a passive tap: nobody was asked. */
        OBSERVED,
        /** Forwarded to the SMSC. */
        ALLOWED,
        /** Answered with an error status and not forwarded. */
        BLOCKED,
        /** Would have been blocked; forwarded because the gate (or this account) is in monitor mode. */
        MONITORED,
        /** No verdict could be had; forwarded (fail open). */
        FAILED_OPEN,
        /** No verdict could be had; refused (fail closed). */
        FAILED_CLOSED;

        /** Whether the message went on to the SMSC. */
        public boolean forwarded() {
            return this != BLOCKED && this != FAILED_CLOSED;
        }

        /** Lower-case name, as in metrics. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public SmppEvent {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(sms, "sms");
        Objects.requireNonNull(decision, "decision");
        tapId = ProvisioningEvent.bounded("tapId", tapId, MAX_TAP_ID_LENGTH);
        account = ProvisioningEvent.bounded("account", account, MAX_ACCOUNT_LENGTH);
        rule = ProvisioningEvent.bounded("rule", rule, 64);
        reason = reason == null ? "" : reason.length() > MAX_TEXT_LENGTH ? reason.substring(0, MAX_TEXT_LENGTH) : reason;
        if (commandStatus < -1) {
            throw new IllegalArgumentException("command status must be -1 or a 32-bit unsigned value's low part");
        }
        if (decisionNanos < -1) {
            throw new IllegalArgumentException("decision time must be -1 or positive");
        }
    }
}
