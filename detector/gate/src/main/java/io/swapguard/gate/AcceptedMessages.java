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
 * destination, data_coding) and the index is a long array of id hash and slot number (open
 * addressing, linear probes, so a probe reads the index alone until the hash matches). Nothing
 * in it is an object reference: kept as objects (a map of records), the
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

    // Slot layout: command (1), data_coding (1), id length (1) + id (Latin-1), then sender and
    // destination, each as TON (1), NPI (1), length (1) + value (UTF-8).
    private static final int ID = 2;
    private static final SmppEvent.Command[] COMMANDS = SmppEvent.Command.values();

    private final int capacity;
    private byte[] slots;
    /** Per entry: the id's hash (high half) and its slot + 1 (low half); 0 = empty. */
    private long[] index;
    private int shift; // 32 - log2(index.length): an entry's home is the top bits of its mixed hash
    private int next; // the slot the next message takes
    private boolean wrapped;
    private final byte[] scratch = new byte[SLOT];
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
        resizeIndex(first);
    }

    /** Remembers {@code m} as accepted under {@code messageId} (a message the SMSC accepts again replaces the first). */
    void put(String messageId, SmppMessage m) {
        int hash = messageId.hashCode();
        int found = find(messageId, hash);
        if (found >= 0) {
            unindex(found);
        } else if (!asObjects.isEmpty()) {
            asObjects.remove(messageId);
        }
        if (m.destinations().size() != 1 || !encode(messageId, m)) {
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
        System.arraycopy(scratch, 0, slots, next * SLOT, SLOT);
        int mask = index.length - 1;
        int i = home(hash);
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = entry(hash, next);
        next++;
    }

    /** The message accepted under {@code messageId} (without its text), or null when it is not kept. */
    SmppMessage get(String messageId) {
        int slot = find(messageId, messageId.hashCode());
        if (slot < 0) {
            return asObjects.get(messageId);
        }
        int at = slot * SLOT;
        SmppEvent.Command command = COMMANDS[slots[at]];
        int dataCoding = slots[at + 1] & 0xFF;
        int p = at + ID;
        p += 1 + (slots[p] & 0xFF);
        SmsAddress from = address(p);
        p += 3 + (slots[p + 2] & 0xFF);
        SmsAddress to = address(p);
        return SmppMessage.accepted(command, from, List.of(to), dataCoding);
    }

    /** Messages kept (slots in use and those kept as objects). */
    int size() {
        int n = asObjects.size();
        for (long e : index) {
            n += e != 0 ? 1 : 0;
        }
        return n;
    }

    /** Writes the slot for {@code m} into {@link #scratch}; false when it does not fit one. */
    private boolean encode(String messageId, SmppMessage m) {
        byte[] b = scratch;
        b[0] = (byte) m.command().ordinal();
        b[1] = (byte) m.dataCoding();
        int length = messageId.length();
        if (ID + 1 + length > SLOT) {
            return false;
        }
        b[ID] = (byte) length;
        for (int k = 0; k < length; k++) {
            char c = messageId.charAt(k);
            if (c > 0xFF) {
                return false;
            }
            b[ID + 1 + k] = (byte) c;
        }
        int p = encode(ID + 1 + length, m.source());
        return p >= 0 && encode(p, m.destinations().get(0)) >= 0;
    }

    /** Writes an address at {@code p} of {@link #scratch}: the position after it, or -1 when it does not fit. */
    private int encode(int p, SmsAddress a) {
        byte[] b = scratch;
        String v = a.value();
        if (p + 3 + v.length() > SLOT) {
            return -1;
        }
        b[p] = (byte) a.typeOfNumber();
        b[p + 1] = (byte) a.numberingPlan();
        int length = v.length();
        for (int k = 0; k < length; k++) {
            char c = v.charAt(k);
            if (c >= 0x80) { // not ASCII: as UTF-8 octets
                byte[] octets = v.getBytes(StandardCharsets.UTF_8);
                if (p + 3 + octets.length > SLOT) {
                    return -1;
                }
                length = octets.length;
                System.arraycopy(octets, 0, b, p + 3, length);
                break;
            }
            b[p + 3 + k] = (byte) c;
        }
        b[p + 2] = (byte) length;
        return p + 3 + length;
    }

    /** The slot holding {@code messageId}, or -1. */
    private int find(String messageId, int hash) {
        int mask = index.length - 1;
        for (int i = home(hash); index[i] != 0; i = (i + 1) & mask) {
            long e = index[i];
            if ((int) (e >>> 32) == hash && idEquals(slotOf(e), messageId)) {
                return slotOf(e);
            }
        }
        return -1;
    }

    private boolean idEquals(int slot, String messageId) {
        int p = slot * SLOT + ID;
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
        int i = -1;
        // The slot keeps no hash: recompute it from the stored id and walk that probe run to the entry.
        int hash = slotHash(slot);
        for (int j = home(hash); index[j] != 0; j = (j + 1) & mask) {
            if (slotOf(index[j]) == slot) {
                i = j;
                break;
            }
        }
        if (i < 0) {
            return; // not indexed (taken out before)
        }
        int hole = i;
        for (int j = (hole + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
            int home = home((int) (index[j] >>> 32));
            // Entry j may fill the hole if its home is not in (hole, j] cyclically.
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                index[hole] = index[j];
                hole = j;
            }
        }
        index[hole] = 0;
    }

    /** The hash of the id in {@code slot}, as String.hashCode computes it. */
    private int slotHash(int slot) {
        int p = slot * SLOT + ID;
        int h = 0;
        for (int k = 0, n = slots[p] & 0xFF; k < n; k++) {
            h = 31 * h + (slots[p + 1 + k] & 0xFF);
        }
        return h;
    }

    private void grow() {
        int count = Math.min(capacity, slotCount() * 2);
        slots = Arrays.copyOf(slots, count * SLOT);
        long[] old = index;
        resizeIndex(count);
        int mask = index.length - 1;
        for (long e : old) {
            if (e != 0) {
                int i = home((int) (e >>> 32));
                while (index[i] != 0) {
                    i = (i + 1) & mask;
                }
                index[i] = e;
            }
        }
    }

    /** An index of at least twice {@code slots} entries, a power of two. */
    private void resizeIndex(int slots) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(2, slots) * 2 - 1);
        index = new long[1 << bits];
        shift = 32 - bits;
    }

    private int home(int hash) {
        return (hash * 0x9E3779B9) >>> shift; // Fibonacci hashing: sequential ids spread over the table
    }

    private static long entry(int hash, int slot) {
        return (long) hash << 32 | (slot + 1);
    }

    private static int slotOf(long entry) {
        return (int) entry - 1;
    }

    private int slotCount() {
        return slots.length / SLOT;
    }

    private SmsAddress address(int p) {
        return new SmsAddress(slots[p] & 0xFF, slots[p + 1] & 0xFF,
                new String(slots, p + 3, slots[p + 2] & 0xFF, StandardCharsets.UTF_8));
    }
}
