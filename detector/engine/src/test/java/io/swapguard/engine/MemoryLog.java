package io.swapguard.engine;

import io.swapguard.event.EventLog;
import io.swapguard.event.EventReadException;
import io.swapguard.event.EventReader;
import io.swapguard.event.EventRecord;
import io.swapguard.event.EventWriter;
import io.swapguard.event.SignalEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event log in memory, for the service tests that need what a journal cannot be made to do on
 * demand: a record that fails to read (skipped or not), a position no longer held. Indexes start at
 * {@link #FIRST} and go up by one. Thread-safe enough for one writer and one reader per thread.
 */
final class MemoryLog implements EventLog {

    static final long FIRST = 0x4e2000000000L;

    private final List<EventRecord> records = new ArrayList<>();
    /** Indexes whose next read throws, with whether the reader moves past them. */
    private final Map<Long, Boolean> unreadable = new ConcurrentHashMap<>();
    private final Map<String, Long> positions = new ConcurrentHashMap<>();
    private volatile long forgottenBefore = FIRST;

    synchronized long append(SignalEvent e) {
        long index = FIRST + records.size();
        records.add(new EventRecord(index, e));
        return index;
    }

    /** The record at {@code index} reads as damaged: skipped, or (a newer schema) stopped at. */
    void unreadable(long index, boolean skipped) {
        unreadable.put(index, skipped);
    }

    /** The log no longer holds records before {@code index} (a journal's retention removed them). */
    void forgetBefore(long index) {
        forgottenBefore = index;
    }

    synchronized List<EventRecord> records() {
        return List.copyOf(records);
    }

    private synchronized EventRecord at(long index) {
        long i = index - FIRST;
        return i < records.size() ? records.get((int) i) : null;
    }

    @Override
    public EventWriter writer() {
        return new EventWriter() {
            @Override
            public long append(SignalEvent event) {
                return MemoryLog.this.append(event);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public EventReader reader() {
        return new Reader(null);
    }

    @Override
    public EventReader reader(String name) {
        return new Reader(name);
    }

    @Override
    public synchronized EventRecord lastRecord() {
        return records.isEmpty() ? null : records.get(records.size() - 1);
    }

    @Override
    public synchronized long lastIndex() {
        return records.isEmpty() ? -1 : FIRST + records.size() - 1;
    }

    @Override
    public String name() {
        return "memory";
    }

    private final class Reader implements EventReader {
        private final String name;
        private long next;

        Reader(String name) {
            this.name = name;
            this.next = name == null ? forgottenBefore : positions.getOrDefault(name, forgottenBefore);
        }

        @Override
        public EventRecord next() {
            EventRecord r = at(next);
            if (r == null) {
                return null;
            }
            Boolean skip = unreadable.get(next);
            if (skip != null) {
                if (skip) {
                    move(next + 1);
                }
                throw new EventReadException(name(), r.index(), skip, new IllegalStateException("damaged"));
            }
            move(next + 1);
            return r;
        }

        private void move(long to) {
            next = to;
            if (name != null) {
                positions.put(name, to);
            }
        }

        @Override
        public EventReader moveTo(long index) {
            if (index < forgottenBefore) {
                throw new IllegalArgumentException("0x" + Long.toHexString(index) + " is no longer in the log");
            }
            move(index);
            return this;
        }

        @Override
        public EventReader toStart() {
            move(forgottenBefore);
            return this;
        }

        @Override
        public EventReader toEnd() {
            synchronized (MemoryLog.this) {
                move(FIRST + records.size());
            }
            return this;
        }

        @Override
        public long index() {
            return next;
        }

        @Override
        public void close() {
        }
    }
}
