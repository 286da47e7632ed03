package io.swapguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.api.ApiConfig;
import io.swapguard.cluster.ClusterSettings;
import io.swapguard.config.JournalConfig;
import io.swapguard.config.KafkaSection;
import io.swapguard.config.LoggingConfig;
import io.swapguard.config.MetricsConfig;
import io.swapguard.config.ProbeConfig;
import io.swapguard.config.SwapguardConfig;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.state.SubscriberQueries;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.ComponentType;
import io.swapguard.event.EventWriter;
import io.swapguard.event.GlobalTitle;
import io.swapguard.event.Imsi;
import io.swapguard.event.MapEvent;
import io.swapguard.event.MapOperation;
import io.swapguard.event.Msisdn;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.event.SccpAddress;
import io.swapguard.event.TcapMessageType;
import io.swapguard.event.codec.EventCodec;
import io.swapguard.forward.KafkaCluster;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with {@code kafka.enabled}, against a real (in-process) broker: journal to Kafka,
 * the alert out on the alerts topic and in the alerts file, the state in the replica.
 */
class KafkaRunTest {

    static final String MSISDN = "6281100000042";

    @TempDir
    Path dir;

    @Test
    void aSimSwapInTheLocalJournalIsJudgedThroughKafkaAndAnsweredFromTheReplica() throws Exception {
        try (KafkaCluster kafka = KafkaCluster.start(1)) {
            DetectorConfig detector = new DetectorConfig(true, dir.resolve("state").toString(), 1_000,
                    dir.resolve("alerts").toString(), dir.resolve("alerts.jsonl").toString(), null, null,
                    Path.of("..", "..", "conf", "senders.yaml").toString(), null, null, null);
            SwapguardConfig config = new SwapguardConfig(new JournalConfig(dir.resolve("journal").toString(), null, null, null, null),
                    new LoggingConfig(null, LoggingConfig.Level.WARN, null), ProbeConfig.defaults(), detector,
                    new MetricsConfig(false, null, null), ApiConfig.disabled(), null,
                    new KafkaSection(true, kafka.bootstrap(), "probe-1", "detector-1", 3, 1, 1_000, Map.of()));
            try (Swapguard app = Swapguard.start(config, Clock.systemUTC())) {
                assertThat(app.detector()).as("no local detector in Kafka mode").isNull();
                long t = 1_780_000_000_000_000_000L;
                try (EventWriter w = app.journal().writer()) {
                    w.append(new ProvisioningEvent(t, "bss", ProvisioningEvent.Kind.ACTIVATION, Msisdn.of(MSISDN),
                            Imsi.of("510100000000042"), null, null, "store-1", "A1"));
                    // Our HLR puts the number behind another SIM, with no store record: a SIM swap.
                    w.append(MapEvent.builder().captureNanos(t + 86_400_000_000_000L).tapId("stp").opc(1).dpc(2)
                            .calling(new SccpAddress(true, 0, SccpAddress.SSN_HLR, new GlobalTitle(4, 1, 1, 4, "6281100001")))
                            .called(new SccpAddress(true, 0, SccpAddress.SSN_VLR, new GlobalTitle(4, 1, 1, 4, "6281100101")))
                            .tcapType(TcapMessageType.BEGIN).otid(7).component(ComponentType.INVOKE).invokeId(1)
                            .operation(MapOperation.INSERT_SUBSCRIBER_DATA).msisdn(Msisdn.of(MSISDN))
                            .imsi(Imsi.of("510109000000042")).build());
                }
                List<AlertEvent> alerts = awaitAlerts(kafka.bootstrap());
                assertThat(alerts).extracting(AlertEvent::rule).containsExactly("simSwap");
                assertThat(alerts.get(0).msisdn().digits()).isEqualTo(MSISDN);
                SubscriberQueries answers = new SubscriberQueries(app.kafka().store());
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (answers.latestSimChange(Msisdn.of(MSISDN)).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(answers.latestSimChange(Msisdn.of(MSISDN))).as("the gate's and API's view")
                        .contains(SubscriberQueries.instant(t + 86_400_000_000_000L));
                assertThat(app.meters().registry().get("swapguard.forward.records").functionCounter().count())
                        .isEqualTo(2);
                // The alert outputs work in Kafka mode too: the relayed alert reaches the alerts file.
                Path file = dir.resolve("alerts.jsonl");
                while ((!java.nio.file.Files.exists(file) || java.nio.file.Files.readString(file).isEmpty())
                        && System.nanoTime() < deadline + Duration.ofSeconds(30).toNanos()) {
                    Thread.sleep(100);
                }
                String written = java.nio.file.Files.readString(file);
                assertThat(written.lines().count()).as(written).isEqualTo(1);
                assertThat(written).contains("\"rule\":\"simSwap\"").contains(alerts.get(0).id());
            }
        }
    }

    private static List<AlertEvent> awaitAlerts(String bootstrap) throws InterruptedException {
        Map<String, Object> p = Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed");
        List<AlertEvent> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            while (c.partitionsFor(ClusterSettings.ALERTS_TOPIC).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            List<TopicPartition> parts = c.partitionsFor(ClusterSettings.ALERTS_TOPIC).stream()
                    .map(i -> new TopicPartition(ClusterSettings.ALERTS_TOPIC, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            while (out.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add((AlertEvent) EventCodec.decode(r.value()));
                }
            }
        }
        return out;
    }
}
