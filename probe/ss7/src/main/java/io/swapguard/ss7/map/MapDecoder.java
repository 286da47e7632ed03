package io.swapguard.ss7.map;

import io.swapguard.event.ComponentType;
import io.swapguard.event.Imei;
import io.swapguard.event.Imsi;
import io.swapguard.event.MapOperation;
import io.swapguard.event.Msisdn;
import io.swapguard.event.ShortMessage;
import io.swapguard.event.SmsAddress;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.ber.BerReader;
import java.util.Arrays;
import org.mobicents.protocols.asn.AsnInputStream;
import org.restcomm.protocols.ss7.map.api.primitives.AddressString;
import org.restcomm.protocols.ss7.map.api.primitives.IMEI;
import org.restcomm.protocols.ss7.map.api.primitives.IMSI;
import org.restcomm.protocols.ss7.map.api.service.callhandling.RoutingInfo;
import org.restcomm.protocols.ss7.map.api.service.mobility.locationManagement.ADDInfo;
import org.restcomm.protocols.ss7.map.api.service.mobility.subscriberInformation.LocationInformation;
import org.restcomm.protocols.ss7.map.api.service.mobility.subscriberInformation.SubscriberInfo;
import org.restcomm.protocols.ss7.map.api.service.sms.SM_RP_DA;
import org.restcomm.protocols.ss7.map.api.service.sms.SM_RP_OA;
import org.restcomm.protocols.ss7.map.api.service.sms.SmsSignalInfo;
import org.restcomm.protocols.ss7.map.api.service.supplementary.SSForBSCode;
import org.restcomm.protocols.ss7.map.api.smstpdu.AddressField;
import org.restcomm.protocols.ss7.map.api.smstpdu.ConcatenatedShortMessagesIdentifier;
import org.restcomm.protocols.ss7.map.api.smstpdu.SmsDeliverTpdu;
import org.restcomm.protocols.ss7.map.api.smstpdu.SmsStatusReportTpdu;
import org.restcomm.protocols.ss7.map.api.smstpdu.SmsSubmitTpdu;
import org.restcomm.protocols.ss7.map.api.smstpdu.SmsTpdu;
import org.restcomm.protocols.ss7.map.api.smstpdu.UserData;
import org.restcomm.protocols.ss7.map.api.smstpdu.UserDataHeader;
import org.restcomm.protocols.ss7.map.primitives.IMSIImpl;
import org.restcomm.protocols.ss7.map.primitives.MAPAsnPrimitive;
import org.restcomm.protocols.ss7.map.service.callhandling.SendRoutingInformationRequestImpl;
import org.restcomm.protocols.ss7.map.service.callhandling.SendRoutingInformationResponseImpl;
import org.restcomm.protocols.ss7.map.service.mobility.authentication.SendAuthenticationInfoRequestImpl;
import org.restcomm.protocols.ss7.map.service.mobility.imei.CheckImeiRequestImpl;
import org.restcomm.protocols.ss7.map.service.mobility.imei.CheckImeiResponseImpl;
import org.restcomm.protocols.ss7.map.service.mobility.locationManagement.CancelLocationRequestImpl;
import org.restcomm.protocols.ss7.map.service.mobility.locationManagement.PurgeMSRequestImpl;
import org.restcomm.protocols.ss7.map.service.mobility.locationManagement.UpdateGprsLocationRequestImpl;
import org.restcomm.protocols.ss7.map.service.mobility.locationManagement.UpdateGprsLocationResponseImpl;
import org.restcomm.protocols.ss7.map.service.mobility.locationManagement.UpdateLocationRequestImpl;
import org.restcomm.protocols.ss7.map.service.mobility.locationManagement.UpdateLocationResponseImpl;
import org.restcomm.protocols.ss7.map.service.mobility.subscriberInformation.AnyTimeInterrogationRequestImpl;
import org.restcomm.protocols.ss7.map.service.mobility.subscriberInformation.AnyTimeInterrogationResponseImpl;
import org.restcomm.protocols.ss7.map.service.mobility.subscriberInformation.ProvideSubscriberInfoRequestImpl;
import org.restcomm.protocols.ss7.map.service.mobility.subscriberInformation.ProvideSubscriberInfoResponseImpl;
import org.restcomm.protocols.ss7.map.service.mobility.subscriberManagement.InsertSubscriberDataRequestImpl;
import org.restcomm.protocols.ss7.map.service.oam.SendImsiRequestImpl;
import org.restcomm.protocols.ss7.map.service.sms.ForwardShortMessageRequestImpl;
import org.restcomm.protocols.ss7.map.service.sms.MoForwardShortMessageRequestImpl;
import org.restcomm.protocols.ss7.map.service.sms.MtForwardShortMessageRequestImpl;
import org.restcomm.protocols.ss7.map.service.sms.SendRoutingInfoForSMRequestImpl;
import org.restcomm.protocols.ss7.map.service.sms.SendRoutingInfoForSMResponseImpl;
import org.restcomm.protocols.ss7.map.service.supplementary.ActivateSSRequestImpl;
import org.restcomm.protocols.ss7.map.service.supplementary.DeactivateSSRequestImpl;
import org.restcomm.protocols.ss7.map.service.supplementary.EraseSSRequestImpl;
import org.restcomm.protocols.ss7.map.service.supplementary.ProcessUnstructuredSSRequestImpl;
import org.restcomm.protocols.ss7.map.service.supplementary.RegisterSSRequestImpl;

/**
 * Extracts what swapguard needs from GSM MAP operation arguments and results (3GPP TS 29.002),
 * using Restcomm jSS7's parameter classes for the ASN.1. The parameter's BER structure is
 * validated first, so every length jSS7 reads lies inside the buffer. Anything jSS7 throws is a
 * counted rejection, never an escape.
 */
public final class MapDecoder {

    static final Rejection MALFORMED = Rejection.of(Layer.MAP, "malformed-parameter");
    static final Rejection BAD_TPDU = Rejection.of(Layer.MAP, "malformed-sms-tpdu");

    private MapDecoder() {
    }

    /**
     * Adds the facts of one component's parameter to {@code out}.
     *
     * <p>The parameter is decoded as the dialogue's MAP version first and, when that decoder
     * refuses it, as the other versions in turn (see {@link #versionsToTry}). When none takes it,
     * the identities the BER plainly carries are still read ({@link MapIdentityScan}) and the
     * first refusal is thrown, so the caller journals a partial event and counts the reason.
     * Operations the full decoder does not model are read by that scan alone.
     *
     * @param version MAP version from the dialogue: 1 for a dialogue opened without a dialogue
     *        portion, 0 when unknown (a capture joined mid-dialogue)
     * @throws Rejection when the parameter is not well-formed BER (nothing read), or when no version
     *         decodes it ({@code out} then holds what the lenient scan found)
     */
    public static void decode(int opCode, ComponentType component, int version, byte[] buf, int offset, int length,
            MapParameter.Builder out) {
        if (length <= 0) {
            return;
        }
        BerReader.validate(Layer.MAP, buf, offset, length);
        byte[] param = Arrays.copyOfRange(buf, offset, offset + length);
        boolean request = component == ComponentType.INVOKE;
        if (!request && !component.isResult()) {
            return; // error parameters carry nothing swapguard uses
        }
        MapOperation op = MapOperation.of(opCode);
        Rejection refused = null;
        int[] versions = versionsToTry(version);
        for (int i = 0; i < versions.length; i++) {
            // The first try writes straight into out: the common case allocates nothing more, and
            // what it read before a refusal is kept.
            MapParameter.Builder attempt = i == 0 ? out : new MapParameter.Builder();
            try {
                boolean modelled = request ? request(op, versions[i], param, attempt)
                        : result(op, versions[i], param, attempt);
                if (!modelled) {
                    MapIdentityScan.scan(op, request, param, out);
                } else if (attempt != out) {
                    out.with(attempt.build());
                }
                return;
            } catch (Rejection r) {
                refused = refused == null ? r : refused;
            } catch (Exception | StackOverflowError e) {
                // jSS7 reports bad ASN.1 with MAPParsingComponentException and, for some shapes it
                // does not expect, with runtime exceptions; both mean the same thing here.
                refused = refused == null ? MALFORMED : refused;
            }
        }
        MapParameter.Builder scanned = new MapParameter.Builder();
        MapIdentityScan.scan(op, request, param, scanned);
        out.fillIn(scanned.build()); // what the full decoder read before the damage is preferred
        throw refused;
    }

    /**
     * The MAP versions to decode a parameter as, most likely first: the dialogue's own, then the
     * others. Unknown starts with v3, the version most networks speak today.
     */
    static int[] versionsToTry(int version) {
        return switch (version) {
            case 0, 3 -> V3_FIRST;
            case 1 -> V1_FIRST;
            case 2 -> V2_FIRST;
            default -> new int[] {version, 2, 1};
        };
    }

    // Shared, never written: the orders are asked for on every parameter decoded.
    private static final int[] V3_FIRST = {3, 2, 1};
    private static final int[] V1_FIRST = {1, 2, 3};
    private static final int[] V2_FIRST = {2, 3, 1};

    private static <T extends MAPAsnPrimitive> T decodeInto(T impl, byte[] param) throws Exception {
        AsnInputStream ais = new AsnInputStream(param);
        ais.readTag();
        impl.decodeAll(ais);
        return impl;
    }

    /** Decodes an argument fully; false when the operation is not modelled here. */
    private static boolean request(MapOperation op, int v, byte[] p, MapParameter.Builder out) throws Exception {
        switch (op) {
            case UPDATE_LOCATION -> {
                UpdateLocationRequestImpl r = decodeInto(new UpdateLocationRequestImpl(v), p);
                imsi(r.getImsi(), out);
                out.mscNumber(digits(r.getMscNumber()));
                out.vlrNumber(digits(r.getVlrNumber()));
                addInfo(r.getADDInfo(), out);
            }
            case UPDATE_GPRS_LOCATION -> {
                UpdateGprsLocationRequestImpl r = decodeInto(new UpdateGprsLocationRequestImpl(), p);
                imsi(r.getImsi(), out);
                out.sgsnNumber(digits(r.getSgsnNumber()));
                addInfo(r.getADDInfo(), out);
            }
            case INSERT_SUBSCRIBER_DATA -> {
                InsertSubscriberDataRequestImpl r = decodeInto(new InsertSubscriberDataRequestImpl(v), p);
                imsi(r.getImsi(), out);
                msisdn(digits(r.getMsisdn()), out);
            }
            case CANCEL_LOCATION -> {
                CancelLocationRequestImpl r = decodeInto(new CancelLocationRequestImpl(v), p);
                imsi(r.getImsi() != null ? r.getImsi()
                        : r.getImsiWithLmsi() != null ? r.getImsiWithLmsi().getImsi() : null, out);
            }
            case PURGE_MS -> {
                PurgeMSRequestImpl r = decodeInto(new PurgeMSRequestImpl(v), p);
                imsi(r.getImsi(), out);
                out.vlrNumber(digits(r.getVlrNumber()));
                out.sgsnNumber(digits(r.getSgsnNumber()));
            }
            case SEND_AUTHENTICATION_INFO -> {
                SendAuthenticationInfoRequestImpl r = decodeInto(new SendAuthenticationInfoRequestImpl(v), p);
                imsi(r.getImsi(), out);
            }
            case SEND_ROUTING_INFO_FOR_SM -> {
                SendRoutingInfoForSMRequestImpl r = decodeInto(new SendRoutingInfoForSMRequestImpl(), p);
                msisdn(digits(r.getMsisdn()), out);
                out.smscAddress(digits(r.getServiceCentreAddress()));
            }
            case SEND_ROUTING_INFO -> {
                SendRoutingInformationRequestImpl r = decodeInto(new SendRoutingInformationRequestImpl(v), p);
                msisdn(digits(r.getMsisdn()), out);
            }
            case SEND_IMSI -> {
                SendImsiRequestImpl r = decodeInto(new SendImsiRequestImpl(), p);
                msisdn(digits(r.getMsisdn()), out);
            }
            case MT_FORWARD_SM -> {
                MtForwardShortMessageRequestImpl r = decodeInto(new MtForwardShortMessageRequestImpl(), p);
                shortMessage(r.getSM_RP_DA(), r.getSM_RP_OA(), r.getSM_RP_UI(), false, out);
            }
            case MO_FORWARD_SM -> {
                // forwardSM of MAP v1/v2 carries both directions: an SC address as destination
                // means the subscriber sent it (MO). mo-forwardSM (v3) always has one, so the
                // direction never rests on a guessed version.
                if (v >= 3) {
                    MoForwardShortMessageRequestImpl r = decodeInto(new MoForwardShortMessageRequestImpl(), p);
                    imsi(r.getIMSI(), out);
                    shortMessage(r.getSM_RP_DA(), r.getSM_RP_OA(), r.getSM_RP_UI(), toServiceCentre(r.getSM_RP_DA()), out);
                } else {
                    ForwardShortMessageRequestImpl r = decodeInto(new ForwardShortMessageRequestImpl(), p);
                    shortMessage(r.getSM_RP_DA(), r.getSM_RP_OA(), r.getSM_RP_UI(), toServiceCentre(r.getSM_RP_DA()), out);
                }
            }
            case CHECK_IMEI -> {
                CheckImeiRequestImpl r = decodeInto(new CheckImeiRequestImpl(v), p);
                imei(r.getIMEI(), out);
                imsi(r.getIMSI(), out);
            }
            case ANY_TIME_INTERROGATION -> {
                AnyTimeInterrogationRequestImpl r = decodeInto(new AnyTimeInterrogationRequestImpl(), p);
                if (r.getSubscriberIdentity() != null) {
                    imsi(r.getSubscriberIdentity().getIMSI(), out);
                    msisdn(digits(r.getSubscriberIdentity().getMSISDN()), out);
                }
            }
            case PROVIDE_SUBSCRIBER_INFO -> {
                ProvideSubscriberInfoRequestImpl r = decodeInto(new ProvideSubscriberInfoRequestImpl(), p);
                imsi(r.getImsi(), out);
            }
            case REGISTER_SS -> {
                RegisterSSRequestImpl r = decodeInto(new RegisterSSRequestImpl(), p);
                if (r.getSsCode() != null) {
                    out.ssCode(r.getSsCode().getData() & 0xFF);
                }
                out.forwardedToNumber(digits(r.getForwardedToNumber()));
            }
            case ACTIVATE_SS -> ssForBs(decodeInto(new ActivateSSRequestImpl(), p).getSsForBSCode(), out);
            case ERASE_SS -> ssForBs(decodeInto(new EraseSSRequestImpl(), p).getSsForBSCode(), out);
            case DEACTIVATE_SS -> ssForBs(decodeInto(new DeactivateSSRequestImpl(), p).getSsForBSCode(), out);
            case PROCESS_UNSTRUCTURED_SS_REQUEST -> {
                ProcessUnstructuredSSRequestImpl r = decodeInto(new ProcessUnstructuredSSRequestImpl(), p);
                msisdn(digits(r.getMSISDNAddressString()), out);
                if (r.getUSSDString() != null) {
                    String s = r.getUSSDString().getString(null);
                    if (s != null) {
                        out.ussdString(s.length() > MapParameter.MAX_USSD_LENGTH ? s.substring(0, MapParameter.MAX_USSD_LENGTH) : s);
                    }
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Decodes a result fully; false when the operation is not modelled here. */
    private static boolean result(MapOperation op, int v, byte[] p, MapParameter.Builder out) throws Exception {
        switch (op) {
            case UPDATE_LOCATION -> out.hlrNumber(digits(decodeInto(new UpdateLocationResponseImpl(v), p).getHlrNumber()));
            case UPDATE_GPRS_LOCATION ->
                out.hlrNumber(digits(decodeInto(new UpdateGprsLocationResponseImpl(), p).getHlrNumber()));
            case SEND_ROUTING_INFO_FOR_SM -> {
                SendRoutingInfoForSMResponseImpl r = decodeInto(new SendRoutingInfoForSMResponseImpl(), p);
                imsi(r.getIMSI(), out);
                if (r.getLocationInfoWithLMSI() != null) {
                    String node = digits(r.getLocationInfoWithLMSI().getNetworkNodeNumber());
                    if (r.getLocationInfoWithLMSI().getGprsNodeIndicator()) {
                        out.sgsnNumber(node);
                    } else {
                        out.mscNumber(node);
                    }
                }
            }
            case SEND_ROUTING_INFO -> {
                SendRoutingInformationResponseImpl r = decodeInto(new SendRoutingInformationResponseImpl(v), p);
                imsi(r.getIMSI(), out);
                out.mscNumber(digits(r.getVmscAddress()));
                RoutingInfo routing = r.getExtendedRoutingInfo() != null ? r.getExtendedRoutingInfo().getRoutingInfo()
                        : r.getRoutingInfo2();
                if (routing != null && routing.getRoamingNumber() != null) {
                    out.roamingNumber(digits(routing.getRoamingNumber()));
                }
                if (routing != null && routing.getForwardingData() != null) {
                    out.forwardedToNumber(digits(routing.getForwardingData().getForwardedToNumber()));
                }
                if (r.getSubscriberInfo() != null) {
                    subscriberInfo(r.getSubscriberInfo(), out);
                }
            }
            case SEND_IMSI -> {
                // SendIMSI's result is the IMSI itself (an OCTET STRING), not a sequence.
                imsi(decodeInto(new IMSIImpl(), p), out);
            }
            case CHECK_IMEI -> {
                CheckImeiResponseImpl r = decodeInto(new CheckImeiResponseImpl(v), p);
                if (r.getEquipmentStatus() != null) {
                    out.equipmentStatus(r.getEquipmentStatus().getCode());
                }
            }
            case ANY_TIME_INTERROGATION ->
                subscriberInfo(decodeInto(new AnyTimeInterrogationResponseImpl(), p).getSubscriberInfo(), out);
            case PROVIDE_SUBSCRIBER_INFO ->
                subscriberInfo(decodeInto(new ProvideSubscriberInfoResponseImpl(), p).getSubscriberInfo(), out);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean toServiceCentre(SM_RP_DA da) {
        return da != null && da.getServiceCentreAddressDA() != null;
    }

    private static void subscriberInfo(SubscriberInfo info, MapParameter.Builder out) {
        if (info == null) {
            return;
        }
        LocationInformation location = info.getLocationInformation();
        if (location != null) {
            out.vlrNumber(digits(location.getVlrNumber()));
            out.mscNumber(digits(location.getMscNumber()));
        }
        imei(info.getIMEI(), out);
    }

    private static void addInfo(ADDInfo add, MapParameter.Builder out) {
        if (add != null) {
            imei(add.getImeisv(), out);
        }
    }

    private static void ssForBs(SSForBSCode code, MapParameter.Builder out) {
        if (code != null && code.getSsCode() != null) {
            out.ssCode(code.getSsCode().getData() & 0xFF);
        }
    }

    /**
     * An SMS TPDU (TS 23.040) carried outside MAP, e.g. Diameter SGd's SM-RP-UI, read as MAP's
     * SM-RP-UI is.
     *
     * @param mobileOriginated an SMS-SUBMIT (MO) rather than an SMS-DELIVER (MT)
     * @param subscriber the sender of an MO message, if known
     * @return the message, or null when the octets are not a TPDU
     */
    public static ShortMessage tpdu(byte[] tpdu, boolean mobileOriginated, String subscriber) {
        MapParameter.Builder out = new MapParameter.Builder();
        SM_RP_OA oa = null;
        try {
            shortMessage(null, oa, new org.restcomm.protocols.ss7.map.service.sms.SmsSignalInfoImpl(tpdu, null),
                    mobileOriginated, out);
        } catch (Rejection malformed) {
            return null;
        }
        ShortMessage sm = out.build().sms();
        if (sm != null && mobileOriginated && subscriber != null && sm.originator() == null) {
            sm = new ShortMessage(sm.type(), SmsAddress.international(subscriber), sm.destination(), sm.dataCoding(),
                    sm.text(), sm.concatReference(), sm.concatPart(), sm.concatTotal());
        }
        return sm;
    }

    private static void shortMessage(SM_RP_DA da, SM_RP_OA oa, SmsSignalInfo ui, boolean mobileOriginated,
            MapParameter.Builder out) {
        if (da != null) {
            imsi(da.getIMSI(), out);
            if (da.getServiceCentreAddressDA() != null) {
                out.smscAddress(digits(da.getServiceCentreAddressDA()));
            }
        }
        SmsAddress subscriber = null;
        if (oa != null) {
            if (oa.getServiceCentreAddressOA() != null) {
                out.smscAddress(digits(oa.getServiceCentreAddressOA()));
            }
            if (oa.getMsisdn() != null) {
                String msisdn = digits(oa.getMsisdn());
                msisdn(msisdn, out);
                if (msisdn != null) {
                    subscriber = SmsAddress.international(msisdn);
                }
            }
        }
        if (ui == null) {
            return;
        }
        SmsTpdu tpdu;
        try {
            tpdu = ui.decodeTpdu(mobileOriginated);
        } catch (Exception | Error e) {
            throw BAD_TPDU;
        }
        if (tpdu instanceof SmsDeliverTpdu d) {
            ShortMessageParts parts = userData(d.getUserData(), d.getUserDataHeaderIndicator());
            out.sms(new ShortMessage(ShortMessage.Type.DELIVER, smsAddress(d.getOriginatingAddress()), null,
                    d.getDataCodingScheme() == null ? 0 : d.getDataCodingScheme().getCode() & 0xFF, parts.text,
                    parts.reference, parts.part, parts.total));
        } else if (tpdu instanceof SmsSubmitTpdu s) {
            ShortMessageParts parts = userData(s.getUserData(), s.getUserDataHeaderIndicator());
            out.sms(new ShortMessage(ShortMessage.Type.SUBMIT, subscriber, smsAddress(s.getDestinationAddress()),
                    s.getDataCodingScheme() == null ? 0 : s.getDataCodingScheme().getCode() & 0xFF, parts.text,
                    parts.reference, parts.part, parts.total));
        } else if (tpdu instanceof SmsStatusReportTpdu) {
            out.sms(ShortMessage.single(ShortMessage.Type.STATUS_REPORT, null, null, 0, null));
        } else if (tpdu != null) {
            out.sms(ShortMessage.single(ShortMessage.Type.OTHER, null, null, 0, null));
        }
    }

    private record ShortMessageParts(String text, int reference, int part, int total) {
    }

    private static ShortMessageParts userData(UserData ud, boolean hasHeader) {
        if (ud == null) {
            return new ShortMessageParts(null, -1, 0, 0);
        }
        try {
            ud.decode();
        } catch (Exception | Error e) {
            throw BAD_TPDU;
        }
        String text = ud.getDecodedMessage();
        if (text != null && text.length() > ShortMessage.MAX_TEXT_LENGTH) {
            text = text.substring(0, ShortMessage.MAX_TEXT_LENGTH);
        }
        if (ud.getDataCodingScheme() != null && ud.getDataCodingScheme().getCharacterSet() != null
                && ud.getDataCodingScheme().getCharacterSet().name().equals("GSM8")) {
            text = null; // 8-bit data is binary, not text
        }
        UserDataHeader header = hasHeader ? ud.getDecodedUserDataHeader() : null;
        ConcatenatedShortMessagesIdentifier concat = header == null ? null : header.getConcatenatedShortMessagesIdentifier();
        if (concat != null) {
            int reference = concat.getReference() & 0xFFFF;
            if (concat.getReferenceIs16bit()) {
                // TS 23.040 9.2.3.24.8 puts the 16-bit reference most significant octet first (as
                // Wireshark and handsets read it); jSS7 8.0 reads it the other way round.
                reference = Integer.reverseBytes(reference) >>> 16;
            }
            return new ShortMessageParts(text, reference, concat.getMesageSegmentNumber() & 0xFF,
                    concat.getMesageSegmentCount() & 0xFF);
        }
        return new ShortMessageParts(text, -1, 0, 0);
    }

    private static SmsAddress smsAddress(AddressField a) {
        if (a == null || a.getAddressValue() == null || a.getTypeOfNumber() == null) {
            return null;
        }
        String value = a.getAddressValue();
        if (value.length() > SmsAddress.MAX_LENGTH) {
            value = value.substring(0, SmsAddress.MAX_LENGTH);
        }
        int npi = a.getNumberingPlanIdentification() == null ? 0 : a.getNumberingPlanIdentification().getCode();
        return new SmsAddress(a.getTypeOfNumber().getCode() & 7, npi & 15, value);
    }

    private static void imsi(IMSI imsi, MapParameter.Builder out) {
        if (imsi != null && Imsi.isValid(imsi.getData())) {
            out.imsi(new Imsi(imsi.getData()));
        }
    }

    private static void msisdn(String digits, MapParameter.Builder out) {
        if (digits != null && Msisdn.isValid(digits)) {
            out.msisdn(new Msisdn(digits));
        }
    }

    private static void imei(IMEI imei, MapParameter.Builder out) {
        if (imei != null && Imei.isValid(imei.getIMEI())) {
            out.imei(new Imei(imei.getIMEI()));
        }
    }

    /** Digits of an AddressString, lower-cased hex digits for the TBCD specials; null when empty or odd. */
    static String digits(AddressString a) {
        if (a == null || a.getAddress() == null) {
            return null;
        }
        String d = a.getAddress().toLowerCase(java.util.Locale.ROOT);
        if (d.isEmpty() || d.length() > MapParameter.MAX_NUMBER_DIGITS) {
            return null;
        }
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return null;
            }
        }
        return d;
    }
}
