package io.swapguard.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.swapguard.event.ShortMessage;
import io.swapguard.event.SmppEvent;
import io.swapguard.event.SmsAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the gate judges and the tap journals of each message-carrying PDU: who sent it, to whom,
 * the text and its concatenation, and the event record's bounds.
 */
class SmppMessageTest {

    static final SmppAddress BCA = new SmppAddress(5, 0, "BCA");
    static final SmppAddress TO = new SmppAddress(1, 1, "6281100000003");

    static SmppBody.ShortMessage sm(SmppAddress from, int esm, int dcs, byte[] content, List<Tlv> tlvs) {
        return new SmppBody.ShortMessage("", from, TO, esm, 0, 0, "", "", 0, 0, dcs, 0, content, tlvs);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static Tlv tlv(int tag, int... octets) {
        byte[] v = new byte[octets.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) octets[i];
        }
        return new Tlv(tag, v);
    }

    @Test
    void submitAndDeliverAreToldApartAndOnlyTheSubmissionIsOne() {
        SmppMessage submit = SmppMessage.of(new SmppPdu(SmppCommand.SUBMIT_SM, 0, 1,
                sm(BCA, 0, 3, ascii("Kode OTP 123456"), List.of())));
        assertThat(submit.command()).isEqualTo(SmppEvent.Command.SUBMIT_SM);
        assertThat(submit.submission()).isTrue();
        assertThat(submit.source()).isEqualTo(SmsAddress.alphanumeric("BCA"));
        assertThat(submit.destinations()).containsExactly(SmsAddress.international("6281100000003"));
        assertThat(submit.dataCoding()).isEqualTo(3);
        assertThat(submit.content().text()).isEqualTo("Kode OTP 123456");
        assertThat(submit.event(submit.destinations().get(0), "Kode OTP 123456", false).type())
                .isEqualTo(ShortMessage.Type.SUBMIT);

        SmppMessage deliver = SmppMessage.of(new SmppPdu(SmppCommand.DELIVER_SM, 0, 1,
                sm(BCA, 4, 0, ascii("id:1 stat:DELIVRD"), List.of())));
        assertThat(deliver.command()).isEqualTo(SmppEvent.Command.DELIVER_SM);
        assertThat(deliver.submission()).isFalse();
        assertThat(deliver.event(deliver.destinations().get(0), "x", false).type())
                .isEqualTo(ShortMessage.Type.DELIVER);

        assertThat(SmppMessage.of(new SmppPdu(SmppCommand.ENQUIRE_LINK, 0, 1, SmppBody.Empty.INSTANCE))).isNull();
    }

    @Test
    void aDataSmIsReadFromItsMessagePayload() {
        SmppMessage m = SmppMessage.of(new SmppPdu(SmppCommand.DATA_SM, 0, 1, new SmppBody.DataSm("", BCA, TO, 0, 0,
                8, List.of(new Tlv(Tlv.MESSAGE_PAYLOAD, "Kode 42".getBytes(StandardCharsets.UTF_16BE))))));
        assertThat(m.command()).isEqualTo(SmppEvent.Command.DATA_SM);
        assertThat(m.submission()).isTrue();
        assertThat(m.destinations()).containsExactly(SmsAddress.international("6281100000003"));
        assertThat(m.dataCoding()).isEqualTo(8);
        assertThat(m.content().text()).isEqualTo("Kode 42");
    }

    /**
     * A submit_multi to one number and one distribution list, written by hand to SMPP 3.4 4.5.1.1
     * (jsmpp 3.0.2 writes dest_flag 2 without its dl_name).
     */
    @Test
    void aSubmitMultiNamesEveryDestinationAndADistributionListByItsName() throws Exception {
        byte[] bytes = java.util.HexFormat.of().parseHex("000000320000002100000000000000100005004252490002"
                + "0101013632383131000276697000000000000000000000026869");
        SmppMessage m = SmppMessage.of(SmppCodec.decode(Unpooled.wrappedBuffer(bytes)));
        assertThat(m.command()).isEqualTo(SmppEvent.Command.SUBMIT_MULTI);
        assertThat(m.source()).isEqualTo(SmsAddress.alphanumeric("BRI"));
        assertThat(m.destinations()).containsExactly(SmsAddress.international("62811"),
                SmsAddress.alphanumeric("vip"));
        assertThat(m.content().text()).isEqualTo("hi");
    }

    @Test
    void aUtf8SenderIsReadAsTheLettersItSpellsAndOtherOctetsAreKept() {
        // Cyrillic "ВСА" in UTF-8, carried as SMPP octets (read as Latin-1 by the codec).
        String cyrillic = new String("ВСА".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(SmppMessage.address(new SmppAddress(5, 0, cyrillic)).value()).isEqualTo("ВСА");
        // A Latin-1 octet that is no UTF-8: kept as it came.
        assertThat(SmppMessage.address(new SmppAddress(5, 0, "Caf\u00e9")).value()).isEqualTo("Caf\u00e9");
        // A high octet after the first position is looked for too.
        String tail = "B" + new String("Б".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(SmppMessage.address(new SmppAddress(5, 0, tail)).value()).isEqualTo("BБ");
        assertThat(SmppMessage.address(new SmppAddress(5, 0, "BCA\u007f")).value()).isEqualTo("BCA\u007f");
    }

    @Test
    void typeOfNumberAndNumberingPlanAreKeptInTheirRanges() {
        assertThat(SmppMessage.address(new SmppAddress(0x0D, 15, "1")))
                .isEqualTo(new SmsAddress(5, 15, "1")); // TON is three bits; NPI 15 is a valid nibble
        assertThat(SmppMessage.address(new SmppAddress(1, 16, "1"))).isEqualTo(new SmsAddress(1, 0, "1"));
        assertThat(SmppMessage.address(new SmppAddress(7, 0, "1")).typeOfNumber()).isEqualTo(7);
    }

    @Test
    void addressesAreClippedToWhatAnEventHolds() {
        String max = "6".repeat(SmsAddress.MAX_LENGTH);
        assertThat(SmppMessage.address(new SmppAddress(1, 1, max)).value()).isEqualTo(max);
        assertThat(SmppMessage.address(new SmppAddress(1, 1, max + "7")).value()).isEqualTo(max);
        String list = "L".repeat(SmsAddress.MAX_LENGTH + 5);
        SmppMessage m = SmppMessage.of(new SmppPdu(SmppCommand.SUBMIT_MULTI, 0, 1, new SmppBody.SubmitMulti("", BCA,
                List.of(new SmppBody.MultiDestination(null, list), new SmppBody.MultiDestination(null, null)), 0, 0,
                0, "", "", 0, 0, 0, 0, ascii("x"), List.of())));
        assertThat(m.destinations()).extracting(SmsAddress::value).containsExactly("L".repeat(SmsAddress.MAX_LENGTH),
                "");
    }

    @Test
    void theEventTextIsClippedAtItsBoundAndAbsentTextStaysAbsent() {
        SmppMessage m = SmppMessage.of(new SmppPdu(SmppCommand.SUBMIT_SM, 0, 1, sm(BCA, 0, 0, ascii("x"), List.of())));
        SmsAddress to = m.destinations().get(0);
        String max = "k".repeat(ShortMessage.MAX_TEXT_LENGTH);
        assertThat(m.event(to, max, false).text()).isEqualTo(max);
        assertThat(m.event(to, max + "!", false).text()).isEqualTo(max);
        assertThat(m.event(to, null, false).text()).isNull();
        ShortMessage single = m.event(to, "Kode 1", false);
        assertThat(single).isEqualTo(ShortMessage.single(ShortMessage.Type.SUBMIT, SmsAddress.alphanumeric("BCA"), to,
                0, "Kode 1"));
        assertThat(single.isPart()).isFalse();
    }

    @Test
    void aConcatenatedMessageIsPartZeroWhenJudgedWholeAndItsOwnPartWhenSeenAlone() {
        // UDH: 8-bit reference 0x2A, 3 parts, this is part 2.
        byte[] udh = {5, 0, 3, 0x2A, 3, 2, 'a', 'b'};
        SmppMessage m = SmppMessage.of(new SmppPdu(SmppCommand.SUBMIT_SM, 0, 1, sm(BCA, 0x40, 0, udh, List.of())));
        SmsAddress to = m.destinations().get(0);
        ShortMessage whole = m.event(to, "the whole text", true);
        assertThat(whole.concatReference()).isEqualTo(0x2A);
        assertThat(whole.concatPart()).isZero();
        assertThat(whole.concatTotal()).isEqualTo(3);
        ShortMessage alone = m.event(to, "ab", false);
        assertThat(alone.concatPart()).isEqualTo(2);
        assertThat(alone.text()).isEqualTo("ab");
    }

    /** The event of a one-character submit_sm carrying these TLVs. */
    static ShortMessage eventWith(Tlv... tlvs) {
        SmppMessage m = SmppMessage.of(new SmppPdu(SmppCommand.SUBMIT_SM, 0, 1, sm(BCA, 0, 0, ascii("x"),
                List.of(tlvs))));
        return m.event(m.destinations().get(0), "x", false);
    }

    @Test
    void sarValuesBeyondTheEventsFieldsAreClampedNotRefused() {
        // sar_msg_ref_num is two octets but a four-octet one is read as sent; parts above 255 too.
        ShortMessage e = eventWith(tlv(Tlv.SAR_MSG_REF_NUM, 0, 1, 0, 0), tlv(Tlv.SAR_TOTAL_SEGMENTS, 1, 0x2C),
                tlv(Tlv.SAR_SEGMENT_SEQNUM, 1, 0x2B));
        assertThat(e.concatReference()).isEqualTo(0xFFFF);
        assertThat(e.concatTotal()).isEqualTo(255);
        assertThat(e.concatPart()).isEqualTo(255);
        // In range: kept exactly.
        ShortMessage f = eventWith(tlv(Tlv.SAR_MSG_REF_NUM, 0xFF, 0xFF), tlv(Tlv.SAR_TOTAL_SEGMENTS, 0xFF),
                tlv(Tlv.SAR_SEGMENT_SEQNUM, 0xFE));
        assertThat(f.concatReference()).isEqualTo(0xFFFF);
        assertThat(f.concatTotal()).isEqualTo(255);
        assertThat(f.concatPart()).isEqualTo(254);
        // Reference 0 is a reference.
        assertThat(eventWith(tlv(Tlv.SAR_MSG_REF_NUM, 0, 0), tlv(Tlv.SAR_TOTAL_SEGMENTS, 2),
                tlv(Tlv.SAR_SEGMENT_SEQNUM, 1)).concatReference()).isZero();
    }

    @Test
    void aReplacementKeepsTheOriginalsDestinationsAndCodingAndItsSenderUnlessItNamesOne() {
        SmppMessage original = SmppMessage.of(new SmppPdu(SmppCommand.SUBMIT_SM, 0, 1,
                sm(BCA, 0, 3, ascii("Halo"), List.of())));
        SmppMessage same = SmppMessage.replacing(new SmppPdu(SmppCommand.REPLACE_SM, 0, 2, new SmppBody.ReplaceSm("1001",
                new SmppAddress(0, 0, ""), "", "", 0, 0, ascii("Kode OTP 99"))), original);
        assertThat(same.command()).isEqualTo(SmppEvent.Command.REPLACE_SM);
        assertThat(same.source()).isEqualTo(SmsAddress.alphanumeric("BCA"));
        assertThat(same.destinations()).isEqualTo(original.destinations());
        assertThat(same.dataCoding()).isEqualTo(3);
        assertThat(same.content().text()).isEqualTo("Kode OTP 99");
        assertThat(same.submission()).isTrue();
        SmppMessage other = SmppMessage.replacing(new SmppPdu(SmppCommand.REPLACE_SM, 0, 2, new SmppBody.ReplaceSm(
                "1001", new SmppAddress(5, 0, "BNI"), "", "", 0, 0, ascii("x"))), original);
        assertThat(other.source()).isEqualTo(SmsAddress.alphanumeric("BNI"));
    }
}
