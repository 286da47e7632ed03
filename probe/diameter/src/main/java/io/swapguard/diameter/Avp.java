package io.swapguard.diameter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One AVP (RFC 6733 §4.1): code, flags, vendor and data, a view into the bytes of the
 * {@link DiameterMessage} it belongs to (never copied, never changed). Typed reads check the
 * data's length against the type's and answer "absent" ({@code -1} or {@code null}) when it is
 * wrong, so a damaged AVP costs its own value and nothing else.
 */
public final class Avp {

    public static final int FLAG_VENDOR = 0x80;
    public static final int FLAG_MANDATORY = 0x40;

    private final int code;
    private final int flags;
    private final long vendorId;
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final int depth;

    Avp(int code, int flags, long vendorId, byte[] bytes, int offset, int length, int depth) {
        this.code = code;
        this.flags = flags;
        this.vendorId = vendorId;
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.depth = depth;
    }

    public int code() {
        return code;
    }

    /** 0 when the V bit is clear. */
    public long vendorId() {
        return vendorId;
    }

    public boolean isMandatory() {
        return (flags & FLAG_MANDATORY) != 0;
    }

    /** Length of the data, without header and padding. */
    public int dataLength() {
        return length;
    }

    /** Whether this AVP is {@code code} of {@code vendor} (0 for the base protocol). */
    public boolean is(int code, long vendor) {
        return this.code == code && vendorId == vendor;
    }

    /** Unsigned32 or Enumerated (Integer32 read as unsigned), -1 when the data is not 4 octets. */
    public long unsigned32() {
        if (length != 4) {
            return -1;
        }
        return (bytes[offset] & 0xFFL) << 24 | (bytes[offset + 1] & 0xFF) << 16 | (bytes[offset + 2] & 0xFF) << 8
                | bytes[offset + 3] & 0xFF;
    }

    /** UTF8String or DiameterIdentity; malformed UTF-8 is replaced, as tshark shows it. */
    public String utf8() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    public byte[] octets() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    /** Octet {@code i} of the data (0-based). */
    public int octet(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException(i);
        }
        return bytes[offset + i] & 0xFF;
    }

    /**
     * The AVPs inside a Grouped AVP, decoded with the same checks as the message's.
     *
     * @throws DiameterDecodeException when the data is not a sequence of AVPs
     */
    public List<Avp> group() {
        return DiameterCodec.avps(bytes, offset, length, depth + 1);
    }

    /** The AVPs inside a Grouped AVP; none when its data is not a sequence of AVPs. */
    public List<Avp> members() {
        try {
            return group();
        } catch (DiameterDecodeException damaged) {
            return List.of();
        }
    }

    /** The first AVP of the group that is {@code code}/{@code vendor}, or null (also when the group is damaged). */
    public Avp member(int code, long vendor) {
        return find(members(), code, vendor);
    }

    /** The first of {@code avps} that is {@code code}/{@code vendor}, or null. */
    public static Avp find(List<Avp> avps, int code, long vendor) {
        for (Avp a : avps) {
            if (a.is(code, vendor)) {
                return a;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Avp{" + code + (vendorId != 0 ? "/" + vendorId : "") + ", " + length + " octets}";
    }
}
