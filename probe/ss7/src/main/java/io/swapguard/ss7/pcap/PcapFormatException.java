package io.swapguard.ss7.pcap;

import java.io.IOException;

/** A capture file that is not pcap/pcapng or is damaged beyond the point where records can be found. */
public final class PcapFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public PcapFormatException(String message) {
        super(message);
    }
}
