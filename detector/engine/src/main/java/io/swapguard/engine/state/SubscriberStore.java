package io.swapguard.engine.state;

import io.swapguard.event.WriterLock;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import net.openhft.chronicle.hash.ChronicleHashCorruption;
import net.openhft.chronicle.hash.impl.SizePrefixedBlob;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriber state by MSISDN, an IMSI → MSISDN index, and the detector's checkpoint, in Chronicle
 * Map files (off-heap, memory-mapped, so a restart finds them as the last write left them and a
 * crash loses nothing the OS had). In-memory when no directory is given (tests, one-off replays).
 * One writer per directory ({@link WriterLock}); any number of readers ({@link #openForReading}).
 */
public final class SubscriberStore implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(SubscriberStore.class);
    static final long CHECKPOINT_KEY = -1L;

    /** Present while a writer has the store open; found at open, the last writer died. */
    static final String OPEN_MARKER = "writer-open";

    private final ChronicleMap<Long, byte[]> subscribers;
    private final ChronicleMap<Long, Long> imsiIndex;
    private final ChronicleMap<Long, Long> meta;
    private final WriterLock lock;
    private final Path marker;
    private final StateIntent intent;
    private long damaged;
    /** Where the files live and the free space their disk must keep (null: in memory, no check). */
    private java.nio.file.FileStore disk;
    private Path dir;
    private long minFreeBytes;
    private int putsSinceCheck = PUTS_BETWEEN_CHECKS;
    private Writes writes;

    /**
     * Told of every write, after it is made: what a changelog (Kafka, across machines) needs to
     * restore the store elsewhere. Called on the writing thread.
     */
    public interface Writes {
        /** A subscriber's state was written, as these bytes ({@link SubscriberState#decode} reads them). */
        void state(long msisdn, byte[] bytes);

        /** The IMSI now points at this number. */
        void imsiIndexed(long imsi, long msisdn);
    }

    /** Sets (or, with null, removes) the one listener to writes. */
    public void writes(Writes listener) {
        this.writes = listener;
    }

    /** Writes a state restored from elsewhere (a changelog), telling no listener. */
    public void restore(long msisdn, byte[] bytes) {
        subscribers.put(msisdn, bytes);
    }

    /** Points an IMSI as a changelog says, telling no listener. */
    public void restoreIndex(long imsi, long msisdn) {
        if (imsi > 0) {
            imsiIndex.put(imsi, msisdn);
        }
    }

    /** The default free-space reserve of the state's disk (the journals' default too). */
    public static final long DEFAULT_MIN_FREE_BYTES = 256L << 20;
    /** Puts between two looks at the free space: each touches at most a few pages of the map files. */
    static final int PUTS_BETWEEN_CHECKS = 1024;

    private SubscriberStore(ChronicleMap<Long, byte[]> subscribers, ChronicleMap<Long, Long> imsiIndex,
            ChronicleMap<Long, Long> meta, WriterLock lock, Path marker, StateIntent intent) {
        this.subscribers = subscribers;
        this.imsiIndex = imsiIndex;
        this.meta = meta;
        this.lock = lock;
        this.marker = marker;
        this.intent = intent;
    }

    /**
     * Opens (or creates) the store in {@code dir} for the detector, its one writer, sized for
     * {@code expectedSubscribers}. Fails with a message naming the holder when another process
     * writes it. When the last writer died without closing (kill -9, power loss), its segment locks
     * may still be set in the files: they are recovered first, so a crash costs a restart, never a
     * wedged store.
     */
    public static SubscriberStore open(Path dir, int expectedSubscribers) {
        return open(dir, expectedSubscribers, DEFAULT_MIN_FREE_BYTES);
    }

    /**
     * As {@link #open(Path, int)}, refusing to write state ({@link StateDiskFullException}) once the
     * directory's disk has less than {@code minFreeBytes} free: the map files are sparse and
     * memory-mapped, and a page first written on a full disk kills the detector with SIGBUS.
     */
    public static SubscriberStore open(Path dir, int expectedSubscribers, long minFreeBytes) {
        WriterLock lock = WriterLock.acquire(dir, "subscriber state");
        try {
            Path marker = dir.resolve(OPEN_MARKER);
            boolean recover = Files.exists(marker);
            if (recover) {
                log.warn("subscriber state {} was not closed by its last writer (it died); recovering its locks", dir);
            }
            Maps maps = Maps.persisted(dir, expectedSubscribers, recover);
            SubscriberStore store = new SubscriberStore(maps.subscribers, maps.imsiIndex, maps.meta, lock, marker,
                    StateIntent.open(dir.resolve("intent.dat")));
            store.dir = dir;
            store.disk = Files.getFileStore(dir);
            store.minFreeBytes = minFreeBytes;
            if (recover) {
                store.redoLastWrite();
            }
            Files.writeString(marker, "pid " + ProcessHandle.current().pid() + "\n");
            return store;
        } catch (IOException | RuntimeException e) {
            lock.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot open subscriber state in " + dir + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Opens the store in {@code dir} to read it while the detector may be writing it (the
     * {@code subscriber} command, the API). When no writer is alive and the last one died, recovers
     * its locks first, holding the writer lock meanwhile.
     */
    public static SubscriberStore openForReading(Path dir, int expectedSubscribers) {
        try {
            try (WriterLock noWriter = WriterLock.tryAcquire(dir)) {
                if (noWriter != null && Files.exists(dir.resolve(OPEN_MARKER))) {
                    log.warn("subscriber state {} was not closed by its last writer (it died); recovering its locks", dir);
                    // Recover as the writer would, redo included: the marker goes, so no later open would redo it.
                    Maps recovered = Maps.persisted(dir, expectedSubscribers, true);
                    try (StateIntent intent = StateIntent.open(dir.resolve("intent.dat"))) {
                        new SubscriberStore(recovered.subscribers, recovered.imsiIndex, recovered.meta, null, null,
                                intent).redoLastWrite();
                    } finally {
                        recovered.close();
                    }
                    Files.delete(dir.resolve(OPEN_MARKER));
                }
            }
            Maps maps = Maps.persisted(dir, expectedSubscribers, false);
            return new SubscriberStore(maps.subscribers, maps.imsiIndex, maps.meta, null, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open subscriber state in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * After a crash: the state written last may have been cut short (the recovery then drops it)
     * or written without the IMSI index entry that follows it ({@link io.swapguard.engine.Change#commit()});
     * write both again from the intent. Only the last write can be in that window, because events
     * are applied one at a time, in order.
     */
    private void redoLastWrite() {
        StateIntent.Write last = intent.last();
        if (last == null) {
            return;
        }
        long msisdn = last.msisdn();
        byte[] bytes = last.bytes();
        subscribers.put(msisdn, bytes);
        SubscriberState s = SubscriberState.decode(bytes);
        if (s.indexedImsi != 0 && msisdnOf(s.indexedImsi) != msisdn) {
            imsiIndex.put(s.indexedImsi, msisdn);
        }
        log.warn("subscriber state: wrote the last state again (as it was before the crash), and its IMSI index entry");
    }

    /** The three maps of a persisted store, built the same way for creating, opening and recovering. */
    private record Maps(ChronicleMap<Long, byte[]> subscribers, ChronicleMap<Long, Long> imsiIndex,
            ChronicleMap<Long, Long> meta) {

        static Maps persisted(Path dir, int expectedSubscribers, boolean recover) throws IOException {
            Files.createDirectories(dir);
            if (recover) {
                RecoveryCopy.prepare(dir);
            }
            ChronicleMap<Long, byte[]> s = null;
            ChronicleMap<Long, Long> i = null;
            try {
                s = file(ChronicleMap.of(Long.class, byte[].class).name("subscribers").entries(expectedSubscribers)
                        .averageValueSize(104).maxBloatFactor(8), dir.resolve("subscribers.dat"), recover);
                i = file(ChronicleMap.of(Long.class, Long.class).name("imsi-index")
                        .entries(expectedSubscribers + expectedSubscribers / 4L).maxBloatFactor(8),
                        dir.resolve("imsi-index.dat"), recover);
                ChronicleMap<Long, Long> m = file(ChronicleMap.of(Long.class, Long.class).name("meta").entries(16),
                        dir.resolve("meta.dat"), recover);
                if (recover) {
                    RecoveryCopy.done(dir);
                }
                return new Maps(s, i, m);
            } catch (IOException | RuntimeException e) {
                if (s != null) {
                    s.close();
                }
                if (i != null) {
                    i.close();
                }
                throw e;
            }
        }

        private static <K, V> ChronicleMap<K, V> file(ChronicleMapBuilder<K, V> b, Path file, boolean recover)
                throws IOException {
            if (!Files.exists(file)) {
                // Created under another name and renamed when complete: a process killed while
                // creating leaves no half-made map, whose header every later open would wait for.
                Path creating = file.resolveSibling(file.getFileName() + ".creating");
                Files.deleteIfExists(creating);
                b.createPersistedTo(creating.toFile()).close();
                Files.move(creating, file, StandardCopyOption.ATOMIC_MOVE);
            }
            if (!recover) {
                return b.createPersistedTo(file.toFile());
            }
            clearNotReady(file);
            long[] fixed = {0};
            String[] first = {null};
            ChronicleMap<K, V> m = b.recoverPersistedTo(file.toFile(), true, (ChronicleHashCorruption c) -> {
                fixed[0]++;
                if (first[0] == null) {
                    first[0] = c.message();
                }
            });
            log.warn("subscriber state {}: recovered after a crash, {} inconsistencies fixed{}", file, fixed[0],
                    first[0] == null ? "" : " (first: " + first[0] + ")");
            return m;
        }

        /**
         * A writer killed while recovering leaves the map's header marked not ready, and opening
         * it, even to recover, then waits a minute for a process that no longer exists. Only called
         * by the holder of the writer lock after its predecessor died, so nobody else is writing
         * the header: mark it ready and let the recovery do its work.
         */
        private static void clearNotReady(Path file) throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ByteBuffer word = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                if (ch.read(word, SizePrefixedBlob.SIZE_WORD_OFFSET) == 4) {
                    int sizeWord = word.getInt(0);
                    if (!SizePrefixedBlob.isReady(sizeWord)) {
                        log.warn("subscriber state {}: its last recovery was interrupted; recovering again", file);
                        word.putInt(0, sizeWord & ~SizePrefixedBlob.NOT_COMPLETE).rewind();
                        ch.write(word, SizePrefixedBlob.SIZE_WORD_OFFSET);
                        ch.force(false);
                    }
                }
            }
        }

        void close() {
            subscribers.close();
            imsiIndex.close();
            meta.close();
        }
    }

    /** A store that lives in memory only. */
    public static SubscriberStore inMemory(int expectedSubscribers) {
        return new SubscriberStore(
                ChronicleMap.of(Long.class, byte[].class).name("subscribers").entries(expectedSubscribers)
                        .averageValueSize(104).maxBloatFactor(8).create(),
                ChronicleMap.of(Long.class, Long.class).name("imsi-index").entries(expectedSubscribers + expectedSubscribers / 4L)
                        .maxBloatFactor(8).create(),
                ChronicleMap.of(Long.class, Long.class).name("meta").entries(16).create(), null, null, null);
    }

    /** The subscriber's state, or null when never seen. A damaged entry is logged and forgotten. */
    public SubscriberState get(long msisdn) {
        byte[] bytes = subscribers.get(msisdn);
        if (bytes == null) {
            return null;
        }
        try {
            return SubscriberState.decode(bytes);
        } catch (IllegalStateException e) {
            damaged++;
            log.error("subscriber state of {} is damaged ({}); starting it afresh", Long.toString(msisdn).substring(0, 5)
                    + "…", e.getMessage());
            return null;
        }
    }

    /** Writes raw bytes as a subscriber's entry, as a damaged disk or an older build might have left it (tests). */
    void putEncoded(long msisdn, byte[] bytes) {
        subscribers.put(msisdn, bytes);
    }

    public void put(SubscriberState s) {
        checkFreeSpace();
        byte[] bytes = s.encode();
        if (intent != null && !intent.record(s.msisdn, bytes)) {
            log.warn("subscriber state of {}…: {} bytes, more than the redo log holds; a crash during this write"
                    + " may lose it", Long.toString(s.msisdn).substring(0, 5), bytes.length);
        }
        subscribers.put(s.msisdn, bytes);
        if (writes != null) {
            writes.state(s.msisdn, bytes);
        }
    }

    private void checkFreeSpace() {
        if (disk == null || ++putsSinceCheck < PUTS_BETWEEN_CHECKS) {
            return;
        }
        putsSinceCheck = 0;
        long usable;
        try {
            usable = disk.getUsableSpace();
        } catch (IOException cannotTell) {
            return;
        }
        if (usable < minFreeBytes) {
            putsSinceCheck = PUTS_BETWEEN_CHECKS; // look again next time
            throw new StateDiskFullException(dir, usable, minFreeBytes);
        }
    }

    /** The disk of the state directory is below its free-space reserve: no state is written. */
    public static final class StateDiskFullException extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        StateDiskFullException(Path dir, long free, long reserve) {
            super(String.format("subscriber state %s: only %.1f MiB free on its disk, below the reserve of %.1f MiB"
                    + " (journal.minFreeBytes); stopped before the disk fills (a full disk would kill the detector"
                    + " mid-write): free space, then run again", dir, free / 1048576.0, reserve / 1048576.0),
                    new IOException("disk nearly full"));
        }
    }

    /** The MSISDN behind an IMSI, or 0. */
    public long msisdnOf(long imsi) {
        Long m = imsiIndex.get(imsi);
        return m == null ? 0 : m;
    }

    public void index(long imsi, long msisdn) {
        if (imsi > 0) {
            imsiIndex.put(imsi, msisdn);
            if (writes != null) {
                writes.imsiIndexed(imsi, msisdn);
            }
        }
    }

    /** Journal index up to which every event has been applied, or -1. */
    public long checkpoint() {
        Long c = meta.get(CHECKPOINT_KEY);
        return c == null ? -1 : c;
    }

    public void checkpoint(long index) {
        meta.put(CHECKPOINT_KEY, index);
    }

    public long subscribers() {
        return subscribers.longSize();
    }

    public long damagedEntries() {
        return damaged;
    }

    /** Bytes of off-heap memory (or file) the subscriber map uses. */
    public long bytesUsed() {
        return subscribers.offHeapMemoryUsed() + imsiIndex.offHeapMemoryUsed();
    }

    /** Calls {@code each} for every stored subscriber (for dumps and comparisons; not for hot paths). */
    public void forEach(java.util.function.Consumer<SubscriberState> each) {
        subscribers.forEach((k, v) -> {
            try {
                each.accept(SubscriberState.decode(v));
            } catch (IllegalStateException damagedEntry) {
                damaged++;
            }
        });
    }

    /**
     * Lets go of the files as a process that dies would: maps and lock released, the open marker
     * left behind (tests of the recovery).
     */
    void abandon() {
        subscribers.close();
        imsiIndex.close();
        meta.close();
        if (lock != null) {
            try {
                intent.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lock.close();
        }
    }

    /** Closes the maps; a writer then removes its open marker (a clean close) and releases its lock. */
    @Override
    public void close() {
        subscribers.close();
        imsiIndex.close();
        meta.close();
        if (lock != null) {
            try {
                intent.close();
                Files.deleteIfExists(marker);
            } catch (IOException e) {
                log.warn("cannot remove {}: the next open will recover the store ({})", marker, e.toString());
            }
            lock.close();
        }
    }
}
