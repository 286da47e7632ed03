package io.swapguard.ss7.sctp;

import static io.swapguard.ss7.NetworkOrder.put16;
import static io.swapguard.ss7.NetworkOrder.put32;

import java.io.ByteArrayOutputStream;

/**
 * Builds one SCTP packet: common header, any number of chunks (bundling), CRC-32c. The encoding
 * side of {@link SctpDecoder}, for the simulator and tests.
 */
public final class SctpPacketBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

    public SctpPacketBuilder(int srcPort, int dstPort, long verificationTag) {
        byte[] h = new byte[12];
        put16(h, 0, srcPort);
        put16(h, 2, dstPort);
        put32(h, 4, verificationTag);
        out.writeBytes(h);
    }

    /**
     * A DATA chunk.
     *
     * @param begin B flag (first fragment, or whole message with {@code end})
     * @param end E flag (last fragment)
     */
    public SctpPacketBuilder data(long tsn, int streamId, int streamSequence, long ppid, boolean begin, boolean end,
            byte[] payload, int offset, int length) {
        byte[] h = new byte[16];
        h[0] = 0;
        h[1] = (byte) ((begin ? 2 : 0) | (end ? 1 : 0));
        put16(h, 2, 16 + length);
        put32(h, 4, tsn);
        put16(h, 8, streamId);
        put16(h, 10, streamSequence);
        put32(h, 12, ppid);
        out.writeBytes(h);
        out.write(payload, offset, length);
        pad(length);
        return this;
    }

    /** A whole (unfragmented) user message in one DATA chunk. */
    public SctpPacketBuilder data(long tsn, int streamId, int streamSequence, long ppid, byte[] payload) {
        return data(tsn, streamId, streamSequence, ppid, true, true, payload, 0, payload.length);
    }

    /** A SACK chunk acknowledging up to {@code cumulativeTsn}, no gaps. */
    public SctpPacketBuilder sack(long cumulativeTsn) {
        byte[] c = new byte[16];
        c[0] = 3;
        put16(c, 2, 16);
        put32(c, 4, cumulativeTsn);
        put32(c, 8, 65535);
        out.writeBytes(c);
        return this;
    }

    /** A HEARTBEAT chunk with a small heartbeat-info parameter. */
    public SctpPacketBuilder heartbeat() {
        byte[] c = {4, 0, 0, 12, 0, 1, 0, 8, 1, 2, 3, 4};
        out.writeBytes(c);
        return this;
    }

    private void pad(int length) {
        for (int i = length; (i & 3) != 0; i++) {
            out.write(0);
        }
    }

    public byte[] build() {
        byte[] packet = out.toByteArray();
        SctpDecoder.writeChecksum(packet, 0, packet.length);
        return packet;
    }
}
