package io.swapguard.smpp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * TCP bytes into SMPP PDUs: frames on command_length, with a hard maximum, and emits a
 * {@link SmppPdu} for each good frame and an {@link SmppRejected} for each bad one, never an
 * exception. A command_length below the header or above the maximum leaves no way to find the next
 * PDU: it is rejected as fatal and everything after it on this connection is dropped.
 */
public final class SmppFrameDecoder extends ByteToMessageDecoder {

    /** The default hard maximum: a 64 KiB message_payload with the largest data_sm around it. */
    public static final int DEFAULT_MAX_PDU = 70_000;

    private final int maxPdu;
    private final boolean keepBytes;
    private boolean broken;

    public SmppFrameDecoder() {
        this(DEFAULT_MAX_PDU);
    }

    public SmppFrameDecoder(int maxPdu) {
        this(maxPdu, false);
    }

    /**
     * @param keepBytes emit each good PDU as an {@link SmppFrame} holding its bytes (for byte-exact
     *        forwarding) instead of the bare {@link SmppPdu}
     */
    public SmppFrameDecoder(int maxPdu, boolean keepBytes) {
        if (maxPdu < SmppCodec.HEADER_LENGTH) {
            throw new IllegalArgumentException("maxPdu " + maxPdu + " is less than a header");
        }
        this.maxPdu = maxPdu;
        this.keepBytes = keepBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= 4) {
            int length = in.getInt(in.readerIndex());
            if (length < SmppCodec.HEADER_LENGTH || length > maxPdu) {
                int id = in.readableBytes() >= 8 ? in.getInt(in.readerIndex() + 4) : 0;
                int seq = in.readableBytes() >= 16 ? in.getInt(in.readerIndex() + 12) : 0;
                out.add(new SmppRejected(id, seq, SmppStatus.ESME_RINVCMDLEN,
                        length < SmppCodec.HEADER_LENGTH ? "command-length-below-header" : "command-length-over-maximum",
                        true));
                broken = true;
                in.skipBytes(in.readableBytes());
                return;
            }
            if (in.readableBytes() < length) {
                return;
            }
            ByteBuf frame = in.readSlice(length);
            try {
                SmppPdu pdu = SmppCodec.decode(frame.duplicate());
                out.add(keepBytes ? new SmppFrame(pdu, frame.retain()) : pdu);
            } catch (SmppDecodeException e) {
                out.add(SmppRejected.of(e));
            }
        }
    }

    /** Whether a fatal length was seen (the session should be closed after its answer). */
    public boolean broken() {
        return broken;
    }
}
