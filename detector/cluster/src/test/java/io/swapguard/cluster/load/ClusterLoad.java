package io.swapguard.cluster.load;

import io.swapguard.cluster.ClusterSettings;
import io.swapguard.cluster.PartitionedDetector;
import io.swapguard.cluster.SimulatedDay;
import io.swapguard.engine.Detector;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.TestSenders;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.EventRecord;
import io.swapguard.event.EventWriter;
import io.swapguard.forward.ForwarderSettings;
import io.swapguard.forward.JournalForwarder;
import io.swapguard.forward.KafkaCluster;
import io.swapguard.forward.SubscriberKey;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalSettings;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Whole-path load through Kafka on this machine: a simulated day forwarded to three in-process
 * brokers, then judged by 1, 2 and 3 detector instances (each in a group of its own, from the
 * start of the topic), against one box judging the same journal in the same run; then a live run
 * (journal appended at a fixed rate while it is forwarded and judged) for the latency from the
 * forwarder's send of a signal to the alert it raised.
 *
 * <p>{@code mvn -pl detector/cluster exec:exec@cluster-load -Dcluster.args="SUBSCRIBERS RATE DIR"}
 */
public final class ClusterLoad {

    private static final int PARTITIONS = 12;

    private ClusterLoad() {
    }

    public static void main(String[] args) throws Exception {
        int subscribers = Integer.parseInt(args[0]);
        int rate = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        Files.createDirectories(dir);
        Path journalDir = dir.resolve("journal-" + System.nanoTime());
        long events = 0;
        try (Journal j = Journal.open(JournalSettings.of(journalDir)); EventWriter w = j.writer()) {
            SimulatedDay.write(subscribers, w);
        }
        DetectorConfig config = new DetectorConfig(null, null, 4 * subscribers, null, "", null, null,
                Path.of("..", "..", "conf", "senders.yaml").toString(), null, null, null);

        // One box, the baseline: the same rules over the journal, one thread; the second of two
        // passes (the first warms the JIT up).
        double oneBox = 0;
        for (int pass = 0; pass < 2; pass++) {
            events = 0;
            long t0 = System.nanoTime();
            try (Journal j = Journal.openExisting(JournalSettings.of(journalDir));
                    SubscriberStore store = SubscriberStore.inMemory(4 * subscribers); var r = j.reader()) {
                Detector d = new Detector(config, store, TestSenders.shipped());
                for (EventRecord e; (e = r.next()) != null; ) {
                    d.apply(e);
                    events++;
                }
            }
            oneBox = events / ((System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("events %,d; one box: %,.0f events/s%n", events, oneBox);

        try (KafkaCluster kafka = KafkaCluster.start(3)) {
            String bootstrap = kafka.bootstrap();
            Detector judge = new Detector(config, SubscriberStore.inMemory(16), TestSenders.shipped());
            ForwarderSettings fs = new ForwarderSettings(bootstrap, "probe", "signals", "positions", "pairings", PARTITIONS,
                    (short) 3, 20_000, Duration.ofMillis(50), Map.of());
            long f0 = System.nanoTime();
            try (Journal j = Journal.openExisting(JournalSettings.of(journalDir));
                    JournalForwarder f = new JournalForwarder(j, fs, new SubscriberKey(judge.network()::subscriber, judge::trustsPairing))) {
                f.start();
                while (f.forwardOnce() > 0) {
                    // next transaction
                }
            }
            System.out.printf("forwarder: %,.0f events/s (3 brokers, replication 3)%n", events / ((System.nanoTime() - f0) / 1e9));
            Map<TopicPartition, Long> ends = ends(bootstrap, "signals");
            for (int instances = 1; instances <= 3; instances++) {
                String tag = "run" + instances;
                List<PartitionedDetector> ds = new ArrayList<>();
                List<Thread> ts = new ArrayList<>();
                long s0 = System.nanoTime();
                for (int i = 0; i < instances; i++) {
                    PartitionedDetector d = new PartitionedDetector(new ClusterSettings(bootstrap, tag + "-" + i, "group-" + tag,
                            "signals", "state-" + tag, "alerts-" + tag, 4 * subscribers / PARTITIONS, Map.of()), config,
                            TestSenders::shipped);
                    ds.add(d);
                    Thread t = new Thread(d::run, "detector-" + i);
                    t.start();
                    ts.add(t);
                }
                awaitCommitted(bootstrap, "group-" + tag, ends);
                double s = (System.nanoTime() - s0) / 1e9;
                ds.forEach(PartitionedDetector::stop);
                for (Thread t : ts) {
                    t.join();
                }
                long judged = ds.stream().mapToLong(PartitionedDetector::events).sum();
                System.out.printf("%d detector instance(s): %,d events judged in %.1f s = %,.0f events/s, %.2f of one box%n",
                        instances, judged, s, events / s, events / s / oneBox);
            }
            live(bootstrap, config, journalDir, dir, rate, subscribers, judge);
        }
    }

    /** The latency from the forwarder's send to the alert's, with the journal appended at {@code rate} events/s. */
    private static void live(String bootstrap, DetectorConfig config, Path recorded, Path dir, int rate, int subscribers,
            Detector judge) throws Exception {
        Path liveDir = dir.resolve("live-" + System.nanoTime());
        List<PartitionedDetector> ds = new ArrayList<>();
        List<Thread> ts = new ArrayList<>();
        List<Long> replicaLags = new ArrayList<>();
        io.swapguard.cluster.StateReplica replica;
        ForwarderSettings fs = new ForwarderSettings(bootstrap, "live", "signals-live", "positions", "pairings-live",
                PARTITIONS, (short) 3, 2_000, Duration.ofMillis(5), Map.of());
        try (Journal source = Journal.openExisting(JournalSettings.of(recorded)); var r = source.reader();
                Journal live = Journal.open(JournalSettings.of(liveDir)); EventWriter w = live.writer();
                JournalForwarder f = new JournalForwarder(live, fs, new SubscriberKey(judge.network()::subscriber, judge::trustsPairing))) {
            f.start(); // creates the topic before the detectors subscribe
            for (int i = 0; i < 3; i++) {
                PartitionedDetector d = new PartitionedDetector(new ClusterSettings(bootstrap, "live-" + i, "group-live",
                        "signals-live", "state-live", "alerts-live", 4 * subscribers / PARTITIONS, Map.of()), config,
                        TestSenders::shipped);
                ds.add(d);
                Thread t = new Thread(d::run, "detector-live-" + i);
                t.start();
                ts.add(t);
            }
            Thread.sleep(5_000); // the group forms (and creates the changelog)
            replica = new io.swapguard.cluster.StateReplica(new ClusterSettings(bootstrap, "replica", "none", "signals-live",
                    "state-live", "alerts-live", 1, Map.of()), 4 * subscribers, lag -> {
                        synchronized (replicaLags) {
                            replicaLags.add(lag);
                        }
                    }).start();
            long start = System.nanoTime();
            long n = 0;
            for (EventRecord e; (e = r.next()) != null; ) {
                w.append(e.event());
                n++;
                if (n % 100 == 0) {
                    long due = start + n * 1_000_000_000L / rate;
                    while (System.nanoTime() < due) {
                        f.forwardOnce();
                    }
                }
            }
            while (f.forwardOnce() > 0) {
                // the rest
            }
        }
        awaitCommitted(bootstrap, "group-live", ends(bootstrap, "signals-live"));
        Thread.sleep(2_000); // the replica's last records
        replica.close();
        ds.forEach(PartitionedDetector::stop);
        for (Thread t : ts) {
            t.join();
        }
        Map<Long, Long> sentAt = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> rec : KafkaCluster.committedRecords(bootstrap, "signals-live")) {
            sentAt.put(ByteBuffer.wrap(rec.headers().lastHeader(JournalForwarder.INDEX_HEADER).value()).getLong(), rec.timestamp());
        }
        List<Long> latencies = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> rec : KafkaCluster.committedRecords(bootstrap, "alerts-live")) {
            long index = ByteBuffer.wrap(rec.headers().lastHeader(JournalForwarder.INDEX_HEADER).value()).getLong();
            latencies.add(rec.timestamp() - sentAt.get(index));
        }
        long[] rl;
        synchronized (replicaLags) {
            rl = replicaLags.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        System.out.printf("state replica (a gate's view): %,d changelog records, write-to-answerable lag p50 %d ms, p99 %d ms, max %d ms%n",
                rl.length, rl[rl.length / 2], rl[(int) Math.min(rl.length - 1, Math.ceil(rl.length * 0.99) - 1)], rl[rl.length - 1]);
        long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("live at %,d events/s, 3 instances: %d alerts, send-to-alert latency p50 %d ms, p99 %d ms, max %d ms%n",
                rate, l.length, l[l.length / 2], l[(int) Math.min(l.length - 1, Math.ceil(l.length * 0.99) - 1)], l[l.length - 1]);
    }

    private static Map<TopicPartition, Long> ends(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> want = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                want.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(want, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                    .forEach((tp, o) -> out.put(tp, o.offset()));
            return out;
        }
    }

    /** Until the group's committed offsets reach the ends (the last record's offset + 1, before its commit marker). */
    private static void awaitCommitted(String bootstrap, String group, Map<TopicPartition, Long> ends) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            while (true) {
                var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                boolean done = ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || offsets.get(e.getKey()) != null
                        && offsets.get(e.getKey()).offset() >= e.getValue() - 1);
                if (done) {
                    return;
                }
                Thread.sleep(20);
            }
        }
    }


}
