package io.swapguard.ss7.sccp;

import io.swapguard.event.GlobalTitle;
import io.swapguard.event.SccpAddress;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;

/** Called/calling party address (ITU-T Q.713 §3.4) with 14-bit ITU point codes, both ways. */
public final class SccpAddressCodec {

    static final Rejection BAD_ADDRESS = Rejection.of(Layer.SCCP, "bad-address");
    static final Rejection BAD_GT = Rejection.of(Layer.SCCP, "bad-global-title");

    private static final char[] BCD = "0123456789abcdef".toCharArray();

    private SccpAddressCodec() {
    }

    /** Decodes the address whose contents (after the length octet) are {@code b[p, p+len)}. */
    public static SccpAddress decode(byte[] b, int p, int len) {
        if (len < 1) {
            throw BAD_ADDRESS;
        }
        int end = p + len;
        int ai = b[p++] & 0xFF;
        boolean hasPc = (ai & 0x01) != 0;
        boolean hasSsn = (ai & 0x02) != 0;
        int gti = (ai >> 2) & 0x0F;
        boolean routeOnGt = (ai & 0x40) == 0;
        int pc = -1;
        if (hasPc) {
            if (end - p < 2) {
                throw BAD_ADDRESS;
            }
            pc = ((b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8) & 0x3FFF;
            p += 2;
        }
        int ssn = 0;
        if (hasSsn) {
            if (end - p < 1) {
                throw BAD_ADDRESS;
            }
            ssn = b[p++] & 0xFF;
        }
        GlobalTitle gt = null;
        if (gti != 0) {
            int tt = 0;
            int np = 0;
            int nai = 0;
            boolean odd;
            switch (gti) {
                case 1 -> {
                    if (end - p < 1) {
                        throw BAD_GT;
                    }
                    odd = (b[p] & 0x80) != 0;
                    nai = b[p++] & 0x7F;
                }
                case 2 -> {
                    if (end - p < 1) {
                        throw BAD_GT;
                    }
                    tt = b[p++] & 0xFF;
                    odd = false; // GTI 2 has no indicator; trailing filler nibble is dropped below
                }
                case 3, 4 -> {
                    if (end - p < (gti == 3 ? 2 : 3)) {
                        throw BAD_GT;
                    }
                    tt = b[p++] & 0xFF;
                    np = (b[p] & 0xF0) >> 4;
                    int es = b[p++] & 0x0F;
                    if (es != 1 && es != 2) {
                        throw BAD_GT; // only BCD encodings carry digits we can read
                    }
                    odd = es == 1;
                    if (gti == 4) {
                        nai = b[p++] & 0x7F;
                    }
                }
                default -> throw BAD_GT; // GTI 5..15 are spare or national
            }
            int bytes = end - p;
            int digits = bytes * 2 - (odd ? 1 : 0);
            if (digits < 0 || digits > GlobalTitle.MAX_DIGITS) {
                throw BAD_GT;
            }
            char[] d = new char[digits];
            for (int i = 0; i < digits; i++) {
                int v = b[p + i / 2] & 0xFF;
                d[i] = BCD[(i & 1) == 0 ? v & 0x0F : v >> 4];
            }
            int n = digits;
            if (gti == 2 && n > 0 && d[n - 1] == 'f') {
                n--; // filler
            }
            gt = new GlobalTitle(gti, tt, np, nai, new String(d, 0, n));
        }
        return new SccpAddress(routeOnGt, pc, ssn, gt);
    }

    /** Encodes the address contents (without the length octet). */
    public static byte[] encode(SccpAddress a) {
        GlobalTitle gt = a.globalTitle();
        int gti = gt == null ? 0 : gt.indicator();
        String digits = gt == null ? "" : gt.digits();
        int digitBytes = (digits.length() + 1) / 2;
        boolean odd = (digits.length() & 1) != 0;
        int size = 1 + (a.pointCode() >= 0 ? 2 : 0) + (a.ssn() > 0 ? 1 : 0)
                + (gti == 0 ? 0 : gti == 1 ? 1 : gti == 2 ? 1 : gti == 3 ? 2 : 3) + (gti == 0 ? 0 : digitBytes);
        byte[] out = new byte[size];
        int p = 0;
        out[p++] = (byte) ((a.pointCode() >= 0 ? 1 : 0) | (a.ssn() > 0 ? 2 : 0) | gti << 2 | (a.routeOnGt() ? 0 : 0x40));
        if (a.pointCode() >= 0) {
            out[p++] = (byte) a.pointCode();
            out[p++] = (byte) ((a.pointCode() >> 8) & 0x3F);
        }
        if (a.ssn() > 0) {
            out[p++] = (byte) a.ssn();
        }
        switch (gti) {
            case 0 -> {
                return out;
            }
            case 1 -> out[p++] = (byte) ((odd ? 0x80 : 0) | gt.natureOfAddress());
            case 2 -> out[p++] = (byte) gt.translationType();
            case 3, 4 -> {
                out[p++] = (byte) gt.translationType();
                out[p++] = (byte) (gt.numberingPlan() << 4 | (odd ? 1 : 2));
                if (gti == 4) {
                    out[p++] = (byte) gt.natureOfAddress();
                }
            }
            default -> throw new IllegalArgumentException("GTI " + gti);
        }
        for (int i = 0; i < digits.length(); i++) {
            int v = Character.digit(digits.charAt(i), 16);
            if ((i & 1) == 0) {
                out[p] = (byte) v;
            } else {
                out[p++] |= (byte) (v << 4);
            }
        }
        if (odd && gti == 2) {
            out[p] |= (byte) 0xF0; // filler in the last octet
        }
        return out;
    }
}
