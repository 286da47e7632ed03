package io.swapguard.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.EventWriter;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalSettings;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 the forwarder (a JVM of its own) again and again while the journal grows: the topic must
 * end up with every journal record exactly once.
 */
class ForwarderKillTest {

    private static final int KILLS = 5;

    @TempDir
    Path dir;

    @Test
    void aForwarderKilledAtAnyMomentLosesAndRepeatsNothing() throws Exception {
        Path journalDir = dir.resolve("journal");
        List<SubscriberTraffic.Labelled> traffic = new SubscriberTraffic(21, 5_000).day(60_000);
        Set<Long> appended = new HashSet<>();
        AtomicLong lastAppended = new AtomicLong(-1);
        Random random = new Random(5);
        try (KafkaCluster kafka = KafkaCluster.start(3);
                Journal journal = Journal.open(JournalSettings.of(journalDir))) {
            Thread appender = new Thread(() -> {
                try (EventWriter w = journal.writer()) {
                    for (int i = 0; i < traffic.size(); i++) {
                        long index = w.append(traffic.get(i).event());
                        synchronized (appended) {
                            appended.add(index);
                        }
                        lastAppended.set(index);
                        if (i % 500 == 499) {
                            Thread.sleep(25); // about 20,000 events/s, for the kills to land while the journal grows
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "appender");
            appender.start();
            List<String> killedAfter = new ArrayList<>();
            for (int k = 0; k < KILLS; k++) {
                Process child = forwarder(journalDir, kafka.bootstrap(), k);
                long ms = 2_500 + random.nextInt(3_000);
                Thread.sleep(ms);
                child.destroyForcibly(); // SIGKILL
                child.waitFor();
                killedAfter.add(ms + " ms");
            }
            appender.join();
            Process last = forwarder(journalDir, kafka.bootstrap(), KILLS);
            ForwarderSettings s = ForwarderSettings.of(kafka.bootstrap(), "probe-k");
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            long position = -1;
            while (position != lastAppended.get() && System.nanoTime() < deadline) {
                Thread.sleep(500);
                byte[] p = ForwarderTopics.readCompacted(s, s.positionsTopic()).get("probe-k");
                position = p == null ? -1 : ByteBuffer.wrap(p).getLong();
            }
            last.destroy();
            last.waitFor(30, TimeUnit.SECONDS);
            assertThat(position).as("the last forwarder reached the journal's end").isEqualTo(lastAppended.get());

            ForwardedTopic topic = ForwardedTopic.read(kafka.bootstrap(), s.signalsTopic());
            Map<Long, Integer> times = new HashMap<>();
            topic.records().forEach(r -> times.merge(r.index(), 1, Integer::sum));
            assertThat(times.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                    .as("records forwarded more than once").isEmpty();
            assertThat(times.keySet()).as("every journal record forwarded").isEqualTo(appended);
            long written = everythingWritten(kafka.bootstrap(), s.signalsTopic());
            assertThat(written).as("some kill landed inside a transaction (records written but never committed), "
                    + "kills after %s", killedAfter).isGreaterThan(topic.records().size());
        }
    }

    /** Records in the topic counting those of aborted transactions (read_uncommitted end offsets, less markers). */
    private static long everythingWritten(String bootstrap, String topic) {
        Map<String, Object> p = Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            long n = 0;
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                n += c.poll(Duration.ofMillis(200)).count();
            }
            return n;
        }
    }

    private Process forwarder(Path journal, String bootstrap, int run) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Path.of("..", "..", "conf", "jvm.options").toAbsolutePath(), "-cp",
                System.getProperty("java.class.path"), ForwarderChild.class.getName(), journal.toString(), bootstrap,
                "probe-k"));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("forwarder-" + run + ".log").toFile()))
                .start();
    }
}
