package io.swapguard.event;

/**
 * The GSMA FS.11 (SS7 interconnect security monitoring and firewall guidelines) category of a MAP
 * operation, as swapguard reads the guidelines' lists. Whoever sends an operation tells what it
 * may be: the categories say which senders on the interconnect are plausible.
 *
 * <ul>
 *   <li>{@link #CATEGORY_1}: only ever sent inside a network; from interconnect it is an attack
 *       (interrogations that locate a subscriber or reveal the IMSI, subscription changes).
 *   <li>{@link #CATEGORY_2}: sent by a subscriber's home network (its HLR, gsmSCF or GMLC) to the
 *       network serving it; for our own subscribers, from interconnect it is an attack.
 *   <li>{@link #CATEGORY_3}: sent by the network serving a subscriber to its home network; from
 *       interconnect it is plausible only where the subscriber can be (location plausibility).
 *   <li>{@link #NONE}: not in the lists (SMS interworking between any two networks, such as a
 *       foreign HLR alerting our SMSC that its subscriber is reachable again).
 * </ul>
 */
public enum Fs11Category {
    NONE("none"),
    CATEGORY_1("1"),
    CATEGORY_2("2"),
    CATEGORY_3("3");

    private final String label;

    Fs11Category(String label) {
        this.label = label;
    }

    /** "1", "2", "3" or "none": the value of metrics' {@code fs11} tag and of the JSON field. */
    public String label() {
        return label;
    }

    /** The category of an operation's invoke. */
    public static Fs11Category of(MapOperation op) {
        return switch (op) {
            case ANY_TIME_INTERROGATION, ANY_TIME_SUBSCRIPTION_INTERROGATION, ANY_TIME_MODIFICATION, SEND_IMSI,
                    SEND_PARAMETERS, SEND_ROUTING_INFO, SEND_ROUTING_INFO_FOR_GPRS, SEND_ROUTING_INFO_FOR_LCS,
                    NOTE_SUBSCRIBER_DATA_MODIFIED -> CATEGORY_1;
            case INSERT_SUBSCRIBER_DATA, DELETE_SUBSCRIBER_DATA, CANCEL_LOCATION, PROVIDE_SUBSCRIBER_INFO,
                    PROVIDE_ROAMING_NUMBER, PROVIDE_SUBSCRIBER_LOCATION, UNSTRUCTURED_SS_REQUEST, UNSTRUCTURED_SS_NOTIFY,
                    RESET, ACTIVATE_TRACE_MODE, DEACTIVATE_TRACE_MODE -> CATEGORY_2;
            case UPDATE_LOCATION, UPDATE_GPRS_LOCATION, SEND_AUTHENTICATION_INFO, PURGE_MS, RESTORE_DATA, REGISTER_SS,
                    ERASE_SS, ACTIVATE_SS, DEACTIVATE_SS, INTERROGATE_SS, REGISTER_PASSWORD,
                    PROCESS_UNSTRUCTURED_SS_REQUEST, MO_FORWARD_SM, READY_FOR_SM, AUTHENTICATION_FAILURE_REPORT,
                    SEND_IDENTIFICATION, NOTE_MM_EVENT -> CATEGORY_3;
            default -> NONE;
        };
    }
}
