package io.swapguard.ss7.ber;

import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;

/**
 * A cursor over BER elements (ITU-T X.690) in {@code buf[from, to)}. Every length is checked
 * against the enclosing bounds before it is used; nothing is allocated. Indefinite lengths are
 * resolved by scanning for the end-of-contents octets, with a nesting limit.
 *
 * <p>After {@link #next()} returns true the current element is described by {@link #tagClass()},
 * {@link #constructed()}, {@link #tagNumber()}, {@link #valueOffset()} and {@link #valueLength()};
 * {@link #enter()} gives a reader over its contents.
 */
public final class BerReader {

    /** Deeper nesting than this is refused: real TCAP/MAP stays under ten levels. */
    public static final int MAX_DEPTH = 24;

    private final Layer layer;
    private final byte[] buf;
    private final int end;
    private final int depth;
    private int pos;

    private int elementOffset;
    private int identifier;
    private int tagNumber;
    private int valueOffset;
    private int valueLength;
    private boolean indefinite;

    private final Rejection truncated;
    private final Rejection badLength;
    private final Rejection badTag;
    private final Rejection tooDeep;

    private BerReader(Layer layer, byte[] buf, int from, int to, int depth, Rejection[] rejections) {
        this.layer = layer;
        this.buf = buf;
        this.pos = from;
        this.end = to;
        this.depth = depth;
        this.truncated = rejections[0];
        this.badLength = rejections[1];
        this.badTag = rejections[2];
        this.tooDeep = rejections[3];
    }

    /** Rejections a reader reports, per layer, so counters say which layer's BER was bad. */
    private static final Rejection[][] REJECTIONS = new Rejection[Layer.values().length][];

    static {
        for (Layer l : Layer.values()) {
            REJECTIONS[l.ordinal()] = new Rejection[] {
                Rejection.of(l, "ber-truncated"), Rejection.of(l, "ber-bad-length"),
                Rejection.of(l, "ber-bad-tag"), Rejection.of(l, "ber-too-deep")};
        }
    }

    /** A reader over {@code buf[offset, offset+length)}, reporting rejections for {@code layer}. */
    public static BerReader of(Layer layer, byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IllegalArgumentException("slice outside the buffer");
        }
        return new BerReader(layer, buf, offset, offset + length, 0, REJECTIONS[layer.ordinal()]);
    }

    public boolean hasMore() {
        return pos < end;
    }

    /**
     * Moves to the next element. Returns false at the end of the contents (or at an end-of-contents
     * marker of an indefinite-length parent).
     */
    public boolean next() {
        if (pos >= end) {
            return false;
        }
        int p = pos;
        elementOffset = p;
        int id = buf[p++] & 0xFF;
        if (id == 0 && p < end && buf[p] == 0) {
            // End-of-contents: the parent was indefinite; nothing follows at this level.
            pos = end;
            return false;
        }
        int number = id & 0x1F;
        if (number == 0x1F) {
            number = 0;
            int octets = 0;
            int b;
            do {
                if (p >= end) {
                    throw truncated;
                }
                b = buf[p++] & 0xFF;
                number = number << 7 | (b & 0x7F);
                if (++octets > 3) {
                    throw badTag; // tag numbers beyond 2^21 do not occur in TCAP/MAP
                }
            } while ((b & 0x80) != 0);
        }
        if (p >= end) {
            throw truncated;
        }
        int first = buf[p++] & 0xFF;
        int length;
        boolean indef = false;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x80) {
            if ((id & 0x20) == 0) {
                throw badLength; // indefinite length is only for constructed encodings
            }
            indef = true;
            length = -1;
        } else {
            int n = first & 0x7F;
            if (n > 3) {
                throw badLength; // more than 16 MB cannot fit any SS7 message
            }
            if (end - p < n) {
                throw truncated;
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = length << 8 | (buf[p++] & 0xFF);
            }
        }
        if (indef) {
            if (depth + 1 > MAX_DEPTH) {
                throw tooDeep;
            }
            int contentEnd = skipIndefinite(p, depth + 1);
            identifier = id;
            tagNumber = number;
            valueOffset = p;
            valueLength = contentEnd - p;
            indefinite = true;
            pos = contentEnd + 2;
            return true;
        }
        if (length > end - p) {
            throw truncated;
        }
        identifier = id;
        tagNumber = number;
        valueOffset = p;
        valueLength = length;
        indefinite = false;
        pos = p + length;
        return true;
    }

    /** Returns the offset of the end-of-contents octets closing an indefinite element starting at p. */
    private int skipIndefinite(int p, int level) {
        BerReader inner = new BerReader(layer, buf, p, end, level, REJECTIONS[layer.ordinal()]);
        while (true) {
            if (inner.pos + 1 < end && buf[inner.pos] == 0 && buf[inner.pos + 1] == 0) {
                return inner.pos;
            }
            if (!inner.next()) {
                throw truncated;
            }
        }
    }

    /** A reader over the current element's contents. */
    public BerReader enter() {
        if (!constructed()) {
            throw badTag;
        }
        if (depth + 1 > MAX_DEPTH) {
            throw tooDeep;
        }
        return new BerReader(layer, buf, valueOffset, valueOffset + valueLength, depth + 1, REJECTIONS[layer.ordinal()]);
    }

    /** The first identifier octet: class, constructed bit and (for low tags) the number. */
    public int identifier() {
        return identifier;
    }

    public int tagClass() {
        return identifier >> 6;
    }

    public boolean constructed() {
        return (identifier & 0x20) != 0;
    }

    public int tagNumber() {
        return tagNumber;
    }

    /** True when the current element is of the given class and number (either form). */
    public boolean is(int tagClass, int number) {
        return tagClass() == tagClass && tagNumber == number;
    }

    public int valueOffset() {
        return valueOffset;
    }

    public int valueLength() {
        return valueLength;
    }

    public boolean indefinite() {
        return indefinite;
    }

    public byte[] buffer() {
        return buf;
    }

    /** Offset of the current element's first identifier octet. */
    public int elementOffset() {
        return elementOffset;
    }

    /** Length of the whole current element: identifier, length octets, contents (and end-of-contents). */
    public int elementLength() {
        return pos - elementOffset;
    }

    /** The current element as a signed integer of at most 8 octets. */
    public long integer() {
        if (constructed() || valueLength < 1 || valueLength > 8) {
            throw badLength;
        }
        long v = buf[valueOffset]; // sign-extended
        for (int i = 1; i < valueLength; i++) {
            v = v << 8 | (buf[valueOffset + i] & 0xFF);
        }
        return v;
    }

    /** The current element's contents as an unsigned number of at most 4 octets (TCAP transaction ids). */
    public long unsigned() {
        if (constructed() || valueLength < 1 || valueLength > 4) {
            throw badLength;
        }
        long v = 0;
        for (int i = 0; i < valueLength; i++) {
            v = v << 8 | (buf[valueOffset + i] & 0xFF);
        }
        return v;
    }

    /** Checks that the whole slice is well-formed BER, recursing into constructed elements. */
    public static void validate(Layer layer, byte[] buf, int offset, int length) {
        validate(of(layer, buf, offset, length));
    }

    private static void validate(BerReader r) {
        while (r.next()) {
            if (r.constructed()) {
                validate(r.enter());
            }
        }
    }
}
