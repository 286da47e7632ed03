package io.swapguard.ss7.sctp;

/**
 * One direction of one SCTP association as seen on the wire: source and destination address and
 * port, and the verification tag (which changes when the association restarts).
 */
public record SctpFlow(long srcHigh, long srcLow, long dstHigh, long dstLow, int srcPort, int dstPort,
        long verificationTag) {
}
