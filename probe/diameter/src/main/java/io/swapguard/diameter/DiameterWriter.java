package io.swapguard.diameter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Encodes a Diameter message: header, then AVPs in the order they are added, each padded to 4
 * octets; grouped AVPs are written by a nested writer. For the simulator and tests (the probe
 * only reads). 3GPP AVPs get the V bit and vendor 10415 when written with {@link #vendor}.
 */
public final class DiameterWriter {

    private final ByteArrayOutputStream avps = new ByteArrayOutputStream(256);
    private final int flags;
    private final int commandCode;
    private final long applicationId;
    private final long hopByHop;
    private final long endToEnd;

    private DiameterWriter(int flags, int commandCode, long applicationId, long hopByHop, long endToEnd) {
        this.flags = flags;
        this.commandCode = commandCode;
        this.applicationId = applicationId;
        this.hopByHop = hopByHop;
        this.endToEnd = endToEnd;
    }

    public static DiameterWriter request(int commandCode, long applicationId, long hopByHop, long endToEnd) {
        return new DiameterWriter(DiameterMessage.FLAG_REQUEST | DiameterMessage.FLAG_PROXIABLE, commandCode,
                applicationId, hopByHop, endToEnd);
    }

    public static DiameterWriter answer(int commandCode, long applicationId, long hopByHop, long endToEnd) {
        return new DiameterWriter(DiameterMessage.FLAG_PROXIABLE, commandCode, applicationId, hopByHop, endToEnd);
    }

    /** An AVP list on its own (the data of a grouped AVP). */
    public static DiameterWriter group() {
        return new DiameterWriter(0, 0, 0, 0, 0);
    }

    /** A base-protocol AVP with the M bit. */
    public DiameterWriter base(int code, byte[] data) {
        return avp(code, Avp.FLAG_MANDATORY, 0, data);
    }

    /** A 3GPP AVP with the V and M bits. */
    public DiameterWriter vendor(int code, byte[] data) {
        return avp(code, Avp.FLAG_VENDOR | Avp.FLAG_MANDATORY, AvpCode.VENDOR_3GPP, data);
    }

    public DiameterWriter base(int code, String utf8) {
        return base(code, utf8.getBytes(StandardCharsets.UTF_8));
    }

    public DiameterWriter vendor(int code, String utf8) {
        return vendor(code, utf8.getBytes(StandardCharsets.UTF_8));
    }

    public DiameterWriter base(int code, long unsigned32) {
        return base(code, u32(unsigned32));
    }

    public DiameterWriter vendor(int code, long unsigned32) {
        return vendor(code, u32(unsigned32));
    }

    public DiameterWriter baseGroup(int code, Consumer<DiameterWriter> members) {
        DiameterWriter g = group();
        members.accept(g);
        return base(code, g.avps.toByteArray());
    }

    public DiameterWriter vendorGroup(int code, Consumer<DiameterWriter> members) {
        DiameterWriter g = group();
        members.accept(g);
        return vendor(code, g.avps.toByteArray());
    }

    /** Any AVP, as given (also a wrong length, for tests of damaged input). */
    public DiameterWriter avp(int code, int avpFlags, long vendorId, byte[] data) {
        boolean v = (avpFlags & Avp.FLAG_VENDOR) != 0;
        int length = (v ? 12 : 8) + data.length;
        avps.writeBytes(u32(code));
        avps.write(avpFlags);
        avps.write(length >> 16);
        avps.write(length >> 8);
        avps.write(length);
        if (v) {
            avps.writeBytes(u32(vendorId));
        }
        avps.writeBytes(data);
        for (int i = data.length; (i & 3) != 0; i++) {
            avps.write(0);
        }
        return this;
    }

    public byte[] toBytes() {
        byte[] body = avps.toByteArray();
        int length = DiameterCodec.HEADER_LENGTH + body.length;
        byte[] m = new byte[length];
        m[0] = 1;
        m[1] = (byte) (length >> 16);
        m[2] = (byte) (length >> 8);
        m[3] = (byte) length;
        m[4] = (byte) flags;
        m[5] = (byte) (commandCode >> 16);
        m[6] = (byte) (commandCode >> 8);
        m[7] = (byte) commandCode;
        System.arraycopy(u32(applicationId), 0, m, 8, 4);
        System.arraycopy(u32(hopByHop), 0, m, 12, 4);
        System.arraycopy(u32(endToEnd), 0, m, 16, 4);
        System.arraycopy(body, 0, m, DiameterCodec.HEADER_LENGTH, body.length);
        return m;
    }

    /** TBCD digits (MSISDN, SC-Address, MSC-Number): two digits per octet, low nibble first, F filler. */
    public static byte[] tbcd(String digits) {
        byte[] out = new byte[(digits.length() + 1) / 2];
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            if ((i & 1) == 0) {
                out[i / 2] = (byte) (0xF0 | d);
            } else {
                out[i / 2] = (byte) ((out[i / 2] & 0x0F) | d << 4);
            }
        }
        return out;
    }

    /** A PLMN id (MCC + 2- or 3-digit MNC) as the 3 octets of Visited-PLMN-Id (TS 24.008 §10.5.1.13). */
    public static byte[] plmnId(String mccMnc) {
        int[] d = mccMnc.chars().map(c -> c - '0').toArray();
        int mnc3 = d.length == 6 ? d[5] : 0xF;
        return new byte[] {(byte) (d[1] << 4 | d[0]), (byte) (mnc3 << 4 | d[2]), (byte) (d[4] << 4 | d[3])};
    }

    private static byte[] u32(long v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }
}
