package io.swapguard.event;

/** A TCAP component (ITU-T Q.773 §4.2.2); {@link #NONE} for an abort that carries none. */
public enum ComponentType {
    // Positions are written to the journal: append new constants, never reorder.
    INVOKE("invoke"),
    RETURN_RESULT_LAST("returnResultLast"),
    RETURN_RESULT_NOT_LAST("returnResultNotLast"),
    RETURN_ERROR("returnError"),
    REJECT("reject"),
    /** A TCAP message without components (an abort, a bare end). */
    NONE("none");

    private final String asn1Name;

    ComponentType(String asn1Name) {
        this.asn1Name = asn1Name;
    }

    /** The component's name as the TCAP ASN.1 (and Wireshark) spells it, e.g. {@code returnResultLast}. */
    public String asn1Name() {
        return asn1Name;
    }

    /** A result of either kind: the answer to an invoke. */
    public boolean isResult() {
        return this == RETURN_RESULT_LAST || this == RETURN_RESULT_NOT_LAST;
    }
}
