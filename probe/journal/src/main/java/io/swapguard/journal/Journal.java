package io.swapguard.journal;

import io.swapguard.event.EventLog;
import io.swapguard.event.EventReader;
import io.swapguard.event.EventRecord;
import io.swapguard.event.EventWriter;
import io.swapguard.event.WriterLock;
import io.swapguard.event.codec.EventCodec;
import io.swapguard.event.codec.EventDecodeException;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signals journal: an append-only Chronicle Queue of {@link io.swapguard.event.SignalEvent}
 * records in the {@link EventCodec} schema. The probe appends; the detector and the CLI tail.
 * Several processes on one host may open the same directory.
 */
public final class Journal implements EventLog, Closeable {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);

    private final JournalSettings settings;
    private final SingleChronicleQueue queue;
    private final JournalActivity activity = new JournalActivity();
    private WriterLock writerLock;

    private Journal(JournalSettings settings, SingleChronicleQueue queue) {
        this.settings = settings;
        this.queue = queue;
    }

    /**
     * Opens the journal, creating the directory if it does not exist.
     *
     * @throws JournalDamagedException when a cycle file was cut short (see {@link JournalCheck})
     */
    public static Journal open(JournalSettings settings) {
        return open(settings, SystemTimeProvider.INSTANCE);
    }

    /** Opens with the clock that decides which cycle appends go to (tests of rolling and retention). */
    static Journal open(JournalSettings settings, TimeProvider cycleClock) {
        try {
            Files.createDirectories(settings.directory());
        } catch (IOException e) {
            String why = e instanceof java.nio.file.FileAlreadyExistsException ? "it is a file, not a directory"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName();
            throw new UncheckedIOException("cannot create journal directory " + settings.directory() + ": " + why, e);
        }
        List<JournalCheck.DamagedFile> damaged = JournalCheck.damagedFiles(settings.directory());
        if (!damaged.isEmpty()) {
            JournalDamagedException e = new JournalDamagedException(settings.directory(), damaged);
            log.error(e.getMessage());
            throw e;
        }
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(settings.directory().toFile())
                .rollCycle(settings.rollCycle().chronicle())
                .blockSize(JournalCheck.BLOCK_BYTES)
                .timeProvider(cycleClock)
                .build();
        return new Journal(settings, queue);
    }

    /**
     * Opens an existing journal for reading, failing with a clear message when the directory holds
     * none (a mistyped path must not silently create an empty journal).
     */
    public static Journal openExisting(JournalSettings settings) {
        Path dir = settings.directory();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no journal at " + dir + ": "
                    + (Files.exists(dir) ? "it is a file, not a directory" : "directory does not exist"));
        }
        try (var files = Files.list(dir)) {
            if (files.noneMatch(p -> p.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))) {
                throw new IllegalArgumentException("no journal at " + dir + ": no " + SingleChronicleQueue.SUFFIX
                        + " files in it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list journal directory " + dir, e);
        }
        return open(settings);
    }

    public JournalSettings settings() {
        return settings;
    }

    public Path directory() {
        return settings.directory();
    }

    /**
     * A new appender. Appenders are not thread-safe: one per writing thread. The first makes this
     * process the journal's one writer ({@link WriterLock}) until it closes the journal; another
     * process already writing it is a {@link WriterLock.InUseException} naming its pid.
     */
    public JournalAppender appender() {
        claimWriter();
        return new JournalAppender(queue::createAppender, directory().toString(), activity, freeSpace());
    }

    private JournalAppender.FreeSpace freeSpace() {
        java.nio.file.FileStore store;
        try {
            store = Files.getFileStore(directory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find the disk of journal " + directory(), e);
        }
        return new JournalAppender.FreeSpace() {
            @Override
            public long usableBytes() throws IOException {
                return store.getUsableSpace();
            }

            @Override
            public long reserveBytes() {
                return settings.minFreeBytes();
            }

            @Override
            public Path journal() {
                return directory();
            }
        };
    }

    /**
     * Makes this process the journal's one writer now, before anything is appended (a probe
     * claims its journal at start, so a second one fails at once, not at its first frame).
     */
    public synchronized void claimWriter() {
        if (writerLock == null) {
            writerLock = WriterLock.acquire(directory(), "journal");
        }
    }

    /**
     * A tailer that remembers where it stopped under {@code name}, across restarts and processes:
     * a new tailer with the same name continues after the last record the previous one read.
     */
    public JournalTailer tailer(String name) {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("tailer name must be 1..64 of [A-Za-z0-9._-], got '" + name + "'");
        }
        return new JournalTailer(queue.createTailer(name), directory().toString(), activity, activity.reader(name));
    }

    /** A tailer from the first record that remembers nothing. */
    public JournalTailer anonymousTailer() {
        return new JournalTailer(queue.createTailer(), directory().toString(), activity, null);
    }

    /** What this process appended and read here, for metrics. */
    public JournalActivity activity() {
        return activity;
    }

    /**
     * Records after {@code index} up to the last one, or -1 when that cannot be counted (the
     * record's file was deleted by retention). {@code index} -1 counts every record.
     */
    public long recordsAfter(long index) {
        long last = lastIndex();
        if (last < 0) {
            return 0;
        }
        try {
            if (index < 0) {
                long first = queue.firstIndex();
                return first == Long.MAX_VALUE ? 0 : queue.countExcerpts(first, last) + 1;
            }
            return index >= last ? 0 : queue.countExcerpts(index, last);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * Records after {@code index} (-1: all) whose event {@code which} accepts; unreadable records
     * do not count. Reads them all, so meant for a file's worth (a ring file being resumed).
     */
    public long countAfter(long index, java.util.function.Predicate<io.swapguard.event.SignalEvent> which) {
        long n = 0;
        try (JournalTailer t = anonymousTailer()) {
            if (index >= 0) {
                t.moveTo(index);
                t.next(); // the record at index itself is not after it
            }
            for (EventRecord r; (r = t.next()) != null; ) {
                if (which.test(r.event())) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Chronicle's block and overlap sizes, which {@link JournalCheck} relies on. */
    long[] chronicleBlockAndOverlap() {
        return new long[] {queue.blockSize(), queue.overlapSize()};
    }

    @Override
    public EventWriter writer() {
        return appender();
    }

    @Override
    public EventReader reader() {
        return anonymousTailer();
    }

    @Override
    public EventReader reader(String name) {
        return tailer(name);
    }

    @Override
    public String name() {
        return directory().toString();
    }

    /** The last record in the journal, or null when it is empty or unreadable. */
    @Override
    public EventRecord lastRecord() {
        try (net.openhft.chronicle.queue.ExcerptTailer t = queue.createTailer()) {
            t.direction(net.openhft.chronicle.queue.TailerDirection.BACKWARD).toEnd();
            try (net.openhft.chronicle.wire.DocumentContext dc = t.readingDocument()) {
                if (!dc.isPresent()) {
                    return null;
                }
                long index = dc.index();
                net.openhft.chronicle.bytes.Bytes<?> bytes = dc.wire().bytes();
                int n = (int) Math.min(bytes.readRemaining(), JournalTailer.MAX_RECORD_BYTES);
                byte[] record = new byte[n];
                bytes.read(record, 0, n);
                return new EventRecord(index, EventCodec.decode(record, 0, n));
            }
        } catch (EventDecodeException e) {
            return null;
        }
    }

    /** Index of the last record appended, or -1 when the journal is empty. */
    @Override
    public long lastIndex() {
        long last = queue.lastIndex();
        return last < 0 ? -1 : last;
    }

    /**
     * Deletes the files of cycles that ended longer ago than the retention setting. The current
     * cycle is never deleted. Returns the number of files deleted.
     */
    public int applyRetention(Clock clock) {
        if (settings.retention().isZero()) {
            return 0;
        }
        long cycleMillis = settings.rollCycle().length().toMillis();
        long cutoff = clock.millis() - settings.retention().toMillis();
        int current = queue.cycle();
        File dir = settings.directory().toFile();
        RollingResourcesCache names = new RollingResourcesCache(queue.rollCycle(), queue.epoch(),
                name -> new File(dir, name + SingleChronicleQueue.SUFFIX),
                file -> file.getName().substring(0, file.getName().length() - SingleChronicleQueue.SUFFIX.length()));
        File[] files = dir.listFiles((d, n) -> n.endsWith(SingleChronicleQueue.SUFFIX));
        if (files == null) {
            return 0;
        }
        List<File> expired = new ArrayList<>();
        for (File f : files) {
            int cycle;
            try {
                cycle = names.parseCount(f.getName().substring(0, f.getName().length() - SingleChronicleQueue.SUFFIX.length()));
            } catch (RuntimeException notACycleFile) {
                continue;
            }
            long cycleEnd = queue.epoch() + (cycle + 1L) * cycleMillis;
            if (cycle < current && cycleEnd <= cutoff) {
                expired.add(f);
            }
        }
        int deleted = 0;
        for (File f : expired) {
            if (f.delete()) {
                deleted++;
                activity.retentionDeleted.increment();
                log.info("journal retention: deleted {}", f.getName());
            } else {
                log.warn("journal retention: could not delete {}", f);
            }
        }
        if (deleted > 0) {
            queue.refreshDirectoryListing();
        }
        return deleted;
    }

    @Override
    public void close() {
        queue.close();
        synchronized (this) {
            if (writerLock != null) {
                writerLock.close();
                writerLock = null;
            }
        }
    }
}
