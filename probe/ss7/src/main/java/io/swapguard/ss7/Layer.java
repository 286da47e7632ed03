package io.swapguard.ss7;

/** The protocol layers of the probe, for counting what each accepted and rejected. */
public enum Layer {
    PCAP,
    HEP,
    LINK,
    IP,
    SCTP,
    M3UA,
    /** M2UA (SCTP PPID 2): MTP2 user adaptation, the MTP3 messages of a signalling link. */
    M2UA,
    /** SUA (SCTP PPID 4): SCCP user adaptation, connectionless SCCP without MTP3. */
    SUA,
    SCCP,
    TCAP,
    MAP,
    /** TCP segments of the SMPP links (the passive SMPP tap). */
    TCP,
    /** SMPP PDUs framed from them. */
    SMPP,
    /** Diameter messages (S6a/S6d, S13, S6c, SGd) from SCTP (PPID 46) or TCP. */
    DIAMETER;

    /** Lower-case name used in metrics and reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
