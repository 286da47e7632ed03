package io.swapguard.ss7.map;

import org.mobicents.protocols.asn.AsnOutputStream;
import org.restcomm.protocols.ss7.map.api.primitives.AddressNature;
import org.restcomm.protocols.ss7.map.api.primitives.NumberingPlan;
import org.restcomm.protocols.ss7.map.api.service.mobility.imei.EquipmentStatus;
import org.restcomm.protocols.ss7.map.api.smstpdu.NumberingPlanIdentification;
import org.restcomm.protocols.ss7.map.api.smstpdu.TypeOfNumber;
import org.restcomm.protocols.ss7.map.datacoding.CBSDataCodingSchemeImpl;
import org.restcomm.protocols.ss7.map.primitives.AddressStringImpl;
import org.restcomm.protocols.ss7.map.primitives.IMEIImpl;
import org.restcomm.protocols.ss7.map.primitives.IMSIImpl;
import org.restcomm.protocols.ss7.map.primitives.ISDNAddressStringImpl;
import org.restcomm.protocols.ss7.map.primitives.MAPAsnPrimitive;
import org.restcomm.protocols.ss7.map.primitives.SubscriberIdentityImpl;
import org.restcomm.protocols.ss7.map.primitives.USSDStringImpl;
import org.restcomm.protocols.ss7.map.service.callhandling.ExtendedRoutingInfoImpl;
import org.restcomm.protocols.ss7.map.service.callhandling.ForwardingDataImpl;
import org.restcomm.protocols.ss7.map.service.callhandling.RoutingInfoImpl;
import org.restcomm.protocols.ss7.map.service.callhandling.SendRoutingInformationRequestImpl;
import org.restcomm.protocols.ss7.map.service.callhandling.SendRoutingInformationResponseImpl;
import org.restcomm.protocols.ss7.map.service.mobility.authentication.SendAuthenticationInfoRequestImpl;
import org.restcomm.protocols.ss7.map.service.mobility.imei.CheckImeiRequestImpl;
import org.restcomm.protocols.ss7.map.service.mobility.imei.CheckImeiResponseImpl;
import org.restcomm.protocols.ss7.map.service.mobility.locationManagement.ADDInfoImpl;
import org.restcomm.protocols.ss7.map.service.mobility.locationManagement.CancelLocationRequestImpl;
import org.restcomm.protocols.ss7.map.service.mobility.locationManagement.PurgeMSRequestImpl;
import org.restcomm.protocols.ss7.map.service.mobility.locationManagement.UpdateGprsLocationRequestImpl;
import org.restcomm.protocols.ss7.map.service.mobility.locationManagement.UpdateGprsLocationResponseImpl;
import org.restcomm.protocols.ss7.map.service.mobility.locationManagement.UpdateLocationRequestImpl;
import org.restcomm.protocols.ss7.map.service.mobility.locationManagement.UpdateLocationResponseImpl;
import org.restcomm.protocols.ss7.map.service.mobility.subscriberInformation.AnyTimeInterrogationRequestImpl;
import org.restcomm.protocols.ss7.map.service.mobility.subscriberInformation.AnyTimeInterrogationResponseImpl;
import org.restcomm.protocols.ss7.map.service.mobility.subscriberInformation.LocationInformationImpl;
import org.restcomm.protocols.ss7.map.service.mobility.subscriberInformation.ProvideSubscriberInfoRequestImpl;
import org.restcomm.protocols.ss7.map.service.mobility.subscriberInformation.ProvideSubscriberInfoResponseImpl;
import org.restcomm.protocols.ss7.map.service.mobility.subscriberInformation.RequestedInfoImpl;
import org.restcomm.protocols.ss7.map.service.mobility.subscriberInformation.SubscriberInfoImpl;
import org.restcomm.protocols.ss7.map.service.mobility.subscriberManagement.InsertSubscriberDataRequestImpl;
import org.restcomm.protocols.ss7.map.service.oam.SendImsiRequestImpl;
import org.restcomm.protocols.ss7.map.service.sms.ForwardShortMessageRequestImpl;
import org.restcomm.protocols.ss7.map.service.sms.LocationInfoWithLMSIImpl;
import org.restcomm.protocols.ss7.map.service.sms.MoForwardShortMessageRequestImpl;
import org.restcomm.protocols.ss7.map.service.sms.MtForwardShortMessageRequestImpl;
import org.restcomm.protocols.ss7.map.service.sms.SM_RP_DAImpl;
import org.restcomm.protocols.ss7.map.service.sms.SM_RP_OAImpl;
import org.restcomm.protocols.ss7.map.service.sms.SendRoutingInfoForSMRequestImpl;
import org.restcomm.protocols.ss7.map.service.sms.SendRoutingInfoForSMResponseImpl;
import org.restcomm.protocols.ss7.map.service.sms.SmsSignalInfoImpl;
import org.restcomm.protocols.ss7.map.service.supplementary.ActivateSSRequestImpl;
import org.restcomm.protocols.ss7.map.service.supplementary.DeactivateSSRequestImpl;
import org.restcomm.protocols.ss7.map.service.supplementary.EraseSSRequestImpl;
import org.restcomm.protocols.ss7.map.service.supplementary.ProcessUnstructuredSSRequestImpl;
import org.restcomm.protocols.ss7.map.service.supplementary.RegisterSSRequestImpl;
import org.restcomm.protocols.ss7.map.service.supplementary.SSCodeImpl;
import org.restcomm.protocols.ss7.map.service.supplementary.SSForBSCodeImpl;
import org.restcomm.protocols.ss7.map.smstpdu.AbsoluteTimeStampImpl;
import org.restcomm.protocols.ss7.map.smstpdu.AddressFieldImpl;
import org.restcomm.protocols.ss7.map.smstpdu.ConcatenatedShortMessagesIdentifierImpl;
import org.restcomm.protocols.ss7.map.smstpdu.DataCodingSchemeImpl;
import org.restcomm.protocols.ss7.map.smstpdu.ProtocolIdentifierImpl;
import org.restcomm.protocols.ss7.map.smstpdu.SmsDeliverTpduImpl;
import org.restcomm.protocols.ss7.map.smstpdu.SmsSubmitTpduImpl;
import org.restcomm.protocols.ss7.map.smstpdu.UserDataHeaderImpl;
import org.restcomm.protocols.ss7.map.smstpdu.UserDataImpl;

/**
 * Encodes MAP operation arguments and results with jSS7: the encoding side of {@link MapDecoder},
 * for the traffic simulator and the tests. Every method returns the complete parameter element.
 */
public final class MapEncoder {

    private MapEncoder() {
    }

    /** Text and sender of an SMS to encode as a TPDU. */
    public record Sms(String sender, boolean alphanumericSender, String text, boolean ucs2, int concatReference,
            int concatPart, int concatTotal) {

        public static Sms of(String sender, boolean alphanumeric, String text) {
            return new Sms(sender, alphanumeric, text, needsUcs2(text), -1, 0, 0);
        }

        static boolean needsUcs2(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c > 0x7E || (c < 0x20 && c != '\n' && c != '\r')) {
                    return true;
                }
            }
            return false;
        }
    }

    private static byte[] encode(MAPAsnPrimitive p) {
        try {
            AsnOutputStream out = new AsnOutputStream();
            p.encodeAll(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot encode " + p.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    static ISDNAddressStringImpl isdn(String digits) {
        return digits == null ? null
                : new ISDNAddressStringImpl(AddressNature.international_number, NumberingPlan.ISDN, digits);
    }

    static AddressStringImpl address(String digits) {
        return digits == null ? null : new AddressStringImpl(AddressNature.international_number, NumberingPlan.ISDN, digits);
    }

    public static byte[] updateLocation(int version, String imsi, String msc, String vlr, String imeisv) {
        return encode(new UpdateLocationRequestImpl(version, new IMSIImpl(imsi), isdn(msc), null, isdn(vlr), null, null,
                null, false, false, null, imeisv == null ? null : new ADDInfoImpl(new IMEIImpl(imeisv), false), null,
                false, false));
    }

    public static byte[] updateLocationResult(int version, String hlr) {
        return encode(new UpdateLocationResponseImpl(version, isdn(hlr), null, false, false));
    }

    public static byte[] updateGprsLocation(String imsi, String sgsn, String imeisv) {
        try {
            return encode(new UpdateGprsLocationRequestImpl(new IMSIImpl(imsi), isdn(sgsn),
                    new org.restcomm.protocols.ss7.map.primitives.GSNAddressImpl(
                            org.restcomm.protocols.ss7.map.api.primitives.GSNAddressAddressType.IPv4, new byte[] {10, 0, 0, 1}),
                    null, null, false, false, null, imeisv == null ? null : new ADDInfoImpl(new IMEIImpl(imeisv), false),
                    null, false, false, null, false, false, false, false, false, null, 3));
        } catch (org.restcomm.protocols.ss7.map.api.MAPException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static byte[] updateGprsLocationResult(String hlr) {
        return encode(new UpdateGprsLocationResponseImpl(isdn(hlr), null, false, false));
    }

    public static byte[] insertSubscriberData(int version, String imsi, String msisdn) {
        return encode(new InsertSubscriberDataRequestImpl(version, imsi == null ? null : new IMSIImpl(imsi),
                isdn(msisdn), null, null, null, null, null, null, false, null, null, null, null));
    }

    public static byte[] cancelLocation(int version, String imsi) {
        return encode(new CancelLocationRequestImpl(new IMSIImpl(imsi), null, null, null, null, false, false, null, null,
                null, version));
    }

    public static byte[] purgeMs(int version, String imsi, String vlr) {
        return encode(new PurgeMSRequestImpl(new IMSIImpl(imsi), isdn(vlr), null, null, version));
    }

    public static byte[] sendAuthenticationInfo(int version, String imsi) {
        return encode(new SendAuthenticationInfoRequestImpl(version, new IMSIImpl(imsi), 3, false, false, null, null,
                null, null, null, false));
    }

    public static byte[] sendRoutingInfoForSm(String msisdn, String smsc) {
        return encode(new SendRoutingInfoForSMRequestImpl(isdn(msisdn), true, address(smsc), null, false, null, null,
                null, false, null, false, false, null, null));
    }

    public static byte[] sendRoutingInfoForSmResult(String imsi, String mscOrSgsn, boolean gprsNode) {
        return encode(new SendRoutingInfoForSMResponseImpl(new IMSIImpl(imsi),
                new LocationInfoWithLMSIImpl(isdn(mscOrSgsn), null, null, gprsNode, null), null, null, null));
    }

    public static byte[] sendRoutingInfo(int version, String msisdn, String gmsc) {
        return encode(new SendRoutingInformationRequestImpl(version, isdn(msisdn), null, null,
                org.restcomm.protocols.ss7.map.api.service.callhandling.InterrogationType.basicCall, false, null,
                isdn(gmsc), null, null, null, null, null, false, null, null, false, null, null, null, false, null,
                false, false, false, false, null, null, null, false, null));
    }

    /** SRI result routing to a roaming number, or (when {@code forwardedTo} is set) to a forwarding target. */
    public static byte[] sendRoutingInfoResult(int version, String imsi, String roamingNumber, String forwardedTo) {
        RoutingInfoImpl routing = forwardedTo != null
                ? new RoutingInfoImpl(new ForwardingDataImpl(isdn(forwardedTo), null, null, null, null))
                : new RoutingInfoImpl(isdn(roamingNumber));
        if (version >= 3) {
            return encode(new SendRoutingInformationResponseImpl(version, new IMSIImpl(imsi),
                    new ExtendedRoutingInfoImpl(routing), null, null));
        }
        // MAP v1/v2: SEQUENCE { imsi, routingInfo } ("routingInfo2" in jSS7)
        return encode(new SendRoutingInformationResponseImpl(version, new IMSIImpl(imsi), null, null, false, null, null,
                null, false, null, null, null, null, null, null, null, null, null, routing, null, null, null, null,
                false, null));
    }

    public static byte[] sendImsi(String msisdn) {
        return encode(new SendImsiRequestImpl(isdn(msisdn)));
    }

    public static byte[] sendImsiResult(String imsi) {
        return encode(new IMSIImpl(imsi));
    }

    /** MT-ForwardSM (MAP v3) from a service centre to the SIM, with an SMS-DELIVER. */
    public static byte[] mtForwardSm(String imsi, String smsc, Sms sms) {
        return encode(new MtForwardShortMessageRequestImpl(new SM_RP_DAImpl(new IMSIImpl(imsi)), oaSmsc(smsc),
                deliver(sms), false, null));
    }

    /** forwardSM (MAP v1/v2) in the MT direction. */
    public static byte[] forwardSmMt(String imsi, String smsc, Sms sms) {
        return encode(new ForwardShortMessageRequestImpl(new SM_RP_DAImpl(new IMSIImpl(imsi)), oaSmsc(smsc),
                deliver(sms), false));
    }

    /** MO-ForwardSM (MAP v3) from the subscriber's MSC to the service centre, with an SMS-SUBMIT. */
    public static byte[] moForwardSm(String msisdn, String smsc, String destination, String text) {
        return encode(new MoForwardShortMessageRequestImpl(new SM_RP_DAImpl(address(smsc)), oaMsisdn(msisdn),
                submit(destination, text), null, null));
    }

    /** forwardSM (MAP v1/v2) in the MO direction. */
    public static byte[] forwardSmMo(String msisdn, String smsc, String destination, String text) {
        return encode(new ForwardShortMessageRequestImpl(new SM_RP_DAImpl(address(smsc)), oaMsisdn(msisdn),
                submit(destination, text), false));
    }

    public static byte[] checkImei(int version, String imei) {
        return encode(new CheckImeiRequestImpl(version, new IMEIImpl(imei), version >= 3
                ? new org.restcomm.protocols.ss7.map.service.mobility.imei.RequestedEquipmentInfoImpl(true, false)
                : null, null));
    }

    /** 0 white, 1 black, 2 grey. */
    public static byte[] checkImeiResult(int version, int equipmentStatus) {
        return encode(new CheckImeiResponseImpl(version, EquipmentStatus.getInstance(equipmentStatus), null, null));
    }

    /** ATI by IMSI ({@code byImsi}) or by MSISDN. */
    public static byte[] anyTimeInterrogation(String identity, boolean byImsi, String gsmScf) {
        SubscriberIdentityImpl id = byImsi ? new SubscriberIdentityImpl(new IMSIImpl(identity))
                : new SubscriberIdentityImpl(isdn(identity));
        return encode(new AnyTimeInterrogationRequestImpl(id,
                new RequestedInfoImpl(true, true, null, false, null, false, true, false), isdn(gsmScf), null));
    }

    public static byte[] anyTimeInterrogationResult(String vlr, String msc, String imei) {
        return encode(new AnyTimeInterrogationResponseImpl(subscriberInfo(vlr, msc, imei), null));
    }

    public static byte[] provideSubscriberInfo(String imsi) {
        return encode(new ProvideSubscriberInfoRequestImpl(new IMSIImpl(imsi), null,
                new RequestedInfoImpl(true, true, null, false, null, false, true, false), null, null));
    }

    public static byte[] provideSubscriberInfoResult(String vlr, String msc, String imei) {
        return encode(new ProvideSubscriberInfoResponseImpl(subscriberInfo(vlr, msc, imei), null));
    }

    private static SubscriberInfoImpl subscriberInfo(String vlr, String msc, String imei) {
        LocationInformationImpl location = new LocationInformationImpl(5, null, isdn(vlr), null, null, null, null,
                isdn(msc), null, false, false, null, null);
        return new SubscriberInfoImpl(location, null, null, null, null, imei == null ? null : new IMEIImpl(imei), null,
                null, null);
    }

    /** registerSS, e.g. ssCode 0x21 (CFU) with a forwarded-to number. */
    public static byte[] registerSs(int ssCode, String forwardedTo) {
        return encode(new RegisterSSRequestImpl(new SSCodeImpl(ssCode), null, address(forwardedTo), null, null, null,
                null, null));
    }

    public static byte[] activateSs(int ssCode) {
        return encode(new ActivateSSRequestImpl(new SSForBSCodeImpl(new SSCodeImpl(ssCode), null, false)));
    }

    public static byte[] eraseSs(int ssCode) {
        return encode(new EraseSSRequestImpl(new SSForBSCodeImpl(new SSCodeImpl(ssCode), null, false)));
    }

    public static byte[] deactivateSs(int ssCode) {
        return encode(new DeactivateSSRequestImpl(new SSForBSCodeImpl(new SSCodeImpl(ssCode), null, false)));
    }

    public static byte[] processUnstructuredSs(String ussd, String msisdn) {
        try {
            CBSDataCodingSchemeImpl dcs = new CBSDataCodingSchemeImpl(0x0F);
            return encode(new ProcessUnstructuredSSRequestImpl(dcs, new USSDStringImpl(ussd, dcs, null), null,
                    isdn(msisdn)));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static SM_RP_OAImpl oaSmsc(String smsc) {
        SM_RP_OAImpl oa = new SM_RP_OAImpl();
        oa.setServiceCentreAddressOA(address(smsc));
        return oa;
    }

    private static SM_RP_OAImpl oaMsisdn(String msisdn) {
        SM_RP_OAImpl oa = new SM_RP_OAImpl();
        oa.setMsisdn(isdn(msisdn));
        return oa;
    }

    /** An SMS-DELIVER TPDU (TS 23.040) on its own, as SGd's SM-RP-UI carries it. */
    public static byte[] smsDeliverTpdu(Sms sms) {
        return deliver(sms).getData();
    }

    private static SmsSignalInfoImpl deliver(Sms sms) {
        try {
            AddressFieldImpl oa = sms.alphanumericSender()
                    ? new AddressFieldImpl(TypeOfNumber.Alphanumeric, NumberingPlanIdentification.Unknown, sms.sender())
                    : new AddressFieldImpl(TypeOfNumber.InternationalNumber,
                            NumberingPlanIdentification.ISDNTelephoneNumberingPlan, sms.sender());
            UserDataHeaderImpl udh = null;
            if (sms.concatReference() >= 0) {
                udh = new UserDataHeaderImpl();
                udh.addInformationElement(new ConcatenatedShortMessagesIdentifierImpl(false, sms.concatReference(),
                        sms.concatTotal(), sms.concatPart()));
            }
            UserDataImpl ud = new UserDataImpl(sms.text(), new DataCodingSchemeImpl(sms.ucs2() ? 8 : 0), udh, null);
            SmsDeliverTpduImpl tpdu = new SmsDeliverTpduImpl(false, false, false, true, oa, new ProtocolIdentifierImpl(0),
                    new AbsoluteTimeStampImpl(26, 11, 29, 8, 0, 0, 28), ud);
            return new SmsSignalInfoImpl(tpdu, null);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot encode SMS-DELIVER: " + e.getMessage(), e);
        }
    }

    private static SmsSignalInfoImpl submit(String destination, String text) {
        try {
            AddressFieldImpl da = new AddressFieldImpl(TypeOfNumber.InternationalNumber,
                    NumberingPlanIdentification.ISDNTelephoneNumberingPlan, destination);
            UserDataImpl ud = new UserDataImpl(text, new DataCodingSchemeImpl(Sms.needsUcs2(text) ? 8 : 0), null, null);
            SmsSubmitTpduImpl tpdu = new SmsSubmitTpduImpl(false, false, false, 7, da, new ProtocolIdentifierImpl(0),
                    null, ud);
            return new SmsSignalInfoImpl(tpdu, null);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot encode SMS-SUBMIT: " + e.getMessage(), e);
        }
    }
}
