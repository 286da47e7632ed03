package io.swapguard.cluster;

import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventLog;
import io.swapguard.event.EventWriter;
import io.swapguard.event.SignalEvent;
import io.swapguard.event.codec.EventCodec;
import io.swapguard.event.codec.EventDecodeException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's alerts into a local alerts journal, from which the usual outputs (alerts file,
 * webhook) deliver them. The relays of all instances form one consumer group, so each alert goes
 * to one of them. At least once: a relay killed after appending and before committing its offsets
 * appends those alerts again after the restart (their ids are the same, and unique in the cluster,
 * so a receiver can drop the second copy).
 *
 * <p>One thread: {@link #run}.
 */
public final class AlertRelay implements AutoCloseable {

    /** The relays' consumer group. */
    public static final String GROUP = "swapguard-alert-outputs";

    private static final Logger log = LoggerFactory.getLogger(AlertRelay.class);

    private final ClusterSettings settings;
    private final EventLog alerts;
    private final AtomicLong relayed = new AtomicLong();
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    public AlertRelay(ClusterSettings settings, EventLog alerts) {
        this.settings = settings;
        this.alerts = alerts;
    }

    /** Relays until {@link #close}; after a Kafka failure it starts again from the committed offsets. */
    public void run() {
        while (running) {
            Map<String, Object> p = new HashMap<>(settings.client());
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
            p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer()); EventWriter w = alerts.writer()) {
                consumer = c;
                c.subscribe(List.of(settings.alertsTopic()));
                while (running) {
                    ConsumerRecords<byte[], byte[]> batch = c.poll(Duration.ofMillis(200));
                    for (ConsumerRecord<byte[], byte[]> r : batch) {
                        relay(w, r);
                    }
                    if (!batch.isEmpty()) {
                        c.commitSync(); // after the appends: at least once
                    }
                }
            } catch (WakeupException stopping) {
                return;
            } catch (KafkaException e) {
                if (running) {
                    log.warn("alert relay from {} failed ({}); starting again from its committed offsets",
                            settings.alertsTopic(), e.toString());
                    sleep();
                }
            } finally {
                consumer = null;
            }
        }
    }

    private void relay(EventWriter w, ConsumerRecord<byte[], byte[]> r) {
        SignalEvent e;
        try {
            e = EventCodec.decode(r.value());
        } catch (EventDecodeException | IllegalArgumentException bad) {
            log.error("alert at {}-{} offset {} cannot be read ({}); not relayed", r.topic(), r.partition(), r.offset(),
                    bad.getMessage());
            return;
        }
        if (e instanceof AlertEvent) {
            w.append(e);
            relayed.incrementAndGet();
        }
    }

    /** Alerts appended to the local journal. */
    public long relayed() {
        return relayed.get();
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }
}
