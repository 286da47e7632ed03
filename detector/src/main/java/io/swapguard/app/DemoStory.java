package io.swapguard.app;

import io.swapguard.event.ComponentType;
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
import io.swapguard.event.SmsAddress;
import io.swapguard.event.TcapMessageType;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's built-in story, in journal events: a subscriber of a home network (MCC 510, country
 * code 62) living normally, then a fraudulent SIM swap followed by a bank OTP, a foreign switch
 * claiming another subscriber, and call forwarding set to a foreign number. Round {@code n} uses
 * its own subscribers so rounds never collide.
 */
public final class DemoStory {

    private static final long SECOND = 1_000_000_000L;
    private static final String TAP = "demo";

    static final String HLR = "6281100001";
    static final String HOME_VLR = "6281100101";
    static final String HOME_MSC = "6281100102";
    static final String SMSC = "6281100900";
    static final String FOREIGN_VLR = "447700900123";
    static final String FOREIGN_GT = "447700900999";

    private final long start;
    private final int round;
    private final List<SignalEvent> events = new ArrayList<>();
    private long tid = 0x1000;

    private DemoStory(long startNanos, int round) {
        this.start = startNanos;
        this.round = round;
    }

    /** The story's events in capture-time order, starting at {@code startNanos}. */
    public static List<SignalEvent> events(long startNanos, int round) {
        DemoStory s = new DemoStory(startNanos, round);
        s.write();
        s.events.sort(java.util.Comparator.comparingLong(SignalEvent::captureNanos));
        return List.copyOf(s.events);
    }

    private String digits(String prefix, int subscriber, int width) {
        String n = Integer.toString(round * 10 + subscriber);
        return prefix + "0".repeat(Math.max(0, width - prefix.length() - n.length())) + n;
    }

    private void write() {
        Msisdn ani = Msisdn.of(digits("62812", 1, 13));
        Imsi aniSim = Imsi.of(digits("51010", 1, 15));
        Imsi fraudSim = Imsi.of(digits("51010900", 7, 15));
        Imei aniPhone = Imei.of("35332509" + digits("", 1, 6) + "01");
        Imei fraudPhone = Imei.of("86753109" + digits("", 1, 6) + "02");

        Msisdn budi = Msisdn.of(digits("62813", 2, 13));
        Imsi budiSim = Imsi.of(digits("51010", 2, 15));
        Msisdn citra = Msisdn.of(digits("62815", 3, 13));
        Imsi citraSim = Imsi.of(digits("51010", 3, 15));

        // Ani: activated in a store, attaches at home, gets a bank OTP.
        events.add(new ProvisioningEvent(at(0), "bss-csv", ProvisioningEvent.Kind.ACTIVATION, ani, aniSim, null,
                null, "store-JKT-017", "ORD-" + round + "-001"));
        attach(at(60), aniSim, ani, HOME_VLR, HOME_MSC, aniPhone);
        otp(at(3600), ani, aniSim, HOME_MSC, "BCA", "Kode OTP Anda 483920. JANGAN BERIKAN kode ini kepada siapapun.");

        // Budi and Citra live at home too.
        attach(at(120), budiSim, budi, HOME_VLR, HOME_MSC, Imei.of("35209900" + digits("", 2, 6) + "01"));
        attach(at(180), citraSim, citra, HOME_VLR, HOME_MSC, Imei.of("35391110" + digits("", 3, 6) + "01"));

        // Fraud 1: Ani's number appears behind a new SIM with no store record, in a new phone,
        // and a bank OTP follows four minutes later.
        attach(at(7200), fraudSim, ani, HOME_VLR, HOME_MSC, fraudPhone);
        otp(at(7440), ani, fraudSim, HOME_MSC, "BCA", "Kode OTP Anda 771204. JANGAN BERIKAN kode ini kepada siapapun.");

        // Fraud 2: a foreign switch claims Budi while he is at home, with no authentication first.
        long t = at(7500);
        MapEvent.Builder ul = map(t, MapOperation.UPDATE_LOCATION, ComponentType.INVOKE, TcapMessageType.BEGIN,
                FOREIGN_GT, SccpAddress.SSN_VLR, HLR, SccpAddress.SSN_HLR, 1, 3)
                .imsi(budiSim).vlrNumber(FOREIGN_VLR).mscNumber(FOREIGN_VLR);
        events.add(ul.build());
        events.add(map(t + SECOND / 10, MapOperation.INSERT_SUBSCRIBER_DATA, ComponentType.INVOKE,
                TcapMessageType.CONTINUE, HLR, SccpAddress.SSN_HLR, FOREIGN_GT, SccpAddress.SSN_VLR, 1, 3)
                .imsi(budiSim).msisdn(budi).build());

        // Fraud 3: unconditional call forwarding for Citra set to a foreign number from interconnect.
        events.add(map(at(7600), MapOperation.REGISTER_SS, ComponentType.INVOKE, TcapMessageType.BEGIN,
                FOREIGN_GT, SccpAddress.SSN_VLR, HLR, SccpAddress.SSN_HLR, 18, 2)
                .imsi(citraSim).ssCode(0x21).forwardedToNumber("447700900555").build());
    }

    private long at(long seconds) {
        return start + seconds * SECOND;
    }

    /** UpdateLocation from a VLR, the HLR's InsertSubscriberData naming the MSISDN, CheckIMEI. */
    private void attach(long t, Imsi imsi, Msisdn msisdn, String vlr, String msc, Imei imei) {
        events.add(map(t, MapOperation.SEND_AUTHENTICATION_INFO, ComponentType.INVOKE, TcapMessageType.BEGIN,
                vlr, SccpAddress.SSN_VLR, HLR, SccpAddress.SSN_HLR, 14, 3).imsi(imsi).build());
        events.add(map(t + SECOND / 2, MapOperation.UPDATE_LOCATION, ComponentType.INVOKE, TcapMessageType.BEGIN,
                vlr, SccpAddress.SSN_VLR, HLR, SccpAddress.SSN_HLR, 1, 3)
                .imsi(imsi).vlrNumber(vlr).mscNumber(msc).imei(imei).build());
        events.add(map(t + SECOND / 2 + SECOND / 10, MapOperation.INSERT_SUBSCRIBER_DATA, ComponentType.INVOKE,
                TcapMessageType.CONTINUE, HLR, SccpAddress.SSN_HLR, vlr, SccpAddress.SSN_VLR, 1, 3)
                .imsi(imsi).msisdn(msisdn).build());
        events.add(map(t + SECOND, MapOperation.CHECK_IMEI, ComponentType.RETURN_RESULT_LAST, TcapMessageType.END,
                "6281100300", SccpAddress.SSN_EIR, msc, SccpAddress.SSN_MSC, 13, 3)
                .imei(imei).equipmentStatus(0).build());
    }

    /** SRI-SM answered by the HLR, then the SMSC's MT-ForwardSM carrying the bank's OTP. */
    private void otp(long t, Msisdn msisdn, Imsi imsi, String msc, String sender, String text) {
        events.add(map(t, MapOperation.SEND_ROUTING_INFO_FOR_SM, ComponentType.RETURN_RESULT_LAST,
                TcapMessageType.END, HLR, SccpAddress.SSN_HLR, SMSC, SccpAddress.SSN_MSC, 20, 3)
                .msisdn(msisdn).imsi(imsi).mscNumber(msc).smscAddress(SMSC).build());
        events.add(map(t + SECOND / 5, MapOperation.MT_FORWARD_SM, ComponentType.INVOKE, TcapMessageType.BEGIN,
                SMSC, SccpAddress.SSN_MSC, msc, SccpAddress.SSN_MSC, 25, 3)
                .imsi(imsi).smscAddress(SMSC)
                .sms(ShortMessage.single(ShortMessage.Type.DELIVER, SmsAddress.alphanumeric(sender), null, 0, text))
                .build());
    }

    private MapEvent.Builder map(long t, MapOperation op, ComponentType component, TcapMessageType tcap,
            String fromGt, int fromSsn, String toGt, int toSsn, int ac, int version) {
        long id = tid++;
        return MapEvent.builder().captureNanos(t).tapId(TAP).opc(100).dpc(200)
                .calling(SccpAddress.gt(GlobalTitle.e164(fromGt), fromSsn))
                .called(SccpAddress.gt(GlobalTitle.e164(toGt), toSsn))
                .tcapType(tcap)
                .otid(tcap == TcapMessageType.END ? -1 : id)
                .dtid(tcap == TcapMessageType.BEGIN ? -1 : id + 0x8000)
                .applicationContext(ac).applicationContextVersion(version)
                .component(component).invokeId(1).operation(op);
    }
}
