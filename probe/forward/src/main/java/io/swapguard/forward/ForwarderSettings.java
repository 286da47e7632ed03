package io.swapguard.forward;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how a journal is forwarded.
 *
 * @param bootstrapServers the Kafka cluster, {@code host:port,...}
 * @param source this journal's name in the cluster (one per probe or gate, e.g. {@code probe-jakarta-1}):
 *        its transactional id, and the key under which its position is kept. Two forwarders with
 *        the same source fence each other: the newer one wins, the older one stops.
 * @param signalsTopic where events go, keyed by subscriber
 * @param positionsTopic compacted: per source, the index of the last journal record forwarded,
 *        written in the same transaction as the records
 * @param pairingsTopic compacted: IMSI to MSISDN, as forwarders learned it (read at start, so a
 *        restarted forwarder places IMSIs as before)
 * @param partitions partitions of the signals and pairings topics when the forwarder creates them
 * @param replicationFactor replicas of each topic it creates
 * @param maxBatch records per transaction at most
 * @param linger how long a transaction stays open for more records once it has one
 * @param client further producer and consumer properties (TLS, SASL), passed as they are
 */
public record ForwarderSettings(String bootstrapServers, String source, String signalsTopic, String positionsTopic,
        String pairingsTopic, int partitions, short replicationFactor, int maxBatch, Duration linger, Map<String, String> client) {

    public static final String SIGNALS_TOPIC = "swapguard.signals";
    public static final String POSITIONS_TOPIC = "swapguard.forward-positions";
    public static final String PAIRINGS_TOPIC = "swapguard.imsi-msisdn";

    public ForwarderSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (source == null || source.isBlank() || source.length() > 200) {
            throw new IllegalArgumentException("source must be a name of 1 to 200 characters, not '" + source + "'");
        }
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replicationFactor must be at least 1");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, not " + maxBatch);
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative");
        }
        client = Map.copyOf(client);
    }

    /** The default topics (12 partitions, 3 replicas), 20,000 records or 50 ms per transaction. */
    public static ForwarderSettings of(String bootstrapServers, String source) {
        return new ForwarderSettings(bootstrapServers, source, SIGNALS_TOPIC, POSITIONS_TOPIC, PAIRINGS_TOPIC, 12,
                (short) 3, 20_000, Duration.ofMillis(50), Map.of());
    }

    public ForwarderSettings withMaxBatch(int records) {
        return new ForwarderSettings(bootstrapServers, source, signalsTopic, positionsTopic, pairingsTopic, partitions,
                replicationFactor, records, linger, client);
    }

    public ForwarderSettings withTopics(int partitionCount, int replicas) {
        return new ForwarderSettings(bootstrapServers, source, signalsTopic, positionsTopic, pairingsTopic,
                partitionCount, (short) replicas, maxBatch, linger, client);
    }

    /** The producer's transactional id. */
    public String transactionalId() {
        return "swapguard-forward-" + source;
    }
}
