package io.swapguard.ss7.sccp;

import io.swapguard.event.SccpAddress;
import java.util.ArrayList;
import java.util.List;

/** Builds connectionless SCCP messages: UDT, XUDT (whole or segmented), UDTS. */
public final class SccpEncoder {

    private SccpEncoder() {
    }

    /** A UDT with protocol class 0 or 1 (return-on-error is set, as MAP traffic usually has it). */
    public static byte[] udt(int protocolClass, SccpAddress called, SccpAddress calling, byte[] data) {
        byte[] cd = SccpAddressCodec.encode(called);
        byte[] cg = SccpAddressCodec.encode(calling);
        if (data.length > 255) {
            throw new IllegalArgumentException("UDT data is at most 255 octets; use XUDT segments");
        }
        byte[] m = new byte[5 + 1 + cd.length + 1 + cg.length + 1 + data.length];
        m[0] = SccpMessage.UDT;
        m[1] = (byte) (protocolClass | 0x80);
        m[2] = 3;
        m[3] = (byte) (3 - 1 + 1 + cd.length);
        m[4] = (byte) (3 - 2 + 1 + cd.length + 1 + cg.length);
        int p = 5;
        p = part(m, p, cd);
        p = part(m, p, cg);
        part(m, p, data);
        return m;
    }

    /** A UDTS returning {@code data} with a return cause. */
    public static byte[] udts(int returnCause, SccpAddress called, SccpAddress calling, byte[] data) {
        byte[] m = udt(0, called, calling, data);
        m[0] = SccpMessage.UDTS;
        m[1] = (byte) returnCause;
        return m;
    }

    /**
     * An XUDT; when {@code segmentation} is non-null the Segmentation optional parameter is added.
     */
    public static byte[] xudt(int protocolClass, int hopCounter, SccpAddress called, SccpAddress calling,
            byte[] data, int dataOffset, int dataLength, SccpMessage.Segmentation segmentation) {
        byte[] cd = SccpAddressCodec.encode(called);
        byte[] cg = SccpAddressCodec.encode(calling);
        int optional = segmentation == null ? 0 : 6 + 1;
        byte[] m = new byte[7 + 1 + cd.length + 1 + cg.length + 1 + dataLength + optional];
        m[0] = SccpMessage.XUDT;
        m[1] = (byte) (protocolClass | 0x80);
        m[2] = (byte) hopCounter;
        int called0 = 7;
        int calling0 = called0 + 1 + cd.length;
        int data0 = calling0 + 1 + cg.length;
        int opt0 = data0 + 1 + dataLength;
        m[3] = (byte) (called0 - 3);
        m[4] = (byte) (calling0 - 4);
        m[5] = (byte) (data0 - 5);
        m[6] = (byte) (segmentation == null ? 0 : opt0 - 6);
        part(m, called0, cd);
        part(m, calling0, cg);
        m[data0] = (byte) dataLength;
        System.arraycopy(data, dataOffset, m, data0 + 1, dataLength);
        if (segmentation != null) {
            m[opt0] = 0x10;
            m[opt0 + 1] = 4;
            m[opt0 + 2] = (byte) ((segmentation.first() ? 0x80 : 0) | (segmentation.protocolClass() << 6)
                    | segmentation.remaining());
            m[opt0 + 3] = (byte) (segmentation.localReference() >> 16);
            m[opt0 + 4] = (byte) (segmentation.localReference() >> 8);
            m[opt0 + 5] = (byte) segmentation.localReference();
            m[opt0 + 6] = 0; // end of optional parameters
        }
        return m;
    }

    /** Splits {@code data} into XUDT segments of at most {@code segmentSize} octets each. */
    public static List<byte[]> segmentedXudt(int protocolClass, SccpAddress called, SccpAddress calling, byte[] data,
            int segmentSize, int localReference) {
        int count = (data.length + segmentSize - 1) / segmentSize;
        if (count > 16) {
            throw new IllegalArgumentException("more than 16 segments");
        }
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int off = i * segmentSize;
            int len = Math.min(segmentSize, data.length - off);
            out.add(xudt(protocolClass, 15, called, calling, data, off, len,
                    new SccpMessage.Segmentation(i == 0, protocolClass, count - 1 - i, localReference)));
        }
        return out;
    }

    private static int part(byte[] m, int p, byte[] contents) {
        m[p] = (byte) contents.length;
        System.arraycopy(contents, 0, m, p + 1, contents.length);
        return p + 1 + contents.length;
    }
}
