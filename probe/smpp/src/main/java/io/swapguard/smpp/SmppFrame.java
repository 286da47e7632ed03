package io.swapguard.smpp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A decoded PDU together with the bytes it came in, for a proxy that forwards what it allows byte
 * for byte (unknown TLVs and all) and only rewrites the sequence number. The holder owns the
 * bytes: release it, or pass it on to a write that does.
 */
public final class SmppFrame extends DefaultByteBufHolder {

    private final SmppPdu pdu;

    public SmppFrame(SmppPdu pdu, ByteBuf bytes) {
        super(bytes);
        this.pdu = pdu;
    }

    public SmppPdu pdu() {
        return pdu;
    }

    /** The frame's bytes with another sequence number, written in place (the frame is consumed). */
    public ByteBuf withSequence(int sequence) {
        ByteBuf b = content();
        b.setInt(b.readerIndex() + 12, sequence);
        return b;
    }
}
