package io.swapguard.ss7.map;

/**
 * Telephony BCD (3GPP TS 29.002 TBCD-STRING): two digits an octet, low nibble first, 0xF as the
 * filler of an odd count. Digits 0xA-0xE (*, #, a, b, c) are kept as a-e hex digits.
 */
public final class Tbcd {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Tbcd() {
    }

    /** Decodes {@code b[offset, offset+length)}; stops at the first filler nibble. */
    public static String decode(byte[] b, int offset, int length) {
        char[] out = new char[length * 2];
        int n = 0;
        for (int i = 0; i < length; i++) {
            int v = b[offset + i] & 0xFF;
            int lo = v & 0x0F;
            int hi = v >> 4;
            if (lo == 0x0F) {
                break;
            }
            out[n++] = DIGITS[lo];
            if (hi == 0x0F) {
                break;
            }
            out[n++] = DIGITS[hi];
        }
        return new String(out, 0, n);
    }

    /**
     * An AddressString / ISDN-AddressString (TS 29.002 §17.7.8): one octet of extension, nature of
     * address and numbering plan, then TBCD digits. Returns the digits, or null when empty.
     */
    public static String addressDigits(byte[] b, int offset, int length) {
        if (length < 2) {
            return null;
        }
        String d = decode(b, offset + 1, length - 1);
        return d.isEmpty() ? null : d;
    }

    public static byte[] encode(String digits) {
        byte[] out = new byte[(digits.length() + 1) / 2];
        for (int i = 0; i < digits.length(); i++) {
            int v = Character.digit(digits.charAt(i), 16);
            if ((i & 1) == 0) {
                out[i / 2] = (byte) (v | 0xF0);
            } else {
                out[i / 2] = (byte) ((out[i / 2] & 0x0F) | v << 4);
            }
        }
        return out;
    }

    /** An international E.164 AddressString: 0x91 then TBCD digits. */
    public static byte[] isdnAddress(String digits) {
        byte[] d = encode(digits);
        byte[] out = new byte[d.length + 1];
        out[0] = (byte) 0x91;
        System.arraycopy(d, 0, out, 1, d.length);
        return out;
    }
}
