package io.swapguard.engine.state;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.map.ChronicleMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriber state by MSISDN, an IMSI → MSISDN index, and the detector's checkpoint, in Chronicle
 * Map files (off-heap, memory-mapped, so a restart finds them as the last write left them and a
 * crash loses nothing the OS had). In-memory when no directory is given (tests, one-off replays).
 */
public final class SubscriberStore implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(SubscriberStore.class);
    static final long CHECKPOINT_KEY = -1L;

    private final ChronicleMap<Long, byte[]> subscribers;
    private final ChronicleMap<Long, Long> imsiIndex;
    private final ChronicleMap<Long, Long> meta;
    private long damaged;

    private SubscriberStore(ChronicleMap<Long, byte[]> subscribers, ChronicleMap<Long, Long> imsiIndex,
            ChronicleMap<Long, Long> meta) {
        this.subscribers = subscribers;
        this.imsiIndex = imsiIndex;
        this.meta = meta;
    }

    /** Opens (or creates) the store in {@code dir}, sized for {@code expectedSubscribers}. */
    public static SubscriberStore open(Path dir, int expectedSubscribers) {
        try {
            Files.createDirectories(dir);
            return new SubscriberStore(
                    ChronicleMap.of(Long.class, byte[].class).name("subscribers").entries(expectedSubscribers)
                            .averageValueSize(104).maxBloatFactor(8).createPersistedTo(dir.resolve("subscribers.dat").toFile()),
                    ChronicleMap.of(Long.class, Long.class).name("imsi-index").entries(expectedSubscribers + expectedSubscribers / 4L)
                            .maxBloatFactor(8).createPersistedTo(dir.resolve("imsi-index.dat").toFile()),
                    ChronicleMap.of(Long.class, Long.class).name("meta").entries(16)
                            .createPersistedTo(dir.resolve("meta.dat").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open subscriber state in " + dir, e);
        }
    }

    /** A store that lives in memory only. */
    public static SubscriberStore inMemory(int expectedSubscribers) {
        return new SubscriberStore(
                ChronicleMap.of(Long.class, byte[].class).name("subscribers").entries(expectedSubscribers)
                        .averageValueSize(104).maxBloatFactor(8).create(),
                ChronicleMap.of(Long.class, Long.class).name("imsi-index").entries(expectedSubscribers + expectedSubscribers / 4L)
                        .maxBloatFactor(8).create(),
                ChronicleMap.of(Long.class, Long.class).name("meta").entries(16).create());
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

    public void put(SubscriberState s) {
        subscribers.put(s.msisdn, s.encode());
    }

    /** The MSISDN behind an IMSI, or 0. */
    public long msisdnOf(long imsi) {
        Long m = imsiIndex.get(imsi);
        return m == null ? 0 : m;
    }

    public void index(long imsi, long msisdn) {
        if (imsi > 0) {
            imsiIndex.put(imsi, msisdn);
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

    @Override
    public void close() {
        subscribers.close();
        imsiIndex.close();
        meta.close();
    }
}
