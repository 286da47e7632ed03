package io.swapguard.smpp;

/** The command_status values swapguard uses (SMPP 3.4, 5.1.3). */
public final class SmppStatus {

    public static final int ESME_ROK = 0x00000000;
    /** Message length is invalid. */
    public static final int ESME_RINVMSGLEN = 0x00000001;
    /** Command length is invalid. */
    public static final int ESME_RINVCMDLEN = 0x00000002;
    /** Invalid command ID. */
    public static final int ESME_RINVCMDID = 0x00000003;
    /** Incorrect bind status for the given command. */
    public static final int ESME_RINVBNDSTS = 0x00000004;
    /** ESME already in bound state. */
    public static final int ESME_RALYBND = 0x00000005;
    /** System error. */
    public static final int ESME_RSYSERR = 0x00000008;
    /** Invalid source address. */
    public static final int ESME_RINVSRCADR = 0x0000000A;
    /** Invalid destination address. */
    public static final int ESME_RINVDSTADR = 0x0000000B;
    /** Message ID is invalid. */
    public static final int ESME_RINVMSGID = 0x0000000C;
    /** Bind failed. */
    public static final int ESME_RBINDFAIL = 0x0000000D;
    /** Invalid password. */
    public static final int ESME_RINVPASWD = 0x0000000E;
    /** Invalid system ID. */
    public static final int ESME_RINVSYSID = 0x0000000F;
    /** submit_sm or submit_multi failed. */
    public static final int ESME_RSUBMITFAIL = 0x00000045;
    /** Invalid service type. */
    public static final int ESME_RINVSERTYP = 0x00000015;
    /** Invalid number of destinations. */
    public static final int ESME_RINVNUMDESTS = 0x00000033;
    /** Throttling error (the ESME exceeded its allowed message limits). */
    public static final int ESME_RTHROTTLED = 0x00000058;
    /** Invalid scheduled delivery time. */
    public static final int ESME_RINVSCHED = 0x00000061;
    /** Invalid message validity period. */
    public static final int ESME_RINVEXPIRY = 0x00000062;
    /** Error in the optional part of the PDU body. */
    public static final int ESME_RINVOPTPARSTREAM = 0x000000C0;
    /** Invalid parameter length. */
    public static final int ESME_RINVPARLEN = 0x000000C2;
    /** Unknown error. */
    public static final int ESME_RUNKNOWNERR = 0x000000FF;

    private SmppStatus() {
    }
}
