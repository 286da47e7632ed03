package io.swapguard.sim;

import java.util.List;

/**
 * The simulated operator: identity ranges and the global titles of its core network elements.
 *
 * @param mcc mobile country code (IMSI)
 * @param mnc mobile network code (IMSI)
 * @param countryCode E.164 country code
 * @param msisdnPrefix MSISDNs are this prefix plus the subscriber index, 13 digits in all
 * @param hlrGt the HLR's global title
 * @param vlrGts the home MSC/VLRs' global titles (VLR number; the MSC number ends in 2 instead of 1)
 * @param smscGts the home SMSCs (the first serves subscribers, all may carry A2P traffic)
 * @param eirGt the EIR's global title
 * @param sgsnGt the SGSN's global title
 */
public record HomeNetwork(String name, String mcc, String mnc, String countryCode, String msisdnPrefix, String hlrGt,
        List<String> vlrGts, List<String> smscGts, String eirGt, String sgsnGt) {

    public static HomeNetwork defaults() {
        return new HomeNetwork("HomeTel ID", "510", "10", "62", "62811", "6281100001",
                List.of("6281100101", "6281100111", "6281100121", "6281100131"),
                List.of("6281100900", "6281100910"), "6281100300", "6281100500");
    }

    /** The MSC number of the MSC/VLR with VLR number {@code vlr}. */
    public static String mscOf(String vlr) {
        return vlr.substring(0, vlr.length() - 1) + "2";
    }

    public String mccMnc() {
        return mcc + mnc;
    }

    /** The home network's EPC realm (TS 23.003 §19.2): epc.mnc010.mcc510.3gppnetwork.org. */
    public String realm() {
        return epcRealm(mcc, mnc);
    }

    /** The realm of an EPC with this MCC and MNC (the MNC padded to three digits). */
    static String epcRealm(String mcc, String mnc) {
        return "epc.mnc" + "0".repeat(3 - mnc.length()) + mnc + ".mcc" + mcc + ".3gppnetwork.org";
    }
}
