package io.swapguard.taps;

import io.swapguard.event.SignalEvent;

/**
 * Passes events on after dropping the first {@code alreadyJournalled}: those an interrupted run
 * of the same input appended before it died ({@link IngestLedger}). Decoding is deterministic, so
 * a rerun produces the same events in the same order and the journal continues where it stopped.
 */
public final class ResumingSink implements EventSink {

    private final EventSink next;
    private long alreadyJournalled;
    private long seen;

    public ResumingSink(EventSink next, long alreadyJournalled) {
        this.next = next;
        this.alreadyJournalled = alreadyJournalled;
    }

    @Override
    public void accept(SignalEvent event) {
        if (seen++ >= alreadyJournalled) {
            next.accept(event);
        }
    }

    /**
     * Starts over for another input: drop its first {@code alreadyJournalled} events
     * ({@link Long#MAX_VALUE}: all of them, to rebuild decoding state only).
     */
    public void restart(long alreadyJournalled) {
        this.alreadyJournalled = alreadyJournalled;
        this.seen = 0;
    }

    /** Events dropped as already journalled (at most {@code alreadyJournalled}). */
    public long dropped() {
        return Math.min(seen, alreadyJournalled);
    }

    /** Events the input gave, dropped or not. */
    public long seen() {
        return seen;
    }
}
