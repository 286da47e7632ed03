package io.swapguard.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.event.WriterLock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store after its writer died: the open marker triggers recovery, and the last write is redone.
 * (Real kill -9 at random moments: {@code DetectorKillTest} in the app.)
 */
class SubscriberStoreRecoveryTest {

    @Test
    void aWriterThatDiedLeavesItsMarkerAndTheNextOpenRedoesItsLastWrite(@TempDir Path dir) {
        Path state = dir.resolve("state");
        SubscriberState s = new SubscriberState(6281100000042L);
        s.imsi = 510100000000042L;
        s.indexedImsi = s.imsi;
        s.lastIndex = 7;
        SubscriberStore store = SubscriberStore.open(state, 1000);
        store.put(s); // recorded in the intent, then written; the index entry that follows never is
        store.abandon();
        assertThat(state.resolve(SubscriberStore.OPEN_MARKER)).as("left by a writer that died").exists();

        try (SubscriberStore again = SubscriberStore.open(state, 1000)) {
            assertThat(again.get(6281100000042L).lastIndex).isEqualTo(7);
            assertThat(again.msisdnOf(510100000000042L)).as("index entry redone from the intent")
                    .isEqualTo(6281100000042L);
        }
        assertThat(state.resolve(SubscriberStore.OPEN_MARKER)).as("a clean close removes it").doesNotExist();
    }

    @Test
    void aReaderThatFindsTheWriterDeadRecoversAndRedoesItsLastWriteToo(@TempDir Path dir) {
        Path state = dir.resolve("state");
        SubscriberState s = new SubscriberState(6281100000043L);
        s.imsi = 510100000000043L;
        s.indexedImsi = s.imsi;
        s.lastIndex = 9;
        SubscriberStore store = SubscriberStore.open(state, 1000);
        store.put(s);
        store.abandon();
        // The subscriber command, run before the detector restarts: it recovers, and the marker goes.
        try (SubscriberStore reader = SubscriberStore.openForReading(state, 1000)) {
            assertThat(reader.msisdnOf(510100000000043L)).as("the index entry the dead writer never wrote")
                    .isEqualTo(6281100000043L);
        }
        assertThat(state.resolve(SubscriberStore.OPEN_MARKER)).doesNotExist();
        try (SubscriberStore writer = SubscriberStore.open(state, 1000)) {
            assertThat(writer.get(6281100000043L).lastIndex).isEqualTo(9);
            assertThat(writer.msisdnOf(510100000000043L)).isEqualTo(6281100000043L);
        }
    }

    @Test
    void oneWriterManyReaders(@TempDir Path dir) {
        Path state = dir.resolve("state");
        try (SubscriberStore writer = SubscriberStore.open(state, 1000)) {
            assertThatThrownBy(() -> SubscriberStore.open(state, 1000)).isInstanceOf(WriterLock.InUseException.class)
                    .hasMessageContaining("subscriber state " + state)
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
            try (SubscriberStore reader = SubscriberStore.openForReading(state, 1000)) {
                assertThat(reader.subscribers()).isZero();
            }
        }
        try (SubscriberStore next = SubscriberStore.open(state, 1000)) {
            assertThat(next.subscribers()).as("the lock went with the writer").isZero();
        }
    }
}
