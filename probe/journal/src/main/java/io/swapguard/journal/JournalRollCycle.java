package io.swapguard.journal;

import java.time.Duration;
import net.openhft.chronicle.queue.RollCycles;

/**
 * How often the journal starts a new file (a "cycle"). Retention deletes whole cycles, so the roll
 * cycle is also the granularity of retention.
 */
public enum JournalRollCycle {
    FIVE_MINUTELY(RollCycles.FIVE_MINUTELY),
    TEN_MINUTELY(RollCycles.TEN_MINUTELY),
    HALF_HOURLY(RollCycles.HALF_HOURLY),
    HOURLY(RollCycles.FAST_HOURLY),
    TWO_HOURLY(RollCycles.TWO_HOURLY),
    SIX_HOURLY(RollCycles.SIX_HOURLY),
    DAILY(RollCycles.FAST_DAILY),
    WEEKLY(RollCycles.WEEKLY);

    private final RollCycles chronicle;

    JournalRollCycle(RollCycles chronicle) {
        this.chronicle = chronicle;
    }

    RollCycles chronicle() {
        return chronicle;
    }

    public Duration length() {
        return Duration.ofMillis(chronicle.lengthInMillis());
    }
}
