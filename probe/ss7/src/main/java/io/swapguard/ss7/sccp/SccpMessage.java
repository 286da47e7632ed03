package io.swapguard.ss7.sccp;

import io.swapguard.event.SccpAddress;

/**
 * A connectionless SCCP message (ITU-T Q.713 §4): UDT, XUDT, LUDT or their service variants.
 * The user data is at {@code buffer[offset, offset+length)}; for a reassembled segmented XUDT
 * it is a fresh array.
 *
 * @param type message type code (0x09 UDT, 0x0A UDTS, 0x11 XUDT, 0x12 XUDTS, 0x13 LUDT, 0x14 LUDTS)
 * @param protocolClass protocol class (0 or 1) for UDT/XUDT/LUDT, -1 for service messages
 * @param returnCause return cause of a UDTS/XUDTS/LUDTS, -1 otherwise
 * @param segmentation the segmentation parameter of an XUDT, or null
 */
public record SccpMessage(int type, int protocolClass, int returnCause, SccpAddress called, SccpAddress calling,
        byte[] buffer, int offset, int length, Segmentation segmentation) {

    public static final int UDT = 0x09;
    public static final int UDTS = 0x0A;
    public static final int XUDT = 0x11;
    public static final int XUDTS = 0x12;
    public static final int LUDT = 0x13;
    public static final int LUDTS = 0x14;

    public boolean isService() {
        return type == UDTS || type == XUDTS || type == LUDTS;
    }

    /**
     * The XUDT Segmentation parameter (Q.713 §3.17).
     *
     * @param first F bit: this is the first segment
     * @param remaining segments still to come after this one (0 for the last)
     * @param localReference identifies the segmented message together with the calling address
     */
    public record Segmentation(boolean first, int protocolClass, int remaining, int localReference) {
    }
}
