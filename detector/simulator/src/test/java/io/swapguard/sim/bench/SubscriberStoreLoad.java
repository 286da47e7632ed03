package io.swapguard.sim.bench;

import io.swapguard.engine.Detector;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.EventRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The subscriber store at operator scale: N subscribers whose states are copies of the states a
 * day of simulated signalling leaves (so their sizes are realistic), written to a persisted store,
 * then read at random. Prints bytes per subscriber (file, off-heap, the state bytes themselves)
 * and lookup rates, beside a baseline in the same run: the same states in a {@code HashMap} on
 * the heap.
 *
 * <pre>
 * mvn -B -q -pl detector -am test-compile
 * mvn -B -q -pl detector exec:exec@store-load -Dstore.args="10000000 /tmp/store-load"
 * </pre>
 */
public final class SubscriberStoreLoad {

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "/tmp/store-load");
        deleteRecursively(dir);

        // Templates: the states a day of traffic leaves behind, about 2,000 different subscribers.
        List<EventRecord> day = SimulatedJournal.records(2_000, Duration.ofDays(1), 3);
        List<SubscriberState> templates = new ArrayList<>();
        try (SubscriberStore sample = SubscriberStore.inMemory(4_000)) {
            Detector d = new Detector(new DetectorConfig(null, null, 4_000, null, "", null, null, null, null, null, null),
                    sample, SenderRegistry.empty());
            day.forEach(d::apply);
            sample.forEach(templates::add);
        }
        long templateBytes = templates.stream().mapToLong(s -> s.encode().length).sum();
        System.out.printf("templates: %,d subscriber states from %,d events, %.1f bytes each on average%n",
                templates.size(), day.size(), (double) templateBytes / templates.size());

        long msisdnBase = 6281100000000L;
        long stateBytes = 0;
        long t0 = System.nanoTime();
        try (SubscriberStore store = SubscriberStore.open(dir, n)) {
            for (int i = 0; i < n; i++) {
                SubscriberState s = copy(templates.get(i % templates.size()), msisdnBase + i, i);
                byte[] bytes = s.encode();
                stateBytes += bytes.length;
                store.put(s);
                store.index(s.imsi, s.msisdn);
            }
            long insertNanos = System.nanoTime() - t0;
            System.out.printf("insert: %,d subscribers in %.1f s, %,.0f per second (state + IMSI index)%n", n,
                    insertNanos / 1e9, n / (insertNanos / 1e9));
            long fileBytes = allocatedBytes(dir);
            System.out.printf("memory: %.1f bytes of state per subscriber; store files %,d bytes allocated = %.1f "
                    + "bytes per subscriber (state + IMSI index + Chronicle Map overhead); off-heap used %,d%n",
                    (double) stateBytes / n, fileBytes, (double) fileBytes / n, store.bytesUsed());

            SplittableRandom r = new SplittableRandom(1);
            int lookups = 5_000_000;
            long[] keys = new long[lookups];
            for (int i = 0; i < lookups; i++) {
                keys[i] = msisdnBase + r.nextInt(n);
            }
            long sink = 0;
            for (int pass = 0; pass < 3; pass++) {
                long t = System.nanoTime();
                for (long k : keys) {
                    sink += store.get(k).imsi;
                }
                long nanos = System.nanoTime() - t;
                System.out.printf("lookup pass %d: %,.0f random get+decode per second (%.0f ns each)%n", pass,
                        lookups / (nanos / 1e9), (double) nanos / lookups);
            }
            long t = System.nanoTime();
            for (long k : keys) {
                sink += store.msisdnOf(510100000000000L + (k - msisdnBase) * 10);
            }
            long nanos = System.nanoTime() - t;
            System.out.printf("IMSI index: %,.0f random lookups per second%n", lookups / (nanos / 1e9));

            // Baseline, same run: the same encoded states in a HashMap on the heap.
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long heapBefore = rt.totalMemory() - rt.freeMemory();
            Map<Long, byte[]> heap = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                SubscriberState s = copy(templates.get(i % templates.size()), msisdnBase + i, i);
                heap.put(s.msisdn, s.encode());
            }
            System.gc();
            long heapAfter = rt.totalMemory() - rt.freeMemory();
            System.out.printf("baseline HashMap<Long, byte[]>: %.1f bytes per subscriber on the heap%n",
                    (double) (heapAfter - heapBefore) / n);
            for (int pass = 0; pass < 3; pass++) {
                long h = System.nanoTime();
                for (long k : keys) {
                    sink += SubscriberState.decode(heap.get(k)).imsi;
                }
                long hn = System.nanoTime() - h;
                System.out.printf("baseline lookup pass %d: %,.0f random get+decode per second (%.0f ns each)%n", pass,
                        lookups / (hn / 1e9), (double) hn / lookups);
            }
            System.out.println("(checksum " + sink + ")");
        }
    }

    /** A template's state as another subscriber's: its own MSISDN, IMSI and IMEI. */
    private static SubscriberState copy(SubscriberState t, long msisdn, int i) {
        SubscriberState s = SubscriberState.decode(t.encode());
        s.msisdn = msisdn;
        s.imsi = 510100000000000L + i * 10L;
        if (s.imei != 0) {
            s.imei = 35332509000000L + i;
        }
        return s;
    }

    private static long allocatedBytes(Path dir) throws IOException {
        // Chronicle Map files are sparse: count the blocks the file system allocated, as du does.
        Process du = new ProcessBuilder("du", "-s", "-B1", dir.toString()).start();
        String out = new String(du.getInputStream().readAllBytes()).trim();
        return Long.parseLong(out.split("\\s+")[0]);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
