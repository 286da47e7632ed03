package io.swapguard.ss7.sctp;

/** Receives complete SCTP user messages (reassembled, never duplicated) of one payload protocol. */
@FunctionalInterface
public interface UserMessageSink {

    /** {@code data[offset, offset+length)} is valid only during the call. */
    void userMessage(SctpFlow flow, int streamId, byte[] data, int offset, int length);
}
