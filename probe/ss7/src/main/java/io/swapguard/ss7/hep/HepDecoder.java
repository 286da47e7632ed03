package io.swapguard.ss7.hep;

import static io.swapguard.ss7.NetworkOrder.u16;
import static io.swapguard.ss7.NetworkOrder.u32;

import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import java.nio.charset.StandardCharsets;

/**
 * HEPv3: the "HEP3" header and its chunks (vendor, type, length). Every chunk length is checked
 * against the datagram; unknown chunks are skipped; compressed payloads are refused rather than
 * inflated (an inflation bomb must not exhaust memory).
 */
public final class HepDecoder {

    static final Rejection NOT_HEP3 = Rejection.of(Layer.HEP, "not-hep3");
    static final Rejection BAD_LENGTH = Rejection.of(Layer.HEP, "bad-length");
    static final Rejection BAD_CHUNK = Rejection.of(Layer.HEP, "bad-chunk-length");
    static final Rejection NO_PAYLOAD = Rejection.of(Layer.HEP, "no-payload");
    public static final Rejection COMPRESSED = Rejection.of(Layer.HEP, "compressed-payload");
    static final Rejection NOT_M3UA = Rejection.ignore(Layer.HEP, "not-m3ua");

    static final int CHUNK_IP_PROTOCOL = 0x0002;
    static final int CHUNK_TIME_SECONDS = 0x0009;
    static final int CHUNK_TIME_MICROS = 0x000a;
    static final int CHUNK_PROTOCOL_TYPE = 0x000b;
    static final int CHUNK_CAPTURE_ID = 0x000c;
    static final int CHUNK_PAYLOAD = 0x000f;
    static final int CHUNK_COMPRESSED_PAYLOAD = 0x0010;
    static final int CHUNK_NODE_NAME = 0x0013;

    /** Octets of a node name kept (the journal's bound), cut on a character boundary. */
    static final int MAX_NODE_NAME = 64;

    private HepDecoder() {
    }

    /** At most {@code max} octets of the UTF-8 at {@code b[at, at+length)}, not ending inside a character. */
    static int utf8Prefix(byte[] b, int at, int length, int max) {
        if (length <= max) {
            return length;
        }
        int n = max;
        while (n > 0 && (b[at + n] & 0xC0) == 0x80) {
            n--; // b[at + n] continues a character begun before the cut
        }
        return n;
    }

    public static HepPacket decode(byte[] b, int offset, int length) {
        if (length < 6 || b[offset] != 'H' || b[offset + 1] != 'E' || b[offset + 2] != 'P' || b[offset + 3] != '3') {
            throw NOT_HEP3;
        }
        int total = u16(b, offset + 4);
        if (total < 6 || total > length) {
            throw BAD_LENGTH;
        }
        int end = offset + total;
        int p = offset + 6;
        int ipProtocol = -1;
        int protocolType = -1;
        long seconds = 0;
        long micros = 0;
        long captureId = 0;
        String node = "";
        int payloadOffset = -1;
        int payloadLength = 0;
        while (end - p >= 6) {
            int vendor = u16(b, p);
            int type = u16(b, p + 2);
            int chunkLength = u16(b, p + 4);
            if (chunkLength < 6 || chunkLength > end - p) {
                throw BAD_CHUNK;
            }
            int value = p + 6;
            int valueLength = chunkLength - 6;
            if (vendor == 0) {
                switch (type) {
                    case CHUNK_IP_PROTOCOL -> ipProtocol = valueLength >= 1 ? b[value] & 0xFF : -1;
                    case CHUNK_TIME_SECONDS -> seconds = valueLength >= 4 ? u32(b, value) : 0;
                    case CHUNK_TIME_MICROS -> micros = valueLength >= 4 ? u32(b, value) : 0;
                    case CHUNK_PROTOCOL_TYPE -> protocolType = valueLength >= 1 ? b[value] & 0xFF : -1;
                    case CHUNK_CAPTURE_ID -> captureId = valueLength >= 4 ? u32(b, value) : 0;
                    case CHUNK_NODE_NAME -> node = new String(b, value, utf8Prefix(b, value, valueLength, MAX_NODE_NAME),
                            StandardCharsets.UTF_8);
                    case CHUNK_PAYLOAD -> {
                        payloadOffset = value;
                        payloadLength = valueLength;
                    }
                    case CHUNK_COMPRESSED_PAYLOAD -> throw COMPRESSED;
                    default -> {
                        // addresses, ports, correlation ids: not needed to decode the signalling
                    }
                }
            }
            p += chunkLength;
        }
        if (payloadOffset < 0) {
            throw NO_PAYLOAD;
        }
        if (protocolType != HepPacket.PROTOCOL_TYPE_M3UA) {
            throw NOT_M3UA;
        }
        long nanos = seconds * 1_000_000_000L + Math.min(micros, 999_999L) * 1_000L;
        return new HepPacket(ipProtocol, protocolType, nanos, captureId, node, b, payloadOffset, payloadLength);
    }
}
