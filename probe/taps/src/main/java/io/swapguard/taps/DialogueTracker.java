package io.swapguard.taps;

import io.swapguard.event.MapEvent;
import io.swapguard.event.SccpAddress;
import io.swapguard.ss7.tcap.TcapMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows TCAP dialogues so that messages without a dialogue portion (most Continues and Ends)
 * still decode: remembers per transaction the MAP application context, the subscriber the
 * dialogue is about, and each open invoke (its operation and what it said), so a result, error
 * or reject can be joined to the request it answers.
 *
 * <p>A transaction id is only unique at the node that allocated it, so dialogues are found by
 * (owner address, id), falling back to the id alone when global title translation changed the
 * address on the way back. State is bounded ({@code maxDialogues}, least recently used dropped
 * first) and expires after {@code idleTimeoutNanos} of capture time without a message.
 */
public final class DialogueTracker {

    /** The state of one dialogue. */
    public static final class Dialogue {
        int applicationContext;
        int applicationContextVersion;
        long lastSeenNanos;
        MapEvent subscriber; // the first event that named the subscriber (IMSI and/or MSISDN)
        String destinationReference;
        String originatingReference;
        final List<OpenInvoke> openInvokes = new ArrayList<>(2);
        boolean currentFromInitiator;
        Key initiatorKey;
        Key responderKey;
        boolean forgotten;

        public int applicationContext() {
            return applicationContext;
        }

        public int applicationContextVersion() {
            return applicationContextVersion;
        }

        public String destinationReference() {
            return destinationReference;
        }

        public String originatingReference() {
            return originatingReference;
        }

        /**
         * The invoke the current message's component answers, or null. Each side numbers its own
         * invokes, so an answer matches an invoke sent by the other side.
         */
        public MapEvent invoke(int invokeId) {
            for (OpenInvoke o : openInvokes) {
                if (o.event().invokeId() == invokeId && o.fromInitiator() != currentFromInitiator) {
                    return o.event();
                }
            }
            return null;
        }

        /** The most recent invoke still waiting for an answer, or null. */
        public MapEvent lastOpenInvoke() {
            return openInvokes.isEmpty() ? null : openInvokes.get(openInvokes.size() - 1).event();
        }

        /** True when the message being decoded was sent by the dialogue's initiator. */
        public boolean currentFromInitiator() {
            return currentFromInitiator;
        }

        /** An event of this dialogue that named the subscriber, or null. */
        public MapEvent subscriber() {
            return subscriber;
        }
    }

    record Key(String gt, int pc, long tid) {
    }

    record OpenInvoke(boolean fromInitiator, MapEvent event) {
    }

    private final int maxDialogues;
    private final long idleTimeoutNanos;
    private final LinkedHashMap<Key, Dialogue> byKey;
    private final LinkedHashMap<Long, Dialogue> byTid;
    private long expired;
    private long evicted;

    public DialogueTracker(int maxDialogues, long idleTimeoutNanos) {
        this.maxDialogues = maxDialogues;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.byKey = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Dialogue> eldest) {
                if (size() > 2 * DialogueTracker.this.maxDialogues) {
                    evicted++;
                    forget(eldest.getValue(), false);
                    return true;
                }
                return false;
            }
        };
        this.byTid = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Dialogue> eldest) {
                return size() > 2 * DialogueTracker.this.maxDialogues;
            }
        };
    }

    /** Subsystems of CAP (146, the gsmSCF's CAMEL side) and INAP (241): not MAP, whatever the opcodes say. */
    static final java.util.Set<Integer> NON_MAP_SSNS = java.util.Set.of(146, 241);

    private static Key key(SccpAddress owner, long tid) {
        if (owner == null) {
            return new Key("", -1, tid);
        }
        return new Key(owner.gtDigits(), owner.globalTitle() == null ? owner.pointCode() : -1, tid);
    }

    /**
     * The dialogue a message belongs to, creating it for a Begin (or a Unidirectional). Returns
     * null when a Continue/End/Abort refers to a transaction never seen (capture started late,
     * expired, or asymmetric routing).
     */
    public Dialogue onMessage(TcapMessage m, SccpAddress calling, SccpAddress called, long nowNanos) {
        expire(nowNanos);
        Dialogue d;
        switch (m.type()) {
            case BEGIN, UNIDIRECTIONAL -> {
                d = new Dialogue();
                d.currentFromInitiator = true;
                if (m.dialoguePdu() == TcapMessage.DialoguePdu.NONE) {
                    // MAP (TS 29.002): a dialogue opened without a dialogue portion is a version 1
                    // dialogue; so is CAMEL phase 1 or INAP, told apart by the subsystem addressed.
                    if (called != null && NON_MAP_SSNS.contains(called.ssn())) {
                        d.applicationContext = -1;
                    } else {
                        d.applicationContextVersion = 1;
                    }
                }
                if (m.otid() >= 0) {
                    d.initiatorKey = key(calling, m.otid());
                    byKey.put(d.initiatorKey, d);
                    byTid.put(m.otid(), d);
                }
            }
            default -> {
                d = byKey.get(key(called, m.dtid()));
                if (d == null) {
                    d = byTid.get(m.dtid());
                }
                if (d == null) {
                    return null;
                }
                // The destination id names the receiver's transaction: the initiator's id means
                // the message travels towards the initiator.
                d.currentFromInitiator = d.initiatorKey == null || m.dtid() != d.initiatorKey.tid();
                if (m.type() == io.swapguard.event.TcapMessageType.CONTINUE && d.responderKey == null && m.otid() >= 0) {
                    d.responderKey = key(calling, m.otid());
                    byKey.put(d.responderKey, d);
                    byTid.put(m.otid(), d);
                }
            }
        }
        d.lastSeenNanos = nowNanos;
        if (m.applicationContext() != 0) {
            d.applicationContext = m.applicationContext();
            d.applicationContextVersion = m.applicationContextVersion();
        }
        if (m.destinationReference() != null) {
            d.destinationReference = m.destinationReference();
        }
        if (m.originatingReference() != null) {
            d.originatingReference = m.originatingReference();
        }
        return d;
    }

    /** Remembers an invoke until its last answer, and the subscriber it named. */
    public void onInvoke(Dialogue d, MapEvent invoke) {
        if (d.openInvokes.size() >= 16) {
            d.openInvokes.remove(0);
        }
        d.openInvokes.add(new OpenInvoke(d.currentFromInitiator, invoke));
        noteSubscriber(d, invoke);
    }

    /** Records an event that names the subscriber, if the dialogue has none yet. */
    public void noteSubscriber(Dialogue d, MapEvent e) {
        if (e.imsi() != null || e.msisdn() != null) {
            if (d.subscriber == null || (d.subscriber.imsi() == null && e.imsi() != null)) {
                d.subscriber = e;
            }
        }
    }

    /** The invoke with this id is answered for good (last result, error, reject). */
    public void answered(Dialogue d, int invokeId) {
        d.openInvokes.removeIf(o -> o.event().invokeId() == invokeId && o.fromInitiator() != d.currentFromInitiator);
    }

    /** The dialogue ended (End, Abort, or a Unidirectional message). */
    public void ended(Dialogue d) {
        forget(d, true);
    }

    private void forget(Dialogue d, boolean removeKeys) {
        d.forgotten = true;
        if (removeKeys) {
            if (d.initiatorKey != null) {
                byKey.remove(d.initiatorKey);
                byTid.remove(d.initiatorKey.tid(), d);
            }
            if (d.responderKey != null) {
                byKey.remove(d.responderKey);
                byTid.remove(d.responderKey.tid(), d);
            }
        }
    }

    private void expire(long now) {
        // Access order: the least recently used come first; stop at the first fresh one.
        List<Dialogue> stale = null;
        for (Iterator<Dialogue> it = byKey.values().iterator(); it.hasNext(); ) {
            Dialogue d = it.next();
            if (now - d.lastSeenNanos <= idleTimeoutNanos) {
                break;
            }
            if (stale == null) {
                stale = new ArrayList<>();
            }
            stale.add(d);
        }
        if (stale != null) {
            for (Dialogue d : stale) {
                if (!d.forgotten) {
                    expired++;
                    forget(d, true);
                }
            }
        }
    }

    /** Dialogue keys currently held (two per answered dialogue). */
    public int size() {
        return byKey.size();
    }

    public long expiredCount() {
        return expired;
    }

    public long evictedCount() {
        return evicted;
    }
}
