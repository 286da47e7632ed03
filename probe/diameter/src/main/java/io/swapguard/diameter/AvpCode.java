package io.swapguard.diameter;

/**
 * AVP codes the probe reads: RFC 6733 base AVPs (vendor 0) and 3GPP AVPs (vendor 10415) of
 * TS 29.272 (S6a/S6d, S13), TS 29.329 (MSISDN) and TS 29.338 (S6c, SGd). Checked against
 * Wireshark's dictionary (the tshark oracle decodes them by the same numbers).
 */
public final class AvpCode {

    public static final long VENDOR_3GPP = 10415;

    // RFC 6733 (vendor 0)
    public static final int USER_NAME = 1;
    public static final int SESSION_ID = 263;
    public static final int ORIGIN_HOST = 264;
    public static final int VENDOR_ID = 266;
    public static final int RESULT_CODE = 268;
    public static final int AUTH_APPLICATION_ID = 258;
    public static final int VENDOR_SPECIFIC_APPLICATION_ID = 260;
    public static final int AUTH_SESSION_STATE = 277;
    public static final int ROUTE_RECORD = 282;
    public static final int DESTINATION_REALM = 283;
    public static final int DESTINATION_HOST = 293;
    public static final int ORIGIN_REALM = 296;
    public static final int EXPERIMENTAL_RESULT = 297;
    public static final int EXPERIMENTAL_RESULT_CODE = 298;

    // 3GPP (vendor 10415)
    public static final int MSISDN = 701;
    public static final int RAT_TYPE = 1032;
    public static final int SUBSCRIPTION_DATA = 1400;
    public static final int TERMINAL_INFORMATION = 1401;
    public static final int IMEI = 1402;
    public static final int SOFTWARE_VERSION = 1403;
    public static final int ULR_FLAGS = 1405;
    public static final int ULA_FLAGS = 1406;
    public static final int VISITED_PLMN_ID = 1407;
    public static final int CANCELLATION_TYPE = 1420;
    public static final int DSR_FLAGS = 1421;
    public static final int NOR_FLAGS = 1443;
    public static final int EQUIPMENT_STATUS = 1445;
    public static final int SGSN_NUMBER = 1489;
    public static final int IDR_FLAGS = 1490;
    public static final int PUR_FLAGS = 1635;
    public static final int CLR_FLAGS = 1638;
    public static final int MME_NUMBER_FOR_MT_SMS = 1645;
    public static final int SERVING_NODE = 2401;
    public static final int MME_NAME = 2402;
    public static final int MSC_NUMBER = 2403;
    public static final int MME_REALM = 2408;
    public static final int SGSN_NAME = 2409;
    public static final int USER_IDENTIFIER = 3102;
    public static final int SC_ADDRESS = 3300;
    public static final int SM_RP_UI = 3301;

    private AvpCode() {
    }
}
