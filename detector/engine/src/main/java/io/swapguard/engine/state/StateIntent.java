package io.swapguard.engine.state;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A one-entry redo log for the subscriber store: the state about to be written, kept in a small
 * memory-mapped file before the Chronicle Map put. Chronicle Map updates an entry in place, and a
 * process killed in the middle leaves that entry for the recovery to drop; with the intent the
 * store writes it again. Only the last write can be cut short (one writer, one event at a time),
 * so one entry is enough, and redoing it is harmless when it had completed. Survives a killed
 * process (the page cache keeps the mapped bytes), not a power loss, like the map itself.
 */
final class StateIntent implements AutoCloseable {

    /** The largest state the intent holds; a larger one (none seen: states are a few hundred bytes) is not protected. */
    static final int MAX_STATE_BYTES = 64 * 1024;
    private static final int HEADER = 16; // msisdn (8), length (4), crc (4)

    /** A recorded write: the subscriber and its encoded state. */
    record Write(long msisdn, byte[] bytes) {
    }

    private final FileChannel channel;
    private final MappedByteBuffer map;
    private final CRC32C crc = new CRC32C();

    private StateIntent(FileChannel channel, MappedByteBuffer map) {
        this.channel = channel;
        this.map = map;
    }

    static StateIntent open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, HEADER + MAX_STATE_BYTES);
        m.order(ByteOrder.LITTLE_ENDIAN);
        return new StateIntent(ch, m);
    }

    /** Records that {@code bytes} are about to become {@code msisdn}'s state; false when too large to record. */
    boolean record(long msisdn, byte[] bytes) {
        if (bytes.length > MAX_STATE_BYTES) {
            return false;
        }
        map.putInt(12, 0); // invalid until complete: a torn record fails its check
        map.putLong(0, msisdn);
        map.putInt(8, bytes.length);
        map.put(HEADER, bytes, 0, bytes.length);
        map.putInt(12, checksum(msisdn, bytes, bytes.length));
        return true;
    }

    /** The state recorded last, or null when there is none or its record was cut short. */
    Write last() {
        long msisdn = map.getLong(0);
        int length = map.getInt(8);
        if (msisdn == 0 || length <= 0 || length > MAX_STATE_BYTES) {
            return null;
        }
        byte[] bytes = new byte[length];
        map.get(HEADER, bytes, 0, length);
        return map.getInt(12) == checksum(msisdn, bytes, length) ? new Write(msisdn, bytes) : null;
    }

    private int checksum(long msisdn, byte[] bytes, int length) {
        crc.reset();
        for (int i = 0; i < 8; i++) {
            crc.update((int) (msisdn >>> (8 * i)));
        }
        crc.update(bytes, 0, length);
        return (int) crc.getValue() | 1; // never 0, the "incomplete" mark
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
