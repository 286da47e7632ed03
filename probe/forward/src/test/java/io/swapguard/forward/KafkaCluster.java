package io.swapguard.forward;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** Three Kafka brokers (one of them also the KRaft controller) in this JVM, on loopback. */
public final class KafkaCluster implements AutoCloseable {

    public final KafkaClusterTestKit kit;

    private KafkaCluster(KafkaClusterTestKit kit) {
        this.kit = kit;
    }

    public static KafkaCluster start(int brokers) throws Exception {
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumControllerNodes(1).setNumBrokerNodes(brokers).build())
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("transaction.state.log.replication.factor", Integer.toString(Math.min(3, brokers)))
                .setConfigProp("transaction.state.log.min.isr", Integer.toString(Math.min(2, brokers)))
                .setConfigProp("offsets.topic.replication.factor", Integer.toString(Math.min(3, brokers)))
                .setConfigProp("num.partitions", "1")
                .setConfigProp("auto.create.topics.enable", "false") // as operators run it: topics are made on purpose
                .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        return new KafkaCluster(kit);
    }

    public String bootstrap() {
        return kit.bootstrapServers();
    }

    Map<String, Object> clientProperties() {
        return Map.of("bootstrap.servers", bootstrap());
    }

    /** Every committed record of a topic, as a read_committed consumer sees it now, partition by partition. */
    public static List<ConsumerRecord<byte[], byte[]>> committedRecords(String bootstrap, String topic) {
        Map<String, Object> p = Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
                "max.poll.records", "10000", "allow.auto.create.topics", "false");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts); // the last stable offsets
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        kit.close();
    }
}
