package io.swapguard.app;

import io.swapguard.event.EventReadException;
import io.swapguard.event.EventRecord;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalStats;
import io.swapguard.journal.JournalTailer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the journal with a named tailer on its own thread and hands each event to a consumer.
 * This is the seat the detector takes: it resumes where it stopped and reports unreadable
 * records without stopping, except for a newer schema, which stops it with an error.
 */
public final class JournalWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JournalWatch.class);

    private final Journal journal;
    private final String tailerName;
    private final Consumer<EventRecord> consumer;
    private final JournalStats stats = new JournalStats();
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    public JournalWatch(Journal journal, String tailerName, Consumer<EventRecord> consumer) {
        this.journal = journal;
        this.tailerName = tailerName;
        this.consumer = consumer;
        this.thread = new Thread(this::loop, "journal-watch-" + tailerName);
        this.thread.setDaemon(true);
    }

    public JournalWatch start() {
        thread.start();
        return this;
    }

    private void loop() {
        try (JournalTailer tailer = journal.tailer(tailerName)) {
            while (running) {
                EventRecord record;
                try {
                    record = tailer.next();
                } catch (EventReadException e) {
                    if (!e.skipped()) {
                        throw e;
                    }
                    stats.addUnreadable();
                    log.error("{}", e.getMessage());
                    continue;
                }
                if (record == null) {
                    pause();
                    continue;
                }
                stats.add(record);
                consumer.accept(record);
            }
        } catch (RuntimeException e) {
            failure = e;
            log.error("journal watch '{}' stopped: {}", tailerName, e.getMessage());
        } finally {
            stopped.countDown();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until everything appended so far has been consumed, or the timeout passes. */
    public boolean awaitCaughtUp(long lastIndex, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (stats.lastIndex() >= lastIndex) {
                return true;
            }
            if (failure != null) {
                throw failure;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** A snapshot of what has been read: counts by type and kind, time span, unreadable records. */
    public JournalStats stats() {
        return stats;
    }

    /** The error that stopped the watch, or null while it runs. */
    public RuntimeException failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        stopped.await(5, TimeUnit.SECONDS);
    }
}
