package io.swapguard.smpp.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.swapguard.smpp.SmppCodec;
import io.swapguard.smpp.SmppFrameDecoder;
import io.swapguard.smpp.SmppPdu;
import io.swapguard.smpp.SmppRejected;

/**
 * Jazzer target for the SMPP decoder. In the normal test run it replays its seed corpus
 * (src/test/resources/io/swapguard/smpp/fuzz/SmppFuzzTestInputs/, PDUs jsmpp composed and broken
 * ones); with JAZZER_FUZZ=1 it fuzzes. Invariants: bytes become PDUs or counted rejections, never
 * an exception; a PDU that decodes encodes back to exactly its bytes.
 */
class SmppFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void bytesToPdus(byte[] input) {
        EmbeddedChannel ch = new EmbeddedChannel(new SmppFrameDecoder(4096));
        // in two writes, so frames cross reads
        int half = input.length / 2;
        ch.writeInbound(Unpooled.wrappedBuffer(input, 0, half));
        ch.writeInbound(Unpooled.wrappedBuffer(input, half, input.length - half));
        int consumed = 0;
        for (Object o; (o = ch.readInbound()) != null; ) {
            if (o instanceof SmppPdu p) {
                ByteBuf out = Unpooled.buffer();
                SmppCodec.encode(p, out);
                int length = out.readableBytes();
                byte[] again = new byte[length];
                out.readBytes(again);
                assertThat(consumed + length).isLessThanOrEqualTo(input.length);
                assertThat(again).as("a decoded PDU writes back as it came")
                        .isEqualTo(java.util.Arrays.copyOfRange(input, consumed, consumed + length));
                consumed += length;
            } else {
                assertThat(o).isInstanceOf(SmppRejected.class);
                SmppRejected r = (SmppRejected) o;
                assertThat(r.reason()).isNotBlank();
                consumed += r.fatal() ? input.length - consumed : frameLength(input, consumed);
            }
        }
        ch.finishAndReleaseAll();
    }

    private static int frameLength(byte[] input, int at) {
        return ((input[at] & 0xFF) << 24) | ((input[at + 1] & 0xFF) << 16) | ((input[at + 2] & 0xFF) << 8)
                | (input[at + 3] & 0xFF);
    }
}
