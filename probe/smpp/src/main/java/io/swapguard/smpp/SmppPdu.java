package io.swapguard.smpp;

/**
 * One SMPP PDU: its header (command, status, sequence number) and body.
 *
 * @param status command_status (0 in requests)
 * @param sequence sequence_number, which pairs a response with its request on one session
 */
public record SmppPdu(SmppCommand command, int status, int sequence, SmppBody body) {

    public SmppPdu {
        if (command == null || body == null) {
            throw new IllegalArgumentException("a PDU has a command and a body");
        }
    }

    /** This PDU with another sequence number (the gate's mapping between sessions). */
    public SmppPdu withSequence(int other) {
        return new SmppPdu(command, status, other, body);
    }

    /** The response to this request with a status and an empty body (the form SMPP allows for errors). */
    public SmppPdu errorResponse(int errorStatus) {
        SmppCommand resp = command.response();
        if (resp == null) {
            throw new IllegalStateException(command + " has no response");
        }
        return new SmppPdu(resp, errorStatus, sequence, SmppBody.Empty.INSTANCE);
    }
}
