package io.swapguard.journal;

import io.swapguard.event.EventWriter;
import io.swapguard.event.SignalEvent;
import io.swapguard.event.codec.EventCodec;
import io.swapguard.event.codec.RecordBuffer;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/** Appends events to the journal. Not thread-safe: one per writing thread. */
public final class JournalAppender implements EventWriter {

    private final ExcerptAppender appender;
    private final RecordBuffer buffer = new RecordBuffer();
    private final String journal;
    private final JournalActivity activity;

    JournalAppender(ExcerptAppender appender, String journal, JournalActivity activity) {
        this.appender = appender;
        this.journal = journal;
        this.activity = activity;
    }

    /** Appends one event and returns its journal index. */
    @Override
    public long append(SignalEvent event) {
        buffer.clear();
        EventCodec.encode(event, buffer);
        return appendRecord(buffer.array(), buffer.length());
    }

    /** Appends an already encoded record as is (tests of foreign and future records use this). */
    long appendRecord(byte[] record, int length) {
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(record, 0, length);
        }
        activity.appends.increment();
        activity.appendedBytes.add(length);
        return appender.lastIndexAppended();
    }

    @Override
    public void close() {
        appender.close();
    }

    @Override
    public String toString() {
        return "JournalAppender[" + journal + "]";
    }
}
