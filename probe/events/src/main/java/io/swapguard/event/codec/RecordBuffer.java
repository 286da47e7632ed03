package io.swapguard.event.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A reusable, growable byte array that {@link EventCodec} encodes into. One per writing thread;
 * {@link #clear()} between records, so the steady state allocates nothing.
 */
public final class RecordBuffer {

    private byte[] bytes;
    private int length;

    public RecordBuffer() {
        this(256);
    }

    public RecordBuffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    public RecordBuffer clear() {
        length = 0;
        return this;
    }

    /** The backing array; valid bytes are {@code [0, length())}. */
    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }

    void u8(int v) {
        ensure(1);
        bytes[length++] = (byte) v;
    }

    void i64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[length++] = (byte) (v >>> (8 * i));
        }
    }

    /** Unsigned LEB128; negative values are not written (absent fields use presence bits). */
    void varint(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("varint must not be negative: " + v);
        }
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            bytes[length++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[length++] = (byte) v;
    }

    void string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        varint(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
    }

    /** BCD digits (0-9, a-f), packed two a byte after a one-byte digit count. */
    void digits(String d) {
        int n = d.length();
        if (n > 255) {
            throw new IllegalArgumentException("too many digits: " + n);
        }
        u8(n);
        ensure((n + 1) / 2);
        for (int i = 0; i < n; i += 2) {
            int hi = nibble(d.charAt(i));
            int lo = i + 1 < n ? nibble(d.charAt(i + 1)) : 0;
            bytes[length++] = (byte) (hi << 4 | lo);
        }
    }

    /** Appends the CRC-32C of the bytes from {@code start}, big-endian. */
    void crc32c(int start) {
        int crc = crc32c(bytes, start, length - start);
        ensure(4);
        bytes[length++] = (byte) (crc >>> 24);
        bytes[length++] = (byte) (crc >>> 16);
        bytes[length++] = (byte) (crc >>> 8);
        bytes[length++] = (byte) crc;
    }

    static int crc32c(byte[] b, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(b, offset, length);
        return (int) crc.getValue();
    }

    private static int nibble(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        throw new IllegalArgumentException("not a BCD digit: '" + c + "'");
    }
}
