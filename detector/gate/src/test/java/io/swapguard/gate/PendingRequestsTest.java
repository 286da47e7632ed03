package io.swapguard.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingRequestsTest {

    @Test
    void requestsAreFoundByTheirNumberAndAnOvertakenOneIsHandedBack() {
        PendingRequests<String> p = new PendingRequests<>(10); // 16 slots
        assertThat(p.put(1, "a")).isNull();
        assertThat(p.put(2, "b")).isNull();
        assertThat(p.size()).isEqualTo(2);
        assertThat(p.remove(3)).isNull();
        assertThat(p.remove(1)).isEqualTo("a");
        assertThat(p.remove(1)).as("answered once").isNull();
        // Sixteen numbers later the slot of 2 comes round while 2 still waits: it is handed back.
        assertThat(p.put(18, "c")).isEqualTo("b");
        assertThat(p.size()).isEqualTo(1);
        assertThat(p.remove(2)).as("a late answer to the overtaken request finds nothing").isNull();
        assertThat(p.remove(18)).isEqualTo("c");
        // Numbers wrap from 0x7FFFFFFF to 1, as the gate's do.
        assertThat(p.put(0x7FFFFFFF, "d")).isNull();
        assertThat(p.put(1, "e")).isNull();
        p.removeIf(v -> v.equals("d"));
        List<String> left = new ArrayList<>();
        p.drain(left::add);
        assertThat(left).containsExactly("e");
        assertThat(p.isEmpty()).isTrue();
    }
}
