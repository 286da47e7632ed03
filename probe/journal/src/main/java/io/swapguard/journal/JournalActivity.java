package io.swapguard.journal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this process did with one journal: records and bytes appended, damaged records skipped by
 * readers, files deleted by retention, and the named readers open now with how far each has read.
 * Appenders and tailers update it as they go (an add per record); metrics read it when scraped.
 */
public final class JournalActivity {

    /** How far one named reader has read. */
    public static final class ReaderPosition {
        private volatile long lastIndex = -1;
        private volatile long lastEventNanos = Long.MIN_VALUE;

        void read(long index, long eventNanos) {
            lastIndex = index;
            lastEventNanos = eventNanos;
        }

        /** Index of the last record this reader returned, -1 before the first. */
        public long lastIndex() {
            return lastIndex;
        }

        /** Event time of the last record this reader returned, {@link Long#MIN_VALUE} before the first. */
        public long lastEventNanos() {
            return lastEventNanos;
        }
    }

    final LongAdder appends = new LongAdder();
    final LongAdder appendedBytes = new LongAdder();
    final LongAdder damaged = new LongAdder();
    final LongAdder retentionDeleted = new LongAdder();
    private final Map<String, ReaderPosition> readers = new ConcurrentHashMap<>();

    public long appends() {
        return appends.sum();
    }

    public long appendedBytes() {
        return appendedBytes.sum();
    }

    /** Records that readers skipped as unreadable. */
    public long damaged() {
        return damaged.sum();
    }

    /** Cycle files deleted by retention. */
    public long retentionDeleted() {
        return retentionDeleted.sum();
    }

    /** The named readers opened in this process (a name keeps its entry after its tailer closes). */
    public Map<String, ReaderPosition> readers() {
        return readers;
    }

    ReaderPosition reader(String name) {
        return readers.computeIfAbsent(name, n -> new ReaderPosition());
    }
}
