package io.swapguard.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's audit journal: one JSON line per answered request in {@code DIR/audit-YYYY-MM-DD.jsonl}
 * (UTC days), numbers in full (the files are personal data; logs mask them). Each line is one
 * write(2) of an append-only file, so a crash of the JVM loses no line and cuts none in half.
 */
public final class ApiAuditFile implements ApiAudit, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiAuditFile.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final Path dir;
    private final int retentionDays;
    private final AtomicLong failed = new AtomicLong();
    private FileChannel out;
    private LocalDate day;

    /** @param retentionDays day files older than this are deleted (0 keeps them all) */
    public ApiAuditFile(Path dir, int retentionDays) {
        this.dir = dir;
        this.retentionDays = retentionDays;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the API audit folder " + dir, e);
        }
    }

    @Override
    public void record(ApiQuery q) {
        byte[] line = line(q);
        synchronized (this) {
            try {
                LocalDate today = q.time().atOffset(ZoneOffset.UTC).toLocalDate();
                if (!today.equals(day)) {
                    if (out != null) {
                        out.close();
                    }
                    out = FileChannel.open(file(today), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                            StandardOpenOption.WRITE);
                    day = today;
                    expire(today);
                }
                ByteBuffer b = ByteBuffer.wrap(line);
                while (b.hasRemaining()) {
                    out.write(b);
                }
            } catch (IOException e) {
                if (failed.getAndIncrement() % 10_000 == 0) {
                    log.error("API audit: cannot write to {} ({}); {} records not written so far", dir, e.getMessage(),
                            failed.get());
                }
            }
        }
    }

    /** Deletes the day files past the retention (once a day, when the day's file is opened). */
    private void expire(LocalDate today) {
        if (retentionDays <= 0) {
            return;
        }
        LocalDate oldest = today.minusDays(retentionDays - 1L);
        try (var files = Files.newDirectoryStream(dir, "audit-*.jsonl")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                try {
                    if (LocalDate.parse(name.substring(6, name.length() - 6)).isBefore(oldest)) {
                        Files.deleteIfExists(f);
                        log.info("API audit: {} is past the retention of {} days, deleted", name, retentionDays);
                    }
                } catch (java.time.format.DateTimeParseException notOurs) {
                    // another file that happens to match: left alone
                }
            }
        } catch (IOException e) {
            log.warn("API audit: cannot apply the retention in {}: {}", dir, e.getMessage());
        }
    }

    /** The file of one UTC day. */
    public Path file(LocalDate day) {
        return dir.resolve("audit-" + day + ".jsonl");
    }

    /** Records that could not be written (metrics). */
    public long failed() {
        return failed.get();
    }

    private static byte[] line(ApiQuery q) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("time", q.time().toString());
            g.writeStringField("client", q.client());
            g.writeStringField("operation", q.operation());
            g.writeStringField("phoneNumber", q.phoneNumber());
            g.writeNumberField("status", q.status());
            g.writeStringField("result", q.result());
            g.writeStringField("correlator", q.correlator());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                log.warn("API audit: closing {}: {}", dir, e.getMessage());
            }
            out = null;
            day = null;
        }
    }
}
