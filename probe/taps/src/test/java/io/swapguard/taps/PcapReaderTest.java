package io.swapguard.taps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.ss7.pcap.CaptureRecord;
import io.swapguard.ss7.pcap.PcapFormatException;
import io.swapguard.ss7.pcap.PcapReader;
import io.swapguard.testkit.Tshark;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture reader on files built here block by block from the pcapng draft and the pcap format
 * (not by our writers), in both byte orders, with tshark reading the same files as the oracle:
 * every timestamp resolution, padding, options, obsolete and simple packet blocks, blocks to skip,
 * a second section, and each way a file can be damaged.
 */
class PcapReaderTest {

    @TempDir
    Path dir;

    /** One packet as the reader gives it. */
    record Read(long nanos, int interfaceId, int linkType, int length, int originalLength, String data) {
    }

    @Test
    void pcapngInBothByteOrdersReadsAsTsharkReadsIt() throws Exception {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            Pcapng f = new Pcapng(order);
            f.section();
            f.iface(1, 9, new byte[] {9, 9}); // nanoseconds (10^-9), after an if_name option
            f.iface(113, 0x80 | 10, null); // 2^-10 s ticks, Linux cooked capture
            f.iface(1, 3, null); // milliseconds
            f.iface(1, -1, null); // no if_tsresol: microseconds
            f.enhanced(0, 1_780_000_000_123_456_789L, bytes(61), 61, "first"); // odd length: 3 octets of padding
            f.enhanced(1, 1_780_000_000L * 1024 + 512, bytes(64), 64, null); // 0.5 s in 2^-10 ticks
            f.enhanced(2, 1_780_000_000_123L, bytes(7), 1500, "cut short"); // captured less than on the wire
            f.enhanced(3, 1_780_000_000_000_001L, bytes(4), 4, null);
            f.unknown(5, 24); // an interface statistics block: skipped
            f.obsolete(0, 1_780_000_001_000_000_000L, bytes(33), 33);
            Path file = f.write(dir.resolve("two-" + order + ".pcapng"));

            List<Read> ours = read(file);
            List<Map<String, List<String>>> theirs = Tshark.fields(file, "frame.len", "frame.cap_len", "frame.interface_id");
            assertThat(ours).hasSize(5).hasSize(theirs.size());
            for (int i = 0; i < ours.size(); i++) {
                Read r = ours.get(i);
                Map<String, List<String>> t = theirs.get(i);
                assertThat(r.nanos()).as("%s frame %d time", order, i + 1).isEqualTo(Tshark.epochNanos(t.get("frame.time_epoch").get(0)));
                assertThat(r.originalLength()).as("frame %d length", i + 1).isEqualTo(Integer.parseInt(t.get("frame.len").get(0)));
                assertThat(r.length()).as("frame %d captured", i + 1).isEqualTo(Integer.parseInt(t.get("frame.cap_len").get(0)));
                assertThat(r.interfaceId()).as("frame %d interface", i + 1).isEqualTo(Integer.parseInt(t.get("frame.interface_id").get(0)));
            }
            assertThat(ours.get(0)).isEqualTo(new Read(1_780_000_000_123_456_789L, 0, 1, 61, 61, hex(bytes(61))));
            assertThat(ours.get(1).nanos()).isEqualTo(1_780_000_000_500_000_000L);
            assertThat(ours.get(1).linkType()).isEqualTo(113);
            assertThat(ours.get(2).nanos()).isEqualTo(1_780_000_000_123_000_000L);
            assertThat(ours.get(3).nanos()).isEqualTo(1_780_000_000_000_001_000L);
            assertThat(ours.get(4)).isEqualTo(new Read(1_780_000_001_000_000_000L, 0, 1, 33, 33, hex(bytes(33))));
        }
    }

    @Test
    void aSecondSectionNumbersItsInterfacesAfreshAndTheOtherOrderMayFollow() throws Exception {
        Pcapng f = new Pcapng(ByteOrder.LITTLE_ENDIAN);
        f.section();
        f.iface(1, 9, null);
        f.iface(113, 9, null);
        f.enhanced(1, 1_000, bytes(10), 10, null);
        f.section();
        f.iface(101, 6, null); // raw IP, microseconds: interface 0 of the new section
        f.enhanced(0, 2_000_000, bytes(12), 12, null);
        f.enhanced(1, 3, bytes(12), 12, null); // interface 1 is gone with the old section: not a packet
        f.enhanced(0, 3_000_000, bytes(14), 14, null);
        List<Read> ours = read(f.write(dir.resolve("sections.pcapng")));
        assertThat(ours).extracting(Read::linkType).containsExactly(113, 101, 101);
        assertThat(ours).extracting(Read::nanos).containsExactly(1_000L, 2_000_000_000L, 3_000_000_000L);
        assertThat(ours).extracting(Read::length).containsExactly(10, 12, 14);
    }

    @Test
    void aSimplePacketTakesInterfaceZeroAndCarriesNoTime() throws Exception {
        Pcapng f = new Pcapng(ByteOrder.BIG_ENDIAN);
        f.section();
        f.iface(1, 6, null);
        f.simple(bytes(21), 21);
        f.simple(bytes(24), 18); // snapped: the original is shorter than the block holds (padding)
        List<Read> ours = read(f.write(dir.resolve("simple.pcapng")));
        assertThat(ours).containsExactly(new Read(0, 0, 1, 21, 21, hex(bytes(21))),
                new Read(0, 0, 1, 18, 18, hex(bytes(24)).substring(0, 36)));
    }

    @Test
    void manyInterfacesGrowTheTable() throws Exception {
        Pcapng f = new Pcapng(ByteOrder.LITTLE_ENDIAN);
        f.section();
        for (int i = 0; i < 20; i++) {
            f.iface(i % 2 == 0 ? 1 : 113, 9, null);
        }
        f.enhanced(19, 5, bytes(8), 8, null);
        f.enhanced(4, 6, bytes(8), 8, null);
        assertThat(read(f.write(dir.resolve("many.pcapng")))).extracting(Read::linkType, Read::nanos)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(113, 5L), org.assertj.core.groups.Tuple.tuple(1, 6L));
    }

    @Test
    void classicPcapInEveryMagicAndOrder() throws Exception {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            for (boolean nanos : List.of(false, true)) {
                ByteBuffer b = ByteBuffer.allocate(24 + 2 * 16 + 10 + 1500).order(order);
                b.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                        .putInt(65535).putInt(0x1000_0000 | 1); // FCS bits above the link type
                b.putInt(1_780_000_000).putInt(nanos ? 123_456_789 : 123_456).putInt(10).putInt(60).put(bytes(10));
                b.putInt(1_780_000_001).putInt(1).putInt(0).putInt(0);
                Path file = Files.write(dir.resolve("classic-" + order + nanos + ".pcap"), java.util.Arrays.copyOf(b.array(), b.position()));
                List<Read> ours = read(file);
                List<Map<String, List<String>>> theirs = Tshark.fields(file, "frame.len", "frame.cap_len");
                assertThat(ours).hasSize(2).hasSize(theirs.size());
                for (int i = 0; i < 2; i++) {
                    assertThat(ours.get(i).nanos()).isEqualTo(Tshark.epochNanos(theirs.get(i).get("frame.time_epoch").get(0)));
                    assertThat(ours.get(i).originalLength()).isEqualTo(Integer.parseInt(theirs.get(i).get("frame.len").get(0)));
                    assertThat(ours.get(i).length()).isEqualTo(Integer.parseInt(theirs.get(i).get("frame.cap_len").get(0)));
                }
                assertThat(ours.get(0)).isEqualTo(new Read(1_780_000_000_000_000_000L + (nanos ? 123_456_789 : 123_456_000), 0,
                        1, 10, 60, hex(bytes(10))));
                assertThat(ours.get(1).nanos()).isEqualTo(1_780_000_001_000_000_000L + (nanos ? 1 : 1_000));
                try (PcapReader r = PcapReader.open(file)) {
                    assertThat(r.isPcapng()).isFalse();
                }
            }
        }
    }

    @Test
    void everyDamageIsAClearErrorNeverAWrongPacket() throws Exception {
        assertThat(error(new byte[] {1, 2, 3, 4, 0, 0, 0, 0})).contains("not a pcap or pcapng file");
        ByteBuffer v3 = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        v3.putInt(0xA1B2C3D4).putShort((short) 3).putShort((short) 0).putInt(0).putInt(0).putInt(65535).putInt(1);
        assertThat(error(v3.array())).contains("pcap version 3");
        ByteBuffer huge = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        huge.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        huge.putInt(0).putInt(0).putInt(PcapReader.MAX_RECORD + 1).putInt(10);
        assertThat(error(huge.array())).contains("record at byte 24 claims " + (PcapReader.MAX_RECORD + 1) + " captured bytes");
        assertThat(error(java.util.Arrays.copyOf(huge.array(), 30))).contains("truncated");

        Pcapng badOrder = new Pcapng(ByteOrder.LITTLE_ENDIAN);
        badOrder.raw(0x0A0D0D0A, 28, new byte[] {1, 2, 3, 4, 1, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1});
        assertThat(error(badOrder.bytes())).contains("bad byte-order magic");
        Pcapng shortShb = new Pcapng(ByteOrder.LITTLE_ENDIAN);
        shortShb.raw(0x0A0D0D0A, 24, new byte[] {0x4D, 0x3C, 0x2B, 0x1A, 1, 0, 0, 0, -1, -1, -1, -1});
        assertThat(error(shortShb.bytes())).contains("section header length 24");

        Pcapng oddLength = good();
        oddLength.raw(6, 30, new byte[18]);
        assertThat(error(oddLength.bytes())).contains("block at byte 60 has invalid length 30"); // after SHB 28 + IDB 32
        Pcapng overlong = good();
        overlong.enhancedClaiming(0, 100, 8); // claims 100 captured octets in a block that holds 8
        assertThat(error(overlong.bytes())).contains("packet at byte 60 claims 100 bytes in a block of 28");
        Pcapng mismatch = good();
        mismatch.enhanced(0, 1, bytes(8), 8, null);
        byte[] m = mismatch.bytes();
        m[m.length - 4] ^= 4; // trailing length
        assertThat(error(m)).contains("block at byte 60 has mismatched lengths");
        Pcapng noInterface = new Pcapng(ByteOrder.LITTLE_ENDIAN);
        noInterface.section();
        noInterface.simple(bytes(8), 8);
        assertThat(error(noInterface.bytes())).contains("simple packet block without interface");
        Pcapng shortIface = new Pcapng(ByteOrder.LITTLE_ENDIAN);
        shortIface.section();
        shortIface.raw(1, 16, new byte[4]);
        assertThat(error(shortIface.bytes())).contains("interface block of 4 bytes");
        Pcapng shortPacket = good();
        shortPacket.raw(6, 28, new byte[16]);
        assertThat(error(shortPacket.bytes())).contains("packet block of 16 bytes is too short");
        Pcapng shortObsolete = good();
        shortObsolete.raw(2, 28, new byte[16]);
        assertThat(error(shortObsolete.bytes())).contains("packet block of 16 bytes is too short");
        Pcapng cut = good();
        cut.enhanced(0, 1, bytes(40), 40, null);
        byte[] c = cut.bytes();
        assertThat(error(java.util.Arrays.copyOf(c, c.length - 30))).contains("truncated");
        assertThat(error(java.util.Arrays.copyOf(c, c.length - 2))).contains("truncated");
    }

    @Test
    void malformedInterfaceOptionsKeepTheDefaults() throws Exception {
        Pcapng f = new Pcapng(ByteOrder.LITTLE_ENDIAN);
        f.section();
        // if_tsresol whose length runs past the block: ignored, microseconds stay
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 1).putShort((short) 0).putInt(65535).putShort((short) 9).putShort((short) 40).putInt(0x09);
        f.raw(1, 12 + 16, b.array());
        // if_tsresol 10^-19: out of range, microseconds stay
        f.iface(1, 19, null);
        f.enhanced(0, 1_500_000, bytes(4), 4, null);
        f.enhanced(1, 2_500_000, bytes(4), 4, null);
        assertThat(read(f.write(dir.resolve("options.pcapng")))).extracting(Read::nanos)
                .containsExactly(1_500_000_000L, 2_500_000_000L);
    }

    @Test
    void theLimitsAreWhereTheFormatAndMaxRecordPutThem() throws Exception {
        // A record of exactly MAX_RECORD is read, in each packet block and in classic pcap.
        byte[] max = bytes(PcapReader.MAX_RECORD);
        Pcapng f = new Pcapng(ByteOrder.BIG_ENDIAN);
        f.section();
        f.iface(276, 9, null); // LINUX_SLL2: a link type above 255 (both octets of the 16-bit field)
        f.enhanced(0, 7, max, max.length, null);
        f.obsolete(0, 8, max, max.length);
        f.simple(max, max.length);
        f.enhanced(0, 9, new byte[0], 0, null); // an empty packet: the block is exactly its 20-octet header
        f.unknown(4, 0); // a block of exactly 12 octets (empty body) is skipped
        f.obsolete(5, 10, bytes(4), 4); // an interface the section does not have: not a packet
        f.enhanced(0, 11, bytes(4), 4, null);
        List<Read> ours = read(f.write(dir.resolve("limits.pcapng")));
        assertThat(ours).extracting(Read::length).containsExactly(max.length, max.length, max.length, 0, 4);
        assertThat(ours).extracting(Read::linkType).containsOnly(276);
        assertThat(ours.get(0).data()).isEqualTo(hex(max));
        assertThat(ours.get(1).data()).isEqualTo(hex(max));
        assertThat(ours).extracting(Read::nanos).containsExactly(7L, 8L, 0L, 9L, 11L);
        try (PcapReader r = PcapReader.open(dir.resolve("limits.pcapng"))) {
            assertThat(r.isPcapng()).isTrue();
        }
        // One more octet is damage, in every block type.
        byte[] over = bytes(PcapReader.MAX_RECORD + 1);
        Pcapng e = good();
        e.enhanced(0, 1, over, over.length, null);
        assertThat(error(e.bytes())).contains("claims " + over.length + " bytes");
        Pcapng o = good();
        o.obsolete(0, 1, over, over.length);
        assertThat(error(o.bytes())).contains("claims " + over.length + " bytes");
        Pcapng sp = good();
        sp.simple(over, over.length);
        // (a simple packet has no captured length: its padded body counts)
        assertThat(error(sp.bytes())).contains("simple packet of " + (over.length + 3) + " bytes is too large");

        // Timestamp resolutions at their edges: 10^-18 and 2^-62 are read, beyond them the default.
        Pcapng res = new Pcapng(ByteOrder.LITTLE_ENDIAN);
        res.section();
        res.iface(1, 18, null);
        res.iface(1, 0x80 | 62, null);
        res.iface(1, 0x80 | 63, null);
        res.enhanced(0, 3_000_000_000_000_000_000L, bytes(4), 4, null);
        res.enhanced(1, 3L << 62, bytes(4), 4, null);
        res.enhanced(2, 4_000_000, bytes(4), 4, null);
        res.iface(1, 0x80 | 30, null);
        res.enhanced(3, (1_780_000_000L << 30) + (1L << 29), bytes(4), 4, null); // today, in 2^-30 s ticks
        Path resolutions = res.write(dir.resolve("resolutions.pcapng"));
        // 3 s in 2^-62 s ticks is above 2^63: an unsigned count, as tshark reads it too
        assertThat(read(resolutions)).extracting(Read::nanos)
                .containsExactly(3_000_000_000L, 3_000_000_000L, 4_000_000_000L, 1_780_000_000_500_000_000L);
        // tshark agrees but on 2^-63, which it takes as given (a 64-bit count of such ticks spans two
        // seconds: no capture has it) where we keep microseconds.
        assertThat(Tshark.fields(resolutions).stream().map(t -> Tshark.epochNanos(t.get("frame.time_epoch").get(0))).toList())
                .containsExactly(3_000_000_000L, 3_000_000_000L, 0L, 1_780_000_000_500_000_000L);
    }

    @Test
    void anInterfaceBlockOfOnlyItsFixedPartAndAnOptionThatEndsTheBlock() throws Exception {
        Pcapng f = new Pcapng(ByteOrder.LITTLE_ENDIAN);
        f.section();
        ByteBuffer bare = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        bare.putShort((short) 1).putShort((short) 0).putInt(65535); // no options at all
        f.raw(1, 12 + 8, bare.array());
        ByteBuffer last = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        last.putShort((short) 101).putShort((short) 0).putInt(65535).putShort((short) 9).putShort((short) 4).putInt(9);
        f.raw(1, 12 + 16, last.array()); // if_tsresol fills the block to its end, no end-of-options
        f.enhanced(0, 1_000_000, bytes(4), 4, null);
        f.enhanced(1, 1_000_000, bytes(4), 4, null);
        assertThat(read(f.write(dir.resolve("bare.pcapng")))).extracting(Read::linkType, Read::nanos).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, 1_000_000_000L), org.assertj.core.groups.Tuple.tuple(101, 1_000_000L));
    }

    @Test
    void aStreamThatWillNotSkipIsReadThroughAndClosedWithTheReader() throws Exception {
        Pcapng f = good();
        f.unknown(5, 40);
        f.enhanced(0, 5, bytes(9), 9, "a comment to skip");
        boolean[] closed = {false};
        java.io.InputStream stubborn = new java.io.FilterInputStream(new ByteArrayInputStream(f.bytes())) {
            @Override
            public long skip(long n) {
                return 0; // as some streams do: the reader must read instead
            }

            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };
        CaptureRecord rec = new CaptureRecord();
        try (PcapReader r = PcapReader.of(stubborn, "stubborn")) {
            assertThat(r.next(rec)).isTrue();
            assertThat(rec.length()).isEqualTo(9);
            assertThat(rec.timestampNanos()).isEqualTo(5);
            assertThat(r.next(rec)).isFalse();
        }
        assertThat(closed[0]).as("closing the reader closes its stream").isTrue();
    }

    private Pcapng good() {
        Pcapng f = new Pcapng(ByteOrder.LITTLE_ENDIAN);
        f.section();
        f.iface(1, 9, null);
        return f;
    }

    private String error(byte[] file) {
        try (PcapReader r = PcapReader.of(new ByteArrayInputStream(file), "bad.pcapng")) {
            CaptureRecord rec = new CaptureRecord();
            while (r.next(rec)) {
                // read on to the damage
            }
        } catch (PcapFormatException e) {
            assertThat(e.getMessage()).startsWith("bad.pcapng: ");
            return e.getMessage();
        } catch (IOException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for a damaged file");
    }

    private static List<Read> read(Path file) throws IOException {
        List<Read> out = new ArrayList<>();
        try (PcapReader r = PcapReader.open(file)) {
            CaptureRecord rec = new CaptureRecord();
            while (r.next(rec)) {
                out.add(new Read(rec.timestampNanos(), rec.interfaceId(), rec.linkType(), rec.length(), rec.originalLength(),
                        hex(java.util.Arrays.copyOf(rec.data(), rec.length()))));
            }
        }
        return out;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + n);
        }
        return b;
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    /** pcapng blocks, written by hand in the given byte order. */
    private static final class Pcapng {
        private final ByteOrder order;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pcapng(ByteOrder order) {
            this.order = order;
        }

        void section() {
            ByteBuffer b = buf(16);
            b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
            block(0x0A0D0D0A, b.array());
        }

        /** @param tsresol the if_tsresol octet, -1 for none */
        void iface(int linkType, int tsresol, byte[] extraOption) {
            ByteBuffer b = buf(8 + 8 + (extraOption == null ? 0 : 8) + 4);
            b.putShort((short) linkType).putShort((short) 0).putInt(65535);
            if (extraOption != null) {
                b.putShort((short) 2).putShort((short) extraOption.length).put(extraOption).put(new byte[4 - extraOption.length]);
            }
            if (tsresol >= 0) {
                b.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
            }
            b.putShort((short) 0).putShort((short) 0);
            block(1, java.util.Arrays.copyOf(b.array(), b.position()));
        }

        void enhanced(int iface, long ticks, byte[] data, int original, String comment) {
            byte[] opt = comment == null ? new byte[0] : option(1, comment.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ByteBuffer b = buf(20 + pad(data.length) + opt.length);
            b.putInt(iface).putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(data.length).putInt(original)
                    .put(data).put(new byte[pad(data.length) - data.length]).put(opt);
            block(6, b.array());
        }

        void enhancedClaiming(int iface, int claimed, int holds) {
            ByteBuffer b = buf(20 + holds);
            b.putInt(iface).putInt(0).putInt(0).putInt(claimed).putInt(claimed);
            block(6, b.array());
        }

        void obsolete(int iface, long ticks, byte[] data, int original) {
            ByteBuffer b = buf(20 + pad(data.length));
            b.putShort((short) iface).putShort((short) 0).putInt((int) (ticks >>> 32)).putInt((int) ticks)
                    .putInt(data.length).putInt(original).put(data).put(new byte[pad(data.length) - data.length]);
            block(2, b.array());
        }

        void simple(byte[] data, int original) {
            ByteBuffer b = buf(4 + pad(data.length));
            b.putInt(original).put(data).put(new byte[pad(data.length) - data.length]);
            block(3, b.array());
        }

        void unknown(int type, int bodyLength) {
            block(type, new byte[bodyLength]);
        }

        /** A block with the given declared total length and body, as they are. */
        void raw(int type, int total, byte[] body) {
            ByteBuffer b = buf(8 + body.length + 4);
            b.putInt(type).putInt(total).put(body).putInt(total);
            out.writeBytes(b.array());
        }

        private byte[] option(int code, byte[] value) {
            ByteBuffer b = buf(4 + pad(value.length) + 4);
            b.putShort((short) code).putShort((short) value.length).put(value).put(new byte[pad(value.length) - value.length])
                    .putShort((short) 0).putShort((short) 0);
            return b.array();
        }

        private void block(int type, byte[] body) {
            int total = 12 + body.length;
            ByteBuffer b = buf(total);
            b.putInt(type).putInt(total).put(body).putInt(total);
            out.writeBytes(b.array());
        }

        private ByteBuffer buf(int n) {
            return ByteBuffer.allocate(n).order(order);
        }

        private static int pad(int n) {
            return (n + 3) & ~3;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        Path write(Path file) throws IOException {
            return Files.write(file, bytes());
        }
    }
}
