package io.swapguard.event.codec;

/** A journal record that cannot be read as an event: truncated, corrupt or not ours. */
public class EventDecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EventDecodeException(String message) {
        super(message);
    }

    public EventDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
