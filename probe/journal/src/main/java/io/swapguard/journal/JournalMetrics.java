package io.swapguard.journal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.swapguard.event.EventRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * A journal's meters, tagged {@code journal} with its role ({@code signals}, {@code alerts}):
 * records and bytes appended and damaged records skipped by this process, the files on disk and
 * their size, files deleted by retention, the event time of the newest record, and for each named
 * reader how far behind the end it is, in records and in event time. Nothing here runs on the
 * append or read path; the lag is computed when scraped. Named readers appear as they are first
 * opened: call {@link #refresh()} before each scrape.
 */
public final class JournalMetrics implements MeterBinder {

    private final Journal journal;
    private final String role;
    private volatile MeterRegistry registry;
    // Readers refresh() registered already: Micrometer warns about registering a meter twice.
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public JournalMetrics(Journal journal, String role) {
        this.journal = journal;
        this.role = role;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        JournalActivity a = journal.activity();
        FunctionCounter.builder("swapguard.journal.appends", a, JournalActivity::appends).tag("journal", role)
                .description("Records appended by this process").register(registry);
        FunctionCounter.builder("swapguard.journal.appended", a, JournalActivity::appendedBytes).tag("journal", role)
                .baseUnit("bytes").description("Bytes of records appended by this process").register(registry);
        FunctionCounter.builder("swapguard.journal.damaged.records", a, JournalActivity::damaged).tag("journal", role)
                .description("Unreadable records skipped by readers (each is logged with its index)")
                .register(registry);
        FunctionCounter.builder("swapguard.journal.retention.deleted", a, JournalActivity::retentionDeleted)
                .tag("journal", role).description("Cycle files deleted by retention").register(registry);
        Gauge.builder("swapguard.journal.files", journal, j -> files(j.directory(), false)).tag("journal", role)
                .description("Cycle files in the journal directory").register(registry);
        Gauge.builder("swapguard.journal.size", journal, j -> files(j.directory(), true)).tag("journal", role)
                .baseUnit("bytes").description("Length of the journal's cycle files (Chronicle extends them in sparse"
                        + " 64 MiB blocks; du shows what is allocated)").register(registry);
        Gauge.builder("swapguard.journal.last.event.timestamp", journal, JournalMetrics::lastEventSeconds)
                .tag("journal", role).baseUnit("seconds")
                .description("Event time of the newest record (Unix seconds)").register(registry);
        this.registry = registry;
        refresh();
    }

    /** Registers the lag meters of named readers opened since the last call. */
    public void refresh() {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        journal.activity().readers().forEach((name, position) -> {
            if (!registered.add(name)) {
                return;
            }
            Gauge.builder("swapguard.journal.reader.lag.records", position, p -> lagRecords(p))
                    .tags("journal", role, "reader", name)
                    .description("Records appended after the last one this named reader read").register(r);
            Gauge.builder("swapguard.journal.reader.lag", position, p -> lagSeconds(p))
                    .tags("journal", role, "reader", name).baseUnit("seconds")
                    .description("Event time between the newest record and the last one this named reader read")
                    .register(r);
        });
    }

    private double lagRecords(JournalActivity.ReaderPosition p) {
        long n = journal.recordsAfter(p.lastIndex());
        return n < 0 ? Double.NaN : n;
    }

    private double lagSeconds(JournalActivity.ReaderPosition p) {
        EventRecord last = journal.lastRecord();
        if (last == null || last.index() <= p.lastIndex()) {
            return 0;
        }
        if (p.lastEventNanos() == Long.MIN_VALUE) {
            return Double.NaN; // has read nothing yet: no event time to compare
        }
        return Math.max(0, last.event().captureNanos() - p.lastEventNanos()) / 1e9;
    }

    private static double lastEventSeconds(Journal j) {
        EventRecord last = j.lastRecord();
        return last == null ? Double.NaN : last.event().captureNanos() / 1e9;
    }

    private static double files(Path dir, boolean bytes) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))
                    .mapToLong(p -> bytes ? size(p) : 1).sum();
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0; // deleted by retention while listing
        }
    }
}
