package io.swapguard.cluster;

import io.swapguard.engine.Change;
import io.swapguard.engine.Detector;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventRecord;
import io.swapguard.event.SignalEvent;
import io.swapguard.event.codec.EventCodec;
import io.swapguard.event.codec.EventDecodeException;
import io.swapguard.event.codec.RecordBuffer;
import io.swapguard.forward.CompactedTopic;
import io.swapguard.forward.JournalForwarder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One detector instance of many, sharing the partitions of the signals topic in a consumer group.
 *
 * <p>Why a plain consumer group and not Kafka Streams: the rules and the subscriber store stay the
 * very code that runs on one box (a {@link Detector} over a {@link SubscriberStore} per partition);
 * Streams would bring its own topology, serdes and state stores for what is here one loop.
 *
 * <p>Exactly once, per transaction (up to 20,000 records or 100 ms of them): the alerts it raised,
 * the state it changed (to the compacted changelog, in the same partition as the signals) and the
 * consumed offsets commit in one Kafka transaction.
 * A partition assigned to this instance is restored from the changelog first; one revoked or lost is
 * dropped. After any failure the instance drops every partition and joins again: the uncommitted
 * batch is read again, and the state is the committed one.
 *
 * <p>The index the rules see for an event (its identity in evidence, and what makes a replay change
 * nothing twice) is the record's offset in its partition, unique and increasing per subscriber
 * whichever probe forwarded it (two probes' journal indexes are not comparable), with the partition
 * above it ({@link #eventIndex}). Alerts are keyed by their id and carry the signal's source and
 * journal index as headers.
 */
public final class PartitionedDetector implements AutoCloseable {

    /** Prefix of an IMSI index entry's key in the changelog (the others are MSISDNs). */
    public static final String IMSI_KEY = "imsi:";

    private static final Logger log = LoggerFactory.getLogger(PartitionedDetector.class);

    private final ClusterSettings settings;
    private final DetectorConfig config;
    private final Supplier<SenderRegistry> registry;
    private final Map<Integer, Partition> partitions = new ConcurrentHashMap<>();
    private final RecordBuffer buffer = new RecordBuffer();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private volatile boolean running = true;

    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    private boolean inTransaction;
    private long transactionStart;
    private int pendingRecords;

    /** A transaction commits at this many records judged, or at this age, or when a poll brings nothing. */
    static final int MAX_TRANSACTION_RECORDS = 20_000;
    static final long MAX_TRANSACTION_NANOS = 100_000_000L;

    /** A partition this instance owns: its detector over its store. */
    private record Partition(int number, SubscriberStore store, Detector detector) {
    }

    public PartitionedDetector(ClusterSettings settings, DetectorConfig config, Supplier<SenderRegistry> registry) {
        this.settings = settings;
        this.config = config;
        this.registry = registry;
    }

    /** Consumes and judges until {@link #stop}; after a Kafka failure it drops its partitions and joins again. */
    public void run() {
        while (running) {
            try {
                join();
                while (running) {
                    ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                    if (!batch.isEmpty()) {
                        judge(batch);
                    } else {
                        commit(); // nothing more for now: what is judged becomes visible
                    }
                }
            } catch (KafkaException e) {
                if (!running) {
                    break;
                }
                if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                    log.info("detector {}: no topic {} yet (a forwarder creates it); waiting", settings.instance(),
                            settings.signalsTopic());
                } else {
                    restarts.incrementAndGet();
                    log.warn("detector {} lost its footing ({}); dropping its partitions and joining again",
                            settings.instance(), e.toString());
                }
                leave();
                sleep(1_000);
            }
        }
        leave();
    }

    private void join() {
        ensureTopics();
        Map<String, Object> p = new HashMap<>(settings.client());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        Map<String, Object> c = new HashMap<>(settings.client());
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // a topic made by a reader has the broker's defaults
        consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(settings.signalsTopic()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                for (TopicPartition tp : assigned) {
                    partitions.computeIfAbsent(tp.partition(), PartitionedDetector.this::restore);
                }
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                commit(); // what was judged of them commits while they are still ours
                revoked.forEach(tp -> drop(tp.partition()));
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> lost) {
                // No longer ours: the open transaction cannot commit, and the run loop starts over.
                lost.forEach(tp -> drop(tp.partition()));
                throw new KafkaException("partitions " + lost + " lost");
            }
        });
    }

    /** A partition's store, rebuilt from the changelog's partition of the same number. */
    private Partition restore(int partition) {
        long started = System.nanoTime();
        SubscriberStore store = SubscriberStore.inMemory(settings.subscribersPerPartition());
        Map<String, byte[]> changelog = CompactedTopic.read(settings.bootstrapServers(), settings.client(),
                settings.stateTopic(), partition);
        changelog.forEach((key, value) -> {
            if (key.startsWith(IMSI_KEY)) {
                store.restoreIndex(Long.parseLong(key.substring(IMSI_KEY.length())),
                        Long.parseLong(new String(value, StandardCharsets.US_ASCII)));
            } else {
                store.restore(Long.parseLong(key), value);
            }
        });
        log.info("detector {} owns partition {}: {} changelog entries restored in {} ms", settings.instance(), partition,
                changelog.size(), (System.nanoTime() - started) / 1_000_000);
        store.writes(changelog(partition)); // from now on each write goes to the open transaction
        return new Partition(partition, store, new Detector(config, store, registry.get()));
    }

    /** Writes to a partition's store, sent to its changelog partition in the transaction under way. */
    private SubscriberStore.Writes changelog(int partition) {
        return new SubscriberStore.Writes() {
            @Override
            public void state(long msisdn, byte[] bytes) {
                producer.send(new ProducerRecord<>(settings.stateTopic(), partition,
                        Long.toString(msisdn).getBytes(StandardCharsets.US_ASCII), bytes));
            }

            @Override
            public void imsiIndexed(long imsi, long msisdn) {
                producer.send(new ProducerRecord<>(settings.stateTopic(), partition,
                        (IMSI_KEY + imsi).getBytes(StandardCharsets.US_ASCII),
                        Long.toString(msisdn).getBytes(StandardCharsets.US_ASCII)));
            }
        };
    }

    private void drop(int partition) {
        Partition p = partitions.remove(partition);
        if (p != null) {
            p.store().close();
        }
    }

    /** One batch, one transaction: alerts, state changes and the consumed offsets. */
    /**
     * Judges a poll's records inside the open transaction (beginning one if none is), and commits
     * when the transaction holds {@link #MAX_TRANSACTION_RECORDS} or has been open
     * {@link #MAX_TRANSACTION_NANOS}: a commit costs round trips to the coordinator and the
     * partition leaders, so one per poll would bound an instance by that latency.
     */
    private void judge(ConsumerRecords<byte[], byte[]> batch) {
        if (!inTransaction) {
            producer.beginTransaction();
            inTransaction = true;
            transactionStart = System.nanoTime();
        }
        for (ConsumerRecord<byte[], byte[]> r : batch) {
            Partition part = partitions.get(r.partition());
            if (part == null) {
                throw new KafkaException("record of partition " + r.partition() + " that this instance does not own");
            }
            judge(part, r);
            pending.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            pendingRecords++;
        }
        if (pendingRecords >= MAX_TRANSACTION_RECORDS || System.nanoTime() - transactionStart >= MAX_TRANSACTION_NANOS) {
            commit();
        }
    }

    /** Commits the open transaction: the alerts, the state and the offsets of what it judged. */
    private void commit() {
        if (!inTransaction) {
            return;
        }
        producer.sendOffsetsToTransaction(pending, consumer.groupMetadata());
        producer.commitTransaction();
        inTransaction = false;
        pending.clear();
        pendingRecords = 0;
    }

    private void judge(Partition part, ConsumerRecord<byte[], byte[]> r) {
        SignalEvent event;
        try {
            event = EventCodec.decode(r.value());
        } catch (EventDecodeException | IllegalArgumentException e) {
            unreadable.incrementAndGet();
            log.error("signal at {}-{} offset {} cannot be read ({}); skipped", r.topic(), r.partition(), r.offset(),
                    e.getMessage());
            return;
        }
        events.incrementAndGet();
        if (event instanceof AlertEvent) {
            return; // another detector's output: nothing to correlate
        }
        Change change = part.detector().process(new EventRecord(eventIndex(r.partition(), r.offset()), event));
        for (AlertEvent a : change.alerts()) {
            buffer.clear();
            EventCodec.encode(a, buffer);
            // The signal's own source and journal index go along, to find it in the probe's journal.
            RecordHeaders headers = new RecordHeaders();
            for (String name : List.of(JournalForwarder.SOURCE_HEADER, JournalForwarder.INDEX_HEADER)) {
                Header h = r.headers().lastHeader(name);
                if (h != null) {
                    headers.add(new RecordHeader(name, h.value()));
                }
            }
            producer.send(new ProducerRecord<>(settings.alertsTopic(), null, null,
                    a.id().getBytes(StandardCharsets.UTF_8), buffer.toByteArray(), headers));
            alerts.incrementAndGet();
        }
        change.commit(); // the store tells the changelog (above)
    }

    /**
     * The index the rules see for a signal: its partition in the top 16 bits and its offset there
     * below. Unique across partitions, so an alert's id ({@link AlertEvent#id}, from this index and
     * its ordinal) and the ids an escalation's evidence names are unique in the cluster, as the
     * webhook's receivers expect; and increasing per subscriber, whose signals are all in one
     * partition.
     */
    public static long eventIndex(int partition, long offset) {
        if (partition < 0 || partition > 0x7FFF || offset < 0 || offset >= 1L << 48) {
            throw new IllegalArgumentException("partition " + partition + " offset " + offset + " out of the index's range");
        }
        return (long) partition << 48 | offset;
    }

    private void ensureTopics() {
        Map<String, Object> a = new HashMap<>(settings.client());
        a.put("bootstrap.servers", settings.bootstrapServers());
        try (Admin admin = Admin.create(a)) {
            int count = admin.describeTopics(List.of(settings.signalsTopic())).allTopicNames().get()
                    .get(settings.signalsTopic()).partitions().size();
            short replicas = (short) Math.min(3, admin.describeCluster().nodes().get().size());
            String minIsr = Integer.toString(Math.min(2, replicas));
            List<NewTopic> wanted = new ArrayList<>();
            wanted.add(new NewTopic(settings.stateTopic(), count, replicas).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minIsr)));
            wanted.add(new NewTopic(settings.alertsTopic(), count, replicas)
                    .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minIsr)));
            io.swapguard.forward.CompactedTopic.createMissing(admin, wanted);
            int state = admin.describeTopics(List.of(settings.stateTopic())).allTopicNames().get()
                    .get(settings.stateTopic()).partitions().size();
            if (state != count) {
                throw new IllegalStateException("topic " + settings.stateTopic() + " has " + state + " partitions and "
                        + settings.signalsTopic() + " " + count + ": a changelog must match its signals partition for partition");
            }
        } catch (ExecutionException e) {
            throw new KafkaException("cannot prepare the detector topics: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted", e);
        }
    }

    private void leave() {
        inTransaction = false; // closing the producer abandons it; the broker aborts it
        pending.clear();
        pendingRecords = 0;
        if (consumer != null) {
            try {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
            } catch (KafkaException ignored) {
                // leaving anyway: the group coordinator drops us after the session timeout
            }
            consumer = null;
        }
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (KafkaException ignored) {
                // an open transaction is aborted by the next initTransactions of this id, or times out
            }
            producer = null;
        }
        List.copyOf(partitions.keySet()).forEach(this::drop);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks {@link #run} to return after the batch under way. */
    public void stop() {
        running = false;
    }

    /** The partitions this instance owns now. */
    public List<Integer> owned() {
        return partitions.keySet().stream().sorted().toList();
    }

    public long events() {
        return events.get();
    }

    public long alerts() {
        return alerts.get();
    }

    public long unreadable() {
        return unreadable.get();
    }

    public long restarts() {
        return restarts.get();
    }

    @Override
    public void close() {
        running = false;
    }
}
