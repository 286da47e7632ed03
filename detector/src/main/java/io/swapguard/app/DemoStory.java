package io.swapguard.app;

import io.swapguard.event.Imsi;
import io.swapguard.event.Msisdn;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.event.SccpAddress;
import io.swapguard.probe.map.MapEncoder;
import io.swapguard.probe.wire.MapConversations;
import io.swapguard.probe.wire.SigtranLink;
import java.util.List;

/**
 * The demo's built-in story, as the signalling an STP link would carry (and the BSS records beside
 * it): subscribers of a home network (MCC 510, country code 62) living normally, then a fraudulent
 * SIM swap followed by a bank OTP, a foreign switch claiming a subscriber, call forwarding set to a
 * foreign number from interconnect, and Category 1 probing. Round {@code n} has its own subscribers.
 */
public final class DemoStory {

    private static final long SECOND = 1_000_000_000L;

    public static final String HLR = "6281100001";
    public static final String HOME_VLR = "6281100101";
    public static final String HOME_MSC = "6281100102";
    public static final String SMSC = "6281100900";
    public static final String EIR = "6281100300";
    public static final String FOREIGN_VLR = "447700900123";
    public static final String FOREIGN_GT = "447700900999";

    private DemoStory() {
    }

    static String number(String prefix, int round, int subscriber, int width) {
        String n = Integer.toString(round * 10 + subscriber);
        return prefix + "0".repeat(Math.max(0, width - prefix.length() - n.length())) + n;
    }

    /** Ani, the subscriber whose SIM is swapped: her number in round {@code round}. */
    public static Msisdn ani(int round) {
        return Msisdn.of(number("62812", round, 1, 13));
    }

    /** The fraudster's SIM behind Ani's number. */
    public static Imsi fraudSim(int round) {
        return Imsi.of(number("51010900", round, 7, 15));
    }

    /**
     * Plays one round onto {@code link} (captured as frames) starting at {@code start} ns, and returns
     * the BSS records of the round, which reach swapguard as provisioning events rather than SS7.
     */
    public static List<ProvisioningEvent> play(SigtranLink link, long start, int round) {
        Msisdn ani = ani(round);
        Imsi aniSim = Imsi.of(number("51010", round, 1, 15));
        Imsi fraudSim = fraudSim(round);
        String aniPhone = "35332509" + number("", round, 1, 6) + "01";
        String fraudPhone = "86753109" + number("", round, 1, 6) + "02";
        Msisdn budi = Msisdn.of(number("62813", round, 2, 13));
        Imsi budiSim = Imsi.of(number("51010", round, 2, 15));
        Msisdn citra = Msisdn.of(number("62815", round, 3, 13));
        Imsi citraSim = Imsi.of(number("51010", round, 3, 15));

        SccpAddress hlr = MapConversations.gt(HLR, SccpAddress.SSN_HLR);
        SccpAddress vlr = MapConversations.gt(HOME_VLR, SccpAddress.SSN_VLR);
        SccpAddress msc = MapConversations.gt(HOME_MSC, SccpAddress.SSN_MSC);
        SccpAddress smsc = MapConversations.gt(SMSC, SccpAddress.SSN_MSC);
        SccpAddress eir = MapConversations.gt(EIR, SccpAddress.SSN_EIR);
        SccpAddress foreignVlr = MapConversations.gt(FOREIGN_GT, SccpAddress.SSN_VLR);
        SccpAddress foreignScf = MapConversations.gt(FOREIGN_GT, SccpAddress.SSN_GSMSCF);
        MapConversations c = new MapConversations(link, 0x4000_0000L + round * 0x1000L, 50_000_000L);

        // Everyone attaches at home; Ani gets a bank OTP an hour later.
        attach(c, start + 60 * SECOND, vlr, hlr, msc, eir, aniSim, ani, aniPhone);
        attach(c, start + 120 * SECOND, vlr, hlr, msc, eir, budiSim, budi, "35209900" + number("", round, 2, 6) + "01");
        attach(c, start + 180 * SECOND, vlr, hlr, msc, eir, citraSim, citra, "35391110" + number("", round, 3, 6) + "01");
        otp(c, start + 3600 * SECOND, smsc, hlr, msc, ani, aniSim, "Kode OTP Anda 483920. JANGAN BERIKAN kode ini kepada siapapun.");

        // Fraud 1: Ani's number behind a new SIM in a new phone, no store record; an OTP follows.
        attach(c, start + 7200 * SECOND, vlr, hlr, msc, eir, fraudSim, ani, fraudPhone);
        otp(c, start + 7440 * SECOND, smsc, hlr, msc, ani, fraudSim, "Kode OTP Anda 771204. JANGAN BERIKAN kode ini kepada siapapun.");

        // Fraud 2: a foreign switch claims Budi while he is at home, without authenticating first.
        c.updateLocation(start + 7500 * SECOND, false, foreignVlr, hlr, 3, budiSim.digits(), budi.digits(),
                FOREIGN_VLR, FOREIGN_VLR, null, HLR);

        // Fraud 3: unconditional forwarding for Citra to a foreign number, from interconnect.
        c.supplementaryService(start + 7600 * SECOND, false, foreignVlr, hlr, 2, 10,
                MapEncoder.registerSs(0x21, "447700900555"), citraSim.digits(), FOREIGN_GT);

        // Category 1 probing from interconnect: where is Citra, which SIM has Budi?
        c.request(start + 7700 * SECOND, false, foreignScf, hlr, MapConversations.AC_ANY_TIME_INFO_ENQUIRY, 3, 71,
                MapEncoder.anyTimeInterrogation(citra.digits(), false, FOREIGN_GT),
                MapEncoder.anyTimeInterrogationResult(HOME_VLR, HOME_MSC, null), null, null);
        c.request(start + 7710 * SECOND, false, foreignVlr, hlr, MapConversations.AC_IMSI_RETRIEVAL, 2, 58,
                MapEncoder.sendImsi(budi.digits()), MapEncoder.sendImsiResult(budiSim.digits()), null, null);
        link.flush();

        return List.of(new ProvisioningEvent(start, "bss-csv", ProvisioningEvent.Kind.ACTIVATION, ani, aniSim, null,
                null, "store-JKT-017", "ORD-" + round + "-001"));
    }

    /** SendAuthenticationInfo, the location update with IMEISV, and a CheckIMEI from the MSC. */
    private static void attach(MapConversations c, long t, SccpAddress vlr, SccpAddress hlr, SccpAddress msc,
            SccpAddress eir, Imsi imsi, Msisdn msisdn, String imeisv) {
        long next = c.request(t, true, vlr, hlr, 14, 3, 56, MapEncoder.sendAuthenticationInfo(3, imsi.digits()), null,
                null, null);
        next = c.updateLocation(next, true, vlr, hlr, 3, imsi.digits(), msisdn.digits(), HOME_VLR, HOME_MSC, imeisv, HLR);
        c.request(next, true, msc, eir, MapConversations.AC_EQUIPMENT_MNGT, 3, 43,
                MapEncoder.checkImei(3, imeisv.substring(0, 14) + "0"), MapEncoder.checkImeiResult(3, 0), null, null);
    }

    private static void otp(MapConversations c, long t, SccpAddress smsc, SccpAddress hlr, SccpAddress msc,
            Msisdn msisdn, Imsi imsi, String text) {
        c.mobileTerminatedSms(t, true, smsc, hlr, msc, 3, msisdn.digits(), SMSC, imsi.digits(), HOME_MSC,
                MapEncoder.Sms.of("BCA", true, text));
    }
}
