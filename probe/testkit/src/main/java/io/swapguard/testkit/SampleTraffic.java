package io.swapguard.testkit;

import io.swapguard.event.SccpAddress;
import io.swapguard.ss7.map.MapEncoder;
import io.swapguard.ss7.wire.MapConversations;
import io.swapguard.ss7.wire.SigtranLink;
import java.util.Random;

/**
 * A reproducible tour of every MAP procedure the probe decodes, in MAP v2 or v3, with subscriber
 * numbers drawn from a seed: location updates (GSM and GPRS), authentication, subscriber data,
 * cancel and purge, SMS routing and delivery (MT and MO, alphanumeric and numeric senders, GSM
 * 7-bit and UCS-2, concatenated parts), call routing with forwarding, SendIMSI, CheckIMEI,
 * AnyTimeInterrogation, ProvideSubscriberInfo, the supplementary service operations, USSD, and
 * errors, rejects and aborts. Same seed, same bytes.
 */
public final class SampleTraffic {

    public static final String HLR = "6281100001";
    public static final String VLR = "6281100101";
    public static final String MSC = "6281100102";
    public static final String SMSC = "6281100900";
    public static final String EIR = "6281100300";
    public static final String SGSN = "6281100500";
    public static final String FOREIGN_GT = "447700900999";

    private SampleTraffic() {
    }

    /** Plays the tour on {@code link}, starting at {@code start} ns; returns the time after the last message. */
    public static long play(SigtranLink link, long start, long seed, int version, int segmentAbove) {
        Random r = new Random(seed);
        MapConversations c = new MapConversations(link, 0x10000 + r.nextInt(0xFFFF), 3_000_000L);
        c.segmentAbove(segmentAbove);
        SccpAddress hlr = MapConversations.gt(HLR, SccpAddress.SSN_HLR);
        SccpAddress vlr = MapConversations.gt(VLR, SccpAddress.SSN_VLR);
        SccpAddress msc = MapConversations.gt(MSC, SccpAddress.SSN_MSC);
        SccpAddress smsc = MapConversations.gt(SMSC, SccpAddress.SSN_MSC);
        SccpAddress eir = MapConversations.gt(EIR, SccpAddress.SSN_EIR);
        SccpAddress sgsn = MapConversations.gt(SGSN, SccpAddress.SSN_SGSN);
        SccpAddress foreign = MapConversations.gt(FOREIGN_GT, SccpAddress.SSN_VLR);
        SccpAddress gsmScf = MapConversations.gt(FOREIGN_GT, SccpAddress.SSN_GSMSCF);

        String imsi = "51010" + digits(r, 10);
        String msisdn = "628" + digits(r, 10);
        String imei = "35332509" + digits(r, 6) + "0";
        String imeisv = imei.substring(0, 14) + "01";
        String other = "628" + digits(r, 10);
        boolean v3 = version >= 3;
        long t = start;

        t = c.request(t, true, vlr, hlr, 14, version, 56, MapEncoder.sendAuthenticationInfo(version, imsi), null, null, null);
        t = c.updateLocation(t, true, vlr, hlr, version, imsi, msisdn, VLR, MSC, imeisv, HLR);
        if (v3) {
            t = c.request(t, false, sgsn, hlr, MapConversations.AC_GPRS_LOCATION_UPDATE, 3, 23,
                    MapEncoder.updateGprsLocation(imsi, SGSN, imeisv), MapEncoder.updateGprsLocationResult(HLR), null, null);
        }
        t = c.request(t, false, hlr, vlr, MapConversations.AC_SUBSCRIBER_DATA_MNGT, version, 7,
                MapEncoder.insertSubscriberData(version, imsi, msisdn), null, null, null);
        t = c.request(t, false, hlr, vlr, MapConversations.AC_LOCATION_CANCELLATION, version, 3,
                MapEncoder.cancelLocation(version, imsi), null, null, null);
        t = c.request(t, true, vlr, hlr, MapConversations.AC_MS_PURGING, version, 67,
                MapEncoder.purgeMs(version, imsi, VLR), null, null, null);

        // SMS: OTP from a bank's alphanumeric sender, a UCS-2 text, a numeric sender, a two-part SMS
        t = c.mobileTerminatedSms(t, true, smsc, hlr, msc, version, msisdn, SMSC, imsi, MSC,
                MapEncoder.Sms.of("BCA", true, "Kode OTP Anda " + digits(r, 6) + ". JANGAN BERIKAN kode ini kepada siapapun."));
        t = c.mobileTerminatedSms(t, true, smsc, hlr, msc, version, msisdn, SMSC, imsi, MSC,
                MapEncoder.Sms.of("\u0412\u0421\u0410", true, "Ваш код 4821"));
        t = c.mobileTerminatedSms(t, true, smsc, hlr, msc, version, msisdn, SMSC, imsi, MSC,
                MapEncoder.Sms.of(other, false, "see you at 8"));
        for (int part = 1; part <= 2; part++) {
            t = c.mobileTerminatedSms(t, true, smsc, hlr, msc, version, msisdn, SMSC, imsi, MSC,
                    new MapEncoder.Sms("BANK", true, part == 1 ? "Your one-time code is " : digits(r, 6), false, 0x42,
                            part, 2));
        }
        t = c.mobileOriginatedSms(t, false, msc, smsc, version, msisdn, SMSC, other, "on my way");
        t = c.requestWithError(t, true, smsc, hlr, MapConversations.AC_SHORT_MSG_GATEWAY, version, 45,
                MapEncoder.sendRoutingInfoForSm(other, SMSC), 6); // absentSubscriberSM

        // Call routing: a roaming number, then a number forwarded elsewhere
        t = c.request(t, true, msc, hlr, MapConversations.AC_LOCATION_INFO_RETRIEVAL, version, 22,
                MapEncoder.sendRoutingInfo(version, msisdn, MSC),
                MapEncoder.sendRoutingInfoResult(version, imsi, "62811009" + digits(r, 4), null), null, null);
        t = c.request(t, true, msc, hlr, MapConversations.AC_LOCATION_INFO_RETRIEVAL, version, 22,
                MapEncoder.sendRoutingInfo(version, other, MSC),
                MapEncoder.sendRoutingInfoResult(version, "51010" + digits(r, 10), null, "4477009" + digits(r, 5)),
                null, null);

        // Equipment and identity
        t = c.request(t, true, msc, eir, MapConversations.AC_EQUIPMENT_MNGT, version, 43,
                MapEncoder.checkImei(version, imei), MapEncoder.checkImeiResult(version, 0), null, null);
        t = c.request(t, false, foreign, hlr, MapConversations.AC_IMSI_RETRIEVAL, 2, 58, MapEncoder.sendImsi(msisdn),
                MapEncoder.sendImsiResult(imsi), null, null);
        if (v3) {
            t = c.request(t, false, gsmScf, hlr, MapConversations.AC_ANY_TIME_INFO_ENQUIRY, 3, 71,
                    MapEncoder.anyTimeInterrogation(msisdn, false, FOREIGN_GT),
                    MapEncoder.anyTimeInterrogationResult(VLR, MSC, imei), null, null);
            t = c.request(t, false, hlr, vlr, MapConversations.AC_SUBSCRIBER_INFO_ENQUIRY, 3, 70,
                    MapEncoder.provideSubscriberInfo(imsi), MapEncoder.provideSubscriberInfoResult(VLR, MSC, imei),
                    null, null);
        }

        // Supplementary services (networkFunctionalSs is a v2 context) and USSD
        String forwardTo = "4477009" + digits(r, 5);
        t = c.supplementaryService(t, false, foreign, hlr, 2, 10, MapEncoder.registerSs(0x21, forwardTo), imsi, FOREIGN_GT);
        t = c.supplementaryService(t, false, foreign, hlr, 2, 12, MapEncoder.activateSs(0x21), imsi, FOREIGN_GT);
        t = c.supplementaryService(t, true, vlr, hlr, 2, 13, MapEncoder.deactivateSs(0x21), imsi, VLR);
        t = c.supplementaryService(t, true, vlr, hlr, 2, 11, MapEncoder.eraseSs(0x21), imsi, VLR);
        t = c.request(t, true, vlr, hlr, MapConversations.AC_NETWORK_UNSTRUCTURED_SS, 2, 59,
                MapEncoder.processUnstructuredSs("*123#", msisdn), null, imsi, msisdn);

        // Rejected and aborted dialogues
        t = c.requestRejected(t, false, foreign, hlr, MapConversations.AC_ANY_TIME_INFO_ENQUIRY, 3, 71,
                MapEncoder.anyTimeInterrogation(imsi, true, FOREIGN_GT), 1, 1);
        t = c.requestAborted(t, true, smsc, hlr, MapConversations.AC_SHORT_MSG_GATEWAY, version, 45,
                MapEncoder.sendRoutingInfoForSm(msisdn, SMSC), 1);
        link.flush();
        return t;
    }

    static String digits(Random r, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + r.nextInt(10)));
        }
        return s.toString();
    }
}
