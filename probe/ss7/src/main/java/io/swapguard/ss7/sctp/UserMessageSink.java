package io.swapguard.ss7.sctp;

/** Receives complete SCTP user messages (reassembled, never duplicated) of one payload protocol. */
@FunctionalInterface
public interface UserMessageSink {

    /**
     * {@code data[offset, offset+length)} is valid only during the call.
     *
     * @param ppid the payload protocol identifier of the DATA chunk (3 M3UA, 46 Diameter)
     */
    void userMessage(SctpFlow flow, int streamId, long ppid, byte[] data, int offset, int length);
}
