package io.swapguard.event;

/**
 * Reads an event log in order: the journal's tailer on one box, a partition consumer across
 * machines. A named reader keeps its position, so a new reader of the same name resumes after the
 * last record returned. Not thread-safe.
 */
public interface EventReader extends AutoCloseable {

    /**
     * The next record, or null when everything appended so far has been read.
     *
     * @throws EventReadException for a record that cannot be read; when
     *         {@link EventReadException#skipped()} the reader has moved past it
     */
    EventRecord next();

    /**
     * Positions the reader so that the next read returns the record at {@code index}.
     *
     * @throws IllegalArgumentException when the log no longer holds that record
     */
    EventReader moveTo(long index);

    /** Positions the reader on the first record still in the log. */
    EventReader toStart();

    /** Positions the reader after the last record, to read only what is appended from now on. */
    EventReader toEnd();

    /** The index the next read would return (or where the end is). */
    long index();

    @Override
    void close();
}
