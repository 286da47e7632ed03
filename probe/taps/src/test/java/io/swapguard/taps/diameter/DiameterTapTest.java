package io.swapguard.taps.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.diameter.AvpCode;
import io.swapguard.diameter.DiameterWriter;
import io.swapguard.event.DiameterCommand;
import io.swapguard.event.DiameterEvent;
import io.swapguard.event.SignalEvent;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.frame.FrameEncoder;
import io.swapguard.ss7.map.MapEncoder;
import io.swapguard.ss7.pcap.PcapWriter;
import io.swapguard.ss7.sctp.SctpDecoder;
import io.swapguard.ss7.sctp.SctpPacketBuilder;
import io.swapguard.taps.PcapIngest;
import io.swapguard.taps.ProbePipeline;
import io.swapguard.taps.ProbeSettings;
import io.swapguard.testkit.Tshark;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diameter from captures, checked against tshark field by field: messages encoded by node-diameter
 * (an independent encoder with its own dictionary) and by our writer (the AVPs node-diameter's
 * dictionary lacks: MSISDN, SC-Address, RAT-Type, Serving-Node numbers), over SCTP (PPID 46) and
 * over TCP port 3868 with a message split across segments, several in one segment, a
 * retransmission and segments out of order, over IPv4 and IPv6; answers joined to their requests.
 */
class DiameterTapTest {

    static final long T0 = 1_790_000_000_000_000_000L;
    static final String IMSI = "510109876543210";
    static final String OTP_TEXT = "BCA: kode OTP 482913, jangan berikan kepada siapapun";
    static List<byte[]> messages;

    @BeforeAll
    static void encode() throws Exception {
        messages = new ArrayList<>();
        Process p = new ProcessBuilder("node", "diameter-encode.js").directory(Path.of("src/test/node").toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("node diameter-encode.js (npm ci in src/test/node)").isZero();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                messages.add(HexFormat.of().parseHex(line.split(" ")[1]));
            }
        }
        assertThat(messages).hasSize(14);
        messages = new ArrayList<>(messages);
        messages.addAll(ours());
    }

    /** Our writer, for the AVPs node-diameter's dictionary does not have. */
    static List<byte[]> ours() {
        String hss = "hss1.epc.mnc010.mcc510.3gppnetwork.org";
        String home = "epc.mnc010.mcc510.3gppnetwork.org";
        byte[] ulr = DiameterWriter.request(316, DiameterCommand.APP_S6A, 0x9001, 0x19001)
                .base(AvpCode.SESSION_ID, "mme9;ulr").base(AvpCode.ORIGIN_HOST, "mme9.epc.mnc020.mcc262.3gppnetwork.org")
                .base(AvpCode.ORIGIN_REALM, "epc.mnc020.mcc262.3gppnetwork.org").base(AvpCode.DESTINATION_REALM, home)
                .base(AvpCode.USER_NAME, IMSI).vendor(AvpCode.RAT_TYPE, 1004).vendor(AvpCode.ULR_FLAGS, 0x22)
                .vendor(AvpCode.VISITED_PLMN_ID, DiameterWriter.plmnId("262020"))
                .vendorGroup(AvpCode.TERMINAL_INFORMATION, t -> t.vendor(AvpCode.IMEI, "35332509123456"))
                .toBytes();
        byte[] ula = DiameterWriter.answer(316, DiameterCommand.APP_S6A, 0x9001, 0x19001)
                .base(AvpCode.SESSION_ID, "mme9;ulr").base(AvpCode.RESULT_CODE, 2001).base(AvpCode.ORIGIN_HOST, hss)
                .base(AvpCode.ORIGIN_REALM, home)
                .vendorGroup(AvpCode.SUBSCRIPTION_DATA, s -> s.vendor(AvpCode.MSISDN, DiameterWriter.tbcd("6281234567890")))
                .toBytes();
        byte[] srr = DiameterWriter.request(8388647, DiameterCommand.APP_S6C, 0x9002, 0x19002)
                .base(AvpCode.SESSION_ID, "smsc;srr").base(AvpCode.ORIGIN_HOST, "smsc.example.org")
                .base(AvpCode.ORIGIN_REALM, "example.org").base(AvpCode.DESTINATION_REALM, home)
                .vendor(AvpCode.MSISDN, DiameterWriter.tbcd("6281234567890"))
                .vendor(AvpCode.SC_ADDRESS, DiameterWriter.tbcd("4477001234")).toBytes();
        byte[] sra = DiameterWriter.answer(8388647, DiameterCommand.APP_S6C, 0x9002, 0x19002)
                .base(AvpCode.SESSION_ID, "smsc;srr").base(AvpCode.RESULT_CODE, 2001).base(AvpCode.ORIGIN_HOST, hss)
                .base(AvpCode.ORIGIN_REALM, home).base(AvpCode.USER_NAME, IMSI)
                .vendorGroup(AvpCode.SERVING_NODE, n -> n.vendor(AvpCode.MSC_NUMBER, DiameterWriter.tbcd("4477009")))
                .toBytes();
        byte[] tfr = DiameterWriter.request(8388646, DiameterCommand.APP_SGD, 0x9003, 0x19003)
                .base(AvpCode.SESSION_ID, "smsc;tfr").base(AvpCode.ORIGIN_HOST, "smsc1." + home)
                .base(AvpCode.ORIGIN_REALM, home).base(AvpCode.DESTINATION_HOST, "mme1." + home)
                .base(AvpCode.DESTINATION_REALM, home).base(AvpCode.USER_NAME, IMSI)
                .vendor(AvpCode.SC_ADDRESS, DiameterWriter.tbcd("6281100900"))
                .vendor(AvpCode.SM_RP_UI, MapEncoder.smsDeliverTpdu(MapEncoder.Sms.of("BCA", true, OTP_TEXT)))
                .toBytes();
        return List.of(ulr, ula, srr, sra, tfr);
    }

    /** All messages over SCTP, one per packet, then all over TCP cut in awkward places. */
    static Path capture(Path file, boolean tcpOnly) throws Exception {
        return capture(file, tcpOnly, InetAddress.getByName("10.0.0.1"), InetAddress.getByName("10.0.0.2"));
    }

    static Path capture(Path file, boolean tcpOnly, InetAddress mme, InetAddress hss) throws Exception {
        try (PcapWriter w = PcapWriter.create(file, 1)) {
            long t = T0;
            long tsn = 100;
            if (!tcpOnly) {
                for (byte[] m : messages) {
                    boolean request = (m[4] & 0x80) != 0;
                    byte[] sctp = new SctpPacketBuilder(request ? 3868 : 3869, request ? 3869 : 3868, 7)
                            .data(tsn++, 0, 0, SctpDecoder.PPID_DIAMETER, m).build();
                    w.write(t += 1_000_000, FrameEncoder.encode(1, null, request ? mme : hss, request ? hss : mme, 132,
                            sctp, 0, sctp.length, 1));
                }
            }
            // TCP: the client (requests) towards 3868, answers back; the streams cut and disordered.
            ByteArrayOutputStream up = new ByteArrayOutputStream();
            ByteArrayOutputStream down = new ByteArrayOutputStream();
            for (byte[] m : messages) {
                ((m[4] & 0x80) != 0 ? up : down).writeBytes(m);
            }
            List<byte[]> frames = new ArrayList<>();
            byte[] u = up.toByteArray();
            byte[] d = down.toByteArray();
            frames.add(tcp(mme, hss, 40000, 3868, 1000, 0x02, new byte[0])); // SYN
            frames.add(tcp(hss, mme, 3868, 40000, 5000, 0x12, new byte[0])); // SYN-ACK
            int a = 37; // splits the first message
            int b = u.length / 2;
            if (u.length > a) {
                frames.add(tcp(mme, hss, 40000, 3868, 1001, 0x18, slice(u, 0, a)));
                frames.add(tcp(mme, hss, 40000, 3868, 1001 + b, 0x18, slice(u, b, u.length))); // out of order
                frames.add(tcp(mme, hss, 40000, 3868, 1001 + a, 0x18, slice(u, a, b))); // several messages at once
                frames.add(tcp(mme, hss, 40000, 3868, 1001, 0x18, slice(u, 0, a))); // retransmission
            }
            frames.add(tcp(hss, mme, 3868, 40000, 5001, 0x18, slice(d, 0, d.length)));
            for (byte[] f : frames) {
                w.write(t += 1_000_000, f);
            }
        }
        return file;
    }

    static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    static byte[] tcp(InetAddress src, InetAddress dst, int sp, int dp, long seq, int flags, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(20 + data.length);
        b.putShort((short) sp).putShort((short) dp).putInt((int) seq).putInt((flags & 0x10) != 0 ? 1 : 0)
                .put((byte) 0x50).put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0)
                .put(data);
        return FrameEncoder.encode(1, null, src, dst, 6, b.array(), 0, b.capacity(), 2);
    }

    static List<DiameterEvent> tap(Path pcap, DecodeCounters counters) throws Exception {
        List<SignalEvent> events = new ArrayList<>();
        ProbePipeline p = new ProbePipeline(ProbeSettings.defaults(), counters, events::add, null);
        new PcapIngest(p).ingest(pcap, "s6a", 0, 0, n -> { });
        return events.stream().map(DiameterEvent.class::cast).toList();
    }

    static final String[] FIELDS = {"diameter.cmd.code", "diameter.flags.request", "diameter.applicationId",
        "diameter.hopbyhopid", "diameter.endtoendid", "diameter.Origin-Host", "diameter.Origin-Realm",
        "diameter.Destination-Realm", "diameter.User-Name", "diameter.Result-Code", "diameter.Experimental-Result-Code",
        "diameter.IMEI", "diameter.RAT-Type", "diameter.Cancellation-Type", "diameter.Equipment-Status",
        "diameter.MME-Name", "diameter.Route-Record", "e212.mcc", "e212.mnc", "e164.msisdn", "gsm_sms.sms_text",
        "gsm_sms.tp-oa"};

    @Test
    void everyFieldAgreesWithTshark(@TempDir Path dir) throws Exception {
        Path pcap = capture(dir.resolve("s6a.pcap"), false);
        assertThat(Tshark.problemFrames(pcap)).isZero();
        DecodeCounters counters = new DecodeCounters();
        List<DiameterEvent> ours = tap(pcap, counters);
        assertThat(ours).hasSize(2 * messages.size());
        assertThat(counters.ignored(Layer.TCP, "retransmission")).isEqualTo(1);

        // tshark, with the TCP port decoded as Diameter (it is by default) and reassembly on
        List<Map<String, List<String>>> rows = Tshark.fields(pcap, FIELDS);
        List<String> theirs = new ArrayList<>();
        for (Map<String, List<String>> row : rows) {
            List<String> codes = row.get("diameter.cmd.code");
            if (codes.size() == 1) {
                theirs.add(summary(row));
            }
        }
        // frames carrying one message each (SCTP, and the TCP answers' segment carries many: not compared here)
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            DiameterEvent e = ours.get(i);
            DiameterEvent request = ours.stream().filter(r -> r.request() && r.hopByHop() == e.hopByHop()).findFirst()
                    .orElseThrow();
            mine.add(summary(e, request));
        }
        assertThat(theirs.subList(0, messages.size())).containsExactlyElementsOf(mine);
        // over TCP the same messages again, in the same order per direction
        assertThat(ours.subList(messages.size(), ours.size()).stream().map(e -> e.commandName() + e.hopByHop()))
                .containsExactlyInAnyOrderElementsOf(ours.subList(0, messages.size()).stream()
                        .map(e -> e.commandName() + e.hopByHop()).toList());
    }

    @Test
    void answersCarryTheirRequestsFacts(@TempDir Path dir) throws Exception {
        DecodeCounters counters = new DecodeCounters();
        List<DiameterEvent> ours = tap(capture(dir.resolve("s6a.pcap"), false), counters);
        DiameterEvent ula = ours.stream().filter(e -> e.commandName().equals("ULA") && e.hopByHop() == 0x9001)
                .findFirst().orElseThrow();
        // "IMSI X attached from MME M in realm R with IMEI I, and the HSS says it is MSISDN N"
        assertThat(ula.imsi().digits()).isEqualTo(IMSI);
        assertThat(ula.msisdn().digits()).isEqualTo("6281234567890");
        assertThat(ula.imei().digits()).isEqualTo("35332509123456");
        assertThat(ula.visitedPlmnId()).isEqualTo("262020");
        assertThat(ula.ratType()).isEqualTo(1004);
        assertThat(ula.destinationHost()).isEqualTo("mme9.epc.mnc020.mcc262.3gppnetwork.org");
        assertThat(ula.destinationRealm()).isEqualTo("epc.mnc020.mcc262.3gppnetwork.org");
        assertThat(ula.success()).isTrue();
        DiameterEvent sra = ours.stream().filter(e -> e.commandName().equals("SRA") && e.hopByHop() == 0x9002)
                .findFirst().orElseThrow();
        assertThat(sra.msisdn().digits()).isEqualTo("6281234567890");
        assertThat(sra.imsi().digits()).isEqualTo(IMSI);
        assertThat(sra.servingNode()).isEqualTo("4477009");
        DiameterEvent srr = ours.stream().filter(e -> e.commandName().equals("SRR") && e.hopByHop() == 0x9002).findFirst().orElseThrow();
        assertThat(srr.smscAddress()).isEqualTo("4477001234");
        DiameterEvent tfr = ours.stream().filter(e -> e.commandName().equals("TFR")).findFirst().orElseThrow();
        assertThat(tfr.sms().text()).isEqualTo(OTP_TEXT);
        assertThat(tfr.sms().originator().value()).isEqualTo("BCA");
        assertThat(tfr.smscAddress()).isEqualTo("6281100900");
        DiameterEvent aia = ours.stream().filter(e -> e.commandName().equals("AIA")).findFirst().orElseThrow();
        assertThat(aia.resultCode()).isEqualTo(5420);
        assertThat(aia.success()).isFalse();
        assertThat(counters.ignored(Layer.DIAMETER, "answer-without-request")).isZero();
        assertThat(counters.decoded(Layer.DIAMETER)).isEqualTo(2L * messages.size());
    }

    @Test
    void overIpv6TheSameMessagesGiveTheSameEvents(@TempDir Path dir) throws Exception {
        Path v6 = capture(dir.resolve("s6a-v6.pcap"), false, InetAddress.getByName("fd00::1"),
                InetAddress.getByName("fd00::2"));
        assertThat(Tshark.problemFrames(v6)).isZero();
        assertThat(Tshark.fields(v6, "ipv6.src", "diameter.cmd.code").stream()
                .filter(r -> !r.get("diameter.cmd.code").isEmpty()).map(r -> r.get("ipv6.src")))
                .isNotEmpty().allSatisfy(src -> assertThat(src).containsAnyOf("fd00::1", "fd00::2"));
        DecodeCounters counters = new DecodeCounters();
        List<DiameterEvent> overV6 = tap(v6, counters);
        List<DiameterEvent> overV4 = tap(capture(dir.resolve("s6a-v4.pcap"), false), new DecodeCounters());
        assertThat(overV6).hasSize(2 * messages.size());
        assertThat(overV6.stream().map(e -> summary(e, e))).containsExactlyElementsOf(
                overV4.stream().map(e -> summary(e, e)).toList());
        assertThat(counters.snapshot(true)).isEmpty();
        assertThat(counters.ignored(Layer.TCP, "retransmission")).isEqualTo(1);
    }

    @Test
    void anAnswerWithoutItsRequestIsKeptAndCounted(@TempDir Path dir) throws Exception {
        List<byte[]> all = messages;
        messages = all.stream().filter(m -> (m[4] & 0x80) == 0).toList();
        try {
            DecodeCounters counters = new DecodeCounters();
            List<DiameterEvent> ours = tap(capture(dir.resolve("answers.pcap"), true), counters);
            assertThat(ours).hasSize(messages.size());
            assertThat(counters.ignored(Layer.DIAMETER, "answer-without-request")).isEqualTo(messages.size());
            assertThat(ours).allSatisfy(e -> assertThat(e.destinationHost()).isNull());
        } finally {
            messages = all;
        }
    }

    /** tshark's view of a message, in our event's terms. */
    static String summary(Map<String, List<String>> row) {
        TreeMap<String, String> s = new TreeMap<>();
        s.put("cmd", one(row, "diameter.cmd.code"));
        s.put("request", one(row, "diameter.flags.request").equals("1") || one(row, "diameter.flags.request").equals("True") ? "true" : "false");
        s.put("app", one(row, "diameter.applicationId"));
        s.put("hbh", Long.toString(Long.decode(one(row, "diameter.hopbyhopid"))));
        s.put("e2e", Long.toString(Long.decode(one(row, "diameter.endtoendid"))));
        s.put("originHost", one(row, "diameter.Origin-Host"));
        s.put("originRealm", one(row, "diameter.Origin-Realm"));
        boolean request = s.get("request").equals("true");
        s.put("destinationRealm", request ? one(row, "diameter.Destination-Realm") : "");
        s.put("result", !one(row, "diameter.Result-Code").isEmpty() ? one(row, "diameter.Result-Code")
                : one(row, "diameter.Experimental-Result-Code"));
        s.put("user", one(row, "diameter.User-Name"));
        s.put("imei", one(row, "diameter.IMEI"));
        s.put("rat", one(row, "diameter.RAT-Type"));
        s.put("cancellation", one(row, "diameter.Cancellation-Type"));
        s.put("equipment", one(row, "diameter.Equipment-Status"));
        s.put("route", String.join(",", row.get("diameter.Route-Record")));
        // e212.* also decodes the IMSI in User-Name (first); the Visited-PLMN-Id is the other occurrence
        List<String> mcc = row.get("e212.mcc");
        List<String> mnc = row.get("e212.mnc");
        int plmns = mcc.size() - (one(row, "diameter.User-Name").isEmpty() ? 0 : 1);
        s.put("plmn", plmns > 0 ? mcc.get(mcc.size() - 1) + mnc.get(mnc.size() - 1) : "");
        s.put("msisdn", one(row, "e164.msisdn"));
        s.put("sms", one(row, "gsm_sms.tp-oa") + ":" + one(row, "gsm_sms.sms_text"));
        return s.toString();
    }

    static String summary(DiameterEvent e, DiameterEvent request) {
        TreeMap<String, String> s = new TreeMap<>();
        s.put("cmd", Integer.toString(e.commandCode()));
        s.put("request", Boolean.toString(e.request()));
        s.put("app", Long.toString(e.applicationId()));
        s.put("hbh", Long.toString(e.hopByHop()));
        s.put("e2e", Long.toString(e.endToEnd()));
        s.put("originHost", nz(e.originHost()));
        s.put("originRealm", nz(e.originRealm()));
        s.put("destinationRealm", e.request() ? nz(e.destinationRealm()) : "");
        s.put("result", e.resultCode() < 0 ? "" : Integer.toString(e.resultCode()));
        // an answer carries its request's subscriber (the join); tshark shows what the answer itself holds
        s.put("user", e.imsi() == null || !e.request() && !e.commandName().equals("SRA") ? "" : e.imsi().digits());
        s.put("imei", e.imei() == null || !e.request() ? "" : e.imei().digits().substring(0, 14));
        s.put("rat", e.ratType() < 0 || !e.request() ? "" : Integer.toString(e.ratType()));
        s.put("cancellation", e.cancellationType() < 0 ? "" : Integer.toString(e.cancellationType()));
        s.put("equipment", e.equipmentStatus() < 0 ? "" : Integer.toString(e.equipmentStatus()));
        s.put("route", String.join(",", e.routeRecords()));
        // tshark shows the MNC as a number: 015 as 15
        String plmn = e.visitedPlmnId() == null || !e.request() ? "" : e.visitedPlmnId();
        s.put("plmn", plmn.isEmpty() ? "" : plmn.substring(0, 3) + Integer.parseInt(plmn.substring(3)));
        boolean joinedMsisdn = !e.request() && request.msisdn() != null;
        s.put("msisdn", e.msisdn() == null || joinedMsisdn ? "" : e.msisdn().digits());
        s.put("sms", e.sms() == null || !e.request() ? ":" : e.sms().originator().value() + ":" + e.sms().text());
        return s.toString();
    }

    static String one(Map<String, List<String>> row, String field) {
        List<String> v = row.get(field);
        return v.isEmpty() ? "" : v.get(0);
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
