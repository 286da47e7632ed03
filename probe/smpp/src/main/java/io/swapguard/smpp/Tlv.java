package io.swapguard.smpp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An optional parameter (tag, length, value). Every TLV is kept, known or not, and written back
 * byte for byte, so what a peer sent reaches the other side unchanged.
 */
public record Tlv(int tag, byte[] value) {

    public static final int RECEIPTED_MESSAGE_ID = 0x001E;
    public static final int USER_MESSAGE_REFERENCE = 0x0204;
    public static final int SAR_MSG_REF_NUM = 0x020C;
    public static final int SAR_TOTAL_SEGMENTS = 0x020E;
    public static final int SAR_SEGMENT_SEQNUM = 0x020F;
    public static final int SC_INTERFACE_VERSION = 0x0210;
    public static final int MESSAGE_PAYLOAD = 0x0424;
    public static final int MESSAGE_STATE = 0x0427;

    public Tlv {
        if (tag < 0 || tag > 0xFFFF) {
            throw new IllegalArgumentException("tag is two octets");
        }
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("value longer than 65535");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The value as an unsigned integer of its length (1, 2 or 4 octets), -1 otherwise. */
    public long unsigned() {
        return switch (value.length) {
            case 1 -> value[0] & 0xFF;
            case 2 -> ((value[0] & 0xFF) << 8) | (value[1] & 0xFF);
            case 4 -> ((long) (value[0] & 0xFF) << 24) | ((value[1] & 0xFF) << 16) | ((value[2] & 0xFF) << 8)
                    | (value[3] & 0xFF);
            default -> -1;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tlv t && t.tag == tag && Arrays.equals(t.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return String.format("Tlv[0x%04x=%s]", tag, HexFormat.of().formatHex(value));
    }
}
