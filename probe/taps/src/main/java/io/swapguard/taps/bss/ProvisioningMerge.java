package io.swapguard.taps.bss;

import io.swapguard.event.ProvisioningEvent;
import io.swapguard.event.SignalEvent;
import io.swapguard.taps.EventSink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Interleaves a batch of BSS provisioning records with signalling events by time, so that a
 * journal filled from a CSV export and a capture reads in the order things happened. The
 * detector trusts a SIM replacement record because it comes before the new SIM attaches; journalling
 * the whole export ahead of the capture would put the record after signalling that predates it.
 *
 * <p>Not thread-safe: feed it from the one thread that ingests the captures.
 */
public final class ProvisioningMerge implements EventSink {

    private final EventSink next;
    private final List<ProvisioningEvent> pending = new ArrayList<>();
    private int cursor;
    private boolean sorted;

    public ProvisioningMerge(EventSink next) {
        this.next = next;
    }

    /** Queues a provisioning record; it is passed on once signalling reaches its time (or on {@link #flush}). */
    public void add(ProvisioningEvent record) {
        if (sorted) {
            throw new IllegalStateException("records must all be added before the first signalling event");
        }
        pending.add(record);
    }

    /** Passes on every queued record at or before the event's time, then the event. */
    @Override
    public void accept(SignalEvent event) {
        sort();
        release(event.captureNanos());
        next.accept(event);
    }

    /** Passes on every record still queued. */
    public void flush() {
        sort();
        release(Long.MAX_VALUE);
    }

    private void sort() {
        if (!sorted) {
            pending.sort(Comparator.comparingLong(SignalEvent::captureNanos)); // stable: same-time records keep file order
            sorted = true;
        }
    }

    /** Records still waiting for signalling to reach their time. */
    public int pending() {
        return pending.size() - cursor;
    }

    private void release(long upTo) {
        while (cursor < pending.size() && pending.get(cursor).captureNanos() <= upTo) {
            next.accept(pending.get(cursor));
            pending.set(cursor++, null);
        }
    }
}
