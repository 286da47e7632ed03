package io.swapguard.taps;

import io.swapguard.event.SignalEvent;

/** Where decoded events go: the journal appender in production, a list in tests. */
@FunctionalInterface
public interface EventSink {

    void accept(SignalEvent event);
}
