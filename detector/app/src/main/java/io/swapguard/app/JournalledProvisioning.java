package io.swapguard.app;

import io.swapguard.api.ProvisioningIntake;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.journal.Journal;
import io.swapguard.taps.JournalSink;
import io.swapguard.taps.bss.ProvisioningCsv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provisioning endpoint's records into the signals journal, as the CSV import journals them
 * (tap {@code bss-http}): parsed whole first, journalled only when every line is good, on one
 * thread of its own (a journal appender belongs to one thread).
 */
public final class JournalledProvisioning implements ProvisioningIntake, AutoCloseable {

    /** The tap name of these records. */
    public static final String TAP = "bss-http";

    private static final Logger log = LoggerFactory.getLogger(JournalledProvisioning.class);

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "api-provisioning");
        t.setDaemon(true);
        return t;
    });
    private final JournalSink sink;

    public JournalledProvisioning(Journal journal) {
        this.sink = new JournalSink(journal);
    }

    @Override
    public CompletableFuture<Result> accept(String source, String csv) {
        return CompletableFuture.supplyAsync(() -> {
            List<ProvisioningEvent> records = new ArrayList<>();
            List<String> rejected = new ArrayList<>();
            try {
                ProvisioningCsv.read(new BufferedReader(new StringReader(csv)), "request", TAP, records::add,
                        bad -> rejected.add(bad.getMessage().replaceFirst("^request:", "line ")));
            } catch (IOException e) {
                rejected.add(e.getMessage().replaceFirst("^request:", "line "));
            }
            if (records.isEmpty() && rejected.isEmpty()) {
                rejected.add("line 1: no records (the first line is the header " + ProvisioningCsv.HEADER + ")");
            }
            if (!rejected.isEmpty()) {
                return new Result(0, List.copyOf(rejected));
            }
            for (ProvisioningEvent e : records) {
                sink.accept(e);
            }
            log.info("provisioning: {} records from {} journalled", records.size(), source);
            return new Result(records.size(), List.of());
        }, thread);
    }

    @Override
    public void close() {
        thread.execute(sink::close); // on the thread that owns the appender
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
