package io.swapguard.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's one-entry redo log: the last record survives a reopen; a torn one is never replayed. */
class StateIntentTest {

    @Test
    void theLastRecordSurvivesAndATornOneIsIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("intent.dat");
        try (StateIntent intent = StateIntent.open(file)) {
            assertThat(intent.last()).as("nothing recorded yet").isNull();
            assertThat(intent.record(6281100000042L, new byte[] {1, 2, 3})).isTrue();
            assertThat(intent.record(6281100000043L, new byte[] {4, 5, 6, 7})).isTrue();
            assertThat(intent.record(1, new byte[StateIntent.MAX_STATE_BYTES + 1])).isFalse();
        }
        try (StateIntent intent = StateIntent.open(file)) {
            StateIntent.Write w = intent.last();
            assertThat(w.msisdn()).isEqualTo(6281100000043L);
            assertThat(w.bytes()).containsExactly(4, 5, 6, 7);
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(17); // a byte of the state: as if the process died while writing it
            raf.write(99);
        }
        try (StateIntent intent = StateIntent.open(file)) {
            assertThat(intent.last()).as("a record that fails its checksum").isNull();
        }
    }

    @Test
    void aRecordOfTheLargestSizeIsKeptAndATornSubscriberNumberIsNeverReplayed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("intent.dat");
        byte[] largest = new byte[StateIntent.MAX_STATE_BYTES];
        largest[0] = 1;
        largest[largest.length - 1] = 2;
        try (StateIntent intent = StateIntent.open(file)) {
            assertThat(intent.record(0x0102030405060708L, largest)).isTrue();
            assertThat(intent.last().bytes()).isEqualTo(largest);
            assertThat(intent.last().msisdn()).isEqualTo(0x0102030405060708L);
        }
        for (int at = 0; at < 8; at++) {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.seek(at); // one byte of the number, little-endian: the high ones too
                int b = raf.read();
                raf.seek(at);
                raf.write(b ^ 0x10);
            }
            try (StateIntent intent = StateIntent.open(file)) {
                assertThat(intent.last()).as("byte %d of the number changed", at).isNull();
            }
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.seek(at);
                int b = raf.read();
                raf.seek(at);
                raf.write(b ^ 0x10);
            }
        }
        try (StateIntent intent = StateIntent.open(file)) {
            assertThat(intent.last()).as("restored").isNotNull();
        }
    }
}
