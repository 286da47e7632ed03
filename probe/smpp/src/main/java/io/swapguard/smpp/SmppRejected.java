package io.swapguard.smpp;

/**
 * A PDU the decoder refused, passed down the pipeline instead of an exception: what it was (as far
 * as it could be read), the status to answer with and the countable reason.
 *
 * @param fatal the stream cannot be read any further (a command_length that cannot be right): answer,
 *        then close the session
 */
public record SmppRejected(int commandId, int sequence, int status, String reason, boolean fatal) {

    public static SmppRejected of(SmppDecodeException e) {
        return new SmppRejected(e.commandId(), e.sequence(), e.status(), e.reason(), false);
    }

    /**
     * The answer SMPP asks for: the request's response with the error status, or generic_nack
     * for an unknown command, a broken length or a response that cannot be read (null: none, for
     * requests that have no response, such as outbind).
     */
    public SmppPdu answer() {
        SmppCommand c = SmppCommand.of(commandId);
        if (fatal || c == null || c == SmppCommand.GENERIC_NACK || c.isResponse()) {
            return new SmppPdu(SmppCommand.GENERIC_NACK, status, sequence, SmppBody.Empty.INSTANCE);
        }
        SmppCommand resp = c.response();
        return resp == null ? null : new SmppPdu(resp, status, sequence, SmppBody.Empty.INSTANCE);
    }
}
