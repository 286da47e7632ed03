package io.swapguard.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.event.EventWriter;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forwarder against three real Kafka brokers (KRaft, in this JVM, on loopback). */
class JournalForwarderTest {

    private static KafkaCluster kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaCluster.start(3);
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    private ForwarderSettings settings(String source, String topic) {
        return new ForwarderSettings(kafka.bootstrap(), source, topic, "positions", topic + ".pairings", 6,
                (short) 3, 500, java.time.Duration.ofMillis(10), Map.of());
    }

    @Test
    void everyRecordOnceKeyedByItsSubscriberInJournalOrder() {
        List<SubscriberTraffic.Labelled> traffic = new SubscriberTraffic(7, 2_000).day(30_000);
        Map<Long, SubscriberTraffic.Labelled> byIndex = new HashMap<>();
        ForwarderSettings s = settings("probe-a", "signals-order");
        try (Journal journal = Journal.open(JournalSettings.of(dir.resolve("journal")))) {
            try (EventWriter w = journal.writer()) {
                for (SubscriberTraffic.Labelled l : traffic) {
                    byIndex.put(w.append(l.event()), l);
                }
            }
            try (JournalForwarder f = new JournalForwarder(journal, s, SubscriberKey.international())) {
                assertThat(f.start()).as("nothing forwarded before").isEqualTo(-1);
                while (f.committed() != journal.lastIndex()) {
                    f.forwardOnce();
                }
                assertThat(f.stats().records()).isEqualTo(traffic.size());
                assertThat(f.stats().transactions()).isGreaterThanOrEqualTo(traffic.size() / 500);
            }
            // A second forwarder of the same source finds the position and has nothing to send.
            try (JournalForwarder again = new JournalForwarder(journal, s, SubscriberKey.international())) {
                assertThat(again.start()).isEqualTo(journal.lastIndex());
                assertThat(again.forwardOnce()).isZero();
            }
        }

        ForwardedTopic topic = ForwardedTopic.read(kafka.bootstrap(), s.signalsTopic());
        assertThat(topic.records()).hasSize(traffic.size());
        Set<Long> seen = new HashSet<>();
        Map<String, Integer> partitionOfKey = new HashMap<>();
        Map<String, Long> lastIndexOfKey = new HashMap<>();
        for (ForwardedTopic.Forwarded r : topic.records()) {
            assertThat(seen.add(r.index())).as("record 0x%x forwarded once", r.index()).isTrue();
            SubscriberTraffic.Labelled sent = byIndex.get(r.index());
            assertThat(sent).as("record 0x%x is a journal record", r.index()).isNotNull();
            assertThat(r.event()).isEqualTo(sent.event());
            assertThat(r.source()).isEqualTo("probe-a");
            assertThat(r.key()).as("key of %s", sent.event()).isEqualTo(sent.subscriber());
            assertThat(partitionOfKey.computeIfAbsent(r.key(), k -> r.partition())).as("one partition per subscriber")
                    .isEqualTo(r.partition());
            Long before = lastIndexOfKey.put(r.key(), r.index());
            assertThat(before == null || before < r.index()).as("journal order within subscriber %s", r.key()).isTrue();
        }
        assertThat(partitionOfKey.values()).as("subscribers spread over the partitions").containsAll(List.of(0, 1, 2, 3, 4, 5));
    }

    @Test
    void aRestartedForwarderPlacesImsisItLearnedBefore() {
        ForwarderSettings s = settings("probe-b", "signals-pairings");
        SubscriberTraffic t = new SubscriberTraffic(11, 10);
        List<SubscriberTraffic.Labelled> first = t.day(0); // activations only: every IMSI paired
        Map<Long, SubscriberTraffic.Labelled> later = new HashMap<>();
        try (Journal journal = Journal.open(JournalSettings.of(dir.resolve("journal")))) {
            try (EventWriter w = journal.writer()) {
                first.forEach(l -> w.append(l.event()));
            }
            try (JournalForwarder f = new JournalForwarder(journal, s, SubscriberKey.international())) {
                f.start();
                f.forwardOnce();
                assertThat(f.stats().pairings()).isEqualTo(10);
            }
            // After the restart, an UpdateLocation naming only a SIM paired before goes to its number.
            try (EventWriter w = journal.writer()) {
                for (SubscriberTraffic.Labelled l : t.day(200).subList(10, 210)) { // its own 10 activations left out
                    later.put(w.append(l.event()), l);
                }
            }
            SubscriberKey fresh = SubscriberKey.international();
            try (JournalForwarder f = new JournalForwarder(journal, s, fresh)) {
                f.start();
                assertThat(fresh.knownImsis()).as("pairings read back from Kafka").isEqualTo(10);
                while (f.committed() != journal.lastIndex()) {
                    f.forwardOnce();
                }
            }
        }
        ForwardedTopic topic = ForwardedTopic.read(kafka.bootstrap(), s.signalsTopic());
        assertThat(topic.records()).hasSize(210);
        long placedByPairing = 0;
        for (ForwardedTopic.Forwarded r : topic.records()) {
            SubscriberTraffic.Labelled l = later.get(r.index());
            if (l != null) {
                assertThat(r.key()).as("key of %s", l.event()).isEqualTo(l.subscriber());
                placedByPairing += l.event() instanceof io.swapguard.event.MapEvent m && m.msisdn() == null
                        && m.imsi().digits().startsWith("510100") ? 1 : 0;
            }
        }
        assertThat(placedByPairing).as("UpdateLocations and SAIs of first SIMs, placed only by the pairings read back")
                .isGreaterThan(20);
    }

    @Test
    void aPairingLearnedAtOneSitePlacesTheImsiAtAnotherWhileItForwards() throws Exception {
        ForwarderSettings site1 = settings("site-1", "signals-sites");
        ForwarderSettings site2 = settings("site-2", "signals-sites");
        SubscriberTraffic t = new SubscriberTraffic(13, 1);
        SubscriberTraffic.Labelled activation = t.day(0).get(0); // MSISDN 628110000000 behind IMSI 510100000000000
        io.swapguard.event.MapEvent ul = io.swapguard.event.MapEvent.builder().captureNanos(2).tapId("stp-b")
                .tcapType(io.swapguard.event.TcapMessageType.BEGIN).component(io.swapguard.event.ComponentType.INVOKE)
                .operation(io.swapguard.event.MapOperation.UPDATE_LOCATION)
                .imsi(io.swapguard.event.Imsi.of(SubscriberTraffic.imsi(0, 0))).build();
        try (Journal j1 = Journal.open(JournalSettings.of(dir.resolve("site1")));
                Journal j2 = Journal.open(JournalSettings.of(dir.resolve("site2")));
                JournalForwarder f1 = new JournalForwarder(j1, site1, SubscriberKey.international());
                JournalForwarder f2 = new JournalForwarder(j2, site2, SubscriberKey.international())) {
            f1.start();
            f2.start(); // before site 1 has learned anything
            try (EventWriter w = j1.writer()) {
                w.append(activation.event());
            }
            while (f1.committed() != j1.lastIndex()) {
                f1.forwardOnce();
            }
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            while (f2.pairingsFollowed() == 0 && System.nanoTime() < deadline) {
                f2.forwardOnce(); // nothing to forward yet: it looks at the pairings (every 100 ms)
                Thread.sleep(20);
            }
            try (EventWriter w = j2.writer()) {
                w.append(ul); // site 2 sees only the IMSI
            }
            while (f2.committed() != j2.lastIndex()) {
                f2.forwardOnce();
            }
            assertThat(f2.pairingsFollowed()).as("site 2 took site 1's pairing while forwarding").isEqualTo(1);
        }
        ForwardedTopic topic = ForwardedTopic.read(kafka.bootstrap(), "signals-sites");
        assertThat(topic.records()).extracting(ForwardedTopic.Forwarded::source, ForwardedTopic.Forwarded::key)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("site-1", SubscriberTraffic.msisdn(0)),
                        org.assertj.core.groups.Tuple.tuple("site-2", SubscriberTraffic.msisdn(0)));
    }

    @Test
    void aNewerForwarderOfTheSameSourceFencesTheOlder() {
        ForwarderSettings s = settings("probe-c", "signals-fence");
        List<SubscriberTraffic.Labelled> traffic = new SubscriberTraffic(3, 20).day(100);
        try (Journal journal = Journal.open(JournalSettings.of(dir.resolve("journal")))) {
            try (EventWriter w = journal.writer()) {
                traffic.forEach(l -> w.append(l.event()));
            }
            try (JournalForwarder older = new JournalForwarder(journal, s, SubscriberKey.international());
                    JournalForwarder newer = new JournalForwarder(journal, s, SubscriberKey.international())) {
                older.start();
                newer.start();
                assertThatThrownBy(older::forwardOnce).isInstanceOf(KafkaException.class)
                        .hasMessageContaining("epoch");
                while (newer.committed() != journal.lastIndex()) {
                    newer.forwardOnce();
                }
            }
        }
        assertThat(ForwardedTopic.read(kafka.bootstrap(), s.signalsTopic()).records()).hasSize(traffic.size());
    }
}
