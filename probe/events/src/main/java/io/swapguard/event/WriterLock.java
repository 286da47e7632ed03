package io.swapguard.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes one process the writer of a directory (a journal, a subscriber state): an exclusive OS
 * file lock on {@code swapguard.lock} inside it, holding the owner's pid for the error message.
 * The OS drops the lock when the process dies, however it dies, so a kill -9 never leaves it
 * held. Readers do not take it.
 */
public final class WriterLock implements AutoCloseable {

    /** The lock file's name inside the directory. */
    public static final String FILE = "swapguard.lock";

    /** Another process writes the directory. */
    public static final class InUseException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        InUseException(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code dir} (created if missing) for {@code what} ("journal", "subscriber
     * state"), or fails with an {@link InUseException} naming the holder.
     */
    public static WriterLock acquire(Path dir, String what) {
        WriterLock l = tryAcquire(dir);
        if (l == null) {
            throw new InUseException(what + " " + dir + " is in use by another process (" + holder(dir)
                    + "): only one may write it; stop that one first");
        }
        return l;
    }

    /** Takes the lock on {@code dir} if nobody holds it, else returns null. */
    public static WriterLock tryAcquire(Path dir) {
        FileChannel ch = null;
        try {
            Files.createDirectories(dir);
            ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null; // held by this JVM: still another writer
            }
            if (lock == null) {
                ch.close();
                return null;
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
                    0);
            ch.force(false);
            return new WriterLock(ch, lock);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // the open failure is what matters
                }
            }
            throw new UncheckedIOException("cannot lock " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** Who holds the lock of {@code dir}, as its file says ("pid 1234"), for messages. */
    static String holder(Path dir) {
        try {
            String s = Files.readString(dir.resolve(FILE), StandardCharsets.US_ASCII).strip();
            return s.isEmpty() ? "pid unknown" : s;
        } catch (IOException e) {
            return "pid unknown";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
