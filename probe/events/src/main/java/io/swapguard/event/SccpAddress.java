package io.swapguard.event;

/**
 * An SCCP called or calling party address (ITU-T Q.713 §3.4): route on GT or on point code + SSN.
 *
 * @param routeOnGt true when the routing indicator says "route on global title"
 * @param pointCode signalling point code, or -1 when the address carries none
 * @param ssn subsystem number (6 = HLR, 7 = VLR, 8 = MSC, 9 = EIR, 147 = gsmSCF), 0 when absent
 * @param globalTitle the global title, or null when the address carries none
 */
public record SccpAddress(boolean routeOnGt, int pointCode, int ssn, GlobalTitle globalTitle) {

    public static final int SSN_HLR = 6;
    public static final int SSN_VLR = 7;
    public static final int SSN_MSC = 8;
    public static final int SSN_EIR = 9;
    public static final int SSN_GSMSCF = 147;
    public static final int SSN_SGSN = 149;

    public SccpAddress {
        if (pointCode < -1 || pointCode > 0xFFFFFF) {
            throw new IllegalArgumentException("point code out of range: " + pointCode);
        }
        if (ssn < 0 || ssn > 255) {
            throw new IllegalArgumentException("SSN out of range: " + ssn);
        }
    }

    /** A GT-routed address with an SSN and no point code, the usual form on the international SS7 network. */
    public static SccpAddress gt(GlobalTitle gt, int ssn) {
        return new SccpAddress(true, -1, ssn, gt);
    }

    /** GT digits, or "" when the address has no GT. */
    public String gtDigits() {
        return globalTitle == null ? "" : globalTitle.digits();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (globalTitle != null) {
            s.append("gt=").append(globalTitle.digits());
        }
        if (pointCode >= 0) {
            s.append(s.length() > 0 ? " " : "").append("pc=").append(pointCode);
        }
        if (ssn > 0) {
            s.append(s.length() > 0 ? " " : "").append("ssn=").append(ssn);
        }
        return s.toString();
    }
}
