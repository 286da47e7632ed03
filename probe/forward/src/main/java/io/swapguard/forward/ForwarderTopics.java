package io.swapguard.forward;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;

/** The forwarder's topics: created when missing, and the compacted ones read back whole. */
final class ForwarderTopics {

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
            CompactedTopic.createMissing(admin, missing);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot create the forwarder's topics on " + s.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while creating topics", e);
        }
    }

    /** The latest committed value of every key in a compacted topic (see {@link CompactedTopic}). */
    static Map<String, byte[]> readCompacted(ForwarderSettings s, String topic) {
        return CompactedTopic.read(s.bootstrapServers(), s.client(), topic, null);
    }

    private static Map<String, Object> adminProperties(ForwarderSettings s) {
        Map<String, Object> p = new HashMap<>(s.client());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        return p;
    }
}
