package io.swapguard.event;

/** The TCAP (ITU-T Q.773) message that carried a MAP component. */
public enum TcapMessageType {
    // Positions are written to the journal: append new constants, never reorder.
    BEGIN,
    CONTINUE,
    END,
    ABORT,
    UNIDIRECTIONAL
}
