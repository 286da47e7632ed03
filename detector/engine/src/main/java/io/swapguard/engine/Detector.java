package io.swapguard.engine;

import static io.swapguard.engine.Numbers.asLong;

import io.swapguard.engine.otp.OtpClassifier;
import io.swapguard.engine.rules.CallForwardingRule;
import io.swapguard.engine.rules.Category1Rule;
import io.swapguard.engine.rules.DeviceSwapRule;
import io.swapguard.engine.rules.IllegalMaskingRule;
import io.swapguard.engine.rules.LocationHijackRule;
import io.swapguard.engine.rules.LookalikeSenderRule;
import io.swapguard.engine.rules.OtpWatchRule;
import io.swapguard.engine.rules.Rule;
import io.swapguard.engine.rules.SimSwapRule.Mapping;
import io.swapguard.engine.rules.SimSwapRule;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.ComponentType;
import io.swapguard.event.DiameterEvent;
import io.swapguard.event.EventRecord;
import io.swapguard.event.Fs11Category;
import io.swapguard.event.MapEvent;
import io.swapguard.event.MapOperation;
import io.swapguard.event.Msisdn;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.event.ShortMessage;
import io.swapguard.event.SignalEvent;
import io.swapguard.event.SmppEvent;
import io.swapguard.event.SmsAddress;
import java.util.List;

/**
 * The correlation engine: finds each event's subscriber, applies the event to its state and lets
 * the rules that judge it look at the change, returning the alerts they raised. The one place
 * that dispatches on event type, MAP operation and Diameter command; each rule is a class of its own in
 * {@code io.swapguard.engine.rules}.
 *
 * <p>Deterministic: it reads no clock (event time only) and no randomness, so replaying a log
 * rebuilds the same state and the same alerts. Idempotent: an event whose index the subscriber's
 * state has already seen changes nothing. It sees {@link EventRecord}s only, whatever log they
 * come from.
 */
public final class Detector {

    private final SubscriberStore store;
    private final long dedupeNanos;
    private final DetectorConfig.IncidentsConfig incidents;
    private final DetectorConfig.RulesConfig rulesConfig;
    private final Network network;
    private volatile SenderRegistry registry;

    private final SimSwapRule simSwap;
    private final DeviceSwapRule deviceSwap;
    private final LocationHijackRule locationHijack;
    private final CallForwardingRule callForwarding;
    private final Category1Rule category1;
    private final IllegalMaskingRule illegalMasking;
    private final LookalikeSenderRule lookalikeSender;
    private final OtpWatchRule otpWatch;
    private final List<Rule> rules;

    public Detector(DetectorConfig config, SubscriberStore store, SenderRegistry registry) {
        this.store = store;
        this.registry = registry;
        this.dedupeNanos = config.dedupeWindow().toNanos();
        this.incidents = config.incidents();
        this.rulesConfig = config.rules();
        this.network = new Network(config.network());
        this.simSwap = new SimSwapRule(config);
        this.deviceSwap = new DeviceSwapRule(config);
        this.locationHijack = new LocationHijackRule(config, network);
        this.callForwarding = new CallForwardingRule(config, network);
        this.category1 = new Category1Rule(config, network);
        this.illegalMasking = new IllegalMaskingRule(config, network);
        this.lookalikeSender = new LookalikeSenderRule(config);
        this.otpWatch = new OtpWatchRule(config, network);
        this.rules = List.of(simSwap, deviceSwap, locationHijack, callForwarding, category1, illegalMasking,
                lookalikeSender, otpWatch);
    }

    /** Replaces the sender registry (after the file changed). */
    public void registry(SenderRegistry r) {
        this.registry = r;
    }

    public SenderRegistry registry() {
        return registry;
    }

    /** Home and foreign as configured (the gate reads numbers the way the rules do). */
    public Network network() {
        return network;
    }

    public SubscriberStore store() {
        return store;
    }

    /** Every rule, in the order they judge an event. */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * Whether an event that pairs an IMSI with an MSISDN would be taken as that pairing here, as far
     * as where it came from decides: an InsertSubscriberData from interconnect about our subscriber
     * is evidence, not a fact, and an S6a IDR counts only from our own realm. What routes events by
     * subscriber across machines (the Kafka forwarder) learns pairings with this same judgement, so
     * that a forged ISD cannot steer a subscriber's later events away from its state.
     */
    public boolean trustsPairing(SignalEvent event) {
        if (event instanceof MapEvent m && m.operation() == MapOperation.INSERT_SUBSCRIBER_DATA) {
            return !category1.fromInterconnect(m);
        }
        if (event instanceof DiameterEvent d && d.command() == io.swapguard.event.DiameterCommand.INSERT_SUBSCRIBER_DATA) {
            return Boolean.TRUE.equals(network.homeRealm(d.originRealm()));
        }
        return true;
    }

    /** Applies one event and commits it; returns the alerts it raised (usually none). */
    public List<AlertEvent> apply(EventRecord record) {
        Change c = process(record);
        c.commit();
        return c.alerts();
    }

    /** Applies one event without committing the subscriber's new state (see {@link Change}). */
    public Change process(EventRecord record) {
        Change w = new Change(store, dedupeNanos, incidents, rulesConfig, record);
        switch (record.event().type()) {
            case PROVISIONING -> provisioning(w, (ProvisioningEvent) record.event());
            case MAP -> map(w, (MapEvent) record.event());
            case ALERT -> {
                // the detector's own output: nothing to correlate
            }
            case SMPP -> smpp(w, (SmppEvent) record.event());
            case DIAMETER -> diameter(w, (DiameterEvent) record.event());
        }
        return w;
    }

    // ---- provisioning: the most trusted source

    private void provisioning(Change w, ProvisioningEvent p) {
        if (!w.load(asLong(p.msisdn()))) {
            return;
        }
        SubscriberState s = w.state();
        switch (p.kind()) {
            case ACTIVATION -> {
                s.activation = w.time();
                if (p.imsi() != null) {
                    w.setImsi(asLong(p.imsi()));
                }
            }
            case SIM_REPLACEMENT -> {
                if (p.imsi() != null) {
                    simSwap.simReplacement(w, p);
                }
            }
            case PORT_IN, PORT_OUT -> {
                s.portedAt = w.time();
                if (p.imsi() != null) {
                    w.setImsi(asLong(p.imsi()));
                }
            }
            case DEVICE_REGISTRATION -> {
                if (p.imei() != null) {
                    deviceSwap.registration(w, p);
                }
            }
            case DEACTIVATION -> s.activation = 0;
        }
        w.save();
    }

    // ---- MAP signalling

    private void map(Change w, MapEvent e) {
        boolean invoke = e.component() == ComponentType.INVOKE;
        boolean result = e.component().isResult();
        if (invoke) {
            Fs11Category category = e.operation().fs11Category();
            String calling = Network.callingGt(e);
            if (category != Fs11Category.NONE && !calling.isEmpty() && !network.home(calling)) {
                w.interconnect(category);
            }
            if (category1.invoke(w, e)) {
                return; // a message that must not come from outside is evidence, not a fact about the subscriber
            }
        }
        switch (e.operation()) {
            case INSERT_SUBSCRIBER_DATA -> {
                if (invoke && e.msisdn() != null && e.imsi() != null
                        && simSwap.mapping(w, e, "InsertSubscriberData") == Mapping.APPLIED) {
                    locationHijack.insertSubscriberData(w, e);
                    w.save();
                }
            }
            case SEND_ROUTING_INFO_FOR_SM -> {
                if (invoke && e.msisdn() != null && illegalMasking.claimsHomeServiceCentre(e) && w.load(asLong(e.msisdn()))) {
                    illegalMasking.spoofedRoutingQuery(w, e);
                    w.save();
                }
                if (result && e.msisdn() != null && e.imsi() != null
                        && simSwap.mapping(w, e, "SRI-SM result") != Mapping.NOT_LOADED) {
                    locationHijack.servingNode(w, e);
                    w.save();
                }
            }
            case SEND_ROUTING_INFO -> {
                if (result && e.msisdn() != null) {
                    boolean loaded = e.imsi() != null ? simSwap.mapping(w, e, "SRI result") != Mapping.NOT_LOADED
                            : w.load(asLong(e.msisdn()));
                    if (loaded) {
                        callForwarding.forwardedCall(w, e);
                        w.save();
                    }
                }
            }
            case SEND_IMSI -> {
                if (result && e.msisdn() != null && e.imsi() != null
                        && simSwap.mapping(w, e, "SendIMSI result") == Mapping.APPLIED) {
                    w.save();
                }
            }
            case UPDATE_LOCATION, UPDATE_GPRS_LOCATION -> {
                if ((invoke || result) && e.imsi() != null && loadByImsi(w, e)) {
                    locationHijack.updateLocation(w, e, invoke);
                    if (e.imei() != null) {
                        deviceSwap.handset(w, e);
                    }
                    locationHijack.recordLocation(w, e, invoke);
                    w.save();
                }
            }
            case CHECK_IMEI -> {
                // Only where the MSC adds the IMSI (a vendor extension); else the IMEI has no owner here.
                if (invoke && e.imei() != null && e.imsi() != null && loadByImsi(w, e)) {
                    deviceSwap.handset(w, e);
                    w.save();
                }
            }
            case SEND_AUTHENTICATION_INFO -> {
                if (invoke && e.imsi() != null && loadByImsi(w, e)) {
                    locationHijack.authentication(w, e);
                    w.save();
                }
            }
            case MT_FORWARD_SM, MO_FORWARD_SM -> {
                if (invoke && e.sms() != null) {
                    shortMessage(w, e);
                }
            }
            case REGISTER_SS, ACTIVATE_SS, ERASE_SS, DEACTIVATE_SS -> {
                if (invoke && e.imsi() != null && loadByImsi(w, e)) {
                    callForwarding.supplementaryService(w, e);
                    w.save();
                }
            }
            default -> {
            }
        }
    }

    // ---- Diameter (LTE): S6a/S6d, S13, S6c

    private void diameter(Change w, DiameterEvent e) {
        boolean request = e.request();
        switch (e.command()) {
            case UPDATE_LOCATION -> {
                if (e.imsi() == null || !request && !e.success()) {
                    return;
                }
                boolean loaded = !request && e.msisdn() != null
                        ? simSwap.mapping(w, e.msisdn(), e.imsi(), "ULA (Subscription-Data) from " + e.originHost())
                                != Mapping.NOT_LOADED
                        : loadByImsi(w, e.imsi(), null);
                if (!loaded) {
                    return;
                }
                // The claimed network: the Visited-PLMN-Id, else the realm the MME is in.
                String network = e.visitedPlmnId() != null ? e.visitedPlmnId()
                        : Network.realmPlmn(request ? e.originRealm() : e.destinationRealm());
                if (request) {
                    locationHijack.diameterUpdateLocation(w, e, network);
                }
                if (e.imei() != null) {
                    deviceSwap.handset(w, e.imsi(), e.imei(), e.commandName() + " from "
                            + (request ? e.originHost() : e.destinationHost()));
                }
                locationHijack.diameterLocation(w, network);
                w.save();
            }
            case AUTHENTICATION_INFORMATION -> {
                if (request && e.imsi() != null && loadByImsi(w, e.imsi(), e.msisdn())) {
                    locationHijack.diameterAuthentication(w, e);
                    w.save();
                }
            }
            case INSERT_SUBSCRIBER_DATA -> {
                if (request) {
                    category1.diameterFromInterconnect(w, e);
                    if (e.imsi() != null && e.msisdn() != null && Boolean.TRUE.equals(network.homeRealm(e.originRealm()))
                            && simSwap.mapping(w, e.msisdn(), e.imsi(), "IDR from " + e.originHost()) == Mapping.APPLIED) {
                        w.save();
                    }
                }
            }
            case CANCEL_LOCATION, DELETE_SUBSCRIBER_DATA, RESET -> {
                if (request) {
                    category1.diameterFromInterconnect(w, e);
                }
            }
            case ME_IDENTITY_CHECK -> {
                if (request && e.imei() != null && e.imsi() != null && loadByImsi(w, e.imsi(), null)) {
                    deviceSwap.handset(w, e.imsi(), e.imei(), "ECR from " + e.originHost());
                    w.save();
                }
            }
            case MT_FORWARD_SHORT_MESSAGE -> {
                if (request && e.sms() != null && e.sms().type() == ShortMessage.Type.DELIVER && e.imsi() != null
                        && loadByImsi(w, e.imsi(), e.msisdn())) {
                    SmsAddress from = e.sms().originator();
                    SenderRegistry reg = registry;
                    SenderRegistry.Sender sender = from == null ? null : reg.registered(from.value());
                    if (from != null && from.isAlphanumeric()) {
                        if (sender != null) {
                            illegalMasking.deliverOverSgd(w, e, from, sender);
                        } else {
                            lookalikeSender.deliverOverSgd(w, e, from, reg);
                        }
                    }
                    if (OtpClassifier.isOtp(e.sms().text(), sender != null && sender.otp())) {
                        otpSeen(w, from);
                        otpWatch.deliveredOverSgd(w, e, from, sender);
                    }
                    w.save();
                }
            }
            case SEND_ROUTING_INFO_FOR_SM -> {
                if (e.success() && e.msisdn() != null && e.imsi() != null
                        && simSwap.mapping(w, e.msisdn(), e.imsi(), "SRA (S6c) from " + e.originHost())
                                != Mapping.NOT_LOADED) {
                    w.save();
                }
            }
            default -> {
            }
        }
    }

    private boolean loadByImsi(Change w, io.swapguard.event.Imsi imsi, Msisdn known) {
        long msisdn = known != null ? asLong(known) : w.msisdnOf(asLong(imsi));
        return msisdn != 0 && w.load(msisdn);
    }

    private boolean loadByImsi(Change w, MapEvent e) {
        return loadByImsi(w, e.imsi(), e.msisdn());
    }

    /**
     * A message an ESME submitted over SMPP (seen by the gate or a passive tap): masking judged by
     * the submitting account, lookalikes, and the OTP watch. deliver_sm (receipts, MO) goes the
     * other way and says nothing about the recipient's risk.
     */
    private void smpp(Change w, SmppEvent e) {
        if (e.command() == SmppEvent.Command.DELIVER_SM) {
            return;
        }
        Msisdn to = network.subscriber(e.sms().destination());
        if (to == null || !w.load(asLong(to))) {
            return;
        }
        SmsAddress from = e.sms().originator();
        SenderRegistry reg = registry;
        SenderRegistry.Sender sender = from == null ? null : reg.registered(from.value());
        if (from != null && from.isAlphanumeric()) {
            if (sender != null) {
                illegalMasking.submitted(w, e, sender);
            } else {
                lookalikeSender.submitted(w, e, reg);
            }
        }
        if (OtpClassifier.isOtp(e.sms().text(), sender != null && sender.otp())) {
            if (e.decision().forwarded()) {
                otpSeen(w, from);
            }
            otpWatch.submitted(w, e, sender);
        }
        w.save();
    }

    /** An OTP went to the subscriber: when, and from whom (what the CAMARA and verdict answers show). */
    private static void otpSeen(Change w, SmsAddress from) {
        SubscriberState s = w.state();
        s.lastOtpTime = w.time();
        s.lastOtpSender = from == null ? "" : from.value();
    }

    /** MT/MO-ForwardSM: presence, masking, lookalikes, and the passive OTP watch. */
    private void shortMessage(Change w, MapEvent e) {
        long msisdn = e.msisdn() != null ? asLong(e.msisdn()) : e.imsi() != null ? w.msisdnOf(asLong(e.imsi())) : 0;
        if (msisdn == 0 || !w.load(msisdn)) {
            return;
        }
        boolean mt = e.sms().type() == ShortMessage.Type.DELIVER;
        String msc = mt ? Network.calledGt(e) : Network.callingGt(e);
        locationHijack.smsPresence(w, msc);
        if (mt) {
            SmsAddress from = e.sms().originator();
            // The route is what the network saw (the SCCP calling party); SM-RP-OA is only what the
            // sender claims, and an SMS faker claims an authorised SMSC.
            String calling = Network.callingGt(e);
            String smsc = !calling.isEmpty() ? calling : e.smscAddress() != null ? e.smscAddress() : "";
            SenderRegistry reg = registry;
            SenderRegistry.Sender sender = from == null ? null : reg.registered(from.value());
            boolean spoofed = illegalMasking.spoofedServiceCentre(w, e, from, sender, calling);
            if (from != null && from.isAlphanumeric() && !spoofed) {
                if (sender != null) {
                    illegalMasking.deliver(w, e, from, sender, smsc);
                } else {
                    lookalikeSender.deliver(w, e, from, smsc, reg);
                }
            }
            if (OtpClassifier.isOtp(e.sms().text(), sender != null && sender.otp())) {
                otpSeen(w, from);
                otpWatch.delivered(w, e, from, sender, msc);
            }
        }
        w.save();
    }
}
