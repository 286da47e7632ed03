package io.swapguard.forward;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows the pairings topic that every forwarder writes: at start everything learned so far, then,
 * while forwarding, what other sites learn (a subscriber seen paired at one site is placed by its
 * IMSI at the others from then on). On the forwarder's thread only.
 */
final class PairingsFollower implements AutoCloseable {

    private static final long POLL_EVERY_NANOS = 100_000_000L;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private long lastPoll;
    private long applied;

    PairingsFollower(ForwarderSettings s, SubscriberKey keys) {
        Map<String, Object> p = new HashMap<>(s.client());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> parts = consumer.partitionsFor(s.pairingsTopic()).stream()
                    .map(i -> new TopicPartition(s.pairingsTopic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            // Everything learned so far, to the end every producer has written (see CompactedTopic).
            Map<TopicPartition, Long> ends = CompactedTopic.ends(s.bootstrapServers(), s.client(), parts);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new org.apache.kafka.common.KafkaException("topic " + s.pairingsTopic()
                            + " could not be read to its end within 2 min");
                }
                take(keys, consumer.poll(Duration.ofMillis(200)));
            }
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        applied = 0;
        lastPoll = System.nanoTime();
    }

    private void take(SubscriberKey keys, Iterable<ConsumerRecord<byte[], byte[]>> records) {
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.key() != null && r.value() != null) {
                keys.remember(new String(r.key(), StandardCharsets.US_ASCII), new String(r.value(), StandardCharsets.US_ASCII));
                applied++;
            }
        }
    }

    /** Takes what other forwarders published since the last look (at most every 100 ms). */
    void poll(SubscriberKey keys) {
        long now = System.nanoTime();
        if (now - lastPoll < POLL_EVERY_NANOS) {
            return;
        }
        lastPoll = now;
        take(keys, consumer.poll(Duration.ZERO));
    }

    /** Pairings taken while forwarding. */
    long applied() {
        return applied;
    }

    @Override
    public void close() {
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
    }
}
