package io.swapguard.config;

import io.swapguard.cluster.ClusterSettings;
import io.swapguard.engine.InvalidSettingException;
import io.swapguard.forward.ForwarderSettings;
import java.time.Duration;
import java.util.Map;

/**
 * {@code kafka:} scale-out across machines (docs/scale.md). Off by default: one box judges its own
 * journal. On, {@code run} forwards the local journal to Kafka and, with the detector enabled,
 * joins the detector group on the signals topic and answers the gate and the API from a replica
 * of the state changelog.
 *
 * @param enabled forward and judge through Kafka
 * @param bootstrapServers the cluster, {@code host:port,...}
 * @param source this journal's name in the cluster, one per probe or gate (its transactional id)
 * @param instance this detector instance's name in the group (default: the source)
 * @param partitions partitions of the topics the forwarder creates
 * @param replicationFactor their replicas
 * @param subscribersPerPartition what a partition's in-memory store is sized for
 * @param client Kafka client properties passed as they are: TLS ({@code security.protocol: SSL},
 *        {@code ssl.truststore.location}, ...) and SASL ({@code sasl.mechanism}, {@code sasl.jaas.config})
 */
public record KafkaSection(Boolean enabled, String bootstrapServers, String source, String instance, Integer partitions,
        Integer replicationFactor, Integer subscribersPerPartition, Map<String, String> client) {

    public KafkaSection {
        enabled = enabled != null && enabled;
        bootstrapServers = bootstrapServers == null || bootstrapServers.isBlank() ? null : bootstrapServers.strip();
        if (enabled && bootstrapServers == null) {
            throw new InvalidSettingException("bootstrapServers", "is required with kafka.enabled: the brokers, host:port,...");
        }
        if (source == null || source.isBlank()) {
            source = "swapguard";
        }
        if (instance == null || instance.isBlank()) {
            instance = source;
        }
        partitions = InvalidSettingException.inRange("partitions", partitions, 12, 1, 10_000);
        replicationFactor = InvalidSettingException.inRange("replicationFactor", replicationFactor, 3, 1, 16);
        subscribersPerPartition = InvalidSettingException.inRange("subscribersPerPartition", subscribersPerPartition,
                1_000_000, 1, Integer.MAX_VALUE);
        client = client == null ? Map.of() : Map.copyOf(client);
    }

    public static KafkaSection defaults() {
        return new KafkaSection(null, null, null, null, null, null, null, null);
    }

    public ForwarderSettings forwarder() {
        return new ForwarderSettings(bootstrapServers, source, ForwarderSettings.SIGNALS_TOPIC,
                ForwarderSettings.POSITIONS_TOPIC, ForwarderSettings.PAIRINGS_TOPIC, partitions,
                replicationFactor.shortValue(), 20_000, Duration.ofMillis(50), client);
    }

    public ClusterSettings cluster() {
        return new ClusterSettings(bootstrapServers, instance, ClusterSettings.GROUP, ForwarderSettings.SIGNALS_TOPIC,
                ClusterSettings.STATE_TOPIC, ClusterSettings.ALERTS_TOPIC, subscribersPerPartition, client);
    }
}
