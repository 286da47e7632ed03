package io.swapguard.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.swapguard.event.SmppEvent;
import io.swapguard.event.SmsAddress;
import io.swapguard.smpp.SmppMessage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The accepted-message ring against a plain model (a map of each id's latest put and how many
 * slot-kept messages came after it): a message is found until {@code capacity} others have been
 * accepted after it, whatever the growth, wrap-around, re-accepted ids and colliding hashes.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a broken deletion leaves entries no probe reaches, and a full index would spin
class AcceptedMessagesTest {

    private static SmppMessage message(Random r, int destinations) {
        SmsAddress from = r.nextBoolean() ? new SmsAddress(5, 0, List.of("BCA", "ВСА", "MANDIRI", "8CA").get(r.nextInt(4)))
                : new SmsAddress(1, 1, "62811" + r.nextInt(10_000_000));
        List<SmsAddress> to = new java.util.ArrayList<>();
        for (int i = 0; i < destinations; i++) {
            to.add(new SmsAddress(1 + r.nextInt(2), 1, "62812" + r.nextInt(100_000_000)));
        }
        SmppEvent.Command c = List.of(SmppEvent.Command.SUBMIT_SM, SmppEvent.Command.DATA_SM).get(r.nextInt(2));
        return SmppMessage.accepted(destinations == 1 ? c : SmppEvent.Command.SUBMIT_MULTI, from, to, r.nextInt(256));
    }

    /** Ids of "Aa" and "BB" pieces share their hash codes: long probe runs, and deletions inside them. */
    private static String collidingId(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            b.append(r.nextBoolean() ? "Aa" : "BB");
        }
        return b.toString();
    }

    private record Put(SmppMessage message, long ringSeq) {
    }

    private static void runAgainstModel(long seed, int capacity, int operations, int idPool, boolean colliding) {
        Random r = new Random(seed);
        AcceptedMessages kept = new AcceptedMessages(capacity);
        Map<String, Put> model = new HashMap<>();
        long ringPuts = 0;
        for (int op = 0; op < operations; op++) {
            String id = colliding && r.nextInt(3) == 0 ? collidingId(r) : Long.toHexString(r.nextInt(idPool));
            if (r.nextInt(4) == 0) {
                Put p = model.get(id);
                SmppMessage expected = p == null || p.ringSeq >= 0 && ringPuts - p.ringSeq >= capacity ? null : p.message;
                assertEquals(expected, kept.get(id), "seed " + seed + ", operation " + op + ", id " + id);
            } else {
                SmppMessage m = message(r, r.nextInt(50) == 0 ? 3 : 1);
                kept.put(id, m);
                model.put(id, new Put(m, m.destinations().size() == 1 ? ++ringPuts : -1));
            }
        }
        // And every id at the end.
        for (Map.Entry<String, Put> e : model.entrySet()) {
            Put p = e.getValue();
            SmppMessage expected = p.ringSeq >= 0 && ringPuts - p.ringSeq >= capacity ? null : p.message;
            assertEquals(expected, kept.get(e.getKey()), "seed " + seed + ", id " + e.getKey() + " at the end");
        }
    }

    @Test
    void aMessageIsFoundUntilCapacityOthersWereAcceptedAfterIt() {
        for (long seed = 1; seed <= 20; seed++) {
            runAgainstModel(seed, 1 + (int) (seed * 37 % 300), 20_000, 2_000, false);
        }
    }

    @Test
    void idsWithTheSameHashCodeAreToldApartAndRemovedFromInsideTheirProbeRun() {
        for (long seed = 1; seed <= 20; seed++) {
            runAgainstModel(seed, 5 + (int) seed, 5_000, 40, true);
        }
    }

    @Test
    void growsFromASmallStartToItsCapacityAndKeepsWhatItHadWhileGrowing() {
        Random r = new Random(7);
        AcceptedMessages kept = new AcceptedMessages(10_000);
        Map<String, SmppMessage> all = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            SmppMessage m = message(r, 1);
            kept.put("id" + i, m);
            all.put("id" + i, m);
        }
        assertEquals(10_000, kept.size());
        all.forEach((id, m) -> assertEquals(m, kept.get(id), id));
        kept.put("one more", message(r, 1));
        assertNull(kept.get("id0"), "the oldest is forgotten first");
        assertEquals(all.get("id1"), kept.get("id1"));
    }

    @Test
    void fieldsPastASlotAndIdsPastLatin1AreKeptAsObjectsWithinTheirOwnBound() {
        Random r = new Random(3);
        AcceptedMessages kept = new AcceptedMessages(10);
        String longId = "x".repeat(64);
        SmppMessage wide = SmppMessage.accepted(SmppEvent.Command.SUBMIT_SM, new SmsAddress(5, 0, "Ж".repeat(30)),
                List.of(new SmsAddress(1, 1, "9".repeat(40))), 8);
        kept.put(longId, wide);
        kept.put("ид", message(r, 1));
        for (int i = 0; i < 100; i++) {
            kept.put("n" + i, message(r, 1)); // the ring turns over ten times; objects stay
        }
        assertEquals(wide, kept.get(longId));
        assertEquals(SmppEvent.Command.SUBMIT_SM, kept.get(longId).command());
        for (int i = 0; i < AcceptedMessages.MAX_AS_OBJECTS; i++) {
            kept.put("multi" + i, message(r, 2));
        }
        assertNull(kept.get(longId), "objects are bounded too, the oldest forgotten first");
        assertEquals(2, kept.get("multi999").destinations().size());
    }

    @Test
    void whatIsKeptIsWhatAReplacementIsJudgedOnAndNotTheText() {
        SmppMessage submitted = SmppMessage.accepted(SmppEvent.Command.SUBMIT_SM, new SmsAddress(5, 0, "ВСА"),
                List.of(new SmsAddress(1, 1, "6281234567890")), 8);
        AcceptedMessages kept = new AcceptedMessages(4);
        kept.put("5f3a", submitted);
        SmppMessage back = kept.get("5f3a");
        assertEquals("ВСА", back.source().value());
        assertEquals(5, back.source().typeOfNumber());
        assertEquals("6281234567890", back.destinations().get(0).value());
        assertEquals(8, back.dataCoding());
        assertEquals("", back.content().text());
        assertNull(kept.get("5F3A"), "message ids are compared exactly");
        SmppMessage odd = SmppMessage.accepted(SmppEvent.Command.DATA_SM, new SmsAddress(7, 15, "X"),
                List.of(new SmsAddress(6, 14, "1")), 0xF5);
        kept.put("odd", odd);
        assertEquals(odd, kept.get("odd"), "the highest TON and NPI, and a data_coding past 127, come back as they were");
    }
}
