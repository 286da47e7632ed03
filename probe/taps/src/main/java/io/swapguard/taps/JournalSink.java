package io.swapguard.taps;

import io.swapguard.event.SignalEvent;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalAppender;

/**
 * Appends a pipeline's events to the journal. The appender is created by the first append, so on
 * the thread that uses it (Chronicle appenders belong to one thread); the journal is claimed for
 * this process at once ({@link Journal#claimWriter()}).
 */
public final class JournalSink implements EventSink, AutoCloseable {

    private final Journal journal;
    private JournalAppender appender;
    private long appended;
    private long firstIndex = -1;
    private long lastIndex = -1;

    public JournalSink(Journal journal) {
        this.journal = journal;
        journal.claimWriter();
    }

    @Override
    public void accept(SignalEvent event) {
        try {
            if (appender == null) {
                appender = journal.appender();
            }
            lastIndex = appender.append(event);
        } catch (EventSink.Failed f) {
            throw f;
        } catch (RuntimeException e) {
            throw new EventSink.Failed(e.getMessage(), e); // full disk, read-only file system, ...
        }
        if (firstIndex < 0) {
            firstIndex = lastIndex;
        }
        appended++;
    }

    public long appended() {
        return appended;
    }

    public long lastIndex() {
        return lastIndex;
    }

    public long firstIndex() {
        return firstIndex;
    }

    @Override
    public void close() {
        if (appender != null) {
            appender.close();
        }
    }
}
