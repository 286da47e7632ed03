package io.swapguard.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per directory: the lock, its holder's pid in the message, and its release. */
class WriterLockTest {

    @Test
    void theSecondWriterIsRefusedWithTheHoldersPidUntilTheFirstCloses(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("journal");
        String pid = "pid " + ProcessHandle.current().pid();
        try (WriterLock first = WriterLock.acquire(dir, "journal")) {
            assertThat(Files.readString(dir.resolve(WriterLock.FILE)).strip()).isEqualTo(pid);
            assertThat(WriterLock.tryAcquire(dir)).as("held, even by this JVM").isNull();
            assertThatThrownBy(() -> WriterLock.acquire(dir, "journal")).isInstanceOf(WriterLock.InUseException.class)
                    .hasMessage("journal " + dir + " is in use by another process (" + pid
                            + "): only one may write it; stop that one first");
        }
        WriterLock again = WriterLock.tryAcquire(dir);
        assertThat(again).as("released on close").isNotNull();
        again.close();
        assertThatThrownBy(again::close).as("closing twice").isInstanceOf(RuntimeException.class);
    }

    @Test
    void anUnreadableOrEmptyLockFileHasAnUnknownHolder(@TempDir Path tmp) throws Exception {
        assertThat(WriterLock.holder(tmp)).isEqualTo("pid unknown");
        Files.writeString(tmp.resolve(WriterLock.FILE), "  \n");
        assertThat(WriterLock.holder(tmp)).isEqualTo("pid unknown");
        Files.writeString(tmp.resolve(WriterLock.FILE), "pid 42\n");
        assertThat(WriterLock.holder(tmp)).isEqualTo("pid 42");
    }

    @Test
    void aDirectoryThatCannotBeMadeIsAClearError(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> WriterLock.tryAcquire(file.resolve("journal")))
                .isInstanceOf(UncheckedIOException.class).hasMessageStartingWith("cannot lock ");
    }
}
