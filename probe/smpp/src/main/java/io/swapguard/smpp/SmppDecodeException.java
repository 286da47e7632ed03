package io.swapguard.smpp;

/**
 * A PDU that cannot be read: what to answer (the command_status for the response, or for a
 * generic_nack when the command is unknown or the length wrong) and why, as a countable reason.
 */
public final class SmppDecodeException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int status;
    private final String reason;
    private final int commandId;
    private final int sequence;

    public SmppDecodeException(int status, String reason, int commandId, int sequence, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.status = status;
        this.reason = reason;
        this.commandId = commandId;
        this.sequence = sequence;
    }

    /** The command_status to answer with. */
    public int status() {
        return status;
    }

    /** e.g. "invalid-command-length", "unknown-command", "truncated-body", "source_addr-too-long". */
    public String reason() {
        return reason;
    }

    /** The PDU's command_id as read (0 if not even that could be). */
    public int commandId() {
        return commandId;
    }

    public int sequence() {
        return sequence;
    }
}
