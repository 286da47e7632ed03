package io.swapguard.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsmpp.bean.Address;
import org.jsmpp.bean.DestinationAddress;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.DefaultDecomposer;
import org.junit.jupiter.api.Test;

/**
 * Our codec against jsmpp's, an encoder and decoder we did not write: every PDU jsmpp composes
 * decodes to the fields it was given, and encodes back to jsmpp's exact bytes (TLVs, known or not,
 * included); what we encode, jsmpp decomposes to the same fields.
 */
class JsmppInteropTest {

    static final DefaultComposer JSMPP = new DefaultComposer();
    static final DefaultDecomposer JSMPP_READ = new DefaultDecomposer();
    static final byte[] OTP = "Kode OTP Anda 123456. Jangan berikan kepada siapa pun.".getBytes(StandardCharsets.US_ASCII);

    static SmppPdu decode(byte[] wire) throws SmppDecodeException {
        return SmppCodec.decode(Unpooled.wrappedBuffer(wire));
    }

    static byte[] encode(SmppPdu p) {
        ByteBuf out = Unpooled.buffer();
        SmppCodec.encode(p, out);
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }

    /** Decodes jsmpp's bytes and checks our encoder gives them back octet for octet. */
    static SmppPdu roundTrip(byte[] wire) throws SmppDecodeException {
        SmppPdu p = decode(wire);
        assertThat(encode(p)).as(p.command() + " written back").isEqualTo(wire);
        return p;
    }

    @Test
    void submitSmWithKnownAndUnknownTlvs() throws Exception {
        byte[] payload = new byte[300];
        java.util.Arrays.fill(payload, (byte) 'x');
        byte[] wire = JSMPP.submitSm(7, "CMT", (byte) 5, (byte) 0, "BCA", (byte) 1, (byte) 1, "6281100000003",
                (byte) 0x40, (byte) 0, (byte) 1, "", "000001000000000R", (byte) 1, (byte) 0, (byte) 8, (byte) 0, OTP,
                new OptionalParameter.OctetString((short) Tlv.MESSAGE_PAYLOAD, payload),
                new OptionalParameter.OctetString((short) 0x1401, new byte[] {1, 2, 3}),
                new OptionalParameter.OctetString((short) Tlv.SAR_MSG_REF_NUM, new byte[] {0, 42}));
        SmppPdu p = roundTrip(wire);
        assertThat(p.command()).isEqualTo(SmppCommand.SUBMIT_SM);
        assertThat(p.sequence()).isEqualTo(7);
        SmppBody.ShortMessage m = (SmppBody.ShortMessage) p.body();
        assertThat(m.serviceType()).isEqualTo("CMT");
        assertThat(m.source()).isEqualTo(new SmppAddress(5, 0, "BCA"));
        assertThat(m.destination()).isEqualTo(new SmppAddress(1, 1, "6281100000003"));
        assertThat(m.esmClass()).isEqualTo(0x40);
        assertThat(m.priorityFlag()).isEqualTo(1);
        assertThat(m.validityPeriod()).isEqualTo("000001000000000R");
        assertThat(m.registeredDelivery()).isEqualTo(1);
        assertThat(m.dataCoding()).isEqualTo(8);
        assertThat(m.shortMessage()).isEqualTo(OTP);
        assertThat(m.tlvs()).extracting(Tlv::tag).containsExactly(Tlv.MESSAGE_PAYLOAD, 0x1401, Tlv.SAR_MSG_REF_NUM);
        assertThat(m.tlvs().get(0).value()).isEqualTo(payload);
        assertThat(m.tlvs().get(2).unsigned()).isEqualTo(42);

        // and the other way: what we write, jsmpp reads
        org.jsmpp.bean.SubmitSm back = JSMPP_READ.submitSm(encode(p));
        assertThat(back.getSourceAddr()).isEqualTo("BCA");
        assertThat(back.getDestAddress()).isEqualTo("6281100000003");
        assertThat(back.getShortMessage()).isEqualTo(OTP);
        assertThat(back.getOptionalParameters()).hasSize(3);
    }

    @Test
    void deliverSmReceiptAndDataSm() throws Exception {
        byte[] receipt = "id:0123456789 sub:001 dlvrd:001 submit date:2611301200 done date:2611301201 stat:DELIVRD err:000 text:Kode"
                .getBytes(StandardCharsets.US_ASCII);
        SmppPdu d = roundTrip(JSMPP.deliverSm(9, "", (byte) 1, (byte) 1, "6281100000003", (byte) 5, (byte) 0, "BCA",
                (byte) 0x04, (byte) 0, (byte) 0, (byte) 0, (byte) 0, receipt,
                new OptionalParameter.OctetString((short) Tlv.RECEIPTED_MESSAGE_ID, "0123456789")));
        assertThat(d.command()).isEqualTo(SmppCommand.DELIVER_SM);
        assertThat(((SmppBody.ShortMessage) d.body()).esmClass()).isEqualTo(0x04);
        assertThat(((SmppBody.ShortMessage) d.body()).shortMessage()).isEqualTo(receipt);

        SmppPdu data = roundTrip(JSMPP.dataSm(10, "WAP", (byte) 1, (byte) 1, "62811000000030000001",
                (byte) 1, (byte) 1, "6281100000003", (byte) 0, (byte) 1, (byte) 8,
                new OptionalParameter.OctetString((short) Tlv.MESSAGE_PAYLOAD, OTP)));
        SmppBody.DataSm ds = (SmppBody.DataSm) data.body();
        assertThat(ds.source().address()).isEqualTo("62811000000030000001");
        assertThat(ds.tlvs().get(0).value()).isEqualTo(OTP);
    }

    @Test
    void sessionPdus() throws Exception {
        SmppPdu bind = roundTrip(JSMPP.bind(0x00000009, 1, "bank-esme", "secret", "OTP", (byte) 0x34, (byte) 1, (byte) 1,
                "^628"));
        assertThat(bind.command()).isEqualTo(SmppCommand.BIND_TRANSCEIVER);
        assertThat(bind.body()).isEqualTo(new SmppBody.Bind("bank-esme", "secret", "OTP", 0x34, 1, 1, "^628"));
        SmppPdu resp = roundTrip(JSMPP.bindResp(0x80000009, 1, "smsc-1",
                new OptionalParameter.OctetString((short) Tlv.SC_INTERFACE_VERSION, new byte[] {0x34})));
        assertThat(((SmppBody.BindResp) resp.body()).systemId()).isEqualTo("smsc-1");
        assertThat(roundTrip(JSMPP.outbind(2, "smsc-1", "pw")).body()).isEqualTo(new SmppBody.Outbind("smsc-1", "pw"));
        assertThat(roundTrip(JSMPP.enquireLink(3)).command()).isEqualTo(SmppCommand.ENQUIRE_LINK);
        assertThat(roundTrip(JSMPP.enquireLinkResp(3)).command()).isEqualTo(SmppCommand.ENQUIRE_LINK_RESP);
        assertThat(roundTrip(JSMPP.unbind(4)).command()).isEqualTo(SmppCommand.UNBIND);
        assertThat(roundTrip(JSMPP.unbindResp(0, 4)).command()).isEqualTo(SmppCommand.UNBIND_RESP);
        SmppPdu nack = roundTrip(JSMPP.genericNack(SmppStatus.ESME_RINVCMDID, 5));
        assertThat(nack.command()).isEqualTo(SmppCommand.GENERIC_NACK);
        assertThat(nack.status()).isEqualTo(SmppStatus.ESME_RINVCMDID);
        SmppPdu ok = roundTrip(JSMPP.submitSmResp(6, "msg-77"));
        assertThat(ok.body()).isEqualTo(new SmppBody.MessageIdResp("msg-77", List.of()));
    }

    @Test
    void theOtherOperations() throws Exception {
        SmppPdu multi = roundTrip(JSMPP.submitMulti(11, "", (byte) 5, (byte) 0, "BRI", new DestinationAddress[] {
            new Address((byte) 1, (byte) 1, "6281100000003"), new Address((byte) 1, (byte) 1, "6281100000004")},
                (byte) 0, (byte) 0, (byte) 0, "", "", (byte) 0, (byte) 0, (byte) 0, (byte) 0, OTP));
        SmppBody.SubmitMulti m = (SmppBody.SubmitMulti) multi.body();
        assertThat(m.destinations()).extracting(d -> d.address().address()).containsExactly("6281100000003",
                "6281100000004");
        // A distribution list: jsmpp 3.0.2 writes dest_flag 2 without the dl_name (its bytes are one
        // field short), so this one is checked against SMPP 3.4 4.5.1.1 by hand.
        byte[] dl = java.util.HexFormat.of().parseHex("000000320000002100000000000000100005004252490002"
                + "0101013632383131000276697000000000000000000000026869");
        SmppBody.SubmitMulti withList = (SmppBody.SubmitMulti) roundTrip(dl).body();
        assertThat(withList.destinations()).containsExactly(
                new SmppBody.MultiDestination(new SmppAddress(1, 1, "62811"), null),
                new SmppBody.MultiDestination(null, "vip"));
        assertThat(withList.shortMessage()).isEqualTo("hi".getBytes(StandardCharsets.US_ASCII));
        SmppPdu query = roundTrip(JSMPP.querySm(12, "msg-77", (byte) 5, (byte) 0, "BRI"));
        assertThat(query.body()).isEqualTo(new SmppBody.QuerySm("msg-77", new SmppAddress(5, 0, "BRI")));
        SmppPdu cancel = roundTrip(JSMPP.cancelSm(13, "", "msg-77", (byte) 5, (byte) 0, "BRI", (byte) 1, (byte) 1,
                "6281100000003"));
        assertThat(((SmppBody.CancelSm) cancel.body()).messageId()).isEqualTo("msg-77");
        SmppPdu replace = roundTrip(JSMPP.replaceSm(14, "msg-77", (byte) 5, (byte) 0, "BRI", "", "", (byte) 0, (byte) 0,
                OTP));
        assertThat(((SmppBody.ReplaceSm) replace.body()).shortMessage()).isEqualTo(OTP);
        SmppPdu alert = roundTrip(JSMPP.alertNotification(15, (byte) 1, (byte) 1, "6281100000003", (byte) 1, (byte) 1,
                "628119999"));
        assertThat(((SmppBody.AlertNotification) alert.body()).source().address()).isEqualTo("6281100000003");
    }

    /** The responses and TLV carriers the gate passes on least often, both ways through jsmpp. */
    @Test
    void theRarerBodiesAndTheirTlvs() throws Exception {
        OptionalParameter.OctetString vendor = new OptionalParameter.OctetString((short) 0x1402, new byte[] {9, 8});
        SmppPdu multi = roundTrip(JSMPP.submitMulti(16, "", (byte) 5, (byte) 0, "BRI", new DestinationAddress[] {
            new Address((byte) 1, (byte) 1, "6281100000003")}, (byte) 0, (byte) 0, (byte) 0, "", "", (byte) 0,
                (byte) 0, (byte) 0, (byte) 0, OTP, vendor));
        assertThat(((SmppBody.SubmitMulti) multi.body()).tlvs()).containsExactly(new Tlv(0x1402, new byte[] {9, 8}));

        SmppPdu idResp = roundTrip(JSMPP.submitSmResp(17, "msg-78", vendor));
        assertThat(idResp.body()).isEqualTo(new SmppBody.MessageIdResp("msg-78", List.of(new Tlv(0x1402,
                new byte[] {9, 8}))));
        assertThat(JSMPP_READ.submitSmResp(encode(idResp)).getOptionalParameters()).hasSize(1);

        SmppPdu multiResp = roundTrip(JSMPP.submitMultiResp(18, "msg-79",
                new org.jsmpp.bean.UnsuccessDelivery((byte) 1, (byte) 1, "6281100000004", 0x0B),
                new org.jsmpp.bean.UnsuccessDelivery((byte) 2, (byte) 8, "0811", 0x45)));
        assertThat(multiResp.body()).isEqualTo(new SmppBody.SubmitMultiResp("msg-79", List.of(
                new SmppBody.Unsuccessful(new SmppAddress(1, 1, "6281100000004"), 0x0B),
                new SmppBody.Unsuccessful(new SmppAddress(2, 8, "0811"), 0x45))));
        org.jsmpp.bean.SubmitMultiResp readBack = JSMPP_READ.submitMultiResp(encode(multiResp));
        assertThat(readBack.getMessageId()).isEqualTo("msg-79");
        assertThat(readBack.getUnsuccessSmes()).extracting(org.jsmpp.bean.UnsuccessDelivery::getErrorStatusCode)
                .containsExactly(0x0B, 0x45);
        // The error status is four octets: one short and the PDU is truncated, not misread.
        byte[] cut = java.util.Arrays.copyOf(encode(multiResp), encode(multiResp).length - 1);
        Unpooled.wrappedBuffer(cut).setInt(0, cut.length);
        assertThatThrownBy(() -> decode(cut)).isInstanceOfSatisfying(SmppDecodeException.class,
                e -> assertThat(e.reason()).isEqualTo("truncated-body"));

        SmppPdu queryResp = roundTrip(JSMPP.querySmResp(19, "msg-77", "261201093000000+", (byte) 2, (byte) 0));
        assertThat(queryResp.body()).isEqualTo(new SmppBody.QuerySmResp("msg-77", "261201093000000+", 2, 0));
        org.jsmpp.bean.QuerySmResp q = JSMPP_READ.querySmResp(encode(queryResp));
        assertThat(q.getFinalDate()).isEqualTo("261201093000000+");
        assertThat(q.getMessageState().value()).isEqualTo((byte) 2);

        SmppPdu alert = roundTrip(JSMPP.alertNotification(20, (byte) 1, (byte) 1, "6281100000003", (byte) 1, (byte) 1,
                "628119999", new OptionalParameter.OctetString((short) 0x0422, new byte[] {1})));
        assertThat(((SmppBody.AlertNotification) alert.body()).tlvs()).containsExactly(new Tlv(0x0422,
                new byte[] {1}));
    }

    /** command_length counts from the PDU's own start, not from the start of the buffer it is written into. */
    @Test
    void aPduWrittenAfterAnotherCarriesItsOwnLength() throws Exception {
        ByteBuf out = Unpooled.buffer();
        SmppCodec.encode(new SmppPdu(SmppCommand.ENQUIRE_LINK, 0, 1, SmppBody.Empty.INSTANCE), out);
        SmppCodec.encode(new SmppPdu(SmppCommand.SUBMIT_SM_RESP, 0, 2, new SmppBody.MessageIdResp("m", List.of())),
                out);
        assertThat(out.getInt(0)).isEqualTo(16);
        assertThat(out.getInt(16)).isEqualTo(18);
        assertThat(out.readableBytes()).isEqualTo(34);
    }

    /** A C-Octet string fills its field up to the last octet, which is the NUL. */
    @Test
    void aStringAtItsMaximumFitsAndOneMoreIsRefused() throws Exception {
        String id = "m".repeat(64);
        SmppPdu p = roundTrip(JSMPP.submitSmResp(21, id));
        assertThat(((SmppBody.MessageIdResp) p.body()).messageId()).isEqualTo(id);
        assertThatThrownBy(() -> encode(new SmppPdu(SmppCommand.SUBMIT_SM_RESP, 0, 1,
                new SmppBody.MessageIdResp(id + "m", List.of())))).isInstanceOf(IllegalArgumentException.class);
    }

    /** A TLV with an empty value is four octets: the last four of a PDU are a TLV, not a truncation. */
    @Test
    void anEmptyTlvAtTheEndIsATlv() throws Exception {
        SmppPdu p = roundTrip(JSMPP.submitSmResp(22, "m", new OptionalParameter.Null((short) 0x1403)));
        assertThat(((SmppBody.MessageIdResp) p.body()).tlvs()).containsExactly(new Tlv(0x1403, new byte[0]));
    }
}
