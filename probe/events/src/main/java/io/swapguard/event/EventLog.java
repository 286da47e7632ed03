package io.swapguard.event;

/**
 * An append-only log of events: what the detector reads its signals from and writes its alerts
 * to. The local journal (Chronicle Queue) is one; the rules never know which.
 */
public interface EventLog {

    /** A new writer; writers are not thread-safe, one per writing thread. */
    EventWriter writer();

    /** A reader from the first record that remembers nothing. */
    EventReader reader();

    /**
     * A reader that remembers where it stopped under {@code name}, across restarts and processes:
     * a new reader with the same name continues after the last record the previous one read.
     */
    EventReader reader(String name);

    /** The last record, or null when the log is empty or its last record is unreadable. */
    EventRecord lastRecord();

    /** Index of the last record appended, or -1 when the log is empty. */
    long lastIndex();

    /** Where the log lives, for messages. */
    String name();
}
