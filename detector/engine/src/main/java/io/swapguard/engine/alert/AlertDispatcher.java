package io.swapguard.engine.alert;

import io.swapguard.engine.DetectorConfig;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventLog;
import io.swapguard.event.EventReadException;
import io.swapguard.event.EventReader;
import io.swapguard.event.EventRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts from the alerts journal to their outputs, each on its own thread with its own
 * named tailer (so a slow webhook never holds up the file, and each resumes where it stopped):
 * JSON lines appended to a file, and an HTTP webhook POSTed one alert at a time, retried with
 * backoff. At least once: after a crash an alert may be delivered again, with the same {@code id}.
 */
public final class AlertDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

    /** One output. */
    @FunctionalInterface
    interface Output {
        /** Delivers one alert; false when it should be tried again later. */
        boolean deliver(AlertEvent alert) throws IOException, InterruptedException;

        /** Releases what the output holds open. */
        default void close() throws IOException {
        }
    }

    /** JSON lines appended to a file kept open, each line flushed as it is written. */
    private static final class JsonLinesFile implements Output {
        private final Path file;
        private BufferedWriter writer;

        JsonLinesFile(Path file) {
            this.file = file;
        }

        @Override
        public boolean deliver(AlertEvent a) throws IOException {
            if (writer == null) {
                Path dir = file.toAbsolutePath().getParent();
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            try {
                writer.write(AlertJson.of(a, false));
                writer.write('\n');
                writer.flush();
            } catch (IOException e) {
                close(); // reopened on the retry
                throw e;
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            if (writer != null) {
                BufferedWriter w = writer;
                writer = null;
                w.close();
            }
        }
    }

    private final EventLog alerts;
    private final java.util.List<Worker> workers = new java.util.ArrayList<>();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();

    public AlertDispatcher(DetectorConfig config, EventLog alerts) {
        this.alerts = alerts;
        if (!config.alertsFile().isBlank()) {
            // A local file is retried until it can be written (a full disk, a moved directory): never given up.
            workers.add(new Worker("alerts-file", new JsonLinesFile(Path.of(config.alertsFile())), Integer.MAX_VALUE,
                    false));
        }
        DetectorConfig.WebhookConfig hook = config.webhook();
        if (!hook.url().isBlank()) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(hook.timeout()).build();
            URI uri = URI.create(hook.url());
            workers.add(new Worker("alerts-webhook", a -> {
                HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(hook.timeout())
                        .header("Content-Type", "application/json").header("Idempotency-Key", a.id())
                        .POST(HttpRequest.BodyPublishers.ofString(AlertJson.of(a, false)));
                if (!hook.bearerToken().isBlank()) {
                    req.header("Authorization", "Bearer " + hook.bearerToken());
                }
                HttpResponse<Void> r = http.send(req.build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    return true;
                }
                log.warn("webhook {} answered {} for alert {}", uri, r.statusCode(), a.id());
                return false;
            }, hook.maxRetries(), true));
        }
        workers.forEach(Worker::start);
    }

    public long delivered() {
        return delivered.sum();
    }

    /** What one output did since start; its name is also its named reader of the alerts journal. */
    public interface OutputCounts {
        String name();

        /** Alerts delivered. */
        long delivered();

        /** Attempts that failed and were tried again. */
        long retried();

        /** Alerts given up after the last retry. */
        long failed();
    }

    /** The configured outputs (the alerts file, the webhook), each with its counts. */
    public java.util.List<OutputCounts> outputs() {
        return java.util.List.copyOf(workers);
    }

    public long failed() {
        return failed.sum();
    }

    /** Waits until every output has handled the alerts journal up to {@code index}. */
    public boolean awaitDelivered(long index, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Worker w : workers) {
            while (w.handled < index && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            if (w.handled < index) {
                return false;
            }
        }
        return true;
    }

    private final class Worker implements OutputCounts {
        final String name;
        final LongAdder workerDelivered = new LongAdder();
        final LongAdder workerRetried = new LongAdder();
        final LongAdder workerFailed = new LongAdder();
        final Output output;
        final int maxRetries;
        final boolean pages;
        final Thread thread;
        final CountDownLatch stopped = new CountDownLatch(1);
        volatile boolean running = true;
        volatile long handled = -1;

        /** @param pages the output alerts people: alerts of rules in monitor mode are not sent to it */
        Worker(String name, Output output, int maxRetries, boolean pages) {
            this.name = name;
            this.output = output;
            this.maxRetries = maxRetries;
            this.pages = pages;
            this.thread = new Thread(this::loop, name);
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long delivered() {
            return workerDelivered.sum();
        }

        @Override
        public long retried() {
            return workerRetried.sum();
        }

        @Override
        public long failed() {
            return workerFailed.sum();
        }

        private void loop() {
            try (EventReader tailer = alerts.reader(name)) {
                handled = tailer.index() - 1; // everything before where the named tailer resumes was handled
                while (running) {
                    EventRecord r;
                    try {
                        r = tailer.next();
                    } catch (EventReadException e) {
                        log.error("{}", e.getMessage());
                        if (!e.skipped()) {
                            return;
                        }
                        handled = e.index(); // nothing to deliver there: waiting for it must not hang
                        continue;
                    }
                    if (r == null) {
                        Thread.sleep(5);
                        continue;
                    }
                    if (r.event() instanceof AlertEvent a && !(pages && a.monitored())) {
                        // The named tailer's stored position moved past the alert as it was read: put
                        // it back until the alert is delivered, so a crash in between delivers it again.
                        tailer.moveTo(r.index());
                        if (!deliver(a)) {
                            return; // stopping: the alert stays for the next start
                        }
                        tailer.next();
                    }
                    handled = r.index();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    output.close();
                } catch (IOException e) {
                    log.warn("{}: closing: {}", name, e.toString());
                }
                stopped.countDown();
            }
        }

        /** Delivers with retries; true when done with the alert (delivered or given up), false when stopping. */
        private boolean deliver(AlertEvent a) throws InterruptedException {
            long backoff = 250;
            for (int attempt = 0; running; attempt++) {
                try {
                    if (output.deliver(a)) {
                        delivered.increment();
                        workerDelivered.increment();
                        return true;
                    }
                } catch (IOException e) {
                    log.warn("{}: alert {} not delivered ({}), attempt {}", name, a.id(), e.toString(), attempt + 1);
                }
                if (attempt >= maxRetries) {
                    failed.increment();
                    workerFailed.increment();
                    log.error("{}: alert {} given up after {} attempts", name, a.id(), attempt + 1);
                    return true;
                }
                workerRetried.increment();
                long until = System.nanoTime() + backoff * 1_000_000L;
                while (running && System.nanoTime() < until) {
                    Thread.sleep(Math.min(50, backoff));
                }
                backoff = Math.min(backoff * 2, 60_000);
            }
            return false;
        }

        void close() {
            running = false;
            try {
                stopped.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        workers.forEach(Worker::close);
    }
}
