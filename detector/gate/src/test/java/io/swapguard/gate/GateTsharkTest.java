package io.swapguard.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swapguard.ss7.pcap.PcapWriter;
import io.swapguard.testkit.Tshark;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tshark, an SMPP decoder we did not write, reads a capture of the gate's traffic on both of its
 * sides (ESME ↔ gate and gate ↔ SMSC, both directions) with no malformed PDU, and sees on the SMSC
 * side exactly the submissions the gate allowed, with the fields the ESME sent.
 */
class GateTsharkTest {

    static final int LINKTYPE_RAW = 101;

    @Test
    void tsharkReadsBothSidesOfTheGateCleanly(@TempDir Path dir) throws Exception {
        SubmissionJudge judge = s -> s.destination().value().equals("6281100000042")
                ? new SubmissionJudge.Verdict(false, "simSwap", "swapped") : SubmissionJudge.Verdict.NOTHING_AGAINST;
        try (JsmppSmsc smsc = new JsmppSmsc(); RecordingRelay smscSide = new RecordingRelay(smsc.port());
                SmppGate gate = new SmppGate(GateConfig.defaults(smscSide.port()), judge, e -> { },
                        new SimpleMeterRegistry(), 1);
                RecordingRelay esmeSide = new RecordingRelay(gate.port())) {
            SMPPSession bank = new SMPPSession();
            bank.setEnquireLinkTimer(300);
            bank.connectAndBind("127.0.0.1", esmeSide.port(), new BindParameter(BindType.BIND_TRX, "bank-bca",
                    "secret", "OTP", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5000);
            submit(bank, "6281100000043", "Kode OTP Anda 483920");
            assertThatThrownBy(() -> submit(bank, "6281100000042", "Kode OTP Anda 551204"))
                    .isInstanceOf(NegativeResponseException.class);
            submit(bank, "6281100000044", "Terima kasih");
            Thread.sleep(500); // an enquire_link or two, answered by the gate
            bank.unbindAndClose();
            await().until(() -> smscSide.pdus(0x00000006).size() == 1);

            Path pcap = dir.resolve("gate.pcap");
            try (PcapWriter w = PcapWriter.create(pcap, LINKTYPE_RAW)) {
                long t = 1_790_000_000_000_000_000L;
                byte[][] esme = esmeSide.streams(0);
                byte[][] up = smscSide.streams(0);
                t = flow(w, t, esme[0], 1, 40000, 2, 2775);
                t = flow(w, t, esme[1], 2, 2775, 1, 40000);
                t = flow(w, t, up[0], 2, 40001, 3, 2775);
                flow(w, t, up[1], 3, 2775, 2, 40001);
            }
            assertThat(Tshark.run(List.of("tshark", "-n", "-r", pcap.toString(), "-d", "tcp.port==2775,smpp", "-Y",
                    "_ws.malformed || _ws.expert.severity == error"))).as("frames tshark finds malformed").isBlank();
            List<Map<String, List<String>>> rows = Tshark.fields(pcap, "ip.dst", "smpp.command_id",
                    "smpp.destination_addr", "smpp.source_addr", "smpp.system_id", "smpp.command_status");
            List<String> toSmsc = new ArrayList<>();
            List<String> destinations = new ArrayList<>();
            List<String> statusesToEsme = new ArrayList<>();
            for (Map<String, List<String>> r : rows) {
                String dst = r.get("ip.dst").isEmpty() ? "" : r.get("ip.dst").get(0);
                List<String> ids = r.get("smpp.command_id");
                if (dst.equals("127.0.0.3")) {
                    toSmsc.addAll(ids);
                    destinations.addAll(r.get("smpp.destination_addr"));
                } else if (dst.equals("127.0.0.1")) {
                    List<String> st = r.get("smpp.command_status");
                    for (int i = 0; i < ids.size(); i++) {
                        if (ids.get(i).equals("0x80000004")) {
                            statusesToEsme.add(st.get(i));
                        }
                    }
                }
            }
            // bind_transceiver, two submit_sm (the blocked one never went), unbind; no enquire_link from the ESME.
            assertThat(toSmsc).containsExactly("0x00000009", "0x00000004", "0x00000004", "0x00000006");
            assertThat(destinations).containsExactly("6281100000043", "6281100000044");
            assertThat(statusesToEsme).containsExactly("0x00000000", "0x00000045", "0x00000000");
        }
    }

    static void submit(SMPPSession s, String to, String text) throws Exception {
        s.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "BCA",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to, new ESMClass(), (byte) 0, (byte) 1, null,
                null, new RegisteredDelivery(1), (byte) 0, new GeneralDataCoding(Alphabet.ALPHA_DEFAULT), (byte) 0,
                text.getBytes(StandardCharsets.US_ASCII));
    }

    /** One direction of a TCP connection, as IPv4 packets of at most 1,400 bytes of payload. */
    static long flow(PcapWriter w, long t, byte[] bytes, int src, int srcPort, int dst, int dstPort) throws Exception {
        long seq = 1000;
        for (int at = 0; at < bytes.length; at += 1400) {
            int n = Math.min(1400, bytes.length - at);
            ByteBuffer b = ByteBuffer.allocate(40 + n);
            b.put((byte) 0x45).put((byte) 0).putShort((short) (40 + n)).putShort((short) 1).putShort((short) 0x4000)
                    .put((byte) 64).put((byte) 6).putShort((short) 0).put(new byte[] {127, 0, 0, (byte) src})
                    .put(new byte[] {127, 0, 0, (byte) dst});
            b.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt(1).put((byte) 0x50)
                    .put((byte) 0x18).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
            b.put(bytes, at, n);
            w.write(t += 1_000_000, b.array());
            seq += n;
        }
        return t;
    }
}
