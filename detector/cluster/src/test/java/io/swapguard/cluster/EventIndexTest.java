package io.swapguard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.event.AlertEvent;
import org.junit.jupiter.api.Test;

/** The index the rules see in a cluster: unique across partitions, increasing within one. */
class EventIndexTest {

    @Test
    void thePartitionSitsAboveTheOffset() {
        assertThat(PartitionedDetector.eventIndex(0, 5)).isEqualTo(5);
        assertThat(PartitionedDetector.eventIndex(3, 5)).isEqualTo(3L << 48 | 5);
        assertThat(PartitionedDetector.eventIndex(0x7FFF, (1L << 48) - 1)).isEqualTo(Long.MAX_VALUE);
        // The same offset in two partitions: two alert ids, never one
        assertThat(AlertEvent.id(PartitionedDetector.eventIndex(1, 42), 0))
                .isNotEqualTo(AlertEvent.id(PartitionedDetector.eventIndex(2, 42), 0));
        assertThat(PartitionedDetector.eventIndex(2, 7)).isLessThan(PartitionedDetector.eventIndex(2, 8));
    }

    @Test
    void beyondItsRangeIsRefused() {
        assertThatThrownBy(() -> PartitionedDetector.eventIndex(0x8000, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartitionedDetector.eventIndex(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartitionedDetector.eventIndex(0, 1L << 48)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartitionedDetector.eventIndex(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
