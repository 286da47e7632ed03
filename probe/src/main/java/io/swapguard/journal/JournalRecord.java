package io.swapguard.journal;

import io.swapguard.event.SignalEvent;

/**
 * An event as read from the journal, with its index: the index is the event's identity (unique
 * and increasing within a journal), which is what makes replay idempotent.
 */
public record JournalRecord(long index, SignalEvent event) {
}
