package io.swapguard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.Detector;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.state.SubscriberQueries;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventRecord;
import io.swapguard.event.EventWriter;
import io.swapguard.event.Msisdn;
import io.swapguard.event.codec.EventCodec;
import io.swapguard.forward.CompactedTopic;
import io.swapguard.forward.ForwarderSettings;
import io.swapguard.forward.JournalForwarder;
import io.swapguard.forward.KafkaCluster;
import io.swapguard.forward.SubscriberKey;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalSettings;
import io.swapguard.sim.FraudKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same simulated day judged on one box and by three detector instances on three Kafka brokers,
 * one instance killed with -9 and one broker stopped mid-run: the alerts (by id) and every
 * subscriber's final state must be the same.
 */
class ClusterDetectionTest {

    static final int SUBSCRIBERS = 4_000;
    static final int PARTITIONS = 6;

    @TempDir
    Path dir;

    static DetectorConfig config() {
        return new DetectorConfig(null, null, 4 * SUBSCRIBERS, null, "", null, null,
                Path.of("..", "..", "conf", "senders.yaml").toString(), null, null, null);
    }

    static ClusterSettings settings(String bootstrap, String instance) {
        return new ClusterSettings(bootstrap, instance, ClusterSettings.GROUP, ForwarderSettings.SIGNALS_TOPIC,
                ClusterSettings.STATE_TOPIC, ClusterSettings.ALERTS_TOPIC, SUBSCRIBERS, DetectorChild.client());
    }

    @Test
    void threeDetectorsOneKilledAndABrokerDownJudgeAsOneBox() throws Exception {
        // The day, through the probe pipeline into a journal.
        Path journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(JournalSettings.of(journalDir)); EventWriter w = journal.writer()) {
            SimulatedDay.write(SUBSCRIBERS, w);
        }

        // One box.
        Map<String, AlertEvent> oneBoxAlerts = new TreeMap<>();
        Map<Long, SubscriberState> oneBoxStates = new HashMap<>();
        try (Journal journal = Journal.openExisting(JournalSettings.of(journalDir));
                SubscriberStore store = SubscriberStore.inMemory(4 * SUBSCRIBERS);
                var reader = journal.reader()) {
            Detector d = new Detector(config(), store, io.swapguard.engine.TestSenders.shipped());
            for (EventRecord r; (r = reader.next()) != null; ) {
                for (AlertEvent a : d.apply(r)) {
                    oneBoxAlerts.put("probe/" + AlertEvent.id(r.index(), a.ordinal()), a);
                }
            }
            store.forEach(s -> oneBoxStates.put(s.msisdn, s));
        }
        assertThat(oneBoxAlerts).as("the day has attacks").hasSizeGreaterThan(FraudKind.values().length);

        try (KafkaCluster kafka = KafkaCluster.start(3)) {
            String bootstrap = kafka.bootstrap();
            Detector judge = new Detector(config(), SubscriberStore.inMemory(16), io.swapguard.engine.TestSenders.shipped());
            SubscriberKey keys = new SubscriberKey(judge.network()::subscriber, judge::trustsPairing);
            ForwarderSettings fs = ForwarderSettings.of(bootstrap, "probe").withTopics(PARTITIONS, 3);
            long signals;
            Process child;
            List<PartitionedDetector> here = List.of(
                    new PartitionedDetector(settings(bootstrap, "a"), config(), io.swapguard.engine.TestSenders::shipped),
                    new PartitionedDetector(settings(bootstrap, "b"), config(), io.swapguard.engine.TestSenders::shipped));
            List<Thread> threads = new ArrayList<>();
            try (Journal journal = Journal.openExisting(JournalSettings.of(journalDir));
                    JournalForwarder f = new JournalForwarder(journal, fs.withMaxBatch(500), keys)) {
                f.start();
                long total = journalSize(journalDir);
                forward(f, total / 3);
                // The instance to be killed starts alone, in a JVM of its own, and gets to work.
                child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "@" + Path.of("..", "..", "conf", "jvm.options").toAbsolutePath(), "-cp",
                        System.getProperty("java.class.path"), DetectorChild.class.getName(), bootstrap, "c")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
                await(() -> committed(bootstrap).values().stream().mapToLong(Long::longValue).sum() > 0, "the first instance commits");
                // Two more join; the first keeps a share of the partitions.
                for (PartitionedDetector d : here) {
                    Thread t = new Thread(d::run, "detector");
                    t.start();
                    threads.add(t);
                }
                await(() -> here.stream().allMatch(d -> !d.owned().isEmpty())
                        && here.stream().mapToLong(d -> d.owned().size()).sum() < PARTITIONS, "the group rebalanced");
                List<Integer> its = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
                here.forEach(d -> its.removeAll(d.owned()));
                Map<Integer, Long> before = committed(bootstrap);
                forward(f, 2 * total / 3);
                await(() -> {
                    Map<Integer, Long> now = committed(bootstrap);
                    return its.stream().allMatch(p -> now.getOrDefault(p, 0L) > before.getOrDefault(p, 0L));
                }, "the first instance judges its partitions " + its);
                // The rest flows while the first instance is killed with -9 and a broker stops.
                // (The journal reader is this thread's: the killing happens on another.)
                Process victim = child;
                Thread killer = new Thread(() -> {
                    try {
                        Thread.sleep(300);
                        victim.destroyForcibly().waitFor();
                        kafka.kit.brokers().get(2).shutdown();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "killer");
                killer.start();
                forward(f, total);
                killer.join();
                signals = f.stats().records();
                assertThat(signals).isEqualTo(total);
            }
            // Where each signal went: partition and offset to journal index, the data offsets per
            // partition (transaction markers take offsets too), and each subscriber's partition.
            Map<Integer, Map<Long, Long>> journalIndex = new HashMap<>();
            Map<String, Integer> partitionOfKey = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : KafkaCluster.committedRecords(bootstrap, ForwarderSettings.SIGNALS_TOPIC)) {
                journalIndex.computeIfAbsent(r.partition(), p -> new HashMap<>()).put(PartitionedDetector.eventIndex(r.partition(), r.offset()),
                        ByteBuffer.wrap(r.headers().lastHeader(JournalForwarder.INDEX_HEADER).value()).getLong());
                if (r.key() != null) {
                    partitionOfKey.put(new String(r.key(), StandardCharsets.US_ASCII), r.partition());
                }
            }
            assertThat(journalIndex.values().stream().mapToLong(Map::size).sum()).isEqualTo(signals);
            Map<Integer, long[]> dataOffsets = new HashMap<>();
            journalIndex.forEach((p, m) -> dataOffsets.put(p, m.keySet().stream().mapToLong(i -> i & ((1L << 48) - 1)).sorted().toArray()));
            long committed = waitUntilConsumed(bootstrap, dataOffsets, signals);
            List<Integer> ownedAtEnd = here.stream().flatMap(d -> d.owned().stream()).sorted().toList();
            here.forEach(PartitionedDetector::stop);
            for (Thread t : threads) {
                t.join(30_000);
            }
            assertThat(committed).isEqualTo(signals);
            assertThat(java.nio.file.Files.readString(dir.resolve("child.log"))).as("the killed instance had partitions")
                    .contains("detector c owns partition");
            assertThat(ownedAtEnd).as("the two left own every partition").isEqualTo(List.of(0, 1, 2, 3, 4, 5));

            Map<String, AlertEvent> clusterAlerts = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : KafkaCluster.committedRecords(bootstrap, ClusterSettings.ALERTS_TOPIC)) {
                AlertEvent a = (AlertEvent) EventCodec.decode(r.value());
                String key = new String(r.key(), StandardCharsets.UTF_8);
                int partition = (int) (a.sourceIndex() >>> 48);
                assertThat(key).isEqualTo(a.id());
                // as one box names it: the journal index of the signal that raised it
                String oneBoxId = "probe/" + AlertEvent.id(journalIndex.get(partition).get(a.sourceIndex()), a.ordinal());
                assertThat(clusterAlerts.put(oneBoxId, a)).as("alert %s written once", key).isNull();
                assertThat(Long.toHexString(ByteBuffer.wrap(r.headers().lastHeader(JournalForwarder.INDEX_HEADER).value())
                        .getLong())).as("the signal's journal index, in a header").isEqualTo(oneBoxId.substring(6, oneBoxId.indexOf('-')));
            }
            assertThat(clusterAlerts.keySet()).as("alert ids").isEqualTo(oneBoxAlerts.keySet());
            clusterAlerts.forEach((id, a) -> {
                AlertEvent want = oneBoxAlerts.get(id);
                Map<Long, Long> toJournal = journalIndex.get(partitionOfKey.get(a.msisdn().digits()));
                assertThat(List.of(a.rule(), a.severity(), a.msisdn(), a.title(), a.monitored()))
                        .as(id).isEqualTo(List.of(want.rule(), want.severity(), want.msisdn(), want.title(), want.monitored()));
                assertThat(a.evidence().stream().map(e -> List.of(e.index() < 0 ? e.index() : toJournal.getOrDefault(e.index(), -2L),
                        e.timeNanos(), journalIds(e.text(), toJournal))).toList()).as("evidence of %s", id)
                        .isEqualTo(want.evidence().stream().map(e -> List.of(e.index(), e.timeNanos(), e.text())).toList());
            });

            Map<String, byte[]> changelog = CompactedTopic.read(bootstrap, Map.of(), ClusterSettings.STATE_TOPIC, null);
            List<String> differ = new ArrayList<>();
            for (SubscriberState want : oneBoxStates.values()) {
                byte[] bytes = changelog.get(Long.toString(want.msisdn));
                if (bytes == null) {
                    differ.add(want.msisdn + ": missing");
                    continue;
                }
                SubscriberState got = SubscriberState.decode(bytes);
                Map<Long, Long> toJournal = journalIndex.get(partitionOfKey.get(Long.toString(want.msisdn)));
                String a = StateView.of(want, LongUnaryOperator.identity());
                String b = StateView.of(got, o -> o < 0 ? o : toJournal.getOrDefault(o, -2L));
                if (!a.equals(b)) {
                    List<String> x = List.of(a.split(" ")), y = List.of(b.split(" "));
                    differ.add(want.msisdn + ": one box " + x.stream().filter(t -> !y.contains(t)).toList() + ", cluster "
                            + y.stream().filter(t -> !x.contains(t)).toList());
                }
            }
            assertThat(differ).as("subscribers whose state differs").isEmpty();
            assertThat(changelog.keySet().stream().filter(k -> !k.startsWith(PartitionedDetector.IMSI_KEY)).count())
                    .isEqualTo(oneBoxStates.size());

            // A gate's or API's replica of the changelog answers as one box does, for every subscriber.
            try (StateReplica replica = new StateReplica(settings(bootstrap, "gate"), 4 * SUBSCRIBERS, null).start();
                    SubscriberStore oneBox = SubscriberStore.inMemory(4 * SUBSCRIBERS)) {
                assertThat(replica.awaitCaughtUp(Duration.ofMinutes(1))).as("the replica caught up").isTrue();
                oneBoxStates.values().forEach(st -> oneBox.restore(st.msisdn, st.encode()));
                SubscriberQueries fromReplica = new SubscriberQueries(replica.store());
                SubscriberQueries fromOneBox = new SubscriberQueries(oneBox);
                for (SubscriberState st : oneBoxStates.values()) {
                    Msisdn m = Msisdn.of(Long.toString(st.msisdn));
                    assertThat(fromReplica.facts(m)).as("facts of %s", m).isEqualTo(fromOneBox.facts(m));
                }
                assertThat(replica.applied()).as("records applied, superseded ones too").isGreaterThanOrEqualTo(changelog.size());
            }
        }
    }

    private static long journalSize(Path dir) {
        long n = 0;
        try (Journal j = Journal.openExisting(JournalSettings.of(dir)); var r = j.reader()) {
            while (r.next() != null) {
                n++;
            }
        }
        return n;
    }

    /** Forwards until {@code upTo} records are out, starting again after a failed transaction (a broker gone). */
    private static void forward(JournalForwarder f, long upTo) {
        while (f.stats().records() < upTo) {
            try {
                if (f.forwardOnce() == 0) {
                    return;
                }
            } catch (org.apache.kafka.common.KafkaException e) {
                f.start();
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 3 min for: %s", what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The group's committed offset per signals partition. */
    private static Map<Integer, Long> committed(String bootstrap) {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            Map<Integer, Long> out = new HashMap<>();
            admin.listConsumerGroupOffsets(ClusterSettings.GROUP).partitionsToOffsetAndMetadata().get()
                    .forEach((tp, o) -> out.put(tp.partition(), o == null ? 0 : o.offset()));
            return out;
        } catch (java.util.concurrent.ExecutionException e) {
            return Map.of(); // no group yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** An evidence text with the alert ids it names (offset-ordinal) as one box names them (journal index-ordinal). */
    private static String journalIds(String text, Map<Long, Long> toJournal) {
        return java.util.regex.Pattern.compile("incident ([0-9a-f]+)-(\\d+)").matcher(text).replaceAll(m ->
                "incident " + Long.toHexString(toJournal.getOrDefault(Long.parseLong(m.group(1), 16), -2L)) + "-" + m.group(2));
    }


    /** Waits until the group has committed the offsets of {@code atLeast} signals; returns how many it has. */
    private static long waitUntilConsumed(String bootstrap, Map<Integer, long[]> dataOffsets, long atLeast)
            throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            long done = 0;
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(ClusterSettings.GROUP)
                        .partitionsToOffsetAndMetadata().get();
                done = 0;
                for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                    long[] data = dataOffsets.getOrDefault(e.getKey().partition(), new long[0]);
                    int i = java.util.Arrays.binarySearch(data, e.getValue().offset());
                    done += i >= 0 ? i : -i - 1; // data records below the committed offset
                }
                if (done >= atLeast) {
                    return done;
                }
                Thread.sleep(200);
            }
            return done;
        }
    }
}
