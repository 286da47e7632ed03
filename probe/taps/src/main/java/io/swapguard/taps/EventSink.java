package io.swapguard.taps;

import io.swapguard.event.SignalEvent;

/** Where decoded events go: the journal appender in production, a list in tests. */
@FunctionalInterface
public interface EventSink {

    void accept(SignalEvent event);

    /**
     * The sink could not take an event (the journal cannot be written: its disk is full, it is
     * read-only). Unlike a decoding problem, which costs one frame, this stops the input: going
     * on would count every later frame as decoded while none is kept.
     */
    final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
