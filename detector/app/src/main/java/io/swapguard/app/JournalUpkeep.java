package io.swapguard.app;

import io.swapguard.journal.Journal;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the journal's retention sweep now and then at a fixed interval. */
final class JournalUpkeep implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JournalUpkeep.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "journal-upkeep");
        t.setDaemon(true);
        return t;
    });

    JournalUpkeep(Journal journal, Duration interval, Clock clock) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                journal.applyRetention(clock);
            } catch (RuntimeException e) {
                log.warn("journal retention sweep failed, will retry: {}", e.toString());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
