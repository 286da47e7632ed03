package io.swapguard.ss7.pcap;

/** The link-layer header types (tcpdump.org LINKTYPE_*) the probe understands. */
public final class LinkType {

    public static final int ETHERNET = 1;
    /** Raw IP, version from the first nibble (LINKTYPE_RAW). */
    public static final int RAW = 101;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }

    public static boolean supported(int linkType) {
        return linkType == ETHERNET || linkType == RAW || linkType == LINUX_SLL || linkType == IPV4
                || linkType == IPV6 || linkType == LINUX_SLL2;
    }
}
