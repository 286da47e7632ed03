package io.swapguard.forward;

import java.util.Map;
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

    @Override
    public void close() throws Exception {
        kit.close();
    }
}
