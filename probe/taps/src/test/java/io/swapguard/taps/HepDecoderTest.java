package io.swapguard.taps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.hep.HepDecoder;
import io.swapguard.ss7.hep.HepPacket;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * HEPv3 datagrams written chunk by chunk from the HEP3 specification (the "HEP3" id, the total
 * length, then chunks of vendor id, type id and length including their own six octets), as
 * capture agents such as heplify and Kamailio's siptrace send them.
 */
class HepDecoderTest {

    static byte[] chunk(int vendor, int type, byte... value) {
        int length = 6 + value.length;
        byte[] c = new byte[length];
        c[0] = (byte) (vendor >> 8);
        c[1] = (byte) vendor;
        c[2] = (byte) (type >> 8);
        c[3] = (byte) type;
        c[4] = (byte) (length >> 8);
        c[5] = (byte) length;
        System.arraycopy(value, 0, c, 6, value.length);
        return c;
    }

    static byte[] u32(long v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    static byte[] hep(byte[]... chunks) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes("HEP3".getBytes(StandardCharsets.US_ASCII));
        int total = 6;
        for (byte[] c : chunks) {
            total += c.length;
        }
        m.write(total >> 8);
        m.write(total);
        for (byte[] c : chunks) {
            m.writeBytes(c);
        }
        return m.toByteArray();
    }

    static final byte[] M3UA = {1, 0, 1, 1, 0, 0, 0, 8};

    static byte[] typical(byte[]... extra) {
        byte[][] all = new byte[6 + extra.length][];
        all[0] = chunk(0, 0x0001, (byte) 2); // IPv4
        all[1] = chunk(0, 0x0002, (byte) 132); // SCTP
        all[2] = chunk(0, 0x0009, u32(1_765_060_245L));
        all[3] = chunk(0, 0x000a, u32(123_456));
        all[4] = chunk(0, 0x000b, (byte) 0x09); // M3UA
        all[5] = chunk(0, 0x000f, M3UA);
        System.arraycopy(extra, 0, all, 6, extra.length);
        return hep(all);
    }

    private static HepPacket decode(byte[] datagram) {
        byte[] framed = new byte[datagram.length + 10];
        Arrays.fill(framed, (byte) 0x77);
        System.arraycopy(datagram, 0, framed, 4, datagram.length);
        return HepDecoder.decode(framed, 4, datagram.length);
    }

    private static Rejection refused(byte[] datagram, int length) {
        Throwable t = catchThrowable(() -> HepDecoder.decode(datagram, 0, length));
        assertThat(t).isInstanceOf(Rejection.class);
        assertThat(((Rejection) t).layer()).isEqualTo(Layer.HEP);
        return (Rejection) t;
    }

    private static Rejection refused(byte[] datagram) {
        return refused(datagram, datagram.length);
    }

    private static String payload(HepPacket p) {
        return Arrays.toString(Arrays.copyOfRange(p.buffer(), p.payloadOffset(), p.payloadOffset() + p.payloadLength()));
    }

    @Test
    void theChunksOfATypicalAgentAreRead() {
        HepPacket p = decode(typical(chunk(0, 0x000c, u32(0xFFFFFFF0L)), chunk(0, 0x0013, "stp-jkt-1".getBytes(StandardCharsets.UTF_8))));
        assertThat(p.ipProtocol()).isEqualTo(132);
        assertThat(p.protocolType()).isEqualTo(HepPacket.PROTOCOL_TYPE_M3UA);
        assertThat(p.timestampNanos()).isEqualTo(1_765_060_245L * 1_000_000_000L + 123_456_000L);
        assertThat(p.captureAgentId()).as("unsigned").isEqualTo(0xFFFFFFF0L);
        assertThat(p.nodeName()).isEqualTo("stp-jkt-1");
        assertThat(payload(p)).isEqualTo(Arrays.toString(M3UA));
        HepPacket bare = decode(hep(chunk(0, 0x000b, (byte) 9), chunk(0, 0x000f, M3UA)));
        assertThat(bare.ipProtocol()).as("not said").isEqualTo(-1);
        assertThat(bare.timestampNanos()).isZero();
        assertThat(bare.captureAgentId()).isZero();
        assertThat(bare.nodeName()).isEmpty();
    }

    @Test
    void chunksOfOtherVendorsAndUnknownTypesAreSteppedOver() {
        HepPacket p = decode(typical(chunk(0x0001, 0x000b, (byte) 1), chunk(0x0001, 0x000f, (byte) 9), chunk(0, 0x0003, u32(0x0A000001L)),
                chunk(0, 0x0011, "corr".getBytes(StandardCharsets.US_ASCII))));
        assertThat(p.protocolType()).as("vendor 1's type 11 is its own").isEqualTo(9);
        assertThat(payload(p)).isEqualTo(Arrays.toString(M3UA));
    }

    @Test
    void shortValuesAreNotReadPastTheirChunk() {
        HepPacket p = decode(hep(chunk(0, 0x0002), chunk(0, 0x0009, (byte) 0, (byte) 0, (byte) 1),
                chunk(0, 0x000a, (byte) 1, (byte) 2, (byte) 3), chunk(0, 0x000c, (byte) 1, (byte) 2, (byte) 3),
                chunk(0, 0x000b, (byte) 9), chunk(0, 0x000f)));
        assertThat(p.ipProtocol()).isEqualTo(-1);
        assertThat(p.timestampNanos()).isZero();
        assertThat(p.captureAgentId()).isZero();
        assertThat(p.payloadLength()).as("an empty payload chunk is a payload").isZero();
        Rejection noType = refused(hep(chunk(0, 0x000b), chunk(0, 0x000f, M3UA)));
        assertThat(noType.reason()).as("a protocol type chunk without its octet").isEqualTo("not-m3ua");
        assertThat(decode(typical(chunk(0, 0x0013, "x".repeat(100).getBytes(StandardCharsets.US_ASCII)))).nodeName())
                .as("node names are kept to 64 octets").hasSize(64);
        String accented = "x".repeat(63) + "é" + "y";
        assertThat(decode(typical(chunk(0, 0x0013, accented.getBytes(StandardCharsets.UTF_8)))).nodeName())
                .as("and never cut inside a character").isEqualTo("x".repeat(63));
        String exact = "x".repeat(62) + "é";
        assertThat(decode(typical(chunk(0, 0x0013, exact.getBytes(StandardCharsets.UTF_8)))).nodeName()).isEqualTo(exact);
        assertThat(decode(typical(chunk(0, 0x000a, u32(5_000_000)))).timestampNanos() % 1_000_000_000L)
                .as("microseconds past a second are clamped").isEqualTo(999_999_000L);
    }

    @Test
    void anythingElseIsRefusedByReason() {
        assertThat(refused("HEP2xx".getBytes(StandardCharsets.US_ASCII)).reason()).isEqualTo("not-hep3");
        for (int i = 0; i < 4; i++) {
            byte[] wrong = typical();
            wrong[i] ^= 0x20;
            assertThat(refused(wrong).reason()).as("octet %d of the id", i).isEqualTo("not-hep3");
        }
        byte[] ok = typical();
        assertThat(refused(ok, 5).reason()).isEqualTo("not-hep3");
        assertThat(refused(hep()).reason()).as("a header alone").isEqualTo("no-payload");
        byte[] tooLong = typical();
        tooLong[5]++;
        assertThat(refused(tooLong).reason()).as("a total past the datagram").isEqualTo("bad-length");
        byte[] below = typical();
        below[4] = 0;
        below[5] = 5;
        assertThat(refused(below).reason()).isEqualTo("bad-length");
        byte[] shorter = typical();
        shorter[5]--; // the last chunk now runs past the total
        assertThat(refused(shorter).reason()).isEqualTo("bad-chunk-length");
        byte[] tiny = hep(chunk(0, 0x000b, (byte) 9), new byte[] {0, 0, 0, 0x0f, 0, 5, 0});
        assertThat(refused(tiny).reason()).isEqualTo("bad-chunk-length");
        assertThat(refused(hep(chunk(0, 0x000b, (byte) 9))).reason()).isEqualTo("no-payload");
        assertThat(refused(hep(chunk(0, 0x000b, (byte) 1), chunk(0, 0x000f, M3UA))).reason()).as("SIP").isEqualTo("not-m3ua");
        assertThat(refused(hep(chunk(0, 0x000b, (byte) 1), chunk(0, 0x000f, M3UA))).malformed()).isFalse();
        assertThat(refused(typical(chunk(0, 0x0010, (byte) 0x1f, (byte) 0x8b))).reason()).isEqualTo("compressed-payload");
        byte[] trailing = Arrays.copyOf(typical(), typical().length + 5);
        trailing[4] = (byte) (trailing.length >> 8);
        trailing[5] = (byte) trailing.length;
        assertThat(payload(decode(trailing))).as("five octets after the last chunk are not a chunk")
                .isEqualTo(Arrays.toString(M3UA));
    }
}
