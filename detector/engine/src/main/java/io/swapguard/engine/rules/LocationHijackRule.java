package io.swapguard.engine.rules;

import static io.swapguard.engine.Numbers.gtLong;
import static io.swapguard.engine.Numbers.num;

import io.swapguard.engine.Change;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.Network;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.event.AlertEvent.Evidence;
import io.swapguard.event.AlertEvent.Severity;
import io.swapguard.event.DiameterEvent;
import io.swapguard.event.MapEvent;
import io.swapguard.event.MapOperation;
import java.util.ArrayList;
import java.util.List;

/**
 * <b>locationHijack</b>: a foreign network claims a subscriber that was at home moments ago, the
 * SS7 interception move (UpdateLocation to redirect SMS and calls). Signs, each evidence: impossible
 * travel (home too recently for the partner's travel time), no SendAuthenticationInfo from the
 * claimed VLR's network before the UpdateLocation, a calling GT that is not the claimed VLR; two
 * or more make it CRITICAL. Also an SRI-SM answered with a foreign MSC right after the subscriber
 * was at home (an UpdateLocation this tap did not see). Keeps the subscriber's location: VLR, MSC, SGSN, abroad, last home presence.
 */
public final class LocationHijackRule implements Rule {

    private static final long MINUTE = 60_000_000_000L;

    private final DetectorConfig.LocationHijackRule settings;
    private final Network network;

    public LocationHijackRule(DetectorConfig config, Network network) {
        this.settings = config.rules().locationHijack();
        this.network = network;
    }

    @Override
    public RuleId id() {
        return RuleId.LOCATION_HIJACK;
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    private static String claimedVlr(MapEvent e) {
        return e.vlrNumber() != null ? e.vlrNumber() : e.sgsnNumber() != null ? e.sgsnNumber() : Network.callingGt(e);
    }

    private boolean foreign(MapEvent e, boolean invoke) {
        String callingGt = Network.callingGt(e);
        return !network.home(claimedVlr(e)) || (invoke && !callingGt.isEmpty() && !network.home(callingGt));
    }

    /** An UpdateLocation (invoke) seen before the location it claims is recorded: the hijack check. */
    public void updateLocation(Change w, MapEvent e, boolean invoke) {
        if (invoke && foreign(e, true) && !w.state().abroad && settings.enabled()) {
            hijack(w, e, claimedVlr(e), Network.callingGt(e));
        }
    }

    /** An UpdateLocation (invoke or joined result): where the subscriber is served now. */
    public void recordLocation(Change w, MapEvent e, boolean invoke) {
        SubscriberState s = w.state();
        boolean foreign = foreign(e, invoke);
        long vlr = gtLong(claimedVlr(e));
        if (e.operation() == MapOperation.UPDATE_GPRS_LOCATION) {
            s.sgsn = vlr;
        } else {
            s.vlr = vlr;
            s.msc = e.mscNumber() == null ? s.msc : gtLong(e.mscNumber());
        }
        s.abroad = foreign;
        s.locationTime = w.time();
        if (!foreign) {
            s.lastHomePresence = w.time();
        }
    }

    private void hijack(Change w, MapEvent e, String vlrDigits, String callingGt) {
        SubscriberState s = w.state();
        if (s.lastHomePresence == 0 || w.time() - s.lastHomePresence > settings.homeWindow().toNanos()) {
            return; // not known to be at home lately: an ordinary trip
        }
        List<Evidence> evidence = new ArrayList<>(4);
        evidence.add(new Evidence(-1, s.lastHomePresence, "last seen at home, VLR/MSC " + s.vlr));
        int factors = travelAndAuthentication(w, network.minTravelNanos(vlrDigits),
                s.lastSaiTime, saiFromClaimedNetwork(s.lastSaiGt, vlrDigits, callingGt),
                "no SendAuthenticationInfo from the claimed VLR's network before the UpdateLocation", evidence);
        if (!callingGt.isEmpty() && !network.speaksForVlr(callingGt, vlrDigits)) {
            factors++;
            String role = network.partnerRole(callingGt);
            evidence.add(w.here("calling GT " + callingGt + (role == null ? "" : " (" + role + ")")
                    + " does not match the claimed VLR " + vlrDigits));
        }
        if (factors == 0) {
            return;
        }
        evidence.add(w.here("UpdateLocation from foreign VLR " + vlrDigits + " (calling GT " + callingGt + ")"));
        w.risk(SubscriberState.RiskKind.LOCATION_HIJACK);
        Severity severity = factors >= 2 ? Severity.CRITICAL : settings.severity() == Severity.CRITICAL ? Severity.HIGH
                : settings.severity();
        w.alert(RuleId.LOCATION_HIJACK, severity, e.imsi(), "Location hijack: " + num(s.msisdn)
                + " claimed by foreign VLR " + vlrDigits + " while at home", evidence);
    }

    /**
     * An S6a Update-Location-Request (LTE attach or MME change) from {@code network}: the hijack
     * check, the same signs as for MAP with the Diameter equivalents: impossible travel, no
     * Authentication-Information-Request first, and an Origin-Realm whose PLMN is not the claimed
     * Visited-PLMN-Id (a foreign DEA forwarding for a network it is not).
     *
     * @param network the claimed network: Visited-PLMN-Id, else the Origin-Realm's PLMN
     */
    public void diameterUpdateLocation(Change w, DiameterEvent e, String network) {
        SubscriberState s = w.state();
        if (!settings.enabled() || s.abroad || network == null || this.network.homePlmn(network)) {
            return;
        }
        if (s.lastHomePresence == 0 || w.time() - s.lastHomePresence > settings.homeWindow().toNanos()) {
            return;
        }
        List<Evidence> evidence = new ArrayList<>(4);
        evidence.add(new Evidence(-1, s.lastHomePresence, "last seen at home"));
        int factors = travelAndAuthentication(w, this.network.minTravelNanosToPlmn(network),
                s.lastAirTime, s.lastAirPlmn != 0 && Network.samePlmn(Long.toString(s.lastAirPlmn), network),
                "no Authentication-Information-Request for the claimed PLMN before the Update-Location-Request",
                evidence);
        String realmPlmn = Network.realmPlmn(e.originRealm());
        if (e.visitedPlmnId() != null && realmPlmn != null && !Network.samePlmn(realmPlmn, e.visitedPlmnId())) {
            factors++;
            evidence.add(w.here("Origin-Realm " + e.originRealm() + " is not the claimed Visited-PLMN-Id "
                    + e.visitedPlmnId()));
        }
        if (factors == 0) {
            return;
        }
        evidence.add(w.here("Update-Location-Request from " + e.originHost() + " (realm " + e.originRealm()
                + ", visited PLMN " + network + ")"));
        w.risk(SubscriberState.RiskKind.LOCATION_HIJACK);
        Severity severity = factors >= 2 ? Severity.CRITICAL : settings.severity() == Severity.CRITICAL ? Severity.HIGH
                : settings.severity();
        w.alert(RuleId.LOCATION_HIJACK, severity, e.imsi(), "Location hijack: " + num(s.msisdn)
                + " claimed over S6a by foreign network " + network + " while at home", evidence);
    }

    /** An Update-Location over S6a (request, or its successful answer): where the subscriber is served now. */
    public void diameterLocation(Change w, String network) {
        if (network == null) {
            return; // neither a Visited-PLMN-Id nor a 3GPP realm: where it is cannot be told
        }
        SubscriberState s = w.state();
        boolean foreign = !this.network.homePlmn(network);
        s.abroad = foreign;
        s.locationTime = w.time();
        if (!foreign) {
            s.lastHomePresence = w.time();
        }
    }

    /**
     * A VLR about to serve a roamer authenticates it first (SendAuthenticationInfo to our HLR), from
     * its own GT or another node of the same network that may speak for it
     * ({@link Network#speaksForVlr}). An SAI from elsewhere (the home VLR's routine
     * one, another network's) says nothing about this claim, so it does not count.
     */
    private boolean saiFromClaimedNetwork(long saiGt, String vlrDigits, String callingGt) {
        if (saiGt == 0) {
            return false; // none, or routed on point code inside our own network
        }
        String sai = Long.toString(saiGt);
        return sai.equals(callingGt) || network.speaksForVlr(sai, vlrDigits);
    }

    /**
     * The signs MAP and S6a share: impossible travel, and no authentication from the claimed
     * network shortly before ({@code authenticated} says whether the last one, at {@code authTime},
     * came from there). Returns how many hold.
     */
    private int travelAndAuthentication(Change w, long travel, long authTime, boolean authenticated,
            String noAuthentication, List<Evidence> evidence) {
        SubscriberState s = w.state();
        int factors = 0;
        long since = w.time() - s.lastHomePresence;
        if (since < travel) {
            factors++;
            evidence.add(w.here("impossible travel: at home " + (since / 1_000_000_000L) + " s earlier, "
                    + "the trip takes at least " + (travel / MINUTE) + " min"));
        }
        if (!authenticated || authTime == 0 || w.time() - authTime > settings.saiWindow().toNanos()) {
            factors++;
            evidence.add(w.here(noAuthentication));
        }
        return factors;
    }

    /** A SendAuthenticationInfo for the IMSI: a VLR about to serve it authenticates first. */
    public void authentication(Change w, MapEvent e) {
        w.state().lastSaiTime = w.time();
        w.state().lastSaiGt = gtLong(Network.callingGt(e));
    }

    /** An S6a Authentication-Information-Request: an MME about to serve it authenticates first. */
    public void diameterAuthentication(Change w, DiameterEvent e) {
        String plmn = e.visitedPlmnId() != null ? e.visitedPlmnId() : Network.realmPlmn(e.originRealm());
        w.state().lastAirTime = w.time();
        w.state().lastAirPlmn = plmn == null || !plmn.chars().allMatch(Character::isDigit) ? 0 : Long.parseLong(plmn);
    }

    /** The HLR sends InsertSubscriberData to the VLR now serving the subscriber. */
    public void insertSubscriberData(Change w, MapEvent e) {
        SubscriberState s = w.state();
        long vlr = gtLong(Network.calledGt(e));
        if (vlr > 0) {
            s.vlr = vlr;
            s.abroad = !network.home(Long.toString(vlr));
            s.locationTime = w.time();
            if (!s.abroad) {
                s.lastHomePresence = w.time();
            }
        }
    }

    /** An SMS through a home MSC: the subscriber is at home now. */
    public void smsPresence(Change w, String msc) {
        if (!msc.isEmpty() && network.home(msc) && !w.state().abroad) {
            w.state().lastHomePresence = w.time();
        }
    }

    /** An SRI-SM result: the MSC or SGSN the HLR routes SMS to. */
    public void servingNode(Change w, MapEvent e) {
        SubscriberState s = w.state();
        String node = e.mscNumber() != null ? e.mscNumber() : e.sgsnNumber();
        if (node == null) {
            return;
        }
        if (network.home(node)) {
            if (!s.abroad) {
                s.lastHomePresence = w.time();
            }
            return;
        }
        // The HLR routes SMS abroad for a subscriber we saw at home too recently to have travelled:
        // its location was changed by an UpdateLocation this tap did not see (another STP, a
        // diameter interworking path). Same rule, this one sign.
        long since = w.time() - s.lastHomePresence;
        if (!s.abroad && s.lastHomePresence != 0 && since >= 0 && since < network.minTravelNanos(node)
                && settings.enabled()) {
            w.risk(SubscriberState.RiskKind.LOCATION_HIJACK);
            w.alert(RuleId.LOCATION_HIJACK, settings.severity() == Severity.CRITICAL ? Severity.HIGH
                    : settings.severity(), e.imsi(), "Location hijack: SMS for " + num(s.msisdn)
                            + " routed to foreign MSC " + node + " while at home",
                    List.of(new Evidence(-1, s.lastHomePresence, "last seen at home, VLR/MSC " + s.vlr),
                            w.here("SendRoutingInfoForSM answered with foreign MSC " + node + " "
                                    + (since / 1_000_000_000L) + " s after the subscriber was at home")));
            s.abroad = true;
            s.locationTime = w.time();
        }
    }
}
