package io.swapguard.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.swapguard.ss7.pcap.PcapWriter;
import io.swapguard.testkit.Tshark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What our encoder writes, tshark (an SMPP dissector we did not write) reads field for field and
 * finds nothing malformed in, over TCP with a PDU split across segments and PDUs merged in one.
 */
class SmppTsharkTest {

    static final int LINKTYPE_RAW = 101;

    @Test
    void tsharkReadsWhatWeWrite(@TempDir Path dir) throws Exception {
        List<SmppPdu> pdus = List.of(
                new SmppPdu(SmppCommand.BIND_TRANSCEIVER, 0, 1,
                        new SmppBody.Bind("bank-esme", "secret", "OTP", 0x34, 0, 0, "")),
                new SmppPdu(SmppCommand.BIND_TRANSCEIVER_RESP, 0, 1, new SmppBody.BindResp("smsc-1",
                        List.of(new Tlv(Tlv.SC_INTERFACE_VERSION, new byte[] {0x34})))),
                new SmppPdu(SmppCommand.SUBMIT_SM, 0, 2, new SmppBody.ShortMessage("", new SmppAddress(5, 0, "BCA"),
                        new SmppAddress(1, 1, "6281100000003"), 0, 0, 0, "", "", 1, 0, 0, 0,
                        "Kode OTP Anda 123456".getBytes(StandardCharsets.US_ASCII),
                        List.of(new Tlv(Tlv.USER_MESSAGE_REFERENCE, new byte[] {0, 7})))),
                new SmppPdu(SmppCommand.SUBMIT_SM_RESP, 0, 2, new SmppBody.MessageIdResp("msg-1", List.of())),
                new SmppPdu(SmppCommand.DATA_SM, 0, 3, new SmppBody.DataSm("", new SmppAddress(5, 0, "BRI"),
                        new SmppAddress(1, 1, "6281100000004"), 0, 0, 8,
                        List.of(new Tlv(Tlv.MESSAGE_PAYLOAD, new byte[] {0, 0x4F, 0, 0x54, 0, 0x50})))),
                new SmppPdu(SmppCommand.ENQUIRE_LINK, 0, 4, SmppBody.Empty.INSTANCE),
                new SmppPdu(SmppCommand.SUBMIT_SM_RESP, SmppStatus.ESME_RTHROTTLED, 5, SmppBody.Empty.INSTANCE),
                new SmppPdu(SmppCommand.UNBIND, 0, 6, SmppBody.Empty.INSTANCE));
        List<byte[]> wire = new ArrayList<>();
        for (SmppPdu p : pdus) {
            ByteBuf b = Unpooled.buffer();
            SmppCodec.encode(p, b);
            byte[] a = new byte[b.readableBytes()];
            b.readBytes(a);
            wire.add(a);
        }
        // segments: the bind alone, the submit_sm split in two, then the rest merged in one
        List<byte[]> segments = new ArrayList<>();
        segments.add(wire.get(0));
        segments.add(wire.get(1));
        segments.add(java.util.Arrays.copyOfRange(wire.get(2), 0, 20));
        segments.add(java.util.Arrays.copyOfRange(wire.get(2), 20, wire.get(2).length));
        ByteBuf rest = Unpooled.buffer();
        for (int i = 3; i < wire.size(); i++) {
            rest.writeBytes(wire.get(i));
        }
        byte[] merged = new byte[rest.readableBytes()];
        rest.readBytes(merged);
        segments.add(merged);

        Path pcap = dir.resolve("smpp.pcap");
        try (PcapWriter w = PcapWriter.create(pcap, LINKTYPE_RAW)) {
            long seq = 1000;
            long t = 1_790_000_000_000_000_000L;
            for (byte[] s : segments) {
                w.write(t += 1_000_000, ipv4Tcp(s, seq));
                seq += s.length;
            }
        }
        assertThat(Tshark.run(List.of("tshark", "-n", "-r", pcap.toString(), "-d", "tcp.port==2775,smpp", "-Y",
                "_ws.malformed || _ws.expert.severity == error"))).as("frames tshark finds malformed").isBlank();
        String out = Tshark.run(List.of("tshark", "-n", "-r", pcap.toString(), "-d", "tcp.port==2775,smpp", "-T",
                "fields", "-E", "occurrence=a", "-E", "aggregator=;", "-e", "smpp.command_id", "-e",
                "smpp.sequence_number", "-e", "smpp.command_status", "-e", "smpp.system_id", "-e", "smpp.source_addr",
                "-e", "smpp.destination_addr", "-e", "smpp.message_id", "-e", "smpp.user_message_reference"));
        List<String> ids = new ArrayList<>();
        List<String> seqs = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f[0].isEmpty()) {
                continue; // a segment tshark holds for reassembly
            }
            for (String id : f[0].split(";")) {
                ids.add(id);
            }
            for (String s : f[1].split(";")) {
                seqs.add(s);
            }
            all.append(line).append('\n');
        }
        List<String> expectedIds = new ArrayList<>();
        List<String> expectedSeqs = new ArrayList<>();
        for (SmppPdu p : pdus) {
            expectedIds.add(String.format("0x%08x", p.command().id()));
            expectedSeqs.add(Integer.toString(p.sequence()));
        }
        assertThat(ids).isEqualTo(expectedIds);
        assertThat(seqs).isEqualTo(expectedSeqs);
        assertThat(all.toString()).contains("bank-esme", "smsc-1", "BCA", "6281100000003", "msg-1", "BRI",
                "6281100000004", "0x00000058");
    }

    /** An IPv4 + TCP packet from 127.0.0.1:40000 to 127.0.0.2:2775 (checksums left 0: tshark does not check them). */
    static byte[] ipv4Tcp(byte[] payload, long seq) {
        ByteBuf b = Unpooled.buffer();
        int total = 20 + 20 + payload.length;
        b.writeByte(0x45).writeByte(0).writeShort(total).writeShort(1).writeShort(0x4000).writeByte(64).writeByte(6)
                .writeShort(0).writeBytes(new byte[] {127, 0, 0, 1}).writeBytes(new byte[] {127, 0, 0, 2});
        b.writeShort(40000).writeShort(2775).writeInt((int) seq).writeInt(1).writeByte(0x50).writeByte(0x18)
                .writeShort(65535).writeShort(0).writeShort(0);
        b.writeBytes(payload);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

}
