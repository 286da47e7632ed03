package io.swapguard.journal;

import io.swapguard.event.EventReadException;
import io.swapguard.event.EventReader;
import io.swapguard.event.EventRecord;
import io.swapguard.event.codec.EventCodec;
import io.swapguard.event.codec.EventDecodeException;
import io.swapguard.event.codec.UnsupportedSchemaException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads journal records in order. A named tailer persists its position as it reads, so a new
 * tailer of the same name resumes after the last record returned. Not thread-safe.
 */
public final class JournalTailer implements EventReader {

    /** No valid record comes near this; a larger one is corrupt and is not copied. */
    static final int MAX_RECORD_BYTES = 64 * 1024;

    private final ExcerptTailer tailer;
    private final String journal;
    private final JournalActivity activity;
    private final JournalActivity.ReaderPosition position;
    private byte[] record = new byte[512];

    /** {@code position} is null for a tailer without a name. */
    JournalTailer(ExcerptTailer tailer, String journal, JournalActivity activity,
            JournalActivity.ReaderPosition position) {
        this.tailer = tailer;
        this.journal = journal;
        this.activity = activity;
        this.position = position;
    }

    /**
     * The next record, or null when the tailer has read everything appended so far.
     *
     * @throws EventReadException for a record that cannot be read; when
     *         {@link EventReadException#skipped()} the tailer has moved past it
     */
    @Override
    public EventRecord next() {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return null;
            }
            long index = dc.index();
            Bytes<?> bytes = dc.wire().bytes();
            long length = bytes.readRemaining();
            if (length > MAX_RECORD_BYTES) {
                activity.damaged.increment();
                throw new EventReadException(journal, index, true,
                        new EventDecodeException("record of " + length + " bytes exceeds " + MAX_RECORD_BYTES));
            }
            int n = (int) length;
            if (record.length < n) {
                record = new byte[Math.max(n, record.length * 2)];
            }
            bytes.read(record, 0, n);
            try {
                EventRecord r = new EventRecord(index, EventCodec.decode(record, 0, n));
                if (position != null) {
                    position.read(index, r.event().captureNanos());
                }
                return r;
            } catch (UnsupportedSchemaException e) {
                // Stay on this record: a newer reader must still find it.
                dc.rollbackOnClose();
                throw new EventReadException(journal, index, false, e);
            } catch (EventDecodeException e) {
                activity.damaged.increment();
                throw new EventReadException(journal, index, true, e);
            }
        }
    }

    /** Positions the tailer after the last record, to follow only what is appended from now on. */
    @Override
    public JournalTailer toEnd() {
        tailer.toEnd();
        return this;
    }

    /** Positions the tailer on the first record still in the journal. */
    @Override
    public JournalTailer toStart() {
        tailer.toStart();
        return this;
    }

    /** Positions the tailer so that the next read returns the record at {@code index}. */
    @Override
    public JournalTailer moveTo(long index) {
        if (!tailer.moveToIndex(index)) {
            throw new IllegalArgumentException("journal " + journal + " has no record 0x" + Long.toHexString(index));
        }
        return this;
    }

    /** The index the next read would return (or the end). */
    @Override
    public long index() {
        return tailer.index();
    }

    @Override
    public void close() {
        tailer.close();
    }
}
