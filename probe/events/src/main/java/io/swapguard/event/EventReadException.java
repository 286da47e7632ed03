package io.swapguard.event;

/**
 * A record of an event log that could not be read. {@link #skipped()} tells whether the reader
 * moved past it (a corrupt record: count it and go on) or stays on it (a newer schema: stop and
 * upgrade).
 */
public final class EventReadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long index;
    private final boolean skipped;

    public EventReadException(String log, long index, boolean skipped, Throwable cause) {
        super("journal " + log + " record 0x" + Long.toHexString(index) + ": " + cause.getMessage()
                + (skipped ? " (record skipped)" : ""), cause);
        this.index = index;
        this.skipped = skipped;
    }

    public long index() {
        return index;
    }

    public boolean skipped() {
        return skipped;
    }
}
