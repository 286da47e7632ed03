package io.swapguard.cluster;

import io.swapguard.engine.state.SubscriberStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every partition of the subscriber-state changelog, followed into a local read-only store: what an
 * SMPP gate or a CAMARA API instance answers from in a cluster, whichever detector owns the
 * subscriber (no routing to the owner, no RPC; a gate in another site answers while a detector
 * site is down). Staleness is the changelog's lag: {@link #lagMillis} for the last record applied.
 *
 * <p>One thread consumes ({@link #start}); the store is read from any thread.
 */
public final class StateReplica implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StateReplica.class);

    private final ClusterSettings settings;
    private final SubscriberStore store;
    private final LongConsumer lags;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final AtomicLong applied = new AtomicLong();
    private volatile long lagMillis = -1;
    private volatile boolean running = true;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    /**
     * @param subscribers how many subscribers the local store is sized for (all of them)
     * @param lags told, per record applied, the milliseconds from its write by a detector to here (null: none)
     */
    public StateReplica(ClusterSettings settings, int subscribers, LongConsumer lags) {
        this.settings = settings;
        this.store = SubscriberStore.inMemory(subscribers);
        this.lags = lags;
    }

    /**
     * Starts following the changelog from its beginning.
     *
     * @throws KafkaException when the topic does not exist (no detector instance prepared it yet)
     */
    public StateReplica start() {
        Map<String, Object> p = new HashMap<>(settings.client());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // a topic made by a reader has the broker's defaults
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(settings.stateTopic()).stream()
                .map(i -> new TopicPartition(settings.stateTopic(), i.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            consumer = null;
            throw new KafkaException("topic " + settings.stateTopic() + " does not exist (yet)");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        thread = new Thread(() -> follow(partitions, ends), "state-replica");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void follow(List<TopicPartition> partitions, Map<TopicPartition, Long> ends) {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    apply(r);
                }
                if (caughtUp.getCount() > 0 && partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
                    log.info("state replica caught up: {} changelog records", applied.get());
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException stopping) {
            // close() woke it
        } catch (KafkaException e) {
            log.error("state replica stopped following {}: {}", settings.stateTopic(), e.toString());
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        if (r.key() == null || r.value() == null) {
            return;
        }
        String key = new String(r.key(), StandardCharsets.US_ASCII);
        try {
            if (key.startsWith(PartitionedDetector.IMSI_KEY)) {
                store.restoreIndex(Long.parseLong(key.substring(PartitionedDetector.IMSI_KEY.length())),
                        Long.parseLong(new String(r.value(), StandardCharsets.US_ASCII)));
            } else {
                store.restore(Long.parseLong(key), r.value());
            }
        } catch (NumberFormatException e) {
            log.warn("changelog record with key {} in {}-{} is not swapguard's; skipped", key, r.topic(), r.partition());
            return;
        }
        applied.incrementAndGet();
        long lag = System.currentTimeMillis() - r.timestamp();
        lagMillis = lag;
        if (lags != null) {
            lags.accept(lag);
        }
    }

    /** Waits until everything the changelog held at start is applied. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The store to answer from (read only: the changelog writes it). */
    public SubscriberStore store() {
        return store;
    }

    /** Changelog records applied. */
    public long applied() {
        return applied.get();
    }

    /** Milliseconds from the last applied record's write to its arrival here, -1 before any. */
    public long lagMillis() {
        return lagMillis;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
        store.close();
    }
}
