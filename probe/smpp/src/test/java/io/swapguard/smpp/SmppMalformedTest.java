package io.swapguard.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.util.DefaultComposer;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets the right status and never an exception out of the pipeline: truncated and
 * corrupted PDUs, impossible lengths, unknown commands, fields past their maximum, and TCP that
 * splits and merges PDUs anyhow.
 */
class SmppMalformedTest {

    static byte[] submitSm() throws Exception {
        return new DefaultComposer().submitSm(7, "", (byte) 5, (byte) 0, "BCA", (byte) 1, (byte) 1, "6281100000003",
                (byte) 0, (byte) 0, (byte) 0, "", "", (byte) 1, (byte) 0, (byte) 0, (byte) 0,
                "Kode OTP 123456".getBytes(StandardCharsets.US_ASCII),
                new OptionalParameter.OctetString((short) 0x1401, new byte[] {1, 2, 3}));
    }

    /** The bytes with command_length set to their length. */
    static byte[] withLength(byte[] b) {
        byte[] c = b.clone();
        Unpooled.wrappedBuffer(c).setInt(0, c.length);
        return c;
    }

    @Test
    void everyTruncationIsARejectionWithAReason() throws Exception {
        byte[] whole = submitSm();
        Set<String> reasons = new TreeSet<>();
        for (int n = 16; n < whole.length; n++) {
            byte[] cut = withLength(java.util.Arrays.copyOf(whole, n));
            try {
                SmppPdu p = SmppCodec.decode(Unpooled.wrappedBuffer(cut));
                // cutting exactly before the TLVs leaves a whole submit_sm without them
                assertThat(((SmppBody.ShortMessage) p.body()).tlvs()).isEmpty();
                assertThat(n).isEqualTo(whole.length - 7);
            } catch (SmppDecodeException e) {
                reasons.add(e.reason());
                assertThat(e.sequence()).isEqualTo(7);
                assertThat(e.commandId()).isEqualTo(SmppCommand.SUBMIT_SM.id());
            }
        }
        assertThat(reasons).contains("truncated-body", "short_message-past-end", "truncated-tlv", "tlv-past-end");
    }

    @Test
    void everyCorruptedOctetDecodesOrIsRejectedNeverThrowsAnythingElse() throws Exception {
        byte[] whole = submitSm();
        int rejected = 0;
        for (int i = 0; i < whole.length; i++) {
            for (int v : new int[] {0x00, 0xFF, 0x7F}) {
                byte[] bad = whole.clone();
                bad[i] = (byte) v;
                EmbeddedChannel ch = new EmbeddedChannel(new SmppFrameDecoder());
                ch.writeInbound(Unpooled.wrappedBuffer(bad));
                for (Object o; (o = ch.readInbound()) != null; ) {
                    assertThat(o).isInstanceOfAny(SmppPdu.class, SmppRejected.class);
                    if (o instanceof SmppRejected) {
                        rejected++;
                    }
                }
                ch.finishAndReleaseAll();
            }
        }
        assertThat(rejected).isPositive();
    }

    @Test
    void statusesByWhatIsWrong() throws Exception {
        ByteBuf unknown = Unpooled.buffer().writeInt(16).writeInt(0x00000042).writeInt(0).writeInt(9);
        assertThatThrownBy(() -> SmppCodec.decode(unknown)).isInstanceOfSatisfying(SmppDecodeException.class, e -> {
            assertThat(e.status()).isEqualTo(SmppStatus.ESME_RINVCMDID);
            assertThat(SmppRejected.of(e).answer()).isEqualTo(new SmppPdu(SmppCommand.GENERIC_NACK,
                    SmppStatus.ESME_RINVCMDID, 9, SmppBody.Empty.INSTANCE));
        });

        // a source_addr of 25 characters where 20 fit: the submit_sm is answered ESME_RINVSRCADR
        byte[] longSource = withLength(concat(header(0x4, 3), new byte[] {0, 5, 0},
                "ABCDEFGHIJKLMNOPQRSTUVWXY\0".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> SmppCodec.decode(Unpooled.wrappedBuffer(longSource)))
                .isInstanceOfSatisfying(SmppDecodeException.class, e -> {
                    assertThat(e.status()).isEqualTo(SmppStatus.ESME_RINVSRCADR);
                    assertThat(e.reason()).isEqualTo("source_addr-too-long");
                    assertThat(SmppRejected.of(e).answer()).isEqualTo(new SmppPdu(SmppCommand.SUBMIT_SM_RESP,
                            SmppStatus.ESME_RINVSRCADR, 3, SmppBody.Empty.INSTANCE));
                });

        // an enquire_link with octets after its header
        byte[] fat = withLength(concat(header(0x15, 4), new byte[] {1}));
        assertThatThrownBy(() -> SmppCodec.decode(Unpooled.wrappedBuffer(fat)))
                .isInstanceOfSatisfying(SmppDecodeException.class, e -> assertThat(e.reason()).isEqualTo("trailing-octets"));

        // an error response without its body is a response, not a malformed PDU
        SmppPdu failed = SmppCodec.decode(Unpooled.buffer().writeInt(16).writeInt(SmppCommand.SUBMIT_SM_RESP.id())
                .writeInt(SmppStatus.ESME_RTHROTTLED).writeInt(5));
        assertThat(failed.status()).isEqualTo(SmppStatus.ESME_RTHROTTLED);
        assertThat(failed.body()).isEqualTo(SmppBody.Empty.INSTANCE);
        // and a request that has no response is answered with nothing
        assertThat(new SmppRejected(SmppCommand.OUTBIND.id(), 1, SmppStatus.ESME_RINVSYSID, "system_id-too-long", false)
                .answer()).isNull();
    }

    @Test
    void tcpSplitsAndMergesPdusAnyhow() throws Exception {
        byte[] one = submitSm();
        byte[] link = new DefaultComposer().enquireLink(8);
        byte[] stream = concat(one, link, one);
        // byte by byte
        EmbeddedChannel drip = new EmbeddedChannel(new SmppFrameDecoder());
        for (byte b : stream) {
            drip.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(commands(drip)).containsExactly(SmppCommand.SUBMIT_SM, SmppCommand.ENQUIRE_LINK, SmppCommand.SUBMIT_SM);
        // all at once
        EmbeddedChannel gulp = new EmbeddedChannel(new SmppFrameDecoder());
        gulp.writeInbound(Unpooled.wrappedBuffer(stream));
        assertThat(commands(gulp)).containsExactly(SmppCommand.SUBMIT_SM, SmppCommand.ENQUIRE_LINK, SmppCommand.SUBMIT_SM);
    }

    @Test
    void anImpossibleLengthIsFatalAndTheRestOfTheStreamIsDropped() throws Exception {
        for (int length : new int[] {8, 15, SmppFrameDecoder.DEFAULT_MAX_PDU + 1, Integer.MAX_VALUE, -1}) {
            EmbeddedChannel ch = new EmbeddedChannel(new SmppFrameDecoder());
            ByteBuf bad = Unpooled.buffer().writeInt(length).writeInt(SmppCommand.SUBMIT_SM.id()).writeInt(0).writeInt(11);
            ch.writeInbound(bad);
            ch.writeInbound(Unpooled.wrappedBuffer(submitSm())); // a good PDU after it can no longer be found
            SmppRejected r = ch.readInbound();
            assertThat(r.fatal()).isTrue();
            assertThat(r.status()).isEqualTo(SmppStatus.ESME_RINVCMDLEN);
            assertThat(r.answer().command()).isEqualTo(SmppCommand.GENERIC_NACK);
            assertThat(r.answer().sequence()).isEqualTo(11);
            assertThat((Object) ch.readInbound()).as("nothing read after a fatal length").isNull();
            ch.finishAndReleaseAll();
        }
        // a frame that announces more than the maximum is refused before it is buffered
        EmbeddedChannel small = new EmbeddedChannel(new SmppFrameDecoder(64));
        small.writeInbound(Unpooled.wrappedBuffer(submitSm()));
        assertThat(((SmppRejected) small.readInbound()).reason()).isEqualTo("command-length-over-maximum");
    }

    static List<SmppCommand> commands(EmbeddedChannel ch) {
        List<SmppCommand> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add(((SmppPdu) o).command());
        }
        return out;
    }

    static byte[] header(int commandId, int sequence) {
        return Unpooled.buffer(16).writeInt(0).writeInt(commandId).writeInt(0).writeInt(sequence).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteBuf b = Unpooled.buffer();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }
}
