package io.swapguard.diameter;

import io.swapguard.event.DiameterEvent;
import io.swapguard.event.Imei;
import io.swapguard.event.Imsi;
import io.swapguard.event.Msisdn;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Diameter message says about a subscriber, read into a {@link DiameterEvent.Builder}:
 * the header, Origin/Destination Host and Realm, Route-Records, the result, and the S6a/S6d,
 * S13, S6c and SGd identities (User-Name as IMSI, MSISDN, Terminal-Information as IMEI or
 * IMEISV, Visited-PLMN-Id, RAT-Type, the command's flags, Cancellation-Type, Equipment-Status,
 * Serving-Node, SC-Address). A value that is damaged or not what its AVP should carry is left
 * out and named in {@link Result#problem()}; the rest of the message is still read.
 */
public final class DiameterFacts {

    private static final long V = AvpCode.VENDOR_3GPP;
    /** Serving-Node members, in the order they are preferred: a name, else a number. */
    private static final int[] SERVING_NODE_NAMES = {AvpCode.MME_NAME, AvpCode.SGSN_NAME};
    private static final int[] SERVING_NODE_NUMBERS = {AvpCode.MSC_NUMBER, AvpCode.MME_NUMBER_FOR_MT_SMS,
        AvpCode.SGSN_NUMBER};

    /**
     * What {@link #read} found besides the event's fields.
     *
     * @param problem the first value left out, as a counter reason; null when none
     * @param smRpUi the SGd SM-RP-UI octets (an SMS TPDU, TS 23.040), null when absent
     */
    public record Result(String problem, byte[] smRpUi) {
    }

    private DiameterFacts() {
    }

    public static Result read(DiameterMessage m, DiameterEvent.Builder b) {
        Reading r = new Reading();
        b.applicationId(m.applicationId()).commandCode(m.commandCode()).request(m.isRequest())
                .hopByHop(m.hopByHop()).endToEnd(m.endToEnd());
        List<String> routes = new ArrayList<>(2);
        for (Avp a : m.avps()) {
            if (a.vendorId() == 0) {
                base(a, b, r, routes);
            } else if (a.vendorId() == V) {
                tgpp(m, a, b, r);
            }
        }
        if (!routes.isEmpty()) {
            b.routeRecords(routes);
        }
        return new Result(r.problem, r.smRpUi);
    }

    private static final class Reading {
        String problem;
        byte[] smRpUi;
        String imeiDigits;

        void problem(String reason) {
            if (problem == null) {
                problem = reason;
            }
        }
    }

    private static void base(Avp a, DiameterEvent.Builder b, Reading r, List<String> routes) {
        switch (a.code()) {
            case AvpCode.ORIGIN_HOST -> b.originHost(identity(a, r));
            case AvpCode.ORIGIN_REALM -> b.originRealm(identity(a, r));
            case AvpCode.DESTINATION_HOST -> b.destinationHost(identity(a, r));
            case AvpCode.DESTINATION_REALM -> b.destinationRealm(identity(a, r));
            case AvpCode.ROUTE_RECORD -> {
                String id = identity(a, r);
                if (id != null && routes.size() < DiameterEvent.MAX_ROUTE_RECORDS) {
                    routes.add(id);
                } else if (id != null) {
                    r.problem("too-many-route-records");
                }
            }
            case AvpCode.RESULT_CODE -> b.resultCode(unsigned(a, r));
            case AvpCode.EXPERIMENTAL_RESULT -> {
                Avp code = a.member(AvpCode.EXPERIMENTAL_RESULT_CODE, 0);
                if (code != null) {
                    b.resultCode(unsigned(code, r));
                } else {
                    r.problem("experimental-result-without-code");
                }
            }
            case AvpCode.USER_NAME -> b.imsi(imsi(a, r));
            default -> {
            }
        }
    }

    private static void tgpp(DiameterMessage m, Avp a, DiameterEvent.Builder b, Reading r) {
        switch (a.code()) {
            case AvpCode.MSISDN -> b.msisdn(msisdn(a, r));
            case AvpCode.SUBSCRIPTION_DATA -> {
                Avp msisdn = a.member(AvpCode.MSISDN, V);
                if (msisdn != null) {
                    b.msisdn(msisdn(msisdn, r));
                }
            }
            case AvpCode.USER_IDENTIFIER -> {
                List<Avp> members = a.members();
                Avp user = Avp.find(members, AvpCode.USER_NAME, 0);
                if (user != null) {
                    b.imsi(imsi(user, r));
                }
                Avp msisdn = Avp.find(members, AvpCode.MSISDN, V);
                if (msisdn != null) {
                    b.msisdn(msisdn(msisdn, r));
                }
            }
            case AvpCode.TERMINAL_INFORMATION -> b.imei(imei(a, r));
            case AvpCode.VISITED_PLMN_ID -> b.visitedPlmnId(plmn(a, r));
            case AvpCode.RAT_TYPE -> b.ratType(unsigned(a, r));
            case AvpCode.ULR_FLAGS, AvpCode.ULA_FLAGS, AvpCode.IDR_FLAGS, AvpCode.NOR_FLAGS, AvpCode.CLR_FLAGS,
                    AvpCode.DSR_FLAGS, AvpCode.PUR_FLAGS -> b.commandFlags(unsigned(a, r));
            case AvpCode.CANCELLATION_TYPE -> b.cancellationType(unsigned(a, r));
            case AvpCode.EQUIPMENT_STATUS -> {
                int status = unsigned(a, r);
                if (status > 2) {
                    r.problem("unknown-equipment-status");
                } else {
                    b.equipmentStatus(status);
                }
            }
            case AvpCode.SERVING_NODE -> b.servingNode(servingNode(a, r));
            case AvpCode.SC_ADDRESS -> b.smscAddress(digits(a, r, 1, 32, "bad-sc-address"));
            case AvpCode.SM_RP_UI -> r.smRpUi = a.octets();
            default -> {
            }
        }
    }

    private static String identity(Avp a, Reading r) {
        if (a.dataLength() < 1 || a.dataLength() > DiameterEvent.MAX_IDENTITY_LENGTH) {
            r.problem("bad-diameter-identity");
            return null;
        }
        String s = a.utf8();
        return s.length() <= DiameterEvent.MAX_IDENTITY_LENGTH ? s : null;
    }

    /** Unsigned32/Enumerated that fits an int; -1 (and a problem) otherwise. */
    private static int unsigned(Avp a, Reading r) {
        long v = a.unsigned32();
        if (v < 0 || v > Integer.MAX_VALUE) {
            r.problem(v < 0 ? "bad-unsigned32-length" : "unsigned32-out-of-range");
            return -1;
        }
        return (int) v;
    }

    private static Imsi imsi(Avp a, Reading r) {
        String s = a.dataLength() <= Imsi.MAX_DIGITS ? a.utf8() : "";
        if (!Imsi.isValid(s)) {
            r.problem("user-name-not-imsi");
            return null;
        }
        return new Imsi(s);
    }

    private static Msisdn msisdn(Avp a, Reading r) {
        String digits = digits(a, r, 1, Msisdn.MAX_DIGITS, "bad-msisdn");
        if (digits == null || !Msisdn.isValid(digits)) {
            r.problem("bad-msisdn");
            return null;
        }
        return new Msisdn(digits);
    }

    /** TBCD octets as digits; null (and a problem) for a non-decimal nibble or a wrong length. */
    private static String digits(Avp a, Reading r, int min, int max, String reason) {
        int n = a.dataLength();
        if (n == 0 || n > (max + 1) / 2) {
            r.problem(reason);
            return null;
        }
        StringBuilder s = new StringBuilder(n * 2);
        for (int i = 0; i < n; i++) {
            int o = a.octet(i);
            int lo = o & 0xF;
            int hi = o >> 4;
            if (lo > 9) {
                r.problem(reason);
                return null;
            }
            s.append((char) ('0' + lo));
            if (hi == 0xF && i == n - 1) {
                break;
            }
            if (hi > 9) {
                r.problem(reason);
                return null;
            }
            s.append((char) ('0' + hi));
        }
        return s.length() >= min && s.length() <= max ? s.toString() : null;
    }

    private static Imei imei(Avp terminal, Reading r) {
        List<Avp> members = terminal.members();
        Avp imei = Avp.find(members, AvpCode.IMEI, V);
        if (imei == null) {
            return null; // an ESN or MEID (3GPP2) handset, or no IMEI sent
        }
        String digits = imei.dataLength() <= 16 ? imei.utf8() : "";
        Avp sv = Avp.find(members, AvpCode.SOFTWARE_VERSION, V);
        if (digits.length() == 14 && sv != null && sv.dataLength() == 2) {
            digits = digits + sv.utf8(); // IMEISV: TAC, SNR and the software version
        }
        if (!Imei.isValid(digits)) {
            r.problem("bad-imei");
            return null;
        }
        return new Imei(digits);
    }

    /** Visited-PLMN-Id: MCC digit 2|1, MNC digit 3|MCC digit 3, MNC digit 2|1 (F for a 2-digit MNC). */
    private static String plmn(Avp a, Reading r) {
        if (a.dataLength() != 3) {
            r.problem("bad-plmn-id");
            return null;
        }
        int mcc1 = a.octet(0) & 0xF;
        int mcc2 = a.octet(0) >> 4;
        int mcc3 = a.octet(1) & 0xF;
        int mnc3 = a.octet(1) >> 4;
        int mnc1 = a.octet(2) & 0xF;
        int mnc2 = a.octet(2) >> 4;
        if (mcc1 > 9 || mcc2 > 9 || mcc3 > 9 || mnc1 > 9 || mnc2 > 9 || (mnc3 > 9 && mnc3 != 0xF)) {
            r.problem("bad-plmn-id");
            return null;
        }
        return "" + mcc1 + mcc2 + mcc3 + mnc1 + mnc2 + (mnc3 == 0xF ? "" : mnc3);
    }

    /** Serving-Node (S6c SRA): the MME or SGSN name, else the MSC, MME or SGSN number. */
    private static String servingNode(Avp group, Reading r) {
        List<Avp> members = group.members();
        for (int code : SERVING_NODE_NAMES) {
            Avp name = Avp.find(members, code, V);
            if (name != null) {
                return identity(name, r);
            }
        }
        for (int code : SERVING_NODE_NUMBERS) {
            Avp number = Avp.find(members, code, V);
            if (number != null) {
                return digits(number, r, 1, 32, "bad-serving-node-number");
            }
        }
        return null;
    }
}
