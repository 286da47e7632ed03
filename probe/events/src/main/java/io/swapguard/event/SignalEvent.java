package io.swapguard.event;

/**
 * One observation appended to the signals journal. Every event carries the time it was captured
 * (event time, never the clock of the box that processes it) and the tap it came from.
 */
public sealed interface SignalEvent permits MapEvent, ProvisioningEvent, AlertEvent, SmppEvent,
        DiameterEvent {

    /** Capture time in nanoseconds since the Unix epoch (pcap/HEP timestamp, or the record's own time). */
    long captureNanos();

    /** Which of the event types this is, for an exhaustive switch. */
    EventType type();

    /** Which tap or link saw it: a pcap link name, a HEP node id, a provisioning source. */
    String tapId();

    /** Maximum length of a tap id, so a record's size stays bounded. */
    int MAX_TAP_ID_LENGTH = 64;
}
