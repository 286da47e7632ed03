package io.swapguard.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.hash.impl.SizePrefixedBlob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's care of its own files and entries: damaged entries forgotten and counted, the disk
 * reserve enforced before a write, a half-made or half-recovered map file not waited for, and
 * what it tells about its size.
 */
class SubscriberStoreUpkeepTest {

    private static SubscriberState subscriber(long msisdn, long imsi) {
        SubscriberState s = new SubscriberState(msisdn);
        s.imsi = imsi;
        s.indexedImsi = imsi;
        s.lastIndex = 5;
        return s;
    }

    @Test
    void aDamagedEntryIsForgottenCountedAndSkippedWhenListing() {
        try (SubscriberStore store = SubscriberStore.inMemory(100)) {
            store.put(subscriber(6281100000042L, 510100000000042L));
            byte[] bytes = subscriber(6281100000043L, 510100000000043L).encode();
            store.putEncoded(6281100000043L, java.util.Arrays.copyOf(bytes, 5));
            assertThat(store.damagedEntries()).isZero();
            assertThat(store.get(6281100000043L)).as("started afresh, not another subscriber").isNull();
            assertThat(store.damagedEntries()).isEqualTo(1);
            List<Long> listed = new ArrayList<>();
            store.forEach(s -> listed.add(s.msisdn));
            assertThat(listed).containsExactly(6281100000042L);
            assertThat(store.damagedEntries()).isEqualTo(2);
            assertThat(store.subscribers()).as("both entries are still in the map").isEqualTo(2);
        }
    }

    @Test
    void theSizeItReportsGrowsWithWhatItHolds() {
        try (SubscriberStore store = SubscriberStore.inMemory(100)) {
            assertThat(store.subscribers()).isZero();
            long empty = store.bytesUsed();
            assertThat(empty).isPositive();
            for (int i = 0; i < 100; i++) {
                store.put(subscriber(6281100000100L + i, 510100000000100L + i));
            }
            assertThat(store.subscribers()).isEqualTo(100);
            assertThat(store.bytesUsed()).isGreaterThanOrEqualTo(empty);
            store.index(0, 6281100000100L);
            store.index(-1, 6281100000100L);
            assertThat(store.msisdnOf(0)).as("no IMSI is not indexed").isZero();
            store.index(510100000000100L, 6281100000100L);
            assertThat(store.msisdnOf(510100000000100L)).isEqualTo(6281100000100L);
        }
    }

    @Test
    void belowTheDiskReserveNoStateIsWrittenAndEveryLaterWriteIsRefusedToo(@TempDir Path dir) {
        Path state = dir.resolve("state");
        try (SubscriberStore store = SubscriberStore.open(state, 5000, Long.MAX_VALUE)) {
            assertThatThrownBy(() -> store.put(subscriber(6281100000042L, 510100000000042L)))
                    .isInstanceOf(SubscriberStore.StateDiskFullException.class)
                    .hasMessageContaining("subscriber state " + state).hasMessageContaining("journal.minFreeBytes")
                    .hasMessageContaining("free space, then run again");
            assertThatThrownBy(() -> store.put(subscriber(6281100000042L, 510100000000042L)))
                    .as("looked at again on the next write, not 1024 writes later")
                    .isInstanceOf(SubscriberStore.StateDiskFullException.class);
            assertThat(store.get(6281100000042L)).isNull();
            assertThat(store.subscribers()).isZero();
        }
        try (SubscriberStore store = SubscriberStore.open(state, 5000, 0)) {
            for (int i = 0; i < 2 * SubscriberStore.PUTS_BETWEEN_CHECKS + 1; i++) {
                store.put(subscriber(6281100000100L + i, 510100000000100L + i));
            }
            assertThat(store.subscribers()).isEqualTo(2L * SubscriberStore.PUTS_BETWEEN_CHECKS + 1);
        }
    }

    @Test
    void aMapFileLeftHalfMadeByAKilledCreatorIsMadeAgain(@TempDir Path dir) throws IOException {
        Path state = dir.resolve("state");
        Files.createDirectories(state);
        Files.write(state.resolve("subscribers.dat.creating"), new byte[] {1, 2, 3}); // a creator killed mid-way
        try (SubscriberStore store = SubscriberStore.open(state, 100)) {
            store.put(subscriber(6281100000042L, 510100000000042L));
        }
        assertThat(state.resolve("subscribers.dat.creating")).doesNotExist();
        try (SubscriberStore store = SubscriberStore.open(state, 100)) {
            assertThat(store.get(6281100000042L).imsi).isEqualTo(510100000000042L);
        }
    }

    @Test
    void aRecoveryThatWasItselfKilledIsRecoveredAgainWithoutWaitingForTheDeadProcess(@TempDir Path dir)
            throws IOException {
        Path state = dir.resolve("state");
        SubscriberStore store = SubscriberStore.open(state, 100);
        store.put(subscriber(6281100000042L, 510100000000042L));
        store.index(510100000000042L, 6281100000042L);
        store.abandon();
        // A recovering writer killed mid-way leaves the header marked not ready.
        Path file = state.resolve("subscribers.dat");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer word = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(word, SizePrefixedBlob.SIZE_WORD_OFFSET);
            word.putInt(0, word.getInt(0) | SizePrefixedBlob.NOT_COMPLETE).rewind();
            ch.write(word, SizePrefixedBlob.SIZE_WORD_OFFSET);
        }
        long started = System.nanoTime();
        try (SubscriberStore again = SubscriberStore.open(state, 100)) {
            assertThat(again.get(6281100000042L).imsi).isEqualTo(510100000000042L);
            assertThat(again.msisdnOf(510100000000042L)).isEqualTo(6281100000042L);
        }
        assertThat((System.nanoTime() - started) / 1e9).as("seconds to open: Chronicle would wait a minute")
                .isLessThan(30);
        ByteBuffer word = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.read(word, SizePrefixedBlob.SIZE_WORD_OFFSET);
        }
        assertThat(SizePrefixedBlob.isReady(word.getInt(0))).isTrue();
    }

    @Test
    void aClosedStoreRefusesUseRatherThanReadUnmappedMemory(@TempDir Path dir) {
        SubscriberStore store = SubscriberStore.open(dir.resolve("state"), 100);
        store.put(subscriber(6281100000042L, 510100000000042L));
        store.close();
        assertThatThrownBy(() -> store.get(6281100000042L)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> store.msisdnOf(510100000000042L)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(store::checkpoint).isInstanceOf(RuntimeException.class);
        SubscriberStore memory = SubscriberStore.inMemory(100);
        memory.close();
        assertThatThrownBy(() -> memory.get(6281100000042L)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> memory.msisdnOf(1)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(memory::checkpoint).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aRecoveryKilledHalfWayStartsAgainFromTheFilesAsTheCrashLeftThemAndThenDropsTheCopy(@TempDir Path dir)
            throws IOException {
        Path state = dir.resolve("state");
        SubscriberStore store = SubscriberStore.open(state, 100);
        store.put(subscriber(6281100000042L, 510100000000042L));
        store.index(510100000000042L, 6281100000042L);
        store.checkpoint(77);
        store.abandon();
        // The next start took its copy, began rewriting the files in place and was killed.
        RecoveryCopy.prepare(state);
        for (String f : RecoveryCopy.FILES) {
            Path file = state.resolve(f);
            Files.write(file, new byte[(int) Files.size(file)]);
        }
        try (SubscriberStore again = SubscriberStore.open(state, 100)) {
            assertThat(again.get(6281100000042L).imsi).isEqualTo(510100000000042L);
            assertThat(again.msisdnOf(510100000000042L)).isEqualTo(6281100000042L);
            assertThat(again.checkpoint()).isEqualTo(77);
        }
        assertThat(state.resolve(RecoveryCopy.DIR)).as("dropped once recovered").doesNotExist();
    }
}
