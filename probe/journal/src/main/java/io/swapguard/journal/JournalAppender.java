package io.swapguard.journal;

import io.swapguard.event.EventWriter;
import io.swapguard.event.SignalEvent;
import io.swapguard.event.codec.EventCodec;
import io.swapguard.event.codec.RecordBuffer;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/** Appends events to the journal. Not thread-safe: one per writing thread. */
public final class JournalAppender implements EventWriter {

    private ExcerptAppender appender;
    private final java.util.function.Supplier<ExcerptAppender> appenders;
    private long bytesSinceRenew;
    private final RecordBuffer buffer = new RecordBuffer();
    private final String journal;
    private final JournalActivity activity;
    private final FreeSpace freeSpace;
    private long bytesSinceCheck = Long.MAX_VALUE / 2; // check before the first append

    /** Bytes appended between two looks at the disk's free space (a statvfs call, about a microsecond). */
    static final long CHECK_EVERY_BYTES = 1L << 20;

    /** Bytes appended before the appender lets go of the blocks it mapped (a quarter of a Chronicle block). */
    static final long RENEW_EVERY_BYTES = 16L << 20;

    /**
     * Lets go of the cycle file's mapped blocks behind the write position. Chronicle keeps every
     * block of the cycle it has written mapped while its appender holds the cycle, so the written
     * journal stays in the process's resident memory (page cache, but counted in RSS and in a
     * container's memory): an hour of a busy link is gigabytes. A new appender maps only the block
     * it writes into.
     */
    private void renew() {
        bytesSinceRenew = 0;
        appender.close();
        appender = appenders.get();
    }

    /** The free space on the journal's disk, and the reserve it must keep. */
    interface FreeSpace {
        long usableBytes() throws java.io.IOException;

        long reserveBytes();

        java.nio.file.Path journal();
    }

    JournalAppender(java.util.function.Supplier<ExcerptAppender> appenders, String journal, JournalActivity activity,
            FreeSpace freeSpace) {
        this.appenders = appenders;
        this.appender = appenders.get();
        this.journal = journal;
        this.activity = activity;
        this.freeSpace = freeSpace;
    }

    /** Appends one event and returns its journal index. */
    @Override
    public long append(SignalEvent event) {
        buffer.clear();
        EventCodec.encode(event, buffer);
        return appendRecord(buffer.array(), buffer.length());
    }

    /** Appends an already encoded record as is (tests of foreign and future records use this). */
    long appendRecord(byte[] record, int length) {
        bytesSinceCheck += length + 8;
        if (bytesSinceCheck >= CHECK_EVERY_BYTES) {
            checkFreeSpace();
            bytesSinceCheck = 0;
        }
        bytesSinceRenew += length + 8;
        if (bytesSinceRenew >= RENEW_EVERY_BYTES) {
            renew();
        }
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(record, 0, length);
        }
        activity.appends.increment();
        activity.appendedBytes.add(length);
        return appender.lastIndexAppended();
    }

    /**
     * Refuses to append when the disk is below its reserve. Chronicle maps blocks of the cycle file
     * and the kernel allocates each page on first write: on a full disk that write is a SIGBUS
     * that kills the appending thread mid-record, so the check must come before, not after.
     */
    private void checkFreeSpace() {
        long usable;
        try {
            usable = freeSpace.usableBytes();
        } catch (java.io.IOException e) {
            return; // cannot tell (a file system without statvfs): Chronicle's own errors remain
        }
        if (usable < freeSpace.reserveBytes()) {
            bytesSinceCheck = CHECK_EVERY_BYTES; // look again at the next append: space may come back
            throw new JournalFullException(freeSpace.journal(), usable, freeSpace.reserveBytes());
        }
    }

    @Override
    public void close() {
        appender.close();
    }

    @Override
    public String toString() {
        return "JournalAppender[" + journal + "]";
    }
}
