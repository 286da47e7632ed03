package io.swapguard.ss7;

/** The protocol layers of the probe, for counting what each accepted and rejected. */
public enum Layer {
    PCAP,
    HEP,
    LINK,
    IP,
    SCTP,
    M3UA,
    SCCP,
    TCAP,
    MAP;

    /** Lower-case name used in metrics and reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
