package io.swapguard.forward;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The forwarder's topics: created when missing, and the compacted ones read back whole. */
final class ForwarderTopics {

    /** How long reading a compacted topic to its end may take (open transactions of others hold it back). */
    private static final Duration READ_LIMIT = Duration.ofMinutes(2);

    private ForwarderTopics() {
    }

    /** Creates the signals, positions and pairings topics that do not exist yet. */
    static void ensure(ForwarderSettings s) {
        try (Admin admin = Admin.create(adminProperties(s))) {
            Set<String> existing = admin.listTopics().names().get();
            String minIsr = Integer.toString(Math.min(2, s.replicationFactor()));
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(s.signalsTopic())) {
                missing.add(new NewTopic(s.signalsTopic(), s.partitions(), s.replicationFactor())
                        .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minIsr)));
            }
            Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minIsr);
            if (!existing.contains(s.positionsTopic())) {
                missing.add(new NewTopic(s.positionsTopic(), 1, s.replicationFactor()).configs(compacted));
            }
            if (!existing.contains(s.pairingsTopic())) {
                missing.add(new NewTopic(s.pairingsTopic(), s.partitions(), s.replicationFactor()).configs(compacted));
            }
            for (NewTopic t : missing) {
                try {
                    admin.createTopics(List.of(t)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new KafkaException("cannot create the forwarder's topics on " + s.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while creating topics", e);
        }
    }

    /**
     * The latest committed value of every key in a compacted topic, read to the end every
     * producer has written (not only to the last stable offset: a position committed after another
     * source's open transaction must be seen, or this source would resume too early).
     */
    static Map<String, byte[]> readCompacted(ForwarderSettings s, String topic) {
        Map<String, Object> p = new HashMap<>(s.client());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, byte[]> latest = new HashMap<>();
        try (Admin admin = Admin.create(adminProperties(s));
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<TopicPartition, Long> ends = admin.listOffsets(
                    partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())),
                    new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
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

    private static Map<String, Object> adminProperties(ForwarderSettings s) {
        Map<String, Object> p = new HashMap<>(s.client());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        return p;
    }
}
