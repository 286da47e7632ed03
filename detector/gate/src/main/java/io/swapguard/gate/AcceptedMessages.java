package io.swapguard.gate;

import io.swapguard.event.SmppEvent;
import io.swapguard.event.SmsAddress;
import io.swapguard.smpp.SmppMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last messages the SMSC accepted on one session, by message_id: what a replace_sm names,
 * so the new text is judged against the original's sender and destination. The oldest is
 * forgotten first.
 *
 * <p>Each message is a fixed slot of {@value #SLOT} octets in one array (its id, sender,
 * destination, data_coding) and the index is an int array of slot numbers (open addressing,
 * linear probes). Nothing in it is an object reference: kept as objects (a map of records), the
 * entries were traced and copied at every young collection, which took the gate's pauses from
 * about 1 to 16 ms at 300k submit_sm/s. The arrays start small and grow to {@code capacity}, so
 * an idle session costs a few KiB and a busy one {@code capacity × 128} octets.
 *
 * <p>Messages to several destinations (submit_multi, rare in A2P traffic) and messages whose
 * fields do not fit a slot are kept as objects in a small map of their own. Not thread-safe: one
 * session's event loop uses it.
 */
final class AcceptedMessages {

    static final int SLOT = 128;
    private static final int FIRST_SLOTS = 64;
    /** The bound on messages kept as objects (submit_multi and oversized fields). */
    static final int MAX_AS_OBJECTS = 1_000;

    // Slot layout: hash (4), command (1), data_coding (1), id length (1) + id (Latin-1),
    // then sender and destination, each as TON (1), NPI (1), length (1) + value (UTF-8).
    private static final int HEADER = 7;

    private final int capacity;
    private byte[] slots;
    private int[] index; // slot + 1 per entry, 0 = empty; size a power of two at least twice the slots
    private int next; // the slot the next message takes
    private boolean wrapped;
    private final Map<String, SmppMessage> asObjects = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SmppMessage> eldest) {
            return size() > MAX_AS_OBJECTS;
        }
    };

    AcceptedMessages(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        int first = Math.min(capacity, FIRST_SLOTS);
        this.slots = new byte[first * SLOT];
        this.index = new int[tableSize(first)];
    }

    /** Remembers {@code m} as accepted under {@code messageId} (a message the SMSC accepts again replaces the first). */
    void put(String messageId, SmppMessage m) {
        remove(messageId);
        if (m.destinations().size() != 1 || !fits(messageId, m)) {
            asObjects.put(messageId, SmppMessage.accepted(m.command(), m.source(), m.destinations(), m.dataCoding()));
            return;
        }
        if (next == slotCount()) {
            if (slotCount() < capacity) {
                grow();
            } else {
                next = 0;
                wrapped = true;
            }
        }
        if (wrapped) {
            unindex(next); // the oldest message gives up its slot
        }
        int at = next * SLOT;
        int hash = messageId.hashCode();
        putInt(at, hash);
        slots[at + 4] = (byte) m.command().ordinal();
        slots[at + 5] = (byte) m.dataCoding();
        int p = at + 6;
        slots[p++] = (byte) messageId.length();
        for (int k = 0; k < messageId.length(); k++) {
            slots[p++] = (byte) messageId.charAt(k);
        }
        p = putAddress(p, m.source());
        putAddress(p, m.destinations().get(0));
        int i = hash & (index.length - 1);
        while (index[i] != 0) {
            i = (i + 1) & (index.length - 1);
        }
        index[i] = next + 1;
        next++;
    }

    /** Whether the id is Latin-1 and the id and both addresses fit a slot. */
    private static boolean fits(String messageId, SmppMessage m) {
        for (int k = 0; k < messageId.length(); k++) {
            if (messageId.charAt(k) > 0xFF) {
                return false;
            }
        }
        return HEADER + messageId.length() + 3 + utf8Length(m.source().value()) + 3
                + utf8Length(m.destinations().get(0).value()) <= SLOT;
    }

    /** Octets of {@code s} in UTF-8 (without encoding it: addresses are mostly ASCII). */
    private static int utf8Length(String s) {
        int n = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3; // a surrogate pair: 4 in all
        }
        return n;
    }

    /** The message accepted under {@code messageId} (without its text), or null when it is not kept. */
    SmppMessage get(String messageId) {
        int slot = find(messageId);
        if (slot < 0) {
            return asObjects.get(messageId);
        }
        int at = slot * SLOT;
        SmppEvent.Command command = SmppEvent.Command.values()[slots[at + 4]];
        int dataCoding = slots[at + 5] & 0xFF;
        int p = at + 6;
        p += 1 + (slots[p] & 0xFF);
        SmsAddress from = address(p);
        p += 3 + (slots[p + 2] & 0xFF);
        SmsAddress to = address(p);
        return SmppMessage.accepted(command, from, List.of(to), dataCoding);
    }

    /** Messages kept (slots in use and those kept as objects). */
    int size() {
        int n = asObjects.size();
        for (int e : index) {
            n += e != 0 ? 1 : 0;
        }
        return n;
    }

    private void remove(String messageId) {
        int slot = find(messageId);
        if (slot >= 0) {
            unindex(slot);
            Arrays.fill(slots, slot * SLOT, slot * SLOT + 4 + 3, (byte) 0); // no longer findable from the slot
        } else {
            asObjects.remove(messageId);
        }
    }

    /** The slot holding {@code messageId}, or -1. */
    private int find(String messageId) {
        int hash = messageId.hashCode();
        for (int i = hash & (index.length - 1); index[i] != 0; i = (i + 1) & (index.length - 1)) {
            int slot = index[i] - 1;
            if (getInt(slot * SLOT) == hash && idEquals(slot, messageId)) {
                return slot;
            }
        }
        return -1;
    }

    private boolean idEquals(int slot, String messageId) {
        int p = slot * SLOT + 6;
        int length = slots[p] & 0xFF;
        if (length != messageId.length()) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if ((slots[p + 1 + k] & 0xFF) != messageId.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Takes {@code slot} out of the index, moving later entries of its probe run back (no tombstones). */
    private void unindex(int slot) {
        int mask = index.length - 1;
        int i = getInt(slot * SLOT) & mask;
        while (index[i] != slot + 1) {
            if (index[i] == 0) {
                return; // not indexed (removed before)
            }
            i = (i + 1) & mask;
        }
        int hole = i;
        for (int j = (hole + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
            int home = getInt((index[j] - 1) * SLOT) & mask;
            // Entry j may fill the hole if its home is not in (hole, j] cyclically.
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                index[hole] = index[j];
                hole = j;
            }
        }
        index[hole] = 0;
    }

    private void grow() {
        int count = Math.min(capacity, slotCount() * 2);
        slots = Arrays.copyOf(slots, count * SLOT);
        int[] old = index;
        index = new int[tableSize(count)];
        int mask = index.length - 1;
        for (int e : old) {
            if (e != 0) {
                int i = getInt((e - 1) * SLOT) & mask;
                while (index[i] != 0) {
                    i = (i + 1) & mask;
                }
                index[i] = e;
            }
        }
    }

    private int slotCount() {
        return slots.length / SLOT;
    }

    private static int tableSize(int slots) {
        return Integer.highestOneBit(Math.max(2, slots) * 2 - 1) << 1;
    }

    private int putAddress(int p, SmsAddress a) {
        slots[p] = (byte) a.typeOfNumber();
        slots[p + 1] = (byte) a.numberingPlan();
        String v = a.value();
        int length = utf8Length(v);
        if (length == v.length()) {
            for (int k = 0; k < length; k++) {
                slots[p + 3 + k] = (byte) v.charAt(k);
            }
        } else { // never longer than counted (a lone surrogate is encoded as one '?')
            byte[] octets = v.getBytes(StandardCharsets.UTF_8);
            length = octets.length;
            System.arraycopy(octets, 0, slots, p + 3, length);
        }
        slots[p + 2] = (byte) length;
        return p + 3 + length;
    }

    private SmsAddress address(int p) {
        return new SmsAddress(slots[p], slots[p + 1],
                new String(slots, p + 3, slots[p + 2] & 0xFF, StandardCharsets.UTF_8));
    }

    private void putInt(int at, int v) {
        slots[at] = (byte) (v >>> 24);
        slots[at + 1] = (byte) (v >>> 16);
        slots[at + 2] = (byte) (v >>> 8);
        slots[at + 3] = (byte) v;
    }

    private int getInt(int at) {
        return (slots[at] & 0xFF) << 24 | (slots[at + 1] & 0xFF) << 16 | (slots[at + 2] & 0xFF) << 8
                | slots[at + 3] & 0xFF;
    }
}
