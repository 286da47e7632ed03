package io.swapguard.forward;

import io.swapguard.event.SignalEvent;
import io.swapguard.event.codec.EventCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The signals topic as a consumer with read_committed sees it: what the detectors would get. */
record ForwardedTopic(List<Forwarded> records) {

    /** One record: partition, key, source and journal index headers, the event. */
    record Forwarded(int partition, String key, String source, long index, SignalEvent event) {
    }

    static ForwardedTopic read(String bootstrap, String topic) {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", false);
        List<Forwarded> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts); // the last stable offsets (read_committed)
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(new Forwarded(r.partition(), r.key() == null ? null : new String(r.key(), StandardCharsets.US_ASCII),
                            header(r, JournalForwarder.SOURCE_HEADER) == null ? null
                                    : new String(header(r, JournalForwarder.SOURCE_HEADER), StandardCharsets.UTF_8),
                            ByteBuffer.wrap(header(r, JournalForwarder.INDEX_HEADER)).getLong(), EventCodec.decode(r.value())));
                }
            }
        }
        return new ForwardedTopic(out);
    }

    private static byte[] header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : h.value();
    }
}
