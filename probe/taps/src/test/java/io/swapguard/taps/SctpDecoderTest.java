package io.swapguard.taps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.sctp.SctpDecoder;
import io.swapguard.ss7.sctp.SctpFlow;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * SCTP packets written chunk by chunk from RFC 9260 (common header, DATA chunk §3.3.1 with its
 * B/E flags, TSN, stream and PPID, padding to four octets, CRC-32c in Appendix B's octet order):
 * what is delivered once, what is a retransmission, what is too old, how fragments join, and how
 * each bound holds and is counted.
 */
class SctpDecoderTest {

    private static final long SECOND = 1_000_000_000L;

    private final DecodeCounters counters = new DecodeCounters();
    private final SctpDecoder sctp = new SctpDecoder(new int[] {SctpDecoder.PPID_M3UA, SctpDecoder.PPID_SUA}, true, 4,
            counters);
    private final List<String> delivered = new ArrayList<>();

    /** A DATA chunk: flags (B = 2, E = 1), TSN, stream, PPID and the user data, padded. */
    static byte[] data(int flags, long tsn, int stream, long ppid, byte... user) {
        int length = 16 + user.length;
        byte[] c = new byte[(length + 3) & ~3];
        c[0] = 0;
        c[1] = (byte) flags;
        c[2] = (byte) (length >> 8);
        c[3] = (byte) length;
        put32(c, 4, tsn);
        c[8] = (byte) (stream >> 8);
        c[9] = (byte) stream;
        put32(c, 12, ppid);
        System.arraycopy(user, 0, c, 16, user.length);
        return c;
    }

    static byte[] whole(long tsn, byte... user) {
        return data(3, tsn, 1, SctpDecoder.PPID_M3UA, user);
    }

    static byte[] chunk(int type, int length) {
        byte[] c = new byte[Math.max(4, (length + 3) & ~3)];
        c[0] = (byte) type;
        c[2] = (byte) (length >> 8);
        c[3] = (byte) length;
        return c;
    }

    private static void put32(byte[] b, int at, long v) {
        b[at] = (byte) (v >> 24);
        b[at + 1] = (byte) (v >> 16);
        b[at + 2] = (byte) (v >> 8);
        b[at + 3] = (byte) v;
    }

    /** Common header (ports 2905 → 2906, the tag), the chunks, then the CRC-32c least significant octet first. */
    static byte[] packet(int srcPort, long tag, byte[]... chunks) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.write(srcPort >> 8);
        m.write(srcPort);
        m.writeBytes(new byte[] {0x0B, 0x5A}); // 2906
        byte[] t = new byte[4];
        put32(t, 0, tag);
        m.writeBytes(t);
        m.writeBytes(new byte[4]);
        for (byte[] c : chunks) {
            m.writeBytes(c);
        }
        byte[] b = m.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length);
        long v = crc.getValue();
        b[8] = (byte) v;
        b[9] = (byte) (v >> 8);
        b[10] = (byte) (v >> 16);
        b[11] = (byte) (v >> 24);
        return b;
    }

    static byte[] packet(byte[]... chunks) {
        return packet(2905, 0xCAFE, chunks);
    }

    private void feed(long nanos, byte[] packet) {
        byte[] framed = new byte[packet.length + 7];
        Arrays.fill(framed, (byte) 0xEE);
        System.arraycopy(packet, 0, framed, 5, packet.length);
        sctp.decode(nanos, 0, 0x0A000001L, 0, 0x0A000002L, framed, 5, packet.length,
                (SctpFlow flow, int stream, long ppid, byte[] d, int off, int len) ->
                        delivered.add(flow.srcPort() + "/" + stream + "/" + ppid + ":" + hex(d, off, len)));
    }

    private void feed(byte[] packet) {
        feed(SctpDecoder.NO_TIME, packet);
    }

    private static String hex(byte[] d, int off, int len) {
        StringBuilder s = new StringBuilder();
        for (int i = off; i < off + len; i++) {
            s.append(String.format("%02x", d[i]));
        }
        return s.toString();
    }

    private Rejection refused(byte[] packet) {
        Throwable t = catchThrowable(() -> feed(packet));
        assertThat(t).isInstanceOf(Rejection.class);
        assertThat(((Rejection) t).layer()).isEqualTo(Layer.SCTP);
        return (Rejection) t;
    }

    private long ignored(String reason) {
        return counters.ignored(Layer.SCTP, reason);
    }

    private long rejected(String reason) {
        return counters.rejected(Layer.SCTP, reason);
    }

    @Test
    void aBundleIsWalkedChunkByChunkAndItsDataDelivered() {
        feed(packet(chunk(3, 16), data(3, 7, 2, 3, (byte) 0xAB), whole(8, (byte) 1, (byte) 2, (byte) 3, (byte) 4),
                data(3, 9, 0, 4, (byte) 0x5A)));
        assertThat(delivered).containsExactly("2905/2/3:ab", "2905/1/3:01020304", "2905/0/4:5a");
        assertThat(ignored("chunk-sack")).isEqualTo(1);
        byte[] padded = packet(whole(10, (byte) 1), chunk(4, 5)); // a 5-octet chunk padded to 8, then nothing
        feed(padded);
        assertThat(ignored("chunk-heartbeat")).isEqualTo(1);
        byte[] one = packet(whole(11, (byte) 2));
        byte[] trailing = Arrays.copyOf(one, one.length + 3);
        fixChecksum(trailing);
        feed(trailing);
        assertThat(delivered).as("three octets after the last chunk are not a chunk").hasSize(5);
    }

    @Test
    void otherChunksAreCountedByTheirNames() {
        int[] types = {1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 64, 128, 192, 193, 16, 200};
        String[] names = {"init", "init-ack", "heartbeat", "heartbeat-ack", "abort", "shutdown", "shutdown-ack", "error",
            "cookie-echo", "cookie-ack", "ecne", "cwr", "shutdown-complete", "auth", "i-data", "asconf-ack", "forward-tsn",
            "asconf", "other", "other"};
        for (int type : types) {
            Rejection r = refused(packet(chunk(type, 4)));
            assertThat(r.reason()).isEqualTo("no-data-chunk");
            assertThat(r.malformed()).isFalse();
        }
        for (int i = 0; i < names.length - 1; i++) {
            assertThat(ignored("chunk-" + names[i])).as(names[i]).isEqualTo(names[i].equals("other") ? 2 : 1);
        }
    }

    @Test
    void aPacketThatCannotBeDelimitedIsRefused() {
        assertThat(refused(new byte[11]).reason()).isEqualTo("truncated");
        byte[] header = packet();
        assertThat(refused(header).reason()).as("a common header alone").isEqualTo("no-data-chunk");
        byte[] bad = packet(whole(1, (byte) 1));
        bad[12 + 16] ^= 1; // the user data
        assertThat(refused(bad).reason()).isEqualTo("bad-checksum");
        byte[] three = chunk(0, 3);
        assertThat(refused(packet(three)).reason()).isEqualTo("bad-chunk-length");
        byte[] past = whole(1, (byte) 1);
        past[3] = 21; // one octet past the packet
        assertThat(refused(packet(past)).reason()).isEqualTo("bad-chunk-length");
        byte[] exact = whole(1, (byte) 1, (byte) 2, (byte) 3, (byte) 4);
        feed(packet(exact));
        assertThat(delivered).as("a chunk that ends exactly at the packet's end").hasSize(1);
        SctpDecoder unchecked = new SctpDecoder(SctpDecoder.PPID_M3UA, false, 4, counters);
        List<Integer> got = new ArrayList<>();
        unchecked.decode(0, 1, 0, 2, bad, 0, bad.length, (f, s, p, d, o, l) -> got.add(l));
        assertThat(got).as("checksums off: a capture of offloaded packets").containsExactly(1);
    }

    @Test
    void aBadDataChunkIsCountedAndTheRestOfItsBundleStillDelivered() {
        byte[] short15 = chunk(0, 15);
        byte[] empty = data(3, 5, 1, 3);
        feed(packet(short15, empty, whole(6, (byte) 9)));
        assertThat(rejected("truncated")).isEqualTo(1);
        assertThat(rejected("empty-data-chunk")).isEqualTo(1);
        assertThat(delivered).containsExactly("2905/1/3:09");
        feed(packet(data(3, 7, 1, 46, (byte) 1), data(3, 8, 1, 0x100003, (byte) 1), data(3, 9, 1, 63, (byte) 1),
                data(3, 10, 1, 2, (byte) 1)));
        assertThat(ignored("other-ppid")).as("Diameter, a PPID past 63 whose low bits are M3UA's, 63, M2UA").isEqualTo(4);
        assertThat(delivered).hasSize(1);
    }

    @Test
    void aRetransmissionIsDroppedAndAReusedTsnKept() {
        feed(packet(whole(100, (byte) 1)));
        feed(packet(whole(100, (byte) 1)));
        assertThat(ignored("retransmission")).isEqualTo(1);
        feed(packet(whole(100, (byte) 2)));
        assertThat(ignored("tsn-reused-kept")).isEqualTo(1);
        feed(packet(whole(100, (byte) 2)));
        assertThat(ignored("retransmission")).as("the reused data, sent again").isEqualTo(2);
        feed(packet(data(3, 100, 1, 4, (byte) 2)));
        assertThat(ignored("tsn-reused-kept")).as("the PPID is part of the fingerprint").isEqualTo(2);
        assertThat(delivered).containsExactly("2905/1/3:01", "2905/1/3:02", "2905/1/4:02");
        feed(packet(whole(99, (byte) 5)));
        feed(packet(whole(99, (byte) 5)));
        assertThat(delivered).as("an earlier TSN not seen yet, once").hasSize(4);
    }

    @Test
    void theDuplicateWindowIsFourThousandNinetySixTsns() {
        for (long tsn = 1; tsn <= 10; tsn++) {
            feed(packet(whole(tsn, (byte) tsn)));
        }
        feed(packet(whole(4105, (byte) 0))); // 4,095 ahead: the window slides, TSNs 0..9 of the ring forgotten
        feed(packet(whole(4097, (byte) 1))); // ring position 1, TSN 1 was there
        assertThat(delivered).hasSize(12);
        feed(packet(whole(10, (byte) 10)));
        assertThat(ignored("retransmission")).as("TSN 10 is still in the window").isEqualTo(1);
        feed(packet(whole(9, (byte) 9)));
        assertThat(ignored("tsn-outside-window")).as("TSN 9 is 4,096 behind").isEqualTo(1);
        assertThat(delivered).hasSize(12);

        SctpDecoder jump = new SctpDecoder(SctpDecoder.PPID_M3UA, true, 4, counters);
        List<Long> got = new ArrayList<>();
        for (long tsn : new long[] {1, 2, 3, 4099, 3 + 4096 + 4096, 4099, 4099 + 4096 - 1}) {
            byte[] p = packet(whole(tsn, (byte) 0));
            jump.decode(0, 1, 0, 2, p, 0, p.length, (f, s, pp, d, o, l) -> got.add(u32(p, 16)));
        }
        // Each jump is 4,096 TSNs: the whole window restarts, so 4099 is then too old and 8194 (at
        // the ring position where TSN 2 was) new.
        assertThat(got).containsExactly(1L, 2L, 3L, 4099L, 8195L, 8194L);
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
    }

    @Test
    void tsnsWrapAroundAtThirtyTwoBits() {
        for (long tsn : new long[] {0xFFFFFFFEL, 0xFFFFFFFFL, 0, 1}) {
            feed(packet(whole(tsn, (byte) tsn)));
        }
        feed(packet(whole(0xFFFFFFFFL, (byte) 0xFF)));
        assertThat(delivered).hasSize(4);
        assertThat(ignored("retransmission")).isEqualTo(1);
        assertThat(ignored("tsn-outside-window")).isZero();
    }

    @Test
    void fragmentsJoinInTsnOrderWhateverOrderTheyCome() {
        feed(packet(data(2, 20, 1, 3, (byte) 0xA1), data(2, 30, 2, 3, (byte) 0xB1)));
        feed(packet(data(1, 22, 1, 3, (byte) 0xA3), data(1, 31, 2, 3, (byte) 0xB2)));
        assertThat(delivered).containsExactly("2905/2/3:b1b2");
        feed(packet(data(0, 21, 1, 3, (byte) 0xA2)));
        assertThat(delivered).containsExactly("2905/2/3:b1b2", "2905/1/3:a1a2a3");
        feed(packet(data(1, 41, 1, 3, (byte) 0xC2)));
        feed(packet(data(2, 40, 1, 3, (byte) 0xC1)));
        assertThat(delivered).as("the end before the beginning").endsWith("2905/1/3:c1c2");
        feed(packet(data(2, 50, 1, 3, (byte) 1), data(1, 52, 1, 3, (byte) 3)));
        feed(packet(data(2, 51, 1, 3, (byte) 2)));
        assertThat(delivered).as("a second beginning starts a message of its own").hasSize(4).endsWith("2905/1/3:0203");
        feed(packet(data(0, 61, 1, 3, (byte) 2), data(1, 62, 1, 3, (byte) 3)));
        feed(packet(data(2, 60, 3, 3, (byte) 1)));
        assertThat(delivered).as("fragments of another stream do not join").hasSize(4);
    }

    @Test
    void aJoinedMessageFreesItsFragments() {
        // 2,000 messages of two fragments each: were a message's fragments kept after it was
        // delivered, the 512-fragment bound would be hit and fragments dropped.
        for (int i = 0; i < 2_000; i++) {
            feed(packet(data(1, 2 * i + 1, 1, 3, (byte) i), data(2, 2 * i, 1, 3, (byte) 0xEE)));
        }
        assertThat(delivered).hasSize(2_000);
        assertThat(rejected("fragment-buffer-full")).isZero();
        byte[] part = new byte[16 * 1024];
        for (int i = 0; i < 40; i++) { // 40 refused messages of 65 KiB: their fragments go too
            long tsn = 10_000 + 5 * i;
            for (int k = 0; k < 4; k++) {
                feed(packet(data(k == 0 ? 2 : 0, tsn + k, 1, 3, part)));
            }
            feed(packet(data(1, tsn + 4, 1, 3, new byte[1])));
        }
        assertThat(rejected("message-too-large")).isEqualTo(40);
        assertThat(rejected("fragment-buffer-full")).isZero();
    }

    @Test
    void aMessageOfMoreThanSixtyFourKibibytesIsRefused() {
        byte[] part = new byte[16 * 1024];
        feed(packet(data(2, 1, 1, 3, part)));
        feed(packet(data(0, 2, 1, 3, part)));
        feed(packet(data(0, 3, 1, 3, part)));
        feed(packet(data(1, 4, 1, 3, part)));
        assertThat(delivered).as("exactly 64 KiB").hasSize(1);
        feed(packet(data(2, 5, 1, 3, part)));
        feed(packet(data(0, 6, 1, 3, part)));
        feed(packet(data(0, 7, 1, 3, part)));
        feed(packet(data(0, 8, 1, 3, part)));
        feed(packet(data(1, 9, 1, 3, new byte[1])));
        assertThat(rejected("message-too-large")).as("one octet more").isEqualTo(1);
        assertThat(delivered).hasSize(1);
        feed(packet(data(3, 10, 1, 3, (byte) 1)));
        assertThat(delivered).as("the association goes on").hasSize(2);
    }

    @Test
    void fragmentsThatNeverCompleteMakeRoomAndAreCounted() {
        for (int i = 0; i < 512; i++) {
            feed(packet(data(0, 1000 + 2 * i, 1, 3, (byte) i))); // middles without their beginnings
        }
        assertThat(rejected("fragment-buffer-full")).isZero();
        feed(packet(data(2, 5000, 1, 3, (byte) 1)));
        assertThat(rejected("fragment-buffer-full")).as("the oldest half dropped, each counted").isEqualTo(256);
        feed(packet(data(1, 5001, 1, 3, (byte) 2)));
        assertThat(delivered).containsExactly("2905/1/3:0102");

        SctpDecoder bytes = new SctpDecoder(SctpDecoder.PPID_M3UA, true, 4, counters);
        byte[] big = new byte[60_000];
        for (int i = 0; i < 4; i++) {
            byte[] p = packet(data(0, 100 + 2 * i, 1, 3, big));
            bytes.decode(0, 1, 0, 2, p, 0, p.length, (f, s, pp, d, o, l) -> { });
        }
        assertThat(rejected("fragment-buffer-full")).isEqualTo(256);
        byte[] p = packet(data(0, 200, 1, 3, big)); // 300,000 octets would be past 256 KiB
        bytes.decode(0, 1, 0, 2, p, 0, p.length, (f, s, pp, d, o, l) -> { });
        assertThat(rejected("fragment-buffer-full")).isEqualTo(256 + 2);

        // When dropping the oldest half still leaves no room, the new fragment is refused too.
        SctpDecoder full = new SctpDecoder(SctpDecoder.PPID_M3UA, true, 4, counters);
        byte[] large = new byte[65_000];
        for (int i = 0; i < 8; i++) {
            byte[] q = packet(data(0, 300 + 2 * i, 1, 3, i < 4 ? new byte[1] : large));
            full.decode(0, 1, 0, 2, q, 0, q.length, (f, s, pp, d, o, l) -> { });
        }
        byte[] q = packet(data(0, 400, 1, 3, large));
        full.decode(0, 1, 0, 2, q, 0, q.length, (f, s, pp, d, o, l) -> { });
        assertThat(rejected("fragment-buffer-full")).as("four dropped, one refused").isEqualTo(256 + 2 + 5);
    }

    @Test
    void associationsAreTrackedApartAndTheLeastRecentForgotten() {
        feed(packet(2905, 1, whole(1, (byte) 1)));
        feed(packet(2907, 1, whole(1, (byte) 1)));
        feed(packet(2905, 2, whole(1, (byte) 1)));
        assertThat(delivered).as("another port, another tag: another association").hasSize(3);
        assertThat(sctp.trackedFlows()).isEqualTo(3);
        feed(packet(2905, 3, whole(1, (byte) 1)));
        feed(packet(2905, 1, whole(2, (byte) 1))); // the first is used again
        feed(packet(2905, 4, whole(1, (byte) 1))); // one too many: the least recently used goes
        assertThat(sctp.trackedFlows()).isEqualTo(4);
        feed(packet(2905, 1, whole(1, (byte) 1)));
        assertThat(ignored("retransmission")).as("the first is still known").isEqualTo(1);
        feed(packet(2907, 1, whole(1, (byte) 1)));
        assertThat(ignored("retransmission")).as("the second was forgotten").isEqualTo(1);
    }

    @Test
    void aCaptureThatStepsBackMoreThanASecondRestartsTheWindow() {
        feed(10 * SECOND, packet(whole(1, (byte) 1)));
        feed(9 * SECOND, packet(whole(1, (byte) 1)));
        assertThat(ignored("retransmission")).as("exactly a second back").isEqualTo(1);
        feed(9 * SECOND - 1, packet(whole(1, (byte) 1)));
        assertThat(ignored("window-reset-capture-time-back")).isEqualTo(1);
        assertThat(delivered).as("delivered again: another file of the capture").hasSize(2);
        feed(SctpDecoder.NO_TIME, packet(whole(1, (byte) 1)));
        assertThat(ignored("window-reset-capture-time-back")).as("no time, no reset").isEqualTo(1);
        feed(20 * SECOND, packet(data(2, 2, 1, 3, (byte) 1)));
        feed(5 * SECOND, packet(data(1, 3, 1, 3, (byte) 2)));
        assertThat(ignored("window-reset-capture-time-back")).isEqualTo(2);
        assertThat(delivered).as("fragments from before the step back are forgotten").hasSize(2);
        feed(5 * SECOND + 1, packet(whole(1, (byte) 7)));
        assertThat(ignored("window-reset-capture-time-back")).isEqualTo(2);
        assertThat(delivered).as("the window began again at TSN 3").hasSize(3);
    }

    private static void fixChecksum(byte[] b) {
        SctpDecoder.writeChecksum(b, 0, b.length);
    }
}
