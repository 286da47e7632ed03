package io.swapguard.event;

import java.time.Instant;

/** Event time: capture timestamps in nanoseconds since the Unix epoch, as every event carries them. */
public final class EventTime {

    private EventTime() {
    }

    /** The instant of an event time. */
    public static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** The event time of an instant. */
    public static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
