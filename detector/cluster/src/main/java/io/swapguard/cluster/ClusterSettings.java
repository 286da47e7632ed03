package io.swapguard.cluster;

import io.swapguard.forward.ForwarderSettings;
import java.util.Map;
import java.util.Objects;

/**
 * How a detector instance joins the others on Kafka.
 *
 * @param bootstrapServers the Kafka cluster
 * @param instance this instance's name, unique in the group (its transactional id)
 * @param group the consumer group every detector instance joins
 * @param signalsTopic the forwarders' topic, keyed by subscriber
 * @param stateTopic compacted changelog of subscriber state and the IMSI index, partition for partition
 *        the same as the signals (what an instance restores a partition from when it is assigned one)
 * @param alertsTopic alerts, keyed by an id that a replay writes again the same
 * @param subscribersPerPartition how many subscribers a partition's store is sized for
 * @param client further consumer and producer properties (TLS, SASL)
 */
public record ClusterSettings(String bootstrapServers, String instance, String group, String signalsTopic,
        String stateTopic, String alertsTopic, int subscribersPerPartition, Map<String, String> client) {

    public static final String GROUP = "swapguard-detectors";
    public static final String STATE_TOPIC = "swapguard.state";
    public static final String ALERTS_TOPIC = "swapguard.alerts";

    public ClusterSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (instance == null || instance.isBlank()) {
            throw new IllegalArgumentException("instance must be named");
        }
        if (subscribersPerPartition < 1) {
            throw new IllegalArgumentException("subscribersPerPartition must be at least 1");
        }
        client = Map.copyOf(client);
    }

    /** The default group and topics. */
    public static ClusterSettings of(String bootstrapServers, String instance, int subscribersPerPartition) {
        return new ClusterSettings(bootstrapServers, instance, GROUP, ForwarderSettings.SIGNALS_TOPIC, STATE_TOPIC,
                ALERTS_TOPIC, subscribersPerPartition, Map.of());
    }

    public String transactionalId() {
        return "swapguard-detector-" + instance;
    }
}
