package io.swapguard.forward;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a compacted topic (positions, pairings, subscriber state) back whole: the latest committed
 * value of every key. It reads to the end every producer has written, not only to the last stable
 * offset, so a record committed after another producer's open transaction is seen too (that
 * transaction is waited for: it commits or times out).
 */
public final class CompactedTopic {

    /** How long reading to the end may take (others' open transactions hold it back). */
    private static final Duration READ_LIMIT = Duration.ofMinutes(2);

    private CompactedTopic() {
    }

    /** Creates each topic, one another process created meanwhile being no error. */
    public static void createMissing(Admin admin, List<org.apache.kafka.clients.admin.NewTopic> topics)
            throws ExecutionException, InterruptedException {
        for (org.apache.kafka.clients.admin.NewTopic t : topics) {
            try {
                admin.createTopics(List.of(t)).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** The end every producer has written (high watermark, not last stable offset) of each partition. */
    static Map<TopicPartition, Long> ends(String bootstrap, Map<String, String> client, List<TopicPartition> partitions) {
        Map<String, Object> a = new HashMap<>(client);
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(a)) {
            return ends(admin, partitions);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot read the ends of " + partitions + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted", e);
        }
    }

    private static Map<TopicPartition, Long> ends(Admin admin, List<TopicPartition> partitions)
            throws ExecutionException, InterruptedException {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())),
                new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /**
     * @param partition one partition to read, or null for all of them
     * @return key (UTF-8) to value; a key whose latest record is a tombstone is absent
     */
    public static Map<String, byte[]> read(String bootstrap, Map<String, String> client, String topic, Integer partition) {
        Map<String, Object> p = new HashMap<>(client);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // a topic made by a reader has the broker's defaults
        Map<String, Object> a = new HashMap<>(client);
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Map<String, byte[]> latest = new HashMap<>();
        try (Admin admin = Admin.create(a);
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partition != null ? List.of(new TopicPartition(topic, partition))
                    : consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<TopicPartition, Long> ends = ends(admin, partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaException("topic " + topic + " could not be read to its end within " + READ_LIMIT);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null) {
                        continue;
                    }
                    String key = new String(r.key(), StandardCharsets.UTF_8);
                    if (r.value() == null) {
                        latest.remove(key);
                    } else {
                        latest.put(key, r.value());
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new KafkaException("cannot read topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while reading " + topic, e);
        }
        return latest;
    }
}
