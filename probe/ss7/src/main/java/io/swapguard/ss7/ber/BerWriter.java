package io.swapguard.ss7.ber;

import java.util.Arrays;

/**
 * Writes BER with definite lengths. Constructed elements are opened with {@link #begin(int)} and
 * closed with {@link #end()}, which fills in the length. Used by the encoders that build test
 * traffic and the simulator's output.
 */
public final class BerWriter {

    private byte[] buf = new byte[256];
    private int len;
    private final int[] open = new int[BerReader.MAX_DEPTH];
    private int depth;

    public BerWriter reset() {
        len = 0;
        depth = 0;
        return this;
    }

    public int length() {
        return len;
    }

    public byte[] toByteArray() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " elements still open");
        }
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    /** Opens a constructed element with a single-octet identifier (class, constructed bit, number). */
    public BerWriter begin(int identifier) {
        ensure(2);
        buf[len++] = (byte) (identifier | 0x20);
        open[depth++] = len;
        buf[len++] = 0; // placeholder for a short-form length
        return this;
    }

    /** Closes the innermost open element, writing its length. */
    public BerWriter end() {
        int at = open[--depth];
        int contentLength = len - at - 1;
        if (contentLength < 0x80) {
            buf[at] = (byte) contentLength;
            return this;
        }
        int extra = contentLength < 0x100 ? 1 : contentLength < 0x10000 ? 2 : 3;
        ensure(extra);
        System.arraycopy(buf, at + 1, buf, at + 1 + extra, contentLength);
        buf[at] = (byte) (0x80 | extra);
        for (int i = extra; i >= 1; i--) {
            buf[at + i] = (byte) (contentLength >> (8 * (extra - i)));
        }
        len += extra;
        return this;
    }

    /** A primitive element. */
    public BerWriter primitive(int identifier, byte[] value) {
        return primitive(identifier, value, 0, value.length);
    }

    public BerWriter primitive(int identifier, byte[] value, int offset, int length) {
        ensure(1);
        buf[len++] = (byte) identifier;
        writeLength(length);
        ensure(length);
        System.arraycopy(value, offset, buf, len, length);
        len += length;
        return this;
    }

    /** An INTEGER-encoded primitive (minimal two's complement) under the given identifier. */
    public BerWriter integer(int identifier, long value) {
        int n = 1;
        while (n < 8 && (value >> (8 * n - 1)) != 0 && (value >> (8 * n - 1)) != -1) {
            n++;
        }
        byte[] v = new byte[n];
        for (int i = 0; i < n; i++) {
            v[n - 1 - i] = (byte) (value >> (8 * i));
        }
        return primitive(identifier, v);
    }

    /** Appends already-encoded BER (a whole element). */
    public BerWriter raw(byte[] encoded) {
        ensure(encoded.length);
        System.arraycopy(encoded, 0, buf, len, encoded.length);
        len += encoded.length;
        return this;
    }

    /** An OBJECT IDENTIFIER from its arcs. */
    public BerWriter oid(int identifier, long... arcs) {
        BerWriter body = new BerWriter();
        body.base128(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            body.base128(arcs[i]);
        }
        return primitive(identifier, body.toByteArray());
    }

    private void base128(long v) {
        int n = 1;
        while ((v >> (7 * n)) != 0) {
            n++;
        }
        ensure(n);
        for (int i = n - 1; i >= 0; i--) {
            buf[len++] = (byte) ((v >> (7 * i)) & 0x7F | (i > 0 ? 0x80 : 0));
        }
    }

    private void writeLength(int length) {
        ensure(4);
        if (length < 0x80) {
            buf[len++] = (byte) length;
        } else if (length < 0x100) {
            buf[len++] = (byte) 0x81;
            buf[len++] = (byte) length;
        } else if (length < 0x10000) {
            buf[len++] = (byte) 0x82;
            buf[len++] = (byte) (length >> 8);
            buf[len++] = (byte) length;
        } else {
            buf[len++] = (byte) 0x83;
            buf[len++] = (byte) (length >> 16);
            buf[len++] = (byte) (length >> 8);
            buf[len++] = (byte) length;
        }
    }
}
