package io.swapguard.ss7.ber;

/** Tag constants of ASN.1 BER (ITU-T X.690) used across TCAP and MAP. */
public final class Ber {

    public static final int CLASS_UNIVERSAL = 0;
    public static final int CLASS_APPLICATION = 1;
    public static final int CLASS_CONTEXT = 2;
    public static final int CLASS_PRIVATE = 3;

    public static final int INTEGER = 0x02;
    public static final int OCTET_STRING = 0x04;
    public static final int NULL = 0x05;
    public static final int OID = 0x06;
    public static final int EXTERNAL = 0x28;
    public static final int SEQUENCE = 0x30;

    private Ber() {
    }

    /** The identifier octet of a single-octet tag. */
    public static int tag(int tagClass, boolean constructed, int number) {
        return tagClass << 6 | (constructed ? 0x20 : 0) | number;
    }
}
