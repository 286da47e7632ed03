package io.swapguard.engine;

import io.swapguard.engine.rules.RuleId;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.AlertEvent.Evidence;
import io.swapguard.event.AlertEvent.Severity;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventRecord;
import io.swapguard.event.Imsi;
import io.swapguard.event.Msisdn;
import io.swapguard.event.SignalEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What applying one event produced: the alerts, and the subscriber's new state, which reaches
 * the store only on {@link #commit()}. The caller writes the alerts first: a crash in between
 * replays the event (its alerts are recognised by id), whereas the other order could lose them.
 *
 * <p>Rules see the event's subscriber through {@link #state()} once the detector has loaded it,
 * raise alerts with {@link #alert}, and mark the subscriber at risk with {@link #risk}.
 */
public final class Change {

    private final SubscriberStore store;
    private final long dedupeNanos;
    private final DetectorConfig.IncidentsConfig incidents;
    private final DetectorConfig.RulesConfig rules;
    private final long index;
    private final SignalEvent event;
    private final long time;
    private final List<AlertEvent> alerts = new ArrayList<>(1);
    private SubscriberState state;
    private boolean dirty;
    private long indexImsi;
    private RuleId maskingRule;
    private String maskedSender;
    private io.swapguard.event.Fs11Category interconnect = io.swapguard.event.Fs11Category.NONE;
    private List<RuleId> joined = List.of();

    Change(SubscriberStore store, long dedupeNanos, DetectorConfig.IncidentsConfig incidents,
            DetectorConfig.RulesConfig rules, EventRecord r) {
        this.store = store;
        this.dedupeNanos = dedupeNanos;
        this.incidents = incidents;
        this.rules = rules;
        this.index = r.index();
        this.event = r.event();
        this.time = r.event().captureNanos();
    }

    /** The alerts raised, usually none. */
    public List<AlertEvent> alerts() {
        return alerts;
    }

    /**
     * Writes the subscriber's new state (if the event changed it) to the store, then the IMSI
     * index. In that order, with the state naming the IMSI it points (see
     * {@link SubscriberState#indexedImsi}): a crash in between is redone when the store is
     * recovered, and the index never runs ahead of the state, so a replay resolves each event as
     * the first pass did.
     */
    public void commit() {
        boolean reindex = indexImsi != 0 && store.msisdnOf(indexImsi) != state.msisdn;
        if (dirty || reindex) {
            state.lastIndex = index;
            state.indexedImsi = indexImsi;
            store.put(state);
            dirty = false;
        }
        if (reindex) {
            store.index(indexImsi, state.msisdn);
        }
        indexImsi = 0;
    }

    /** The event's index in its log: its identity, and the evidence's. */
    public long index() {
        return index;
    }

    /** The event's time (capture time, ns since the epoch). */
    public long time() {
        return time;
    }

    public SignalEvent event() {
        return event;
    }

    /** The subscriber loaded for this event (null before {@link #load}). */
    public SubscriberState state() {
        return state;
    }

    /**
     * Loads the subscriber (a new one starts here), or returns false when this event was already
     * applied to it: replaying a journal changes nothing twice.
     */
    public boolean load(long msisdn) {
        SubscriberState s = store.get(msisdn);
        if (s == null) {
            s = new SubscriberState(msisdn);
            s.firstSeen = time;
        }
        if (s.lastIndex >= index) {
            return false;
        }
        state = s;
        return true;
    }

    /** The number the IMSI was last seen behind, 0 when unknown. */
    public long msisdnOf(long imsi) {
        return store.msisdnOf(imsi);
    }

    /** Marks the subscriber's state as changed, to be written on {@link #commit()}. */
    public void save() {
        dirty = true;
    }

    /** Puts {@code imsi} behind the subscriber's number (and, on commit, in the IMSI index). */
    public void setImsi(long imsi) {
        if (state.imsi != imsi) {
            state.imsi = imsi;
            state.imsiSince = time;
        }
        indexImsi(imsi);
    }

    /**
     * Points the IMSI at the subscriber's number on commit, writing only when it points elsewhere
     * (most signalling confirms it).
     */
    public void indexImsi(long imsi) {
        if (imsi > 0) {
            indexImsi = imsi;
        }
    }

    /**
     * The subscriber is at risk from now on (the OTP guard and the OTP watch read this), unless the
     * rule that found the risk is in monitor mode: a rule being rolled out blocks no OTP.
     */
    public void risk(SubscriberState.RiskKind kind) {
        RuleId finder = switch (kind) {
            case SIM_SWAP, PROVISIONED_SWAP -> RuleId.SIM_SWAP;
            case LOCATION_HIJACK -> RuleId.LOCATION_HIJACK;
            case CALL_FORWARDING -> RuleId.CALL_FORWARDING;
            case NONE -> null;
        };
        if (finder != null && rules.monitors(finder)) {
            return;
        }
        state.riskKind = kind;
        state.riskTime = time;
        state.riskIndex = index;
    }

    /**
     * Raises an alert about a new fact (a SIM swap, a hijacking UpdateLocation, a forwarding
     * registered), unless the same rule fired for this subscriber within the de-duplication window
     * (the same sign seen twice). It opens the rule's incident for the subscriber, which later
     * {@link #followUp follow-on signs} join.
     */
    public void alert(RuleId rule, Severity severity, Imsi imsi, String title, List<Evidence> evidence) {
        int r = rule.ordinal();
        long last = state.lastAlert[r];
        if (last != 0 && time - last < dedupeNanos && time >= last) {
            join(r); // the same rule for the same subscriber just fired
            return;
        }
        state.lastAlert[r] = time;
        state.incidentCount[r] = 1;
        state.incidentLast[r] = time;
        state.incidentIndex[r] = index;
        state.incidentOrdinal[r] = alerts.size();
        state.incidentSeverity[r] = severity.ordinal();
        add(rule, severity, imsi, title, evidence);
    }

    /**
     * A follow-on sign of an attack the rule may already have alerted about (a call the forwarding
     * diverts, another OTP, another probe). It joins the rule's open incident for the
     * subscriber if one was opened at or after {@code since} (event time; 0 for any) and its last
     * sign is within {@code detector.incidents.window}: counted, no alert, unless it is more severe
     * than the incident so far (an escalation, which alerts and names the incident). Else it
     * opens an incident like {@link #alert}.
     */
    public void followUp(RuleId rule, long since, Severity severity, Imsi imsi, String title, List<Evidence> evidence) {
        int r = rule.ordinal();
        if (!incidentOpen(rule, since)) {
            alert(rule, severity, imsi, title, evidence);
            return;
        }
        join(r);
        if (severity.ordinal() <= state.incidentSeverity[r]) {
            return;
        }
        List<Evidence> withIncident = new ArrayList<>(evidence.size() + 1);
        withIncident.add(new Evidence(state.incidentIndex[r], state.lastAlert[r], "escalates incident "
                + AlertEvent.id(state.incidentIndex[r], state.incidentOrdinal[r]) + " ("
                + state.incidentCount[r] + " signs)"));
        withIncident.addAll(evidence);
        state.incidentSeverity[r] = severity.ordinal();
        state.lastAlert[r] = time;
        add(rule, severity, imsi, "Escalated to " + severity + ": " + title, withIncident);
    }

    /** Whether the rule has an incident open for the subscriber, opened at or after {@code since}. */
    private boolean incidentOpen(RuleId rule, long since) {
        int r = rule.ordinal();
        if (state.incidentCount[r] == 0 || state.lastAlert[r] < since) {
            return false;
        }
        return time - state.incidentLast[r] < incidents.window(rule).toNanos();
    }

    /** Closes the rule's incident for the subscriber (the attack's cause is gone, e.g. the forwarding erased). */
    public void closeIncident(RuleId rule) {
        state.incidentCount[rule.ordinal()] = 0;
    }

    private void join(int r) {
        if (state.incidentCount[r] == 0) {
            return; // a duplicate of an alert from before incidents were kept
        }
        if (state.incidentCount[r] < Integer.MAX_VALUE) {
            state.incidentCount[r]++;
        }
        state.incidentLast[r] = Math.max(state.incidentLast[r], time);
        if (joined.isEmpty()) {
            joined = new ArrayList<>(1);
        }
        joined.add(RuleId.values()[r]);
    }

    /** The rules whose open incident this event joined without alerting (the NOC counts them). */
    public List<RuleId> joined() {
        return joined;
    }

    private void add(RuleId rule, Severity severity, Imsi imsi, String title, List<Evidence> evidence) {
        alerts.add(new AlertEvent(time, "detector", rule.id(), severity, Msisdn.of(Long.toString(state.msisdn)), imsi,
                title, evidence, index, alerts.size(), rules.monitors(rule)));
    }

    /**
     * Notes that this SMS carried (or imitated) the registered sender {@code senderId} over a route
     * it may not use, whether or not an alert was raised (the NOC counts masking per sender).
     */
    public void masked(RuleId rule, String senderId) {
        this.maskingRule = rule;
        this.maskedSender = senderId;
    }

    /** The rule that found this SMS masked, or null. */
    public RuleId maskingRule() {
        return maskingRule;
    }

    /** The registered sender this SMS masked, or null. */
    public String maskedSender() {
        return maskedSender;
    }

    /** Notes that this MAP invoke came from interconnect (a calling GT that is not home), of this FS.11 category. */
    public void interconnect(io.swapguard.event.Fs11Category category) {
        this.interconnect = category;
    }

    /** The FS.11 category of this MAP invoke from interconnect; NONE for anything else. */
    public io.swapguard.event.Fs11Category interconnect() {
        return interconnect;
    }

    /** Evidence: this event, described. */
    public Evidence here(String text) {
        return new Evidence(index, time, text);
    }
}
