package io.swapguard.journal;

import io.swapguard.event.AlertEvent;
import io.swapguard.event.DiameterEvent;
import io.swapguard.event.EventRecord;
import io.swapguard.event.LowerCamel;
import io.swapguard.event.MapEvent;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.event.SmppEvent;
import io.swapguard.event.SignalEvent;
import java.util.Map;
import java.util.TreeMap;

/** Counts of what a journal holds: by event type and kind, time span, unreadable records. Thread-safe. */
public final class JournalStats {

    private long records;
    private long unreadable;
    private long firstIndex = -1;
    private long lastIndex = -1;
    private long firstCaptureNanos = Long.MAX_VALUE;
    private long lastCaptureNanos = Long.MIN_VALUE;
    private final Map<String, Long> byType = new TreeMap<>();
    private final Map<String, Long> byKind = new TreeMap<>();

    public synchronized void add(EventRecord record) {
        records++;
        if (firstIndex < 0) {
            firstIndex = record.index();
        }
        lastIndex = record.index();
        SignalEvent e = record.event();
        firstCaptureNanos = Math.min(firstCaptureNanos, e.captureNanos());
        lastCaptureNanos = Math.max(lastCaptureNanos, e.captureNanos());
        byType.merge(typeName(e), 1L, Long::sum);
        byKind.merge(kindName(e), 1L, Long::sum);
    }

    public synchronized void addUnreadable() {
        unreadable++;
    }

    /** The event type as named in {@code journal tail --json}: {@code map} or {@code provisioning}. */
    public static String typeName(SignalEvent e) {
        return switch (e.type()) {
            case MAP -> "map";
            case PROVISIONING -> "provisioning";
            case ALERT -> "alert";
            case SMPP -> "smpp";
            case DIAMETER -> "diameter";
        };
    }

    /** Finer kind: the MAP operation and component, or the provisioning kind. */
    public static String kindName(SignalEvent e) {
        switch (e.type()) {
            case MAP -> {
                MapEvent m = (MapEvent) e;
                String op = m.opCode() < 0 ? "(no operation)" : m.operationName();
                return "map " + op + " " + LowerCamel.of(m.component());
            }
            case PROVISIONING -> {
                return "provisioning " + LowerCamel.of(((ProvisioningEvent) e).kind());
            }
            case ALERT -> {
                AlertEvent a = (AlertEvent) e;
                return "alert " + a.rule() + " " + LowerCamel.of(a.severity());
            }
            case SMPP -> {
                SmppEvent m = (SmppEvent) e;
                return "smpp " + m.command().smppName() + " " + LowerCamel.of(m.decision());
            }
            case DIAMETER -> {
                return "diameter " + ((DiameterEvent) e).commandName();
            }
            default -> throw new IllegalStateException(e.type().name());
        }
    }

    public synchronized long records() {
        return records;
    }

    public synchronized long unreadable() {
        return unreadable;
    }

    public synchronized long firstIndex() {
        return firstIndex;
    }

    public synchronized long lastIndex() {
        return lastIndex;
    }

    /** Earliest capture time seen, or {@link Long#MAX_VALUE} when empty. */
    public synchronized long firstCaptureNanos() {
        return firstCaptureNanos;
    }

    /** Latest capture time seen, or {@link Long#MIN_VALUE} when empty. */
    public synchronized long lastCaptureNanos() {
        return lastCaptureNanos;
    }

    public synchronized Map<String, Long> byType() {
        return new TreeMap<>(byType);
    }

    public synchronized Map<String, Long> byKind() {
        return new TreeMap<>(byKind);
    }
}
