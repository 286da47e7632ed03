package io.swapguard.gate;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Requests waiting for their answer on one link, by the link's sequence number. The gate numbers
 * its requests consecutively, so a ring indexed by the number replaces a hash map (no boxing, no
 * hashing on the hot path); a slot still taken when its number comes round again holds a request
 * a whole ring of others overtook, which is handed back to be answered as timed out.
 *
 * @param <T> what is remembered per request
 */
final class PendingRequests<T> {

    private final Object[] values;
    private final int[] sequences;
    private final int mask;
    private int size;

    /** Room for at least {@code capacity} requests (rounded up to a power of two). */
    PendingRequests(int capacity) {
        int n = Integer.highestOneBit(Math.max(16, capacity) - 1) << 1;
        values = new Object[n];
        sequences = new int[n];
        mask = n - 1;
    }

    /** Remembers {@code value} for {@code sequence}; returns what its slot still held (overtaken), or null. */
    @SuppressWarnings("unchecked")
    T put(int sequence, T value) {
        int i = sequence & mask;
        T displaced = (T) values[i];
        values[i] = value;
        sequences[i] = sequence;
        if (displaced == null) {
            size++;
        }
        return displaced;
    }

    /** The request waiting under {@code sequence}, removed; null when there is none. */
    @SuppressWarnings("unchecked")
    T remove(int sequence) {
        int i = sequence & mask;
        if (values[i] == null || sequences[i] != sequence) {
            return null;
        }
        T v = (T) values[i];
        values[i] = null;
        size--;
        return v;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Removes every request {@code expired} accepts. */
    @SuppressWarnings("unchecked")
    void removeIf(Predicate<T> expired) {
        for (int i = 0; i < values.length && size > 0; i++) {
            if (values[i] != null && expired.test((T) values[i])) {
                values[i] = null;
                size--;
            }
        }
    }

    /** Hands every request to {@code action} and forgets them all. */
    @SuppressWarnings("unchecked")
    void drain(Consumer<T> action) {
        for (int i = 0; i < values.length && size > 0; i++) {
            if (values[i] != null) {
                T v = (T) values[i];
                values[i] = null;
                size--;
                action.accept(v);
            }
        }
    }
}
