package io.swapguard.event.codec;

import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked reads over one encoded record. Every length read from the record is checked
 * against what is left and against the field's own limit before anything is allocated.
 */
final class RecordReader {

    private static final byte[] BCD = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;
    private int pos;
    private final int end;

    RecordReader(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new IllegalArgumentException("bad slice");
        }
        this.bytes = bytes;
        this.pos = offset;
        this.end = offset + length;
    }

    static int crcAt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    int remaining() {
        return end - pos;
    }

    private void need(int n, String field) {
        if (end - pos < n) {
            throw new EventDecodeException("record ends inside " + field);
        }
    }

    int u8(String field) {
        need(1, field);
        return bytes[pos++] & 0xFF;
    }

    long i64(String field) {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (bytes[pos++] & 0xFFL) << (8 * i);
        }
        return v;
    }

    long varint(String field, long max) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1, field);
            int b = bytes[pos++] & 0xFF;
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (v < 0 || v > max) {
                    throw new EventDecodeException(field + " out of range: " + v);
                }
                return v;
            }
        }
        throw new EventDecodeException(field + " is not a valid varint");
    }

    String string(String field, int maxBytes) {
        int n = (int) varint(field + " length", maxBytes);
        need(n, field);
        String s = new String(bytes, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    String digits(String field, int maxDigits) {
        int n = u8(field + " length");
        if (n > maxDigits) {
            throw new EventDecodeException(field + " has " + n + " digits, at most " + maxDigits + " allowed");
        }
        int packed = (n + 1) / 2;
        need(packed, field);
        byte[] ascii = new byte[n];
        for (int i = 0; i < n; i++) {
            int b = bytes[pos + i / 2];
            ascii[i] = BCD[(i % 2 == 0) ? (b >> 4) & 0xF : b & 0xF];
        }
        pos += packed;
        return new String(ascii, StandardCharsets.ISO_8859_1);
    }
}
