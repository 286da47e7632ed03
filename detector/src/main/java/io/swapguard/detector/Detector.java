package io.swapguard.detector;

import io.swapguard.config.DetectorConfig;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.AlertEvent.Evidence;
import io.swapguard.event.AlertEvent.Severity;
import io.swapguard.event.ComponentType;
import io.swapguard.event.Imei;
import io.swapguard.event.Imsi;
import io.swapguard.event.MapEvent;
import io.swapguard.event.MapOperation;
import io.swapguard.event.Msisdn;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.event.SignalEvent;
import io.swapguard.event.SmsAddress;
import io.swapguard.event.SubscriberMasking;
import io.swapguard.journal.JournalRecord;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The correlation engine: applies each journal event to its subscriber's state and runs the rules
 * on the change, returning the alerts it raised. Deterministic: it reads no clock (event time
 * only) and no randomness, so replaying a journal rebuilds the same state and the same alerts.
 * Idempotent: an event whose index the subscriber's state has already seen changes nothing.
 *
 * <p>Rules know nothing of the probe or Netty: they see {@link SignalEvent}s.
 */
public final class Detector {

    private static final long MINUTE = 60_000_000_000L;
    private static final Set<Integer> FORWARDING_CODES = Set.of(0x20, 0x21, 0x28, 0x29, 0x2A, 0x2B);

    private final DetectorConfig config;
    private final SubscriberStore store;
    private volatile SenderRegistry registry;
    private final List<PathMatcher> trustedChannels;
    private final long dedupeNanos;

    public Detector(DetectorConfig config, SubscriberStore store, SenderRegistry registry) {
        this.config = config;
        this.store = store;
        this.registry = registry;
        this.trustedChannels = config.rules().simSwap().trustedChannels().stream()
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        this.dedupeNanos = config.dedupeWindow().toNanos();
    }

    /** Replaces the sender registry (after the file changed). */
    public void registry(SenderRegistry r) {
        this.registry = r;
    }

    public SenderRegistry registry() {
        return registry;
    }

    public SubscriberStore store() {
        return store;
    }

    /**
     * What applying one event produced: the alerts, and the subscriber's new state, which reaches
     * the store only on {@link #commit()}. The caller writes the alerts first: a crash in between
     * replays the event (its alerts are recognised by id), whereas the other order could lose them.
     */
    public final class Change {
        final long index;
        final SignalEvent event;
        final long time;
        SubscriberState s;
        boolean dirty;
        final List<AlertEvent> alerts = new ArrayList<>(1);

        Change(JournalRecord r) {
            this.index = r.index();
            this.event = r.event();
            this.time = r.event().captureNanos();
        }

        /** The alerts raised, usually none. */
        public List<AlertEvent> alerts() {
            return alerts;
        }

        /** Writes the subscriber's new state (if the event changed it) to the store. */
        public void commit() {
            if (dirty) {
                s.lastIndex = index;
                store.put(s);
                dirty = false;
            }
        }

        void alert(Rule rule, Severity severity, Imsi imsi, String title, List<Evidence> evidence) {
            long last = s.lastAlert[rule.ordinal()];
            if (last != 0 && time - last < dedupeNanos && time >= last) {
                return; // the same rule for the same subscriber just fired
            }
            s.lastAlert[rule.ordinal()] = time;
            alerts.add(new AlertEvent(time, "detector", rule.id(), severity, Msisdn.of(Long.toString(s.msisdn)), imsi,
                    title, evidence, index, alerts.size()));
        }

        Evidence here(String text) {
            return new Evidence(index, time, text);
        }
    }

    /** Applies one event and commits it; returns the alerts it raised (usually none). */
    public List<AlertEvent> apply(JournalRecord record) {
        Change c = process(record);
        c.commit();
        return c.alerts;
    }

    /** Applies one event without committing the subscriber's new state (see {@link Change}). */
    public Change process(JournalRecord record) {
        Change w = new Change(record);
        if (record.event() instanceof ProvisioningEvent p) {
            provisioning(w, p);
        } else if (record.event() instanceof MapEvent m) {
            map(w, m);
        }
        return w;
    }

    /** Loads the subscriber, or returns false when this event was already applied to it. */
    private boolean load(Change w, long msisdn) {
        SubscriberState s = store.get(msisdn);
        if (s == null) {
            s = new SubscriberState(msisdn);
            s.firstSeen = w.time;
        }
        if (s.lastIndex >= w.index) {
            return false;
        }
        w.s = s;
        return true;
    }

    private static void save(Change w) {
        w.dirty = true;
    }

    // ---- provisioning: the most trusted source

    private void provisioning(Change w, ProvisioningEvent p) {
        long msisdn = Long.parseLong(p.msisdn().digits());
        if (!load(w, msisdn)) {
            return;
        }
        SubscriberState s = w.s;
        switch (p.kind()) {
            case ACTIVATION -> {
                s.activation = w.time;
                if (p.imsi() != null) {
                    setImsi(w, asLong(p.imsi()));
                }
            }
            case SIM_REPLACEMENT -> {
                if (p.imsi() != null) {
                    long newImsi = asLong(p.imsi());
                    boolean trusted = trusted(p.channel());
                    SubscriberState.SimChange latest = s.latestSimChange();
                    if (s.imsi == newImsi && latest != null && latest.newImsi() == newImsi
                            && latest.source() == SubscriberState.SimSource.SIGNALLING) {
                        // The record arrived after the signalling it explains (a late BSS export).
                        // The alert has gone out; the record still settles the history and, from a
                        // trusted channel, lifts the OTP risk.
                        s.sims.set(s.sims.size() - 1, new SubscriberState.SimChange(latest.timeNanos(),
                                latest.oldImsi(), newImsi, SubscriberState.SimSource.PROVISIONING, trusted,
                                p.channel(), w.index));
                        if (trusted && s.riskKind == SubscriberState.RiskKind.SIM_SWAP) {
                            s.riskKind = SubscriberState.RiskKind.PROVISIONED_SWAP;
                        }
                    } else if (s.imsi != 0 && s.imsi != newImsi) {
                        s.addSim(new SubscriberState.SimChange(w.time, s.imsi, newImsi,
                                SubscriberState.SimSource.PROVISIONING, trusted, p.channel(), w.index));
                        risk(s, trusted ? SubscriberState.RiskKind.PROVISIONED_SWAP : SubscriberState.RiskKind.SIM_SWAP,
                                w);
                        if (!trusted && config.rules().simSwap().enabled()) {
                            w.alert(Rule.SIM_SWAP, config.rules().simSwap().severity(), p.imsi(),
                                    "SIM replaced through untrusted channel '" + p.channel() + "' for "
                                            + num(p.msisdn()) + ": now " + num(p.imsi()),
                                    List.of(w.here("provisioning record " + p.reference() + " via " + p.channel()
                                            + ", previous SIM " + mask(s.imsi))));
                        }
                    }
                    setImsi(w, newImsi);
                }
            }
            case PORT_IN, PORT_OUT -> {
                s.portedAt = w.time;
                if (p.imsi() != null) {
                    setImsi(w, asLong(p.imsi()));
                }
            }
            case DEVICE_REGISTRATION -> {
                if (p.imei() != null) {
                    s.registeredImei = imei14(p.imei());
                    s.registeredAt = w.time;
                }
            }
            case DEACTIVATION -> s.activation = 0;
            default -> {
            }
        }
        save(w);
    }

    private boolean trusted(String channel) {
        Path p = Path.of(channel.isEmpty() ? "-" : channel.replace('/', '_'));
        return trustedChannels.stream().anyMatch(m -> m.matches(p));
    }

    private void setImsi(Change w, long imsi) {
        if (w.s.imsi != imsi) {
            w.s.imsi = imsi;
            w.s.imsiSince = w.time;
        }
        index(imsi, w.s.msisdn);
    }

    /** Points the IMSI at the number, writing only when it points elsewhere (most signalling confirms it). */
    private void index(long imsi, long msisdn) {
        if (store.msisdnOf(imsi) != msisdn) {
            store.index(imsi, msisdn);
        }
    }

    // ---- MAP signalling

    private void map(Change w, MapEvent e) {
        MapOperation op = e.operation();
        boolean invoke = e.component() == ComponentType.INVOKE;
        boolean result = e.component().isResult();
        switch (op) {
            case INSERT_SUBSCRIBER_DATA -> {
                if (invoke && e.msisdn() != null && e.imsi() != null) {
                    mapping(w, e, "InsertSubscriberData");
                }
            }
            case SEND_ROUTING_INFO_FOR_SM -> {
                if (result && e.msisdn() != null && e.imsi() != null) {
                    if (mapping(w, e, "SRI-SM result")) {
                        servingNode(w, e);
                        save(w);
                    }
                }
            }
            case SEND_ROUTING_INFO -> {
                if (invoke) {
                    category1(w, e);
                } else if (result && e.msisdn() != null) {
                    if (e.imsi() != null ? mapping(w, e, "SRI result") : loadByMsisdn(w, e)) {
                        forwardedCall(w, e);
                        save(w);
                    }
                }
            }
            case SEND_IMSI -> {
                if (invoke) {
                    category1(w, e);
                } else if (result && e.msisdn() != null && e.imsi() != null) {
                    mapping(w, e, "SendIMSI result");
                }
            }
            case UPDATE_LOCATION, UPDATE_GPRS_LOCATION -> {
                if ((invoke || result) && e.imsi() != null && loadByImsi(w, e)) {
                    locationUpdate(w, e, invoke);
                    save(w);
                }
            }
            case CHECK_IMEI -> {
                // Only where the MSC adds the IMSI (a vendor extension); else the IMEI has no owner here.
                if (invoke && e.imei() != null && e.imsi() != null && loadByImsi(w, e)) {
                    handset(w, e);
                    save(w);
                }
            }
            case SEND_AUTHENTICATION_INFO -> {
                if (invoke && e.imsi() != null && loadByImsi(w, e)) {
                    w.s.lastSaiTime = w.time;
                    save(w);
                }
            }
            case MT_FORWARD_SM, MO_FORWARD_SM -> {
                if (invoke && e.sms() != null) {
                    shortMessage(w, e);
                }
            }
            case REGISTER_SS, ACTIVATE_SS, ERASE_SS, DEACTIVATE_SS -> {
                if (invoke && e.imsi() != null && loadByImsi(w, e)) {
                    forwarding(w, e);
                    save(w);
                }
            }
            case ANY_TIME_INTERROGATION, PROVIDE_SUBSCRIBER_INFO, ANY_TIME_SUBSCRIPTION_INTERROGATION,
                    ANY_TIME_MODIFICATION -> {
                if (invoke) {
                    category1(w, e);
                }
            }
            default -> {
            }
        }
    }

    private boolean loadByImsi(Change w, MapEvent e) {
        long msisdn = e.msisdn() != null ? asLong(e.msisdn()) : store.msisdnOf(asLong(e.imsi()));
        return msisdn != 0 && load(w, msisdn);
    }

    private boolean loadByMsisdn(Change w, MapEvent e) {
        return load(w, asLong(e.msisdn()));
    }

    /**
     * The HLR says MSISDN is served by IMSI: the SIM swap rule. Returns true with the state loaded
     * (and the caller saves), false when already applied.
     */
    private boolean mapping(Change w, MapEvent e, String how) {
        long msisdn = asLong(e.msisdn());
        if (!load(w, msisdn)) {
            return false;
        }
        SubscriberState s = w.s;
        long imsi = asLong(e.imsi());
        SubscriberState.SimChange latest = s.latestSimChange();
        if (latest != null && imsi == latest.oldImsi() && w.time < latest.timeNanos()) {
            // Signalling older than the change (a late capture file or feed) about the replaced
            // SIM: history, not a swap back.
            return true;
        }
        if (s.imsi == 0) {
            setImsi(w, imsi); // first sighting: the baseline, never an alert
        } else if (s.imsi != imsi) {
            long old = s.imsi;
            long oldSince = s.imsiSince;
            boolean multiImsi = startsWithAny(Long.toString(imsi), config.network().multiImsiPrefixes())
                    && startsWithAny(Long.toString(old), config.network().multiImsiPrefixes());
            boolean foreignImsi = !startsWithAny(Long.toString(imsi), config.network().imsiPrefixes());
            boolean ported = s.portedAt != 0 && w.time - s.portedAt <= config.rules().simSwap().ignorePortedWithin().toNanos();
            s.addSim(new SubscriberState.SimChange(w.time, old, imsi, SubscriberState.SimSource.SIGNALLING, false, "",
                    w.index));
            setImsi(w, imsi);
            if (!multiImsi && !ported && !(foreignImsi && s.portedAt != 0)) {
                risk(s, SubscriberState.RiskKind.SIM_SWAP, w);
                if (config.rules().simSwap().enabled()) {
                    w.alert(Rule.SIM_SWAP, config.rules().simSwap().severity(), e.imsi(),
                            "SIM swap: " + num(e.msisdn()) + " now served by " + num(e.imsi()) + " (was " + mask(old)
                                    + "), no provisioning record",
                            List.of(new Evidence(-1, oldSince, "previous SIM " + mask(old) + " in use since"),
                                    w.here(how + " from " + callingGt(e) + ": " + num(e.msisdn())
                                            + " behind " + num(e.imsi()))));
                }
            }
        } else {
            index(imsi, msisdn);
        }
        if (e.operation() == MapOperation.INSERT_SUBSCRIBER_DATA) {
            // The HLR sends ISD to the VLR now serving the subscriber.
            long vlr = gtLong(calledGt(e));
            if (vlr > 0) {
                s.vlr = vlr;
                s.abroad = !home(Long.toString(vlr));
                s.locationTime = w.time;
                if (!s.abroad) {
                    s.lastHomePresence = w.time;
                }
            }
        }
        if (e.operation() == MapOperation.INSERT_SUBSCRIBER_DATA || e.operation() == MapOperation.SEND_IMSI) {
            save(w);
        }
        return true;
    }

    /** An UpdateLocation (invoke or joined result): location, handset, and the hijack rule. */
    private void locationUpdate(Change w, MapEvent e, boolean invoke) {
        SubscriberState s = w.s;
        String vlrDigits = e.vlrNumber() != null ? e.vlrNumber() : e.sgsnNumber() != null ? e.sgsnNumber()
                : callingGt(e);
        String callingGt = callingGt(e);
        boolean foreign = !home(vlrDigits) || (invoke && !callingGt.isEmpty() && !home(callingGt));
        if (invoke && foreign && !s.abroad && config.rules().locationHijack().enabled()) {
            hijack(w, e, vlrDigits, callingGt);
        }
        if (e.imei() != null) {
            handset(w, e);
        }
        long vlr = gtLong(vlrDigits);
        if (e.operation() == MapOperation.UPDATE_GPRS_LOCATION) {
            s.sgsn = vlr;
        } else {
            s.vlr = vlr;
            s.msc = e.mscNumber() == null ? s.msc : gtLong(e.mscNumber());
        }
        s.abroad = foreign;
        s.locationTime = w.time;
        if (!foreign) {
            s.lastHomePresence = w.time;
        }
    }

    private void hijack(Change w, MapEvent e, String vlrDigits, String callingGt) {
        SubscriberState s = w.s;
        DetectorConfig.LocationHijackRule rule = config.rules().locationHijack();
        if (s.lastHomePresence == 0 || w.time - s.lastHomePresence > rule.homeWindow().toNanos()) {
            return; // not known to be at home lately: an ordinary trip
        }
        List<Evidence> evidence = new ArrayList<>(4);
        evidence.add(new Evidence(-1, s.lastHomePresence, "last seen at home, VLR/MSC " + s.vlr));
        int factors = 0;
        long travel = minTravelNanos(vlrDigits);
        long since = w.time - s.lastHomePresence;
        if (since < travel) {
            factors++;
            evidence.add(w.here("impossible travel: at home " + (since / 1_000_000_000L) + " s earlier, "
                    + "the trip takes at least " + (travel / MINUTE) + " min"));
        }
        if (s.lastSaiTime == 0 || w.time - s.lastSaiTime > rule.saiWindow().toNanos()) {
            factors++;
            evidence.add(w.here("no SendAuthenticationInfo for the IMSI before the UpdateLocation"));
        }
        if (!callingGt.isEmpty() && !callingGt.equals(vlrDigits) && !samePartner(callingGt, vlrDigits)) {
            factors++;
            evidence.add(w.here("calling GT " + callingGt + " does not match the claimed VLR " + vlrDigits));
        }
        if (factors == 0) {
            return;
        }
        evidence.add(w.here("UpdateLocation from foreign VLR " + vlrDigits + " (calling GT " + callingGt + ")"));
        risk(s, SubscriberState.RiskKind.LOCATION_HIJACK, w);
        Severity severity = factors >= 2 ? Severity.CRITICAL : rule.severity() == Severity.CRITICAL ? Severity.HIGH
                : rule.severity();
        w.alert(Rule.LOCATION_HIJACK, severity, e.imsi(), "Location hijack: " + num(s.msisdn)
                + " claimed by foreign VLR " + vlrDigits + " while at home", evidence);
    }

    private void handset(Change w, MapEvent e) {
        SubscriberState s = w.s;
        long device = imei14(e.imei());
        if (s.imei == 0) {
            s.imei = device;
            s.imeiSince = w.time;
            return;
        }
        if (s.imei == device) {
            return;
        }
        DetectorConfig.DeviceSwapRule rule = config.rules().deviceSwap();
        boolean registered = s.registeredImei == device
                && w.time - s.registeredAt <= rule.registrationWindow().toNanos();
        s.addDevice(new SubscriberState.DeviceChange(w.time, s.imei, device, registered, w.index));
        String oldTac = String.format("%014d", s.imei).substring(0, 8);
        s.imei = device;
        s.imeiSince = w.time;
        if (rule.enabled() && !(registered && rule.requireRegistration())) {
            String tac = e.imei().tac();
            w.alert(Rule.DEVICE_SWAP, rule.severity(), e.imsi(), "Device swap: " + num(s.msisdn)
                    + " in a new handset (TAC " + tac + (tac.equals(oldTac) ? ", same model" : ", was " + oldTac)
                    + "), no device registration", List.of(w.here("new IMEI " + num(e.imei()) + " reported by "
                            + e.operation().asn1Name() + " from " + callingGt(e))));
        }
    }

    /** An SRI-SM result: the MSC or SGSN the HLR routes SMS to. */
    private void servingNode(Change w, MapEvent e) {
        SubscriberState s = w.s;
        String node = e.mscNumber() != null ? e.mscNumber() : e.sgsnNumber();
        if (node == null) {
            return;
        }
        if (home(node)) {
            if (!s.abroad) {
                s.lastHomePresence = w.time;
            }
            return;
        }
        // The HLR routes SMS abroad for a subscriber we saw at home too recently to have travelled:
        // its location was changed by an UpdateLocation this tap did not see (another STP, a
        // diameter interworking path). Same rule, this one sign.
        DetectorConfig.LocationHijackRule rule = config.rules().locationHijack();
        long since = w.time - s.lastHomePresence;
        if (!s.abroad && s.lastHomePresence != 0 && since >= 0 && since < minTravelNanos(node) && rule.enabled()) {
            risk(s, SubscriberState.RiskKind.LOCATION_HIJACK, w);
            w.alert(Rule.LOCATION_HIJACK, rule.severity() == Severity.CRITICAL ? Severity.HIGH : rule.severity(),
                    e.imsi(), "Location hijack: SMS for " + num(s.msisdn) + " routed to foreign MSC " + node
                            + " while at home",
                    List.of(new Evidence(-1, s.lastHomePresence, "last seen at home, VLR/MSC " + s.vlr),
                            w.here("SendRoutingInfoForSM answered with foreign MSC " + node + " "
                                    + (since / 1_000_000_000L) + " s after the subscriber was at home")));
            s.abroad = true;
            s.locationTime = w.time;
        }
    }

    /** A SendRoutingInfo result that forwards the call: evidence for a forwarding takeover. */
    private void forwardedCall(Change w, MapEvent e) {
        SubscriberState s = w.s;
        if (e.forwardedToNumber() != null && s.cfRisky && !home(e.forwardedToNumber())
                && config.rules().callForwarding().enabled()) {
            w.alert(Rule.CALL_FORWARDING, config.rules().callForwarding().severity(), e.imsi(),
                    "Call to " + num(s.msisdn) + " diverted to foreign number "
                            + SubscriberMasking.masked(e.forwardedToNumber()),
                    List.of(w.here("SendRoutingInfo answered with forwarding to "
                            + SubscriberMasking.masked(e.forwardedToNumber()))));
        }
    }

    private void forwarding(Change w, MapEvent e) {
        SubscriberState s = w.s;
        int ss = e.ssCode();
        if (!FORWARDING_CODES.contains(ss)) {
            return;
        }
        String callingGt = callingGt(e);
        boolean fromOutside = !callingGt.isEmpty() && !home(callingGt);
        if (e.operation() == MapOperation.ERASE_SS || e.operation() == MapOperation.DEACTIVATE_SS) {
            s.cfSsCode = -1;
            s.cfTo = 0;
            s.cfRisky = false;
            return;
        }
        String to = e.forwardedToNumber();
        boolean foreignTo = to != null && !to.startsWith(config.network().countryCode());
        if (e.operation() == MapOperation.REGISTER_SS) {
            s.cfSsCode = ss;
            s.cfTo = to == null ? 0 : gtLong(to);
            s.cfTime = w.time;
            s.cfFromGt = gtLong(callingGt);
            s.cfRisky = foreignTo || fromOutside;
        } else if (fromOutside) {
            s.cfRisky = true;
        }
        if ((foreignTo || fromOutside) && config.rules().callForwarding().enabled()) {
            risk(s, SubscriberState.RiskKind.CALL_FORWARDING, w);
            String what = switch (ss) {
                case 0x21 -> "unconditional (CFU)";
                case 0x29 -> "on busy (CFB)";
                case 0x2A -> "on no reply (CFNRy)";
                case 0x2B -> "when unreachable (CFNRc)";
                default -> "SS 0x" + Integer.toHexString(ss);
            };
            List<Evidence> evidence = new ArrayList<>(2);
            evidence.add(w.here(e.operation().asn1Name() + " " + what
                    + (to == null ? "" : " to " + SubscriberMasking.masked(to)) + " from GT " + callingGt
                    + (fromOutside ? " (interconnect)" : "")));
            w.alert(Rule.CALL_FORWARDING, config.rules().callForwarding().severity(), e.imsi(),
                    "Call forwarding " + what + " for " + num(s.msisdn)
                            + (foreignTo ? " to a foreign number" : "") + (fromOutside ? " set from interconnect" : ""),
                    evidence);
        }
    }

    private void category1(Change w, MapEvent e) {
        DetectorConfig.Category1Rule rule = config.rules().category1();
        String callingGt = callingGt(e);
        if (!rule.enabled() || callingGt.isEmpty() || home(callingGt) || !rule.operations().contains(e.opCode())) {
            return;
        }
        long msisdn = e.msisdn() != null ? asLong(e.msisdn()) : e.imsi() != null ? store.msisdnOf(asLong(e.imsi())) : 0;
        if (msisdn == 0 || !load(w, msisdn)) {
            return;
        }
        w.alert(Rule.CATEGORY1, rule.severity(), e.imsi(), e.operationName() + " about "
                + num(msisdn) + " from interconnect GT " + callingGt,
                List.of(w.here(e.operationName() + " from " + callingGt + " (SSN " + e.calling().ssn()
                        + "), a Category 1 operation that must not arrive from outside")));
        save(w);
    }

    /** MT/MO-ForwardSM: masking, lookalikes, presence, and the passive OTP watch. */
    private void shortMessage(Change w, MapEvent e) {
        long msisdn = e.msisdn() != null ? asLong(e.msisdn()) : e.imsi() != null ? store.msisdnOf(asLong(e.imsi())) : 0;
        if (msisdn == 0 || !load(w, msisdn)) {
            return;
        }
        SubscriberState s = w.s;
        boolean mt = e.sms().type() == io.swapguard.event.ShortMessage.Type.DELIVER;
        String msc = mt ? calledGt(e) : callingGt(e);
        if (!msc.isEmpty() && home(msc) && !s.abroad) {
            s.lastHomePresence = w.time;
        }
        if (mt) {
            SmsAddress from = e.sms().originator();
            String smsc = e.smscAddress() != null ? e.smscAddress() : callingGt(e);
            SenderRegistry reg = registry;
            SenderRegistry.Sender sender = from == null ? null : reg.registered(from.value());
            if (from != null && from.isAlphanumeric()) {
                masking(w, e, from, sender, smsc, reg);
            }
            boolean otp = OtpClassifier.isOtp(e.sms().text(), sender != null && sender.otp());
            if (otp) {
                s.lastOtpTime = w.time;
                s.lastOtpSender = from == null ? "" : from.value();
                otpWatch(w, e, from, sender, msc);
            }
        }
        save(w);
    }

    private void masking(Change w, MapEvent e, SmsAddress from, SenderRegistry.Sender sender, String smsc,
            SenderRegistry reg) {
        if (sender != null) {
            boolean routeOk = sender.smscGts().contains(smsc) || (sender.international() && !home(smsc));
            if (!routeOk && config.rules().illegalMasking().enabled()) {
                w.alert(Rule.ILLEGAL_MASKING, config.rules().illegalMasking().severity(), e.imsi(),
                        "Sender ID " + sender.id() + " (" + sender.owner() + ") from unauthorised SMSC " + smsc,
                        List.of(w.here("MT-ForwardSM with TP-OA '" + from.value() + "' from SMSC " + smsc
                                + (home(smsc) ? "" : " abroad") + "; authorised: " + String.join(", ", sender.smscGts()))));
            }
            return;
        }
        DetectorConfig.LookalikeRule rule = config.rules().lookalikeSender();
        SenderRegistry.Sender imitated = rule.enabled() ? reg.imitated(from.value(), rule.maxEditDistance()) : null;
        if (imitated != null) {
            w.alert(Rule.LOOKALIKE_SENDER, rule.severity(), e.imsi(), "Sender ID '" + from.value() + "' imitates "
                    + imitated.id() + " (" + imitated.owner() + ")",
                    List.of(w.here("MT-ForwardSM with TP-OA '" + from.value() + "' from SMSC " + smsc)));
        }
    }

    private void otpWatch(Change w, MapEvent e, SmsAddress from, SenderRegistry.Sender sender, String msc) {
        SubscriberState s = w.s;
        DetectorConfig.Rule rule = config.rules().otpWatch();
        if (!rule.enabled() || s.riskKind == SubscriberState.RiskKind.NONE
                || s.riskKind == SubscriberState.RiskKind.PROVISIONED_SWAP) {
            return;
        }
        long window = sender != null && sender.otpWindow() != null ? sender.otpWindow().toNanos()
                : config.otpGuard().window().toNanos();
        if (w.time - s.riskTime > window || w.time < s.riskTime) {
            return;
        }
        String why = switch (s.riskKind) {
            case SIM_SWAP -> "a SIM swap";
            case LOCATION_HIJACK -> "a location hijack";
            case CALL_FORWARDING -> "a call forwarding takeover";
            default -> "a risky change";
        };
        w.alert(Rule.OTP_WATCH, rule.severity(), e.imsi(), "OTP from " + (from == null ? "?" : from.value())
                + " delivered to " + num(s.msisdn) + " " + ((w.time - s.riskTime) / MINUTE)
                + " min after " + why, List.of(new Evidence(s.riskIndex, s.riskTime, why),
                        w.here("OTP from " + (from == null ? "?" : from.value()) + " via MSC " + msc
                                + (home(msc) ? "" : " abroad"))));
    }

    private static void risk(SubscriberState s, SubscriberState.RiskKind kind, Change w) {
        s.riskKind = kind;
        s.riskTime = w.time;
        s.riskIndex = w.index;
    }

    // ---- numbering

    /** The calling party's global title digits, "" when routed on point code or absent. */
    private static String callingGt(MapEvent e) {
        return e.calling() == null ? "" : e.calling().gtDigits();
    }

    private static String calledGt(MapEvent e) {
        return e.called() == null ? "" : e.called().gtDigits();
    }

    private boolean home(String digits) {
        return digits.isEmpty() || startsWithAny(digits, config.network().gtPrefixes());
    }

    private long minTravelNanos(String foreignGt) {
        for (DetectorConfig.PartnerConfig p : config.network().partners()) {
            if (startsWithAny(foreignGt, p.gtPrefixes())) {
                return p.travelTime().toNanos();
            }
        }
        return config.network().minTravelTime().toNanos();
    }

    private boolean samePartner(String a, String b) {
        for (DetectorConfig.PartnerConfig p : config.network().partners()) {
            if (startsWithAny(a, p.gtPrefixes()) && startsWithAny(b, p.gtPrefixes())) {
                return true;
            }
        }
        // Without a partner list, the same country code prefix is the best guess.
        return a.length() > 3 && b.length() > 3 && a.substring(0, 3).equals(b.substring(0, 3));
    }

    static boolean startsWithAny(String digits, List<String> prefixes) {
        for (String p : prefixes) {
            if (digits.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    static long asLong(Imsi imsi) {
        return Long.parseLong(imsi.digits());
    }

    static long asLong(Msisdn msisdn) {
        return Long.parseLong(msisdn.digits());
    }

    static long imei14(Imei imei) {
        return Long.parseLong(imei.imei14());
    }

    /** A node number as a long, 0 when it is not all decimal digits (TBCD hex digits) or too long. */
    static long gtLong(String digits) {
        if (digits == null || digits.isEmpty() || digits.length() > 18) {
            return 0;
        }
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static String mask(long imsi) {
        return imsi == 0 ? "(none)" : SubscriberMasking.masked(Long.toString(imsi));
    }

    /** Identities in alert text are always masked: stored text must not depend on the log settings. */
    static String num(long digits) {
        return SubscriberMasking.masked(Long.toString(digits));
    }

    static String num(Msisdn m) {
        return SubscriberMasking.masked(m.digits());
    }

    static String num(Imsi i) {
        return SubscriberMasking.masked(i.digits());
    }

    static String num(Imei i) {
        return i.tac() + "*".repeat(i.digits().length() - 8);
    }
}
