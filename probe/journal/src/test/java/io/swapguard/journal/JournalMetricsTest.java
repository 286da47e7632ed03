package io.swapguard.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swapguard.event.ComponentType;
import io.swapguard.event.MapEvent;
import io.swapguard.event.TcapMessageType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal's meters: appends, files, and how far each named reader is behind, in records and event time. */
class JournalMetricsTest {

    @TempDir
    Path dir;

    private static MapEvent at(long seconds) {
        return MapEvent.builder().captureNanos(seconds * 1_000_000_000L).tapId("t").tcapType(TcapMessageType.ABORT)
                .component(ComponentType.NONE).build();
    }

    @Test
    void namedReaderLagIsCountedInRecordsAndEventTime() {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (Journal journal = Journal.open(JournalSettings.of(dir.resolve("journal")))) {
            JournalMetrics metrics = new JournalMetrics(journal, "signals");
            metrics.bindTo(registry);
            try (JournalAppender a = journal.appender(); JournalTailer reader = journal.tailer("alerts-file")) {
                for (int i = 0; i < 5; i++) {
                    a.append(at(1_000 + 10L * i)); // event times 1000 s .. 1040 s
                }
                metrics.refresh();
                // Opened but has read nothing: every record is ahead of it, no event time to compare yet.
                assertThat(gauge(registry, "swapguard.journal.reader.lag.records")).isEqualTo(5);
                assertThat(gauge(registry, "swapguard.journal.reader.lag")).isNaN();
                reader.next();
                reader.next();
                assertThat(gauge(registry, "swapguard.journal.reader.lag.records")).isEqualTo(3);
                assertThat(gauge(registry, "swapguard.journal.reader.lag")).isEqualTo(30.0);
                while (reader.next() != null) {
                    // catch up
                }
                assertThat(gauge(registry, "swapguard.journal.reader.lag.records")).isZero();
                assertThat(gauge(registry, "swapguard.journal.reader.lag")).isZero();
            }
            assertThat(registry.get("swapguard.journal.appends").tag("journal", "signals").functionCounter().count())
                    .isEqualTo(5);
            assertThat(registry.get("swapguard.journal.appended").functionCounter().count()).isPositive();
            assertThat(registry.get("swapguard.journal.files").gauge().value()).isEqualTo(1);
            assertThat(registry.get("swapguard.journal.size").gauge().value()).isPositive();
            assertThat(registry.get("swapguard.journal.last.event.timestamp").gauge().value()).isEqualTo(1_040.0);
        }
    }

    @Test
    void anAnonymousReaderHasNoLagMeter() {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (Journal journal = Journal.open(JournalSettings.of(dir.resolve("journal")))) {
            JournalMetrics metrics = new JournalMetrics(journal, "alerts");
            metrics.bindTo(registry);
            try (JournalTailer t = journal.anonymousTailer()) {
                t.next();
            }
            metrics.refresh();
            assertThat(registry.find("swapguard.journal.reader.lag").gauges()).isEmpty();
            assertThat(registry.get("swapguard.journal.last.event.timestamp").gauge().value()).isNaN();
        }
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).tags("journal", "signals", "reader", "alerts-file").gauge().value();
    }
}
