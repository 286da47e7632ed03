package io.swapguard.event;

/**
 * The kinds of {@link SignalEvent}, one per permitted subtype, so consumers dispatch with an
 * exhaustive {@code switch} (Java 17 has no pattern switch): a new event type added here breaks
 * the build of every consumer that does not handle it yet.
 */
public enum EventType {
    /** {@link MapEvent}: one GSM MAP component. */
    MAP,
    /** {@link ProvisioningEvent}: a BSS/CRM record. */
    PROVISIONING,
    /** {@link AlertEvent}: an alert a rule raised. */
    ALERT,
    /** {@link SmppEvent}: a short message on an SMPP link and the gate's decision. */
    SMPP,
    /** {@link DiameterEvent}: one Diameter message (S6a/S6d, S13, S6c, SGd). */
    DIAMETER
}
