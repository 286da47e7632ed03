package io.swapguard.event;

/** A TCAP component (ITU-T Q.773 §4.2.2); {@link #NONE} for an abort that carries none. */
public enum ComponentType {
    // Positions are written to the journal: append new constants, never reorder.
    INVOKE,
    RETURN_RESULT_LAST,
    RETURN_RESULT_NOT_LAST,
    RETURN_ERROR,
    REJECT,
    NONE;

    /** A result of either kind: the answer to an invoke. */
    public boolean isResult() {
        return this == RETURN_RESULT_LAST || this == RETURN_RESULT_NOT_LAST;
    }
}
