package io.swapguard.event;

import java.util.List;
import java.util.Objects;

/**
 * An alert raised by a detector rule: what was seen about which subscriber, how bad it is, and
 * the evidence (journal events) it rests on. Alerts live in their own journal (the alerts
 * journal), in the same record schema as the signals they come from.
 *
 * @param captureNanos event time of the signal that raised it (never the detector's clock)
 * @param tapId who raised it ({@code detector})
 * @param rule the rule's name, e.g. {@code simSwap}
 * @param severity how urgent
 * @param msisdn the subscriber
 * @param imsi the SIM concerned, or null
 * @param title one line for humans (identities masked as in logs)
 * @param evidence the events the alert rests on, oldest first
 * @param sourceIndex journal index of the signal that raised it: with {@code ordinal}, the alert's identity
 * @param ordinal which alert of that signal (a signal can raise several)
 * @param monitored raised by a rule in monitor mode: what it would alert, for rollout; it pages no
 *        one and puts no subscriber at risk for the OTP guard
 */
public record AlertEvent(long captureNanos, String tapId, String rule, Severity severity, Msisdn msisdn, Imsi imsi,
        String title, List<Evidence> evidence, long sourceIndex, int ordinal, boolean monitored) implements SignalEvent {

    /** An alert of a rule that enforces (not in monitor mode). */
    public AlertEvent(long captureNanos, String tapId, String rule, Severity severity, Msisdn msisdn, Imsi imsi,
            String title, List<Evidence> evidence, long sourceIndex, int ordinal) {
        this(captureNanos, tapId, rule, severity, msisdn, imsi, title, evidence, sourceIndex, ordinal, false);
    }

    @Override
    public EventType type() {
        return EventType.ALERT;
    }

    public static final int MAX_EVIDENCE = 16;
    public static final int MAX_TEXT = 256;

    /** Positions are written to the journal: append new constants, never reorder. */
    public enum Severity { LOW, MEDIUM, HIGH, CRITICAL }

    /**
     * One piece of evidence.
     *
     * @param index the journal index of the signal (or -1 for a fact not from the journal)
     * @param timeNanos its event time
     * @param text what it shows, for humans (identities masked)
     */
    public record Evidence(long index, long timeNanos, String text) {
        public Evidence {
            Objects.requireNonNull(text, "text");
            if (text.length() > MAX_TEXT) {
                text = text.substring(0, MAX_TEXT);
            }
        }
    }

    public AlertEvent {
        Objects.requireNonNull(tapId, "tapId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(msisdn, "msisdn");
        Objects.requireNonNull(title, "title");
        if (rule.isEmpty() || rule.length() > 64 || tapId.length() > MAX_TAP_ID_LENGTH) {
            throw new IllegalArgumentException("rule must be 1..64 characters");
        }
        if (title.length() > MAX_TEXT) {
            title = title.substring(0, MAX_TEXT);
        }
        evidence = List.copyOf(evidence.size() > MAX_EVIDENCE ? evidence.subList(evidence.size() - MAX_EVIDENCE,
                evidence.size()) : evidence);
        if (ordinal < 0 || ordinal > 255) {
            throw new IllegalArgumentException("ordinal must be 0..255");
        }
    }

    /** The alert's identity, stable across replays: the signal that raised it and which of its alerts. */
    public String id() {
        return id(sourceIndex, ordinal);
    }

    /** The identity of the alert raised {@code ordinal}-th by the signal at {@code sourceIndex}. */
    public static String id(long sourceIndex, int ordinal) {
        return Long.toHexString(sourceIndex) + "-" + ordinal;
    }
}
