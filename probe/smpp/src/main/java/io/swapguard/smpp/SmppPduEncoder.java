package io.swapguard.smpp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** SMPP PDUs onto the wire; stateless, so one instance serves every session. */
@ChannelHandler.Sharable
public final class SmppPduEncoder extends MessageToByteEncoder<SmppPdu> {

    @Override
    protected void encode(ChannelHandlerContext ctx, SmppPdu pdu, ByteBuf out) {
        SmppCodec.encode(pdu, out);
    }
}
