package io.swapguard.event;

/**
 * Diameter commands that carry subscriber identities, by command code (RFC 6733, 3GPP TS 29.272
 * for S6a/S6d and S13, TS 29.338 for S6c and SGd). The journal stores the numeric code; a command
 * missing here is still journalled as {@link #UNKNOWN} with its code.
 */
public enum DiameterCommand {
    CAPABILITIES_EXCHANGE(257, "CER", "CEA"),
    DEVICE_WATCHDOG(280, "DWR", "DWA"),
    DISCONNECT_PEER(282, "DPR", "DPA"),
    UPDATE_LOCATION(316, "ULR", "ULA"),
    CANCEL_LOCATION(317, "CLR", "CLA"),
    AUTHENTICATION_INFORMATION(318, "AIR", "AIA"),
    INSERT_SUBSCRIBER_DATA(319, "IDR", "IDA"),
    DELETE_SUBSCRIBER_DATA(320, "DSR", "DSA"),
    PURGE_UE(321, "PUR", "PUA"),
    RESET(322, "RSR", "RSA"),
    NOTIFY(323, "NOR", "NOA"),
    ME_IDENTITY_CHECK(324, "ECR", "ECA"),
    MO_FORWARD_SHORT_MESSAGE(8388645, "OFR", "OFA"),
    MT_FORWARD_SHORT_MESSAGE(8388646, "TFR", "TFA"),
    SEND_ROUTING_INFO_FOR_SM(8388647, "SRR", "SRA"),
    ALERT_SERVICE_CENTRE(8388648, "ALR", "ALA"),
    REPORT_SM_DELIVERY_STATUS(8388649, "RDR", "RDA"),
    UNKNOWN(-1, "", "");

    /** Application ids (Auth-Application-Id) of the interfaces the probe reads. */
    public static final long APP_COMMON = 0;
    public static final long APP_S6A = 16777251;
    public static final long APP_S13 = 16777252;
    public static final long APP_S6C = 16777312;
    public static final long APP_SGD = 16777313;

    private final int code;
    private final String request;
    private final String answer;

    DiameterCommand(int code, String request, String answer) {
        this.code = code;
        this.request = request;
        this.answer = answer;
    }

    public int code() {
        return code;
    }

    /** The usual abbreviation of the request (ULR) or the answer (ULA); "" for {@link #UNKNOWN}. */
    public String abbreviation(boolean isRequest) {
        return isRequest ? request : answer;
    }

    public static DiameterCommand of(int code) {
        for (DiameterCommand c : VALUES) {
            if (c.code == code) {
                return c;
            }
        }
        return UNKNOWN;
    }

    private static final DiameterCommand[] VALUES = values();
}
