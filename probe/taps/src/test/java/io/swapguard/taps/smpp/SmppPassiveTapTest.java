package io.swapguard.taps.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.SignalEvent;
import io.swapguard.event.SmppEvent;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.pcap.PcapWriter;
import io.swapguard.taps.PcapIngest;
import io.swapguard.taps.ProbePipeline;
import io.swapguard.taps.ProbeSettings;
import io.swapguard.testkit.Tshark;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.util.DefaultComposer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The passive SMPP tap on captures of an SMSC's SMPP link whose PDUs jsmpp composed (an encoder
 * we did not write), cut into TCP segments the hard ways: PDUs split across segments and several
 * in one, retransmissions, segments out of order, IPv6, and a capture that starts mid-stream. The
 * events carry the account of the bind; tshark reads the same files and agrees on every
 * submission's addresses.
 */
class SmppPassiveTapTest {

    static final DefaultComposer JSMPP = new DefaultComposer();
    static final int ETHERNET = 1;

    /** ESME → SMSC: a bind, three submissions (one to two numbers), an enquire_link, an unbind. */
    static List<byte[]> esmeSide() throws Exception {
        return List.of(
                JSMPP.bind(9, 1, "bank-bca", "secret", "OTP", (byte) 0x34, (byte) 0, (byte) 0, ""),
                submit(2, "6281100000043", "Kode OTP Anda 483920. JANGAN berikan."),
                submit(3, "6281100000044", "BCA: Transaksi Rp50.000 berhasil"),
                JSMPP.enquireLink(4),
                submit(5, "081100000045", "Your BCA code is 551204"),
                JSMPP.unbind(6));
    }

    static byte[] submit(int seq, String to, String text) throws Exception {
        return JSMPP.submitSm(seq, "", (byte) 5, (byte) 0, "BCA", (byte) (to.startsWith("0") ? 2 : 1), (byte) 1, to,
                (byte) 0, (byte) 0, (byte) 1, "", "", (byte) 1, (byte) 0, (byte) 0, (byte) 0,
                text.getBytes(StandardCharsets.US_ASCII), new OptionalParameter.OctetString((short) 0x1501,
                        new byte[] {7}));
    }

    /** SMSC → ESME: the answers and a delivery receipt. */
    static List<byte[]> smscSide() throws Exception {
        return List.of(JSMPP.bindResp(0x80000009, 1, "smsc-1"), JSMPP.submitSmResp(2, "m1"),
                JSMPP.submitSmResp(3, "m2"), JSMPP.enquireLinkResp(4), JSMPP.submitSmResp(5, "m3"),
                JSMPP.deliverSm(7, "", (byte) 1, (byte) 1, "6281100000043", (byte) 5, (byte) 0, "BCA", (byte) 4,
                        (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                        "id:m1 sub:001 dlvrd:001 submit date:2612020930 done date:2612020931 stat:DELIVRD err:000 text:"
                                .getBytes(StandardCharsets.US_ASCII)),
                JSMPP.unbindResp(0, 6));
    }

    static byte[] concat(List<byte[]> pdus) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdus.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** A TCP segment in an Ethernet frame, IPv4 or IPv6, from port {@code sp} to {@code dp}. */
    static byte[] frame(boolean v6, int from, int to, int sp, int dp, long seq, int flags, byte[] data) {
        long ack = dp == 2775 ? 5001 : 1001; // each side acknowledges the other's SYN
        int ipHeader = v6 ? 40 : 20;
        ByteBuffer b = ByteBuffer.allocate(14 + ipHeader + 20 + data.length);
        b.put(new byte[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6}).putShort((short) (v6 ? 0x86DD : 0x0800));
        if (v6) {
            b.putInt(0x60000000).putShort((short) (20 + data.length)).put((byte) 6).put((byte) 64);
            b.put(new byte[15]).put((byte) from).put(new byte[15]).put((byte) to);
        } else {
            b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 20 + data.length)).putShort((short) 1)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0)
                    .put(new byte[] {10, 0, 0, (byte) from}).put(new byte[] {10, 0, 0, (byte) to});
        }
        b.putShort((short) sp).putShort((short) dp).putInt((int) seq).putInt((int) (flags == 0x02 ? 0 : ack))
                .put((byte) 0x50).put((byte) flags)
                .putShort((short) 65535).putShort((short) 0).putShort((short) 0).put(data);
        return b.array();
    }

    record Segment(boolean towardsSmsc, long seq, byte[] data, int flags) {
    }

    /** Cuts a stream into segments of the given sizes (the last takes the rest). */
    static List<Segment> cut(boolean towardsSmsc, long isn, byte[] stream, int... sizes) {
        List<Segment> out = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < stream.length; i++) {
            int n = i < sizes.length ? Math.min(sizes[i], stream.length - at) : stream.length - at;
            out.add(new Segment(towardsSmsc, isn + at, Arrays.copyOfRange(stream, at, at + n), 0x18));
            at += n;
        }
        return out;
    }

    static Path write(Path file, boolean v6, List<Segment> segments) throws Exception {
        try (PcapWriter w = PcapWriter.create(file, ETHERNET)) {
            long t = 1_790_000_000_000_000_000L;
            for (Segment s : segments) {
                byte[] f = s.towardsSmsc ? frame(v6, 1, 2, 40000, 2775, s.seq, s.flags, s.data)
                        : frame(v6, 2, 1, 2775, 40000, s.seq, s.flags, s.data);
                w.write(t += 1_000_000, f);
            }
        }
        return file;
    }

    static List<SmppEvent> tap(Path pcap, DecodeCounters counters) throws Exception {
        List<SignalEvent> events = new ArrayList<>();
        ProbePipeline p = new ProbePipeline(ProbeSettings.defaults(), counters, events::add, null);
        new PcapIngest(p).ingest(pcap, "smsc-link", 0, 0, n -> { });
        return events.stream().map(SmppEvent.class::cast).toList();
    }

    static List<String> summary(List<SmppEvent> events) {
        return events.stream().map(e -> e.command().smppName() + " " + e.account() + " "
                + e.sms().originator().value() + ">" + e.sms().destination().value() + " " + e.sms().text()).toList();
    }

    static final List<String> EXPECTED = List.of(
            "submit_sm bank-bca BCA>6281100000043 Kode OTP Anda 483920. JANGAN berikan.",
            "submit_sm bank-bca BCA>6281100000044 BCA: Transaksi Rp50.000 berhasil",
            "submit_sm bank-bca BCA>081100000045 Your BCA code is 551204",
            "deliver_sm bank-bca 6281100000043>BCA id:m1 sub:001 dlvrd:001 submit date:2612020930 done "
                    + "date:2612020931 stat:DELIVRD err:000 text:");

    @Test
    void splitMergedRetransmittedAndReorderedSegmentsGiveEveryMessageOnce(@TempDir Path dir) throws Exception {
        byte[] up = concat(esmeSide());
        byte[] down = concat(smscSide());
        // Split mid-header and mid-body; several PDUs merged in one segment at the end.
        List<Segment> a = cut(true, 1001, up, 7, 30, 200, 3, 9);
        List<Segment> b = cut(false, 5001, down, 40, 10);
        List<Segment> all = new ArrayList<>();
        all.add(new Segment(true, 1000, new byte[0], 0x02));       // SYN
        all.add(new Segment(false, 5000, new byte[0], 0x12));      // SYN-ACK
        all.add(a.get(0));
        all.add(a.get(2));                                         // out of order: the third before the second
        all.add(a.get(1));
        all.add(a.get(1));                                         // a retransmission
        all.add(b.get(0));
        all.add(a.get(3));
        all.add(b.get(1));
        all.add(new Segment(true, a.get(3).seq(), Arrays.copyOf(a.get(3).data(), 2), 0x18)); // a partial retransmission
        for (int i = 4; i < a.size(); i++) {
            all.add(a.get(i));
        }
        all.addAll(b.subList(2, b.size()));
        for (boolean v6 : new boolean[] {false, true}) {
            Path pcap = write(dir.resolve("smpp-" + v6 + ".pcap"), v6, all);
            DecodeCounters counters = new DecodeCounters();
            List<SmppEvent> events = tap(pcap, counters);
            assertThat(summary(events)).as(v6 ? "IPv6" : "IPv4").isEqualTo(EXPECTED);
            assertThat(events).allMatch(e -> e.decision() == SmppEvent.Decision.OBSERVED);
            assertThat(counters.decoded(Layer.SMPP)).isEqualTo(esmeSide().size() + smscSide().size());
            assertThat(counters.ignored(Layer.TCP, "retransmission")).isEqualTo(2);
            assertThat(counters.rejectedTotal()).isZero();
            // tshark on a capture it can follow: in order, PDUs split only after their 16-octet header
            // (tshark's SMPP gives a stream up when a segment ends inside a header; the tap does not).
            List<byte[]> pdus = esmeSide();
            int bind = pdus.get(0).length;
            int first = pdus.get(1).length;
            List<Segment> ordered = new ArrayList<>();
            ordered.add(all.get(0));
            ordered.add(all.get(1));
            ordered.addAll(cut(true, 1001, up, 20, bind - 20 + 30, first - 30 + pdus.get(2).length));
            ordered.addAll(cut(false, 5001, down, smscSide().get(0).length + 20));
            assertThat(summary(tap(write(dir.resolve("ordered-" + v6 + ".pcap"), v6, ordered), new DecodeCounters())))
                    .isEqualTo(EXPECTED);
            pcap = dir.resolve("ordered-" + v6 + ".pcap");
            assertThat(Tshark.run(List.of("tshark", "-n", "-r", pcap.toString(), "-d", "tcp.port==2775,smpp", "-Y",
                    "_ws.malformed || _ws.expert.severity == error"))).isBlank();
            List<String> seen = new ArrayList<>();
            String out = Tshark.run(List.of("tshark", "-n", "-r", pcap.toString(), "-d", "tcp.port==2775,smpp",
                    "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=;", "-e", "smpp.command_id", "-e",
                    "smpp.source_addr", "-e", "smpp.destination_addr"));
            for (String line : out.split("\n")) {
                String[] f = line.split("\t", -1);
                if (f.length < 3 || f[0].isEmpty()) {
                    continue;
                }
                String[] ids = f[0].split(";");
                String[] from = f[1].split(";");
                String[] to = f[2].split(";");
                for (int i = 0, k = 0; i < ids.length; i++) {
                    if (ids[i].equals("0x00000004") || ids[i].equals("0x00000005")) {
                        seen.add(from[k] + ">" + to[k]);
                        k++;
                    }
                }
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(events.stream()
                    .map(e -> e.sms().originator().value() + ">" + e.sms().destination().value()).toList());
        }
    }

    @Test
    void aCaptureThatStartsMidStreamFindsTheNextWholePdu(@TempDir Path dir) throws Exception {
        byte[] up = concat(esmeSide());
        int bindLength = esmeSide().get(0).length;
        // No SYN, and the capture starts 5 octets into the first submit_sm: the tap skips to the next header.
        int start = bindLength + 5;
        List<Segment> segs = cut(true, 77_000, Arrays.copyOfRange(up, start, up.length), 50, 50, 50);
        DecodeCounters counters = new DecodeCounters();
        List<SmppEvent> events = tap(write(dir.resolve("mid.pcap"), false, segs), counters);
        // The first submission was cut; the later ones are whole, with no account (the bind was before the capture).
        assertThat(summary(events)).containsExactly(
                "submit_sm  BCA>6281100000044 BCA: Transaksi Rp50.000 berhasil",
                "submit_sm  BCA>081100000045 Your BCA code is 551204");
        assertThat(counters.rejected(Layer.SMPP, "resynchronised")).isEqualTo(1);
    }

    @Test
    void otherTcpAndGarbageOnTheSmppPortCostNothingElse(@TempDir Path dir) throws Exception {
        byte[] up = concat(esmeSide());
        List<Segment> segs = new ArrayList<>();
        segs.add(new Segment(true, 1000, new byte[0], 0x02));
        segs.add(new Segment(true, 1001, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                0x18));
        segs.addAll(cut(true, 1001 + 27, up, 100));
        DecodeCounters counters = new DecodeCounters();
        List<SmppEvent> events = tap(write(dir.resolve("garbage.pcap"), false, segs), counters);
        // The garbage before the bind is skipped, so every submission is seen (with the account).
        assertThat(summary(events)).isEqualTo(EXPECTED.subList(0, 3));
        assertThat(counters.rejected(Layer.SMPP, "implausible-length")).isPositive();
    }
}
