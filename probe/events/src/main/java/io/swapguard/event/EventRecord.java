package io.swapguard.event;

/**
 * An event as read from an event log, with its index there: the index is the event's identity
 * (unique and increasing within one log), which is what makes replay idempotent. The log may be
 * the local journal or, across machines, a partitioned one; consumers see only this record.
 *
 * @param index the event's position in its log
 * @param event the event
 */
public record EventRecord(long index, SignalEvent event) {
}
