package io.swapguard.event;

/** Appends events to an event log. Not thread-safe: one per writing thread. */
public interface EventWriter extends AutoCloseable {

    /** Appends one event and returns its index in the log. */
    long append(SignalEvent event);

    @Override
    void close();
}
