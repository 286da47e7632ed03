package io.swapguard.sim;

import java.time.Duration;
import java.util.List;

/**
 * A foreign network subscribers roam into, and whose interconnect GTs can carry attacks.
 *
 * @param gtPrefix the partner's global titles start with this (VLR, MSC, SMSC, gsmSCF, ...)
 * @param travelTime the least time a subscriber needs to get there from home
 */
public record RoamingPartner(String name, String country, String countryCode, String mcc, String mnc, String gtPrefix,
        Duration travelTime) {

    public static List<RoamingPartner> defaults() {
        return List.of(
                new RoamingPartner("UK Mobile", "GB", "44", "234", "15", "447700900", Duration.ofHours(16)),
                new RoamingPartner("Malaysia Cellular", "MY", "60", "502", "12", "6012000", Duration.ofHours(2)),
                new RoamingPartner("Singapore Mobile", "SG", "65", "525", "01", "659600", Duration.ofHours(2)),
                new RoamingPartner("Saudi Wireless", "SA", "966", "420", "01", "9665000", Duration.ofHours(10)),
                new RoamingPartner("Aus Telco", "AU", "61", "505", "01", "614100", Duration.ofHours(7)));
    }

    public String mccMnc() {
        return mcc + mnc;
    }

    /** The partner's EPC realm, where its MMEs are. */
    public String realm() {
        return HomeNetwork.epcRealm(mcc, mnc);
    }

    /** A GT of this partner: the prefix and a 3-digit node number. */
    public String gt(int node) {
        return gtPrefix + String.format("%03d", node % 1000);
    }
}
