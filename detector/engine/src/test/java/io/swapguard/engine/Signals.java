package io.swapguard.engine;

import io.swapguard.event.ComponentType;
import io.swapguard.event.DiameterCommand;
import io.swapguard.event.DiameterEvent;
import io.swapguard.event.EventRecord;
import io.swapguard.event.GlobalTitle;
import io.swapguard.event.Imei;
import io.swapguard.event.Imsi;
import io.swapguard.event.MapEvent;
import io.swapguard.event.MapOperation;
import io.swapguard.event.Msisdn;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.event.SccpAddress;
import io.swapguard.event.ShortMessage;
import io.swapguard.event.SignalEvent;
import io.swapguard.event.SmppEvent;
import io.swapguard.event.SmsAddress;
import io.swapguard.event.TcapMessageType;

/**
 * Hand-made signalling for rule tests, in the shape the probe emits, on the default home network
 * (GTs 62811..., IMSIs 51010...). Each event gets the next journal index; times are minutes.
 */
public final class Signals {

    public static final long MINUTE = 60_000_000_000L;
    public static final long T0 = 1_790_000_000_000_000_000L;
    public static final String HLR = "6281100001";
    public static final String HOME_VLR = "6281100101";
    public static final String SMSC = "6281100900";

    private long index = 0x4e2000000000L;

    public EventRecord record(SignalEvent e) {
        return new EventRecord(++index, e);
    }

    public static long at(double minutes) {
        return T0 + (long) (minutes * MINUTE);
    }

    /**
     * A submit_sm from ESME {@code account} with an alphanumeric {@code sender}, to {@code to} as
     * the ESME wrote it (national {@code 0812...} or international), as the gate journals it.
     */
    public EventRecord submit(double minutes, String account, String sender, String to, String text,
            SmppEvent.Decision decision) {
        SmsAddress dest = to.startsWith("0") ? new SmsAddress(SmsAddress.TON_NATIONAL, 1, to)
                : SmsAddress.international(to);
        return record(new SmppEvent(at(minutes), "gate", SmppEvent.Command.SUBMIT_SM, account,
                ShortMessage.single(ShortMessage.Type.SUBMIT, SmsAddress.alphanumeric(sender), dest, 0, text),
                decision, "", "", -1, -1));
    }

    public static final String HOME_REALM = "epc.mnc010.mcc510.3gppnetwork.org";
    public static final String HOME_MME = "mme1." + HOME_REALM;
    public static final String HSS = "hss1." + HOME_REALM;

    /** A Diameter S6a/S13/S6c message as the probe emits it (answers joined to their request). */
    public DiameterEvent.Builder diameter(double minutes, DiameterCommand c, long app, boolean request, String imsi) {
        return DiameterEvent.builder().captureNanos(at(minutes)).tapId("s6a").applicationId(app).commandCode(c.code())
                .request(request).hopByHop(index & 0xFFFFFFFFL).endToEnd(1).imsi(imsi == null ? null : Imsi.of(imsi));
    }

    /** An S6a Update-Location-Request from MME {@code mme} in {@code realm}, visiting {@code plmn}. */
    public EventRecord ulr(double minutes, String imsi, String mme, String realm, String plmn, String imei) {
        return record(diameter(minutes, DiameterCommand.UPDATE_LOCATION, DiameterCommand.APP_S6A, true, imsi)
                .originHost(mme).originRealm(realm).destinationRealm(HOME_REALM).visitedPlmnId(plmn).ratType(1004)
                .imei(imei == null ? null : Imei.of(imei)).build());
    }

    /** Its successful answer from our HSS, with the MSISDN of the Subscription-Data. */
    public EventRecord ula(double minutes, String imsi, String msisdn, String mme, String realm, String plmn,
            String imei) {
        return record(diameter(minutes, DiameterCommand.UPDATE_LOCATION, DiameterCommand.APP_S6A, false, imsi)
                .resultCode(2001).originHost(HSS).originRealm(HOME_REALM).destinationHost(mme).destinationRealm(realm)
                .visitedPlmnId(plmn).msisdn(msisdn == null ? null : Msisdn.of(msisdn))
                .imei(imei == null ? null : Imei.of(imei)).build());
    }

    public EventRecord air(double minutes, String imsi, String mme, String realm, String plmn) {
        return record(diameter(minutes, DiameterCommand.AUTHENTICATION_INFORMATION, DiameterCommand.APP_S6A, true,
                imsi).originHost(mme).originRealm(realm).visitedPlmnId(plmn).build());
    }

    public static SccpAddress gt(String digits, int ssn) {
        return SccpAddress.gt(GlobalTitle.e164(digits), ssn);
    }

    private static MapEvent.Builder map(double minutes, MapOperation op, ComponentType c, String calling,
            String called) {
        return MapEvent.builder().captureNanos(at(minutes)).tapId("test").tcapType(TcapMessageType.BEGIN)
                .component(c).operation(op).invokeId(1).calling(gt(calling, SccpAddress.SSN_VLR))
                .called(gt(called, SccpAddress.SSN_HLR));
    }

    /** InsertSubscriberData from the HLR to {@code vlr}: MSISDN behind IMSI. */
    public EventRecord isd(double minutes, String msisdn, String imsi, String vlr) {
        return record(map(minutes, MapOperation.INSERT_SUBSCRIBER_DATA, ComponentType.INVOKE, HLR, vlr)
                .imsi(Imsi.of(imsi)).msisdn(Msisdn.of(msisdn)).build());
    }

    public EventRecord sai(double minutes, String imsi, String fromVlr) {
        return record(map(minutes, MapOperation.SEND_AUTHENTICATION_INFO, ComponentType.INVOKE, fromVlr, HLR)
                .imsi(Imsi.of(imsi)).build());
    }

    /** UpdateLocation invoke from {@code callingGt} claiming {@code vlr}, optionally with the IMEISV. */
    public EventRecord ul(double minutes, String imsi, String callingGt, String vlr, String imei) {
        MapEvent.Builder b = map(minutes, MapOperation.UPDATE_LOCATION, ComponentType.INVOKE, callingGt, HLR)
                .imsi(Imsi.of(imsi)).vlrNumber(vlr).mscNumber(vlr);
        if (imei != null) {
            b.imei(Imei.of(imei));
        }
        return record(b.build());
    }

    /** The HLR's UpdateLocation result, carrying the invoke's IMSI and IMEISV as the probe joins them. */
    public EventRecord ulResult(double minutes, String imsi, String vlr, String imei) {
        MapEvent.Builder b = map(minutes, MapOperation.UPDATE_LOCATION, ComponentType.RETURN_RESULT_LAST, HLR, vlr)
                .tcapType(TcapMessageType.END).imsi(Imsi.of(imsi)).vlrNumber(vlr).mscNumber(vlr);
        if (imei != null) {
            b.imei(Imei.of(imei));
        }
        return record(b.build());
    }

    public EventRecord registerSs(double minutes, String imsi, String callingGt, int ssCode, String to) {
        return record(map(minutes, MapOperation.REGISTER_SS, ComponentType.INVOKE, callingGt, HLR).imsi(Imsi.of(imsi))
                .ssCode(ssCode).forwardedToNumber(to).build());
    }

    public EventRecord activateSs(double minutes, String imsi, String callingGt, int ssCode) {
        return record(map(minutes, MapOperation.ACTIVATE_SS, ComponentType.INVOKE, callingGt, HLR).imsi(Imsi.of(imsi))
                .ssCode(ssCode).build());
    }

    public EventRecord deactivateSs(double minutes, String imsi, String callingGt, int ssCode) {
        return record(map(minutes, MapOperation.DEACTIVATE_SS, ComponentType.INVOKE, callingGt, HLR).imsi(Imsi.of(imsi))
                .ssCode(ssCode).build());
    }

    /**
     * The HLR's SendRoutingInfo result to a GMSC: a roaming number (the call goes to the
     * subscriber) or, with {@code roaming} null, forwarding to {@code forwardedTo}.
     */
    public EventRecord sriResult(double minutes, String msisdn, String imsi, String roaming, String forwardedTo) {
        MapEvent.Builder b = map(minutes, MapOperation.SEND_ROUTING_INFO, ComponentType.RETURN_RESULT_LAST, HLR,
                "6281100500").tcapType(TcapMessageType.END).msisdn(Msisdn.of(msisdn)).imsi(Imsi.of(imsi));
        if (roaming != null) {
            b.roamingNumber(roaming);
        }
        if (forwardedTo != null) {
            b.forwardedToNumber(forwardedTo);
        }
        return record(b.build());
    }

    public EventRecord eraseSs(double minutes, String imsi, String callingGt, int ssCode) {
        return record(map(minutes, MapOperation.ERASE_SS, ComponentType.INVOKE, callingGt, HLR).imsi(Imsi.of(imsi))
                .ssCode(ssCode).build());
    }

    public EventRecord invoke(double minutes, MapOperation op, String callingGt, String msisdn, String imsi) {
        MapEvent.Builder b = map(minutes, op, ComponentType.INVOKE, callingGt, HLR);
        if (msisdn != null) {
            b.msisdn(Msisdn.of(msisdn));
        }
        if (imsi != null) {
            b.imsi(Imsi.of(imsi));
        }
        return record(b.build());
    }

    /** MT-ForwardSM from {@code smsc} to the serving MSC {@code msc}. */
    public EventRecord mtSms(double minutes, String smsc, String msc, String msisdn, String imsi, String sender,
            String text) {
        SmsAddress from = sender.chars().allMatch(Character::isDigit) ? SmsAddress.international(sender)
                : SmsAddress.alphanumeric(sender);
        MapEvent.Builder b = MapEvent.builder().captureNanos(at(minutes)).tapId("test")
                .tcapType(TcapMessageType.BEGIN).component(ComponentType.INVOKE).operation(MapOperation.MT_FORWARD_SM)
                .invokeId(1).calling(gt(smsc, SccpAddress.SSN_MSC)).called(gt(msc, SccpAddress.SSN_MSC))
                .imsi(Imsi.of(imsi)).smscAddress(smsc)
                .sms(ShortMessage.single(ShortMessage.Type.DELIVER, from, null, 0, text));
        if (msisdn != null) {
            b.msisdn(Msisdn.of(msisdn));
        }
        return record(b.build());
    }

    /** An MT-ForwardSM sent by SCCP calling party {@code callingGt} whose SM-RP-OA claims {@code claimedSmsc}. */
    public EventRecord mtSmsClaiming(double minutes, String callingGt, String claimedSmsc, String msc, String msisdn,
            String imsi, String sender, String text) {
        MapEvent e = (MapEvent) mtSms(minutes, callingGt, msc, msisdn, imsi, sender, text).event();
        return record(e.toBuilder().smscAddress(claimedSmsc).build());
    }

    /** An SRI-SM invoke from {@code callingGt} giving {@code serviceCentre} as its own address. */
    public EventRecord sriSm(double minutes, String callingGt, String serviceCentre, String msisdn) {
        return record(map(minutes, MapOperation.SEND_ROUTING_INFO_FOR_SM, ComponentType.INVOKE, callingGt, HLR)
                .msisdn(Msisdn.of(msisdn)).smscAddress(serviceCentre).build());
    }

    public EventRecord provisioning(double minutes, ProvisioningEvent.Kind kind, String msisdn, String imsi,
            String previousImsi, String imei, String channel) {
        return record(new ProvisioningEvent(at(minutes), "bss-csv", kind, Msisdn.of(msisdn),
                imsi == null ? null : Imsi.of(imsi), previousImsi == null ? null : Imsi.of(previousImsi),
                imei == null ? null : Imei.of(imei), channel, "ORD-" + index));
    }
}
