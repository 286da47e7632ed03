package io.swapguard.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import org.jsmpp.util.DefaultComposer;
import org.junit.jupiter.api.Test;

/**
 * The types a gate session is built of: frames cut on command_length at its limits, frames that
 * keep their bytes for forwarding, the encoder in a pipeline, and the bounds of PDUs and TLVs.
 */
class SmppFramingTest {

    static final DefaultComposer JSMPP = new DefaultComposer();

    static EmbeddedChannel decoder(SmppFrameDecoder d) {
        return new EmbeddedChannel(d);
    }

    static byte[] header(int length, int id, int seq) {
        return ByteBuffer.allocate(16).putInt(length).putInt(id).putInt(0).putInt(seq).array();
    }

    @Test
    void aHeaderOnlyPduAndOneOfExactlyTheMaximumAreFrames() throws Exception {
        SmppFrameDecoder d = new SmppFrameDecoder(40);
        EmbeddedChannel ch = decoder(d);
        ch.writeInbound(Unpooled.wrappedBuffer(JSMPP.enquireLink(1)));
        assertThat((SmppPdu) ch.readInbound()).extracting(SmppPdu::command).isEqualTo(SmppCommand.ENQUIRE_LINK);
        byte[] forty = JSMPP.submitSmResp(2, "m".repeat(40 - 17));
        assertThat(forty).hasSize(40);
        ch.writeInbound(Unpooled.wrappedBuffer(forty));
        assertThat((SmppPdu) ch.readInbound()).extracting(SmppPdu::sequence).isEqualTo(2);
        assertThat(d.broken()).isFalse();
        byte[] fortyOne = JSMPP.submitSmResp(3, "m".repeat(41 - 17));
        ch.writeInbound(Unpooled.wrappedBuffer(fortyOne));
        SmppRejected r = ch.readInbound();
        assertThat(r.reason()).isEqualTo("command-length-over-maximum");
        assertThat(r.fatal()).isTrue();
        assertThat(d.broken()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void aBadLengthIsJudgedOnItsFourOctetsAndNamesWhatFollowsWhenItIsThere() {
        // Four octets are enough to know the length is impossible.
        EmbeddedChannel four = decoder(new SmppFrameDecoder());
        four.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 15}));
        SmppRejected r4 = four.readInbound();
        assertThat(r4).isEqualTo(new SmppRejected(0, 0, SmppStatus.ESME_RINVCMDLEN, "command-length-below-header",
                true));
        // Eight: the command is known, not yet the sequence.
        EmbeddedChannel eight = decoder(new SmppFrameDecoder());
        eight.writeInbound(Unpooled.wrappedBuffer(ByteBuffer.allocate(8).putInt(15).putInt(0x15).array()));
        assertThat(((SmppRejected) eight.readInbound()).commandId()).isEqualTo(0x15);
        // Sixteen: both, and the answer is the command's nack with its sequence.
        EmbeddedChannel sixteen = decoder(new SmppFrameDecoder());
        sixteen.writeInbound(Unpooled.wrappedBuffer(header(15, 0x15, 77)));
        SmppRejected r16 = sixteen.readInbound();
        assertThat(r16.commandId()).isEqualTo(0x15);
        assertThat(r16.sequence()).isEqualTo(77);
        // Fifteen: the command is there, the sequence is not complete.
        EmbeddedChannel fifteen = decoder(new SmppFrameDecoder());
        fifteen.writeInbound(Unpooled.wrappedBuffer(java.util.Arrays.copyOf(header(2, 0x04, 77), 15)));
        SmppRejected r15 = fifteen.readInbound();
        assertThat(r15.commandId()).isEqualTo(0x04);
        assertThat(r15.sequence()).isZero();
        // Three octets: nothing judged yet, nothing emitted.
        EmbeddedChannel three = decoder(new SmppFrameDecoder());
        three.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0}));
        assertThat((Object) three.readInbound()).isNull();
        for (EmbeddedChannel ch : List.of(four, eight, sixteen, fifteen, three)) {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void theSmallestMaximumIsAHeader() {
        assertThatCode(() -> new SmppFrameDecoder(16)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new SmppFrameDecoder(15)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("15");
        EmbeddedChannel ch = decoder(new SmppFrameDecoder(16));
        ch.writeInbound(Unpooled.wrappedBuffer(header(16, 0x15, 5)));
        assertThat((SmppPdu) ch.readInbound()).extracting(SmppPdu::sequence).isEqualTo(5);
        ch.finishAndReleaseAll();
    }

    @Test
    void aKeptFrameHoldsItsBytesAndTakesAnotherSequenceInPlace() throws Exception {
        byte[] wire = JSMPP.submitSmResp(7, "msg-1");
        EmbeddedChannel ch = decoder(new SmppFrameDecoder(SmppFrameDecoder.DEFAULT_MAX_PDU, true));
        // Two PDUs in one read: the second frame starts inside the buffer, not at its start.
        ByteBuf both = Unpooled.buffer().writeBytes(JSMPP.enquireLink(6)).writeBytes(wire);
        ch.writeInbound(both);
        SmppFrame first = ch.readInbound();
        first.release();
        SmppFrame f = ch.readInbound();
        assertThat(f.pdu().command()).isEqualTo(SmppCommand.SUBMIT_SM_RESP);
        assertThat(f.pdu().sequence()).isEqualTo(7);
        ByteBuf out = f.withSequence(0x01020304);
        byte[] bytes = new byte[out.readableBytes()];
        out.getBytes(out.readerIndex(), bytes);
        byte[] expected = wire.clone();
        ByteBuffer.wrap(expected).putInt(12, 0x01020304);
        assertThat(bytes).isEqualTo(expected);
        assertThat(f.refCnt()).isEqualTo(1);
        f.release();
        assertThat(f.refCnt()).isZero();
        ch.finishAndReleaseAll();
    }

    @Test
    void theEncoderWritesWhatTheCodecWrites() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new SmppPduEncoder());
        SmppPdu resp = new SmppPdu(SmppCommand.SUBMIT_SM_RESP, 0, 9, new SmppBody.MessageIdResp("msg-9", List.of()));
        ch.writeOutbound(resp);
        ByteBuf written = ch.readOutbound();
        byte[] bytes = new byte[written.readableBytes()];
        written.readBytes(bytes);
        written.release();
        assertThat(bytes).isEqualTo(JSMPP.submitSmResp(9, "msg-9"));
        ch.finishAndReleaseAll();
    }

    @Test
    void aPduKeepsItsBodyUnderAnotherSequenceAndAnErrorResponseIsTheRequestsOwn() {
        SmppPdu submit = SmppFramingTest.submit(5);
        SmppPdu moved = submit.withSequence(900);
        assertThat(moved.sequence()).isEqualTo(900);
        assertThat(moved.command()).isEqualTo(SmppCommand.SUBMIT_SM);
        assertThat(moved.body()).isSameAs(submit.body());
        SmppPdu error = submit.errorResponse(SmppStatus.ESME_RTHROTTLED);
        assertThat(error).isEqualTo(new SmppPdu(SmppCommand.SUBMIT_SM_RESP, SmppStatus.ESME_RTHROTTLED, 5,
                SmppBody.Empty.INSTANCE));
        SmppPdu nack = new SmppPdu(SmppCommand.GENERIC_NACK, 0, 5, SmppBody.Empty.INSTANCE);
        assertThatThrownBy(() -> nack.errorResponse(SmppStatus.ESME_RSYSERR)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GENERIC_NACK");
        assertThatThrownBy(() -> new SmppPdu(null, 0, 1, SmppBody.Empty.INSTANCE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SmppPdu(SmppCommand.UNBIND, 0, 1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static SmppPdu submit(int seq) {
        return new SmppPdu(SmppCommand.SUBMIT_SM, 0, seq, new SmppBody.ShortMessage("", new SmppAddress(5, 0, "BCA"),
                new SmppAddress(1, 1, "62811"), 0, 0, 0, "", "", 0, 0, 0, 0, new byte[] {'x'}, List.of()));
    }

    @Test
    void shortMessageAndDestinationCountsStopAtSmppsLimits() {
        SmppAddress a = new SmppAddress(1, 1, "62811");
        assertThatCode(() -> new SmppBody.ShortMessage("", a, a, 0, 0, 0, "", "", 0, 0, 0, 0, new byte[254], List.of()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new SmppBody.ShortMessage("", a, a, 0, 0, 0, "", "", 0, 0, 0, 0, new byte[255],
                List.of())).isInstanceOf(IllegalArgumentException.class);
        List<SmppBody.MultiDestination> max = Collections.nCopies(254, new SmppBody.MultiDestination(a, null));
        assertThat(new SmppBody.SubmitMulti("", a, max, 0, 0, 0, "", "", 0, 0, 0, 0, new byte[0], List.of())
                .destinations()).hasSize(254);
        List<SmppBody.MultiDestination> over = Collections.nCopies(255, new SmppBody.MultiDestination(a, null));
        assertThatThrownBy(() -> new SmppBody.SubmitMulti("", a, over, 0, 0, 0, "", "", 0, 0, 0, 0, new byte[0],
                List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTlvIsTwoOctetsOfTagAndAtMost65535OfValue() {
        assertThatCode(() -> new Tlv(0, new byte[0])).doesNotThrowAnyException();
        assertThatCode(() -> new Tlv(0xFFFF, new byte[0xFFFF])).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Tlv(-1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Tlv(0x10000, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Tlv(1, new byte[0x10000])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTlvValueReadsAsAnUnsignedIntegerOfItsLength() {
        assertThat(new Tlv(1, new byte[] {(byte) 0xFE}).unsigned()).isEqualTo(0xFE);
        assertThat(new Tlv(1, new byte[] {(byte) 0x81, (byte) 0x82}).unsigned()).isEqualTo(0x8182);
        assertThat(new Tlv(1, new byte[] {(byte) 0x81, (byte) 0x82, (byte) 0x83, (byte) 0x84}).unsigned())
                .isEqualTo(0x81828384L);
        assertThat(new Tlv(1, new byte[] {1, 2, 3, 4}).unsigned()).isEqualTo(0x01020304L);
        assertThat(new Tlv(1, new byte[] {1, 2, 3}).unsigned()).isEqualTo(-1);
        assertThat(new Tlv(1, new byte[0]).unsigned()).isEqualTo(-1);
    }

    @Test
    void aTlvIsAValueItsBytesCopiedInAndOut() {
        byte[] v = {1, 2};
        Tlv t = new Tlv(0x1401, v);
        v[0] = 9;
        assertThat(t.value()).containsExactly(1, 2);
        t.value()[1] = 9;
        assertThat(t.value()).containsExactly(1, 2);
        assertThat(t).isEqualTo(new Tlv(0x1401, new byte[] {1, 2})).hasSameHashCodeAs(new Tlv(0x1401,
                new byte[] {1, 2}));
        assertThat(t).isNotEqualTo(new Tlv(0x1402, new byte[] {1, 2})).isNotEqualTo(new Tlv(0x1401,
                new byte[] {1, 3})).isNotEqualTo("Tlv");
        assertThat(t.hashCode()).isNotEqualTo(new Tlv(0x1402, new byte[] {1, 2}).hashCode())
                .isNotEqualTo(new Tlv(0x1401, new byte[] {1, 3}).hashCode()).isNotZero();
        assertThat(t).hasToString("Tlv[0x1401=0102]");
    }
}
