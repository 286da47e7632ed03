package io.swapguard.ss7.ua;

import static io.swapguard.ss7.NetworkOrder.u16;
import static io.swapguard.ss7.NetworkOrder.u32;

import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;

/**
 * What the SIGTRAN user adaptation layers share (M3UA RFC 4666, M2UA RFC 3331, SUA RFC 3868, each
 * in its section 3.1 and 3.2): an eight-octet common header (version 1, a reserved octet, message
 * class, message type, a 32-bit length that includes the header) and parameters of tag, length
 * (including its own four octets) and value, padded to a multiple of four. One instance per layer
 * holds that layer's rejections, so each decoder counts under its own name.
 */
public final class UaFormat {

    /** Octets of the common header. */
    public static final int HEADER = 8;

    private final Rejection truncated;
    private final Rejection badVersion;
    private final Rejection badLength;
    private final Rejection badParameterLength;

    public UaFormat(Layer layer) {
        truncated = Rejection.of(layer, "truncated");
        badVersion = Rejection.of(layer, "bad-version");
        badLength = Rejection.of(layer, "bad-length");
        badParameterLength = Rejection.of(layer, "bad-parameter-length");
    }

    /**
     * The end of the message at {@code b[offset]}, of which {@code length} octets were received,
     * after checking the header is whole, its version is 1 and its length lies within what came.
     */
    public int messageEnd(byte[] b, int offset, int length) {
        if (length < HEADER) {
            throw truncated;
        }
        if (b[offset] != 1) {
            throw badVersion;
        }
        long messageLength = u32(b, offset + 4);
        if (messageLength < HEADER || messageLength > length) {
            throw badLength;
        }
        return offset + (int) messageLength;
    }

    public static int messageClass(byte[] b, int offset) {
        return b[offset + 2] & 0xFF;
    }

    public static int messageType(byte[] b, int offset) {
        return b[offset + 3] & 0xFF;
    }

    /** Whether another parameter header starts at {@code p} before {@code end}. */
    public static boolean hasParameter(int p, int end) {
        return end - p >= 4;
    }

    /** The offset after the parameter at {@code p}, padding included, once its length is checked. */
    public int next(byte[] b, int p, int end) {
        return next(b, p, end, badParameterLength);
    }

    /**
     * The same for parameters nested in another one (SUA's address parts), refused with
     * {@code bad} when a length does not fit.
     */
    public static int next(byte[] b, int p, int end, Rejection bad) {
        int length = u16(b, p + 2);
        if (length < 4 || length > end - p) {
            throw bad;
        }
        return p + ((length + 3) & ~3);
    }

    public static int tag(byte[] b, int p) {
        return u16(b, p);
    }

    /** Where the value of the parameter at {@code p} starts. */
    public static int value(int p) {
        return p + 4;
    }

    /** The value's length without padding (checked by {@link #next}). */
    public static int valueLength(byte[] b, int p) {
        return u16(b, p + 2) - 4;
    }

    public Rejection truncated() {
        return truncated;
    }

    public Rejection badVersion() {
        return badVersion;
    }

    public Rejection badLength() {
        return badLength;
    }

    public Rejection badParameterLength() {
        return badParameterLength;
    }
}
