package io.swapguard.ss7.m3ua;

/**
 * The Protocol Data of an M3UA DATA message (RFC 4666 §3.3.1): the MTP3 routing label and the
 * user part payload at {@code buffer[offset, offset+length)} (valid while the frame is).
 *
 * @param opc originating point code
 * @param dpc destination point code
 * @param serviceIndicator SI: 3 SCCP, 5 ISUP, ...
 * @param networkIndicator NI
 * @param sls signalling link selection
 * @param routingContext the Routing Context parameter, -1 when absent
 */
public record M3uaData(int opc, int dpc, int serviceIndicator, int networkIndicator, int sls, long routingContext,
        byte[] buffer, int offset, int length) {

    public static final int SI_SCCP = 3;
}
