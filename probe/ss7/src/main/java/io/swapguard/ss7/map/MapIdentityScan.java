package io.swapguard.ss7.map;

import io.swapguard.event.Imei;
import io.swapguard.event.Imsi;
import io.swapguard.event.MapOperation;
import io.swapguard.event.Msisdn;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.ber.Ber;
import io.swapguard.ss7.ber.BerReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The identities a MAP parameter carries, read from its BER by their place in the TS 29.002 ASN.1
 * without decoding the rest: the lenient path. It serves where the full decoder refuses a
 * parameter that a real network sent (a missing mandatory element, a vendor's odd element in the
 * middle, an encoding of another MAP version than the dialogue said) and for operations the full
 * decoder does not model. What the BER plainly carries (IMSI, MSISDN, IMEI, node numbers, the SS
 * code and forwarded-to number) is taken; nothing else is guessed.
 *
 * <p>Positions are those of every MAP version at once where they differ (e.g. SendAuthenticationInfo
 * is a bare IMSI in v2 and {@code [0] IMSI} in a sequence in v3): each rule names a tag that no
 * other element of that parameter uses in any version. The parameter must be well-formed BER
 * (the caller validates it first).
 */
final class MapIdentityScan {

    private static final int UNIVERSAL = Ber.CLASS_UNIVERSAL;
    private static final int CONTEXT = Ber.CLASS_CONTEXT;
    private static final int OCTETS = 4;
    private static final int MAX_ELEMENTS = 64;

    private MapIdentityScan() {
    }

    /** One element of the parameter's outermost level. */
    private record Element(int tagClass, int number, boolean constructed, byte[] buf, int offset, int length) {

        boolean is(int c, int n) {
            return tagClass == c && number == n;
        }

        /** The elements inside, or none when this one is primitive. */
        List<Element> inside() {
            return constructed ? children(buf, offset, length) : List.of();
        }
    }

    /**
     * Reads what {@code op}'s argument ({@code request}) or result carries into {@code out}.
     *
     * @return true when at least one fact was found
     */
    static boolean scan(MapOperation op, boolean request, byte[] p, MapParameter.Builder out) {
        List<Element> top = children(p, 0, p.length);
        if (top.isEmpty()) {
            return false;
        }
        Element whole = top.get(0);
        // A SEQUENCE (or an implicitly tagged one such as PurgeMS-Arg's [3]) is read by its
        // elements; a bare value (v2 SendAuthenticationInfo's IMSI, SendIMSI's MSISDN) is its own.
        List<Element> e = whole.constructed() ? whole.inside() : top;
        Found f = new Found();
        if (request) {
            argument(op, whole, e, f);
        } else {
            result(op, whole, e, f);
        }
        return f.into(out);
    }

    private static void argument(MapOperation op, Element whole, List<Element> e, Found f) {
        switch (op) {
            case UPDATE_LOCATION -> {
                f.imsi(nth(e, UNIVERSAL, OCTETS, 0)); // v1 to v3: imsi, then the VLR number
                f.msc(first(e, CONTEXT, 1));
                f.vlr(nth(e, UNIVERSAL, OCTETS, 1));
            }
            case UPDATE_GPRS_LOCATION -> {
                f.imsi(nth(e, UNIVERSAL, OCTETS, 0));
                f.sgsn(nth(e, UNIVERSAL, OCTETS, 1));
            }
            case CANCEL_LOCATION, RESTORE_DATA, NOTE_SUBSCRIBER_DATA_MODIFIED -> {
                // cancelLocation's identity is an IMSI or an IMSI-WithLMSI sequence, in a sequence from v3
                Element imsi = nth(e, UNIVERSAL, OCTETS, 0);
                Element withLmsi = first(e, UNIVERSAL, 16);
                f.imsi(imsi != null ? imsi : withLmsi == null ? null : nth(withLmsi.inside(), UNIVERSAL, OCTETS, 0));
                if (op == MapOperation.NOTE_SUBSCRIBER_DATA_MODIFIED) {
                    f.msisdn(nth(e, UNIVERSAL, OCTETS, 1));
                }
            }
            case PURGE_MS -> {
                f.imsi(nth(e, UNIVERSAL, OCTETS, 0));
                Element vlr = first(e, CONTEXT, 0); // v3 [0]; v2 the second OCTET STRING
                f.vlr(vlr != null ? vlr : nth(e, UNIVERSAL, OCTETS, 1));
                f.sgsn(first(e, CONTEXT, 1));
            }
            case SEND_AUTHENTICATION_INFO -> f.imsi(whole.constructed() ? first(e, CONTEXT, 0) : whole);
            case INSERT_SUBSCRIBER_DATA -> {
                f.imsi(first(e, CONTEXT, 0));
                f.msisdn(first(e, CONTEXT, 1));
            }
            case DELETE_SUBSCRIBER_DATA, PROVIDE_SUBSCRIBER_INFO, SEND_ROUTING_INFO_FOR_GPRS, READY_FOR_SM ->
                f.imsi(first(e, CONTEXT, 0));
            case SEND_PARAMETERS -> f.imsi(first(e, CONTEXT, 0)); // subscriberId CHOICE { imsi [0], tmsi [1] }
            case SEND_ROUTING_INFO_FOR_SM -> {
                f.msisdn(first(e, CONTEXT, 0));
                f.smsc(first(e, CONTEXT, 2));
            }
            case SEND_ROUTING_INFO -> f.msisdn(first(e, CONTEXT, 0));
            case SEND_IMSI -> f.msisdn(whole);
            case REPORT_SM_DELIVERY_STATUS, ALERT_SERVICE_CENTRE -> {
                f.msisdn(nth(e, UNIVERSAL, OCTETS, 0));
                f.smsc(nth(e, UNIVERSAL, OCTETS, 1));
            }
            case INFORM_SERVICE_CENTRE -> f.msisdn(nth(e, UNIVERSAL, OCTETS, 0)); // storedMSISDN
            case MT_FORWARD_SM, MO_FORWARD_SM -> {
                // sm-RP-DA then sm-RP-OA, each a CHOICE by context tag; v3 MO ends with the IMSI
                // as an OCTET STRING after sm-RP-UI.
                if (e.size() >= 2) {
                    Element da = e.get(0);
                    Element oa = e.get(1);
                    if (da.is(CONTEXT, 0)) {
                        f.imsi(da);
                    } else if (da.is(CONTEXT, 4)) {
                        f.smsc(da);
                    }
                    if (oa.is(CONTEXT, 2)) {
                        f.msisdn(oa);
                    } else if (oa.is(CONTEXT, 4)) {
                        f.smsc(oa);
                    }
                }
                if (f.imsi == null) {
                    f.imsi(nth(e, UNIVERSAL, OCTETS, 1));
                }
            }
            case CHECK_IMEI -> f.imei(whole.constructed() ? nth(e, UNIVERSAL, OCTETS, 0) : whole);
            case ANY_TIME_INTERROGATION, ANY_TIME_SUBSCRIPTION_INTERROGATION, ANY_TIME_MODIFICATION -> {
                Element identity = first(e, CONTEXT, 0); // SubscriberIdentity CHOICE { imsi [0], msisdn [1] }
                if (identity != null) {
                    f.imsi(first(identity.inside(), CONTEXT, 0));
                    f.msisdn(first(identity.inside(), CONTEXT, 1));
                }
            }
            case SEND_ROUTING_INFO_FOR_LCS -> {
                Element target = first(e, CONTEXT, 1);
                if (target != null) {
                    f.imsi(first(target.inside(), CONTEXT, 0));
                    f.msisdn(first(target.inside(), CONTEXT, 1));
                }
            }
            case PROVIDE_SUBSCRIBER_LOCATION -> {
                f.imsi(first(e, CONTEXT, 2));
                f.msisdn(first(e, CONTEXT, 3));
                f.imei(first(e, CONTEXT, 5));
            }
            case REGISTER_SS -> {
                f.ssCode(nth(e, UNIVERSAL, OCTETS, 0));
                f.forwardedTo(first(e, CONTEXT, 4));
            }
            case ACTIVATE_SS, DEACTIVATE_SS, ERASE_SS, INTERROGATE_SS -> f.ssCode(nth(e, UNIVERSAL, OCTETS, 0));
            case PROCESS_UNSTRUCTURED_SS_REQUEST -> f.msisdn(first(e, CONTEXT, 0));
            default -> {
                // nothing at a known place
            }
        }
    }

    private static void result(MapOperation op, Element whole, List<Element> e, Found f) {
        switch (op) {
            case UPDATE_LOCATION, UPDATE_GPRS_LOCATION -> f.hlr(nth(e, UNIVERSAL, OCTETS, 0));
            case SEND_IMSI -> f.imsi(whole);
            case SEND_ROUTING_INFO_FOR_SM -> {
                f.imsi(nth(e, UNIVERSAL, OCTETS, 0));
                // locationInfoWithLMSI { networkNode-Number [1], ..., gprsNodeIndicator [5] }
                Element location = first(e, CONTEXT, 0);
                if (location != null) {
                    Element node = first(location.inside(), CONTEXT, 1);
                    if (first(location.inside(), CONTEXT, 5) != null) {
                        f.sgsn(node);
                    } else {
                        f.msc(node);
                    }
                }
            }
            case SEND_ROUTING_INFO -> {
                // v3: [3] SEQUENCE { imsi [9], extendedRoutingInfo CHOICE { routingInfo, ... } };
                // v2: SEQUENCE { imsi, routingInfo CHOICE { roamingNumber, forwardingData } }
                Element imsi = first(e, CONTEXT, 9);
                f.imsi(imsi != null ? imsi : nth(e, UNIVERSAL, OCTETS, 0));
                f.roaming(nth(e, UNIVERSAL, OCTETS, imsi != null ? 0 : 1));
                Element forwarding = first(e, UNIVERSAL, 16);
                if (forwarding != null) {
                    f.forwardedTo(first(forwarding.inside(), CONTEXT, 5));
                }
                if (imsi != null) {
                    f.msc(first(e, CONTEXT, 2)); // v3 vmsc-Address
                }
            }
            default -> {
                // nothing at a known place
            }
        }
    }

    /** The facts found, each kept only when it is a valid value of its kind. */
    private static final class Found {
        Imsi imsi;
        Msisdn msisdn;
        Imei imei;
        String msc;
        String vlr;
        String sgsn;
        String hlr;
        String smsc;
        String roaming;
        String forwardedTo;
        int ssCode = -1;

        void imsi(Element el) {
            if (el != null && !el.constructed() && imsi == null) {
                String d = Tbcd.decode(el.buf(), el.offset(), el.length());
                if (Imsi.isValid(d)) {
                    imsi = new Imsi(d);
                }
            }
        }

        void imei(Element el) {
            if (el != null && !el.constructed()) {
                String d = Tbcd.decode(el.buf(), el.offset(), el.length());
                if (Imei.isValid(d)) {
                    imei = new Imei(d);
                }
            }
        }

        void msisdn(Element el) {
            String d = address(el);
            if (d != null && Msisdn.isValid(d)) {
                msisdn = new Msisdn(d);
            }
        }

        void msc(Element el) { String d = address(el); if (d != null) msc = d; }
        void vlr(Element el) { String d = address(el); if (d != null) vlr = d; }
        void sgsn(Element el) { String d = address(el); if (d != null) sgsn = d; }
        void hlr(Element el) { String d = address(el); if (d != null) hlr = d; }
        void smsc(Element el) { String d = address(el); if (d != null) smsc = d; }
        void roaming(Element el) { String d = address(el); if (d != null) roaming = d; }
        void forwardedTo(Element el) { String d = address(el); if (d != null) forwardedTo = d; }

        void ssCode(Element el) {
            if (el != null && !el.constructed() && el.length() == 1) {
                ssCode = el.buf()[el.offset()] & 0xFF;
            }
        }

        boolean into(MapParameter.Builder out) {
            boolean any = false;
            if (imsi != null) { out.imsi(imsi); any = true; }
            if (msisdn != null) { out.msisdn(msisdn); any = true; }
            if (imei != null) { out.imei(imei); any = true; }
            if (msc != null) { out.mscNumber(msc); any = true; }
            if (vlr != null) { out.vlrNumber(vlr); any = true; }
            if (sgsn != null) { out.sgsnNumber(sgsn); any = true; }
            if (hlr != null) { out.hlrNumber(hlr); any = true; }
            if (smsc != null) { out.smscAddress(smsc); any = true; }
            if (roaming != null) { out.roamingNumber(roaming); any = true; }
            if (forwardedTo != null) { out.forwardedToNumber(forwardedTo); any = true; }
            if (ssCode >= 0) { out.ssCode(ssCode); any = true; }
            return any;
        }
    }

    /** An (ISDN-)AddressString's digits when they are plain BCD of a sane length, else null. */
    private static String address(Element el) {
        if (el == null || el.constructed()) {
            return null;
        }
        String d = Tbcd.addressDigits(el.buf(), el.offset(), el.length());
        if (d == null || d.length() > MapParameter.MAX_NUMBER_DIGITS) {
            return null;
        }
        for (int i = 0; i < d.length(); i++) {
            if (d.charAt(i) > '9') {
                return null; // a number with TBCD specials is not a node or subscriber number
            }
        }
        return d;
    }

    private static Element first(List<Element> e, int tagClass, int number) {
        return nth(e, tagClass, number, 0);
    }

    private static Element nth(List<Element> e, int tagClass, int number, int n) {
        int seen = 0;
        for (Element el : e) {
            if (el.is(tagClass, number) && seen++ == n) {
                return el;
            }
        }
        return null;
    }

    private static List<Element> children(byte[] buf, int offset, int length) {
        BerReader r = BerReader.of(Layer.MAP, buf, offset, length);
        List<Element> out = new ArrayList<>();
        while (out.size() < MAX_ELEMENTS && r.next()) {
            out.add(new Element(r.tagClass(), r.tagNumber(), r.constructed(), buf, r.valueOffset(), r.valueLength()));
        }
        return out;
    }
}
