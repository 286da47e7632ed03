package io.swapguard.event;

/**
 * GSM MAP operations by local operation code (3GPP TS 29.002 §17.5, MAP-Protocol). The journal
 * stores the numeric code; an operation missing here is still journalled as {@link #UNKNOWN}
 * with its code.
 */
public enum MapOperation {
    UPDATE_LOCATION(2, "updateLocation"),
    CANCEL_LOCATION(3, "cancelLocation"),
    PROVIDE_ROAMING_NUMBER(4, "provideRoamingNumber"),
    NOTE_SUBSCRIBER_DATA_MODIFIED(5, "noteSubscriberDataModified"),
    RESUME_CALL_HANDLING(6, "resumeCallHandling"),
    INSERT_SUBSCRIBER_DATA(7, "insertSubscriberData"),
    DELETE_SUBSCRIBER_DATA(8, "deleteSubscriberData"),
    SEND_PARAMETERS(9, "sendParameters"),
    REGISTER_SS(10, "registerSS"),
    ERASE_SS(11, "eraseSS"),
    ACTIVATE_SS(12, "activateSS"),
    DEACTIVATE_SS(13, "deactivateSS"),
    INTERROGATE_SS(14, "interrogateSS"),
    AUTHENTICATION_FAILURE_REPORT(15, "authenticationFailureReport"),
    REGISTER_PASSWORD(17, "registerPassword"),
    GET_PASSWORD(18, "getPassword"),
    PROCESS_UNSTRUCTURED_SS_DATA(19, "processUnstructuredSS-Data"),
    RELEASE_RESOURCES(20, "releaseResources"),
    SEND_ROUTING_INFO(22, "sendRoutingInfo"),
    UPDATE_GPRS_LOCATION(23, "updateGprsLocation"),
    SEND_ROUTING_INFO_FOR_GPRS(24, "sendRoutingInfoForGprs"),
    FAILURE_REPORT(25, "failureReport"),
    NOTE_MS_PRESENT_FOR_GPRS(26, "noteMsPresentForGprs"),
    SEND_END_SIGNAL(29, "sendEndSignal"),
    PROCESS_ACCESS_SIGNALLING(33, "processAccessSignalling"),
    FORWARD_ACCESS_SIGNALLING(34, "forwardAccessSignalling"),
    RESET(37, "reset"),
    FORWARD_CHECK_SS_INDICATION(38, "forwardCheckSS-Indication"),
    CHECK_IMEI(43, "checkIMEI"),
    MT_FORWARD_SM(44, "mt-forwardSM"),
    SEND_ROUTING_INFO_FOR_SM(45, "sendRoutingInfoForSM"),
    /** mo-forwardSM in MAP v3; the same code is forwardSM (MO and MT) in v1/v2. */
    MO_FORWARD_SM(46, "mo-forwardSM"),
    REPORT_SM_DELIVERY_STATUS(47, "reportSM-DeliveryStatus"),
    ACTIVATE_TRACE_MODE(50, "activateTraceMode"),
    DEACTIVATE_TRACE_MODE(51, "deactivateTraceMode"),
    SEND_IDENTIFICATION(55, "sendIdentification"),
    SEND_AUTHENTICATION_INFO(56, "sendAuthenticationInfo"),
    RESTORE_DATA(57, "restoreData"),
    SEND_IMSI(58, "sendIMSI"),
    PROCESS_UNSTRUCTURED_SS_REQUEST(59, "processUnstructuredSS-Request"),
    UNSTRUCTURED_SS_REQUEST(60, "unstructuredSS-Request"),
    UNSTRUCTURED_SS_NOTIFY(61, "unstructuredSS-Notify"),
    ANY_TIME_SUBSCRIPTION_INTERROGATION(62, "anyTimeSubscriptionInterrogation"),
    INFORM_SERVICE_CENTRE(63, "informServiceCentre"),
    ALERT_SERVICE_CENTRE(64, "alertServiceCentre"),
    ANY_TIME_MODIFICATION(65, "anyTimeModification"),
    READY_FOR_SM(66, "readyForSM"),
    PURGE_MS(67, "purgeMS"),
    PREPARE_HANDOVER(68, "prepareHandover"),
    PREPARE_SUBSEQUENT_HANDOVER(69, "prepareSubsequentHandover"),
    PROVIDE_SUBSCRIBER_INFO(70, "provideSubscriberInfo"),
    ANY_TIME_INTERROGATION(71, "anyTimeInterrogation"),
    SS_INVOCATION_NOTIFICATION(72, "ss-InvocationNotification"),
    SET_REPORTING_STATE(73, "setReportingState"),
    STATUS_REPORT(74, "statusReport"),
    REMOTE_USER_FREE(75, "remoteUserFree"),
    REGISTER_CC_ENTRY(76, "registerCC-Entry"),
    ERASE_CC_ENTRY(77, "eraseCC-Entry"),
    PROVIDE_SUBSCRIBER_LOCATION(83, "provideSubscriberLocation"),
    SEND_ROUTING_INFO_FOR_LCS(85, "sendRoutingInfoForLCS"),
    SUBSCRIBER_LOCATION_REPORT(86, "subscriberLocationReport"),
    IST_ALERT(87, "ist-Alert"),
    IST_COMMAND(88, "ist-Command"),
    NOTE_MM_EVENT(89, "noteMM-Event"),
    /** A code this list does not name; the event keeps the code itself. */
    UNKNOWN(-1, "unknown");

    private static final MapOperation[] BY_CODE = new MapOperation[256];

    static {
        for (MapOperation op : values()) {
            if (op.code >= 0) {
                BY_CODE[op.code] = op;
            }
        }
    }

    private final int code;
    private final String asn1Name;

    MapOperation(int code, String asn1Name) {
        this.code = code;
        this.asn1Name = asn1Name;
    }

    /** The local operation code, -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** The operation's name as written in the ASN.1 of TS 29.002, e.g. {@code sendRoutingInfoForSM}. */
    public String asn1Name() {
        return asn1Name;
    }

    /** Its GSMA FS.11 category (which senders on the interconnect are plausible). */
    public Fs11Category fs11Category() {
        return Fs11Category.of(this);
    }

    /** The operation for a code, {@link #UNKNOWN} when the code names none listed here. */
    public static MapOperation of(int code) {
        if (code < 0 || code >= BY_CODE.length || BY_CODE[code] == null) {
            return UNKNOWN;
        }
        return BY_CODE[code];
    }
}
