package io.swapguard.diameter;

import java.util.List;

/**
 * One Diameter message (RFC 6733 §3): the header and its AVPs, immutable. The message owns a
 * copy of its bytes; its {@link Avp}s are views into them.
 */
public final class DiameterMessage {

    public static final int FLAG_REQUEST = 0x80;
    public static final int FLAG_PROXIABLE = 0x40;
    public static final int FLAG_ERROR = 0x20;
    public static final int FLAG_RETRANSMITTED = 0x10;

    private final int flags;
    private final int commandCode;
    private final long applicationId;
    private final long hopByHop;
    private final long endToEnd;
    private final List<Avp> avps;
    private final int length;

    DiameterMessage(int flags, int commandCode, long applicationId, long hopByHop, long endToEnd, List<Avp> avps,
            int length) {
        this.flags = flags;
        this.commandCode = commandCode;
        this.applicationId = applicationId;
        this.hopByHop = hopByHop;
        this.endToEnd = endToEnd;
        this.avps = avps;
        this.length = length;
    }

    public boolean isRequest() {
        return (flags & FLAG_REQUEST) != 0;
    }

    public int commandCode() {
        return commandCode;
    }

    public long applicationId() {
        return applicationId;
    }

    public long hopByHop() {
        return hopByHop;
    }

    public long endToEnd() {
        return endToEnd;
    }

    /** Message length from the header, padding included. */
    public int length() {
        return length;
    }

    /** The top-level AVPs in message order. */
    public List<Avp> avps() {
        return avps;
    }

    /** The first top-level AVP that is {@code code}/{@code vendor}, or null. */
    public Avp avp(int code, long vendor) {
        return Avp.find(avps, code, vendor);
    }

    @Override
    public String toString() {
        return "DiameterMessage{" + commandCode + (isRequest() ? "R" : "A") + " app=" + applicationId + " hbh="
                + hopByHop + " e2e=" + endToEnd + ", " + avps.size() + " AVPs}";
    }
}
