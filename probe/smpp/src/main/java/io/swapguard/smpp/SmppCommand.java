package io.swapguard.smpp;

/** The SMPP 3.4 operations swapguard reads and writes, by command_id. */
public enum SmppCommand {
    GENERIC_NACK(0x80000000),
    BIND_RECEIVER(0x00000001), BIND_RECEIVER_RESP(0x80000001),
    BIND_TRANSMITTER(0x00000002), BIND_TRANSMITTER_RESP(0x80000002),
    QUERY_SM(0x00000003), QUERY_SM_RESP(0x80000003),
    SUBMIT_SM(0x00000004), SUBMIT_SM_RESP(0x80000004),
    DELIVER_SM(0x00000005), DELIVER_SM_RESP(0x80000005),
    UNBIND(0x00000006), UNBIND_RESP(0x80000006),
    REPLACE_SM(0x00000007), REPLACE_SM_RESP(0x80000007),
    CANCEL_SM(0x00000008), CANCEL_SM_RESP(0x80000008),
    BIND_TRANSCEIVER(0x00000009), BIND_TRANSCEIVER_RESP(0x80000009),
    OUTBIND(0x0000000B),
    ENQUIRE_LINK(0x00000015), ENQUIRE_LINK_RESP(0x80000015),
    SUBMIT_MULTI(0x00000021), SUBMIT_MULTI_RESP(0x80000021),
    ALERT_NOTIFICATION(0x00000102),
    DATA_SM(0x00000103), DATA_SM_RESP(0x80000103);

    private final int id;

    SmppCommand(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** A response (the high bit of command_id). */
    public boolean isResponse() {
        return (id & 0x80000000) != 0;
    }

    /** The response to this request; null for a response, outbind and alert_notification, which have none. */
    public SmppCommand response() {
        if (isResponse() || this == OUTBIND || this == ALERT_NOTIFICATION) {
            return null;
        }
        return of(id | 0x80000000);
    }

    private static final java.util.Map<Integer, SmppCommand> BY_ID = new java.util.HashMap<>();

    static {
        for (SmppCommand c : values()) {
            BY_ID.put(c.id, c);
        }
    }

    /** The command of a command_id, or null when SMPP 3.4 has none such (answered with generic_nack). */
    public static SmppCommand of(int id) {
        return BY_ID.get(id);
    }
}
