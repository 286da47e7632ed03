package io.swapguard.engine;

import io.swapguard.event.MapEvent;
import io.swapguard.event.Msisdn;
import io.swapguard.event.SmsAddress;
import java.util.List;

/** What is home and what is foreign, as {@code detector.network} configures it. */
public final class Network {

    private final DetectorConfig.NetworkConfig config;

    public Network(DetectorConfig.NetworkConfig config) {
        this.config = config;
    }

    public DetectorConfig.NetworkConfig config() {
        return config;
    }

    /** A home global title (or none at all: routed on point code inside the network). */
    public boolean home(String digits) {
        return digits.isEmpty() || startsWithAny(digits, config.gtPrefixes());
    }

    /** The least time anyone needs to get from home to the network of {@code foreignGt}. */
    public long minTravelNanos(String foreignGt) {
        for (DetectorConfig.PartnerConfig p : config.partners()) {
            if (startsWithAny(foreignGt, p.gtPrefixes())) {
                return p.travelTime().toNanos();
            }
        }
        return config.minTravelTime().toNanos();
    }

    /** The least time anyone needs to get from home to the network {@code plmn} (MCC + MNC) names. */
    public long minTravelNanosToPlmn(String plmn) {
        for (DetectorConfig.PartnerConfig p : config.partners()) {
            for (String id : p.plmns()) {
                if (samePlmn(plmn, id)) {
                    return p.travelTime().toNanos();
                }
            }
        }
        return config.minTravelTime().toNanos();
    }

    /**
     * Whether {@code callingGt} may speak for the VLR {@code vlrGt} (send its UpdateLocation or its
     * SendAuthenticationInfo): the VLR itself; for a partner whose VLR/MSCs are listed, one of
     * those or one of its interconnect gateways; else any GT of the same partner.
     */
    public boolean speaksForVlr(String callingGt, String vlrGt) {
        if (callingGt.equals(vlrGt)) {
            return true;
        }
        if (home(vlrGt) && config.homeNodes().vlrsListed()) {
            return startsWithAny(callingGt, config.homeNodes().vlr());
        }
        for (DetectorConfig.PartnerConfig p : config.partners()) {
            if (startsWithAny(vlrGt, p.gtPrefixes()) && p.nodes().vlrsListed()) {
                return startsWithAny(callingGt, p.nodes().vlr()) || startsWithAny(callingGt, p.gateways());
            }
        }
        return samePartner(callingGt, vlrGt);
    }

    /**
     * The role a partner lists {@code gt} under ("SMSC", "HLR", "GMSC", "VLR/MSC", "gateway", after
     * the partner's name), or the home network does ("home SMSC", ...), or null.
     */
    public String partnerRole(String gt) {
        if (home(gt)) {
            String role = role(config.homeNodes(), gt);
            return role == null ? null : "home " + role;
        }
        for (DetectorConfig.PartnerConfig p : config.partners()) {
            String role = role(p.nodes(), gt);
            role = role != null ? role : startsWithAny(gt, p.gateways()) ? "gateway" : null;
            if (role != null) {
                return (p.name().isEmpty() ? "" : p.name() + " ") + role;
            }
        }
        return null;
    }

    private static String role(DetectorConfig.PartnerNodes n, String gt) {
        return startsWithAny(gt, n.smsc()) ? "SMSC" : startsWithAny(gt, n.hlr()) ? "HLR"
                : startsWithAny(gt, n.gmsc()) ? "GMSC" : startsWithAny(gt, n.vlr()) ? "VLR/MSC" : null;
    }

    /** Whether the home network lists its SMSCs and {@code gt} is not one of them. */
    public boolean homeNonSmsc(String gt) {
        return home(gt) && !config.homeNodes().smsc().isEmpty() && !startsWithAny(gt, config.homeNodes().smsc());
    }

    /** Both global titles belong to one roaming partner. */
    public boolean samePartner(String a, String b) {
        for (DetectorConfig.PartnerConfig p : config.partners()) {
            if (startsWithAny(a, p.gtPrefixes()) && startsWithAny(b, p.gtPrefixes())) {
                return true;
            }
        }
        // Without a partner list, the same country code prefix is the best guess.
        return a.length() > 3 && b.length() > 3 && a.substring(0, 3).equals(b.substring(0, 3));
    }

    /**
     * A home PLMN (MCC + MNC digits, e.g. {@code 51010}): one the home IMSI ranges belong to. The
     * MNC is compared as a number, so {@code 510010} (a 3GPP realm's 3-digit form) is {@code 51010}.
     */
    public boolean homePlmn(String mccMnc) {
        for (String p : config.imsiPrefixes()) {
            if (p.length() >= 5 && (samePlmn(mccMnc, p.substring(0, 5)) || p.length() >= 6
                    && samePlmn(mccMnc, p.substring(0, 6)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a Diameter realm is the home network's: TRUE for a listed home realm (or a subdomain
     * of one) or a 3GPP realm of a home PLMN; FALSE for a 3GPP realm of another PLMN, or any other
     * realm when home realms are listed; null when it cannot be told.
     */
    public Boolean homeRealm(String realm) {
        if (realm == null) {
            return null;
        }
        String r = realm.toLowerCase(java.util.Locale.ROOT);
        for (String home : config.homeRealms()) {
            if (r.equals(home) || r.endsWith("." + home)) {
                return Boolean.TRUE;
            }
        }
        String plmn = realmPlmn(r);
        if (plmn != null) {
            return homePlmn(plmn);
        }
        return config.homeRealms().isEmpty() ? null : Boolean.FALSE;
    }

    /** Two PLMN ids name the same network (the same MCC, the same MNC as a number). */
    public static boolean samePlmn(String a, String b) {
        return a != null && b != null && a.length() >= 5 && b.length() >= 5 && a.regionMatches(0, b, 0, 3)
                && Integer.parseInt(a.substring(3)) == Integer.parseInt(b.substring(3));
    }

    /**
     * The PLMN of a 3GPP realm ({@code epc.mnc015.mcc234.3gppnetwork.org} → {@code 234015}), null for
     * any other realm (TS 23.003 §19.2).
     */
    public static String realmPlmn(String realm) {
        if (realm == null) {
            return null;
        }
        int mnc = realm.indexOf("mnc");
        int mcc = realm.indexOf(".mcc", mnc);
        if (mnc < 0 || mcc != mnc + 6 || !realm.endsWith(".3gppnetwork.org")) { // the suffix leaves room for the MCC
            return null;
        }
        String m = realm.substring(mnc + 3, mnc + 6);
        String c = realm.substring(mcc + 4, mcc + 7);
        return m.chars().allMatch(Character::isDigit) && c.chars().allMatch(Character::isDigit) ? c + m : null;
    }

    public static boolean startsWithAny(String digits, List<String> prefixes) {
        for (String p : prefixes) {
            if (digits.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The subscriber an SMPP or TPDU address names, in international form: international numbers
     * as they are ({@code +} or {@code 00} dropped), national ones (TON national, or a trunk
     * prefix {@code 0} with TON unknown) behind the home country code. Null for alphanumeric
     * addresses, short codes and anything that is not an E.164 number.
     */
    public Msisdn subscriber(SmsAddress a) {
        if (a == null || a.isAlphanumeric()) {
            return null;
        }
        String v = a.value().strip();
        if (v.startsWith("+")) {
            v = v.substring(1);
        } else if (v.startsWith("00") && a.typeOfNumber() != SmsAddress.TON_INTERNATIONAL) {
            v = v.substring(2);
        } else if (a.typeOfNumber() == SmsAddress.TON_NATIONAL || a.typeOfNumber() == 0 && v.startsWith("0")) {
            v = config.countryCode() + (v.startsWith("0") ? v.substring(1) : v);
        }
        // Short codes (a few digits) are services, not subscribers.
        return v.length() >= 7 && Msisdn.isValid(v) ? new Msisdn(v) : null;
    }

    /** The calling party's global title digits, "" when routed on point code or absent. */
    public static String callingGt(MapEvent e) {
        return e.calling() == null ? "" : e.calling().gtDigits();
    }

    public static String calledGt(MapEvent e) {
        return e.called() == null ? "" : e.called().gtDigits();
    }
}
