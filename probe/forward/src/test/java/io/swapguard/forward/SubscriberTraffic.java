package io.swapguard.forward;

import io.swapguard.event.ComponentType;
import io.swapguard.event.DiameterCommand;
import io.swapguard.event.DiameterEvent;
import io.swapguard.event.GlobalTitle;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Events about subscribers, each with the subscriber it is about (the ground truth the key must
 * follow): activations, UpdateLocations and SAIs that name only the IMSI, SRI-SM results, SIM swaps
 * (an ISD pairing the number with a new IMSI, then the new SIM's UpdateLocation), S6a ULR/ULA,
 * SMPP submits to the number, and UpdateLocations of IMSIs nobody provisioned.
 */
final class SubscriberTraffic {

    /** An event and the MSISDN it is about; for an IMSI nobody placed, "imsi:" and the digits. */
    record Labelled(SignalEvent event, String subscriber) {
    }

    private final Random random;
    private final int subscribers;
    private long time = 1_780_000_000_000_000_000L;

    SubscriberTraffic(long seed, int subscribers) {
        this.random = new Random(seed);
        this.subscribers = subscribers;
    }

    static String msisdn(int i) {
        return "62811" + String.format("%07d", i);
    }

    static String imsi(int i, int generation) {
        return "51010" + generation + String.format("%09d", i);
    }

    /** Activations of every subscriber, then {@code count} events of the other kinds at random. */
    List<Labelled> day(int count) {
        List<Labelled> out = new ArrayList<>();
        int[] generation = new int[subscribers];
        for (int i = 0; i < subscribers; i++) {
            out.add(new Labelled(new ProvisioningEvent(tick(), "bss", ProvisioningEvent.Kind.ACTIVATION,
                    Msisdn.of(msisdn(i)), Imsi.of(imsi(i, 0)), null, null, "store-1", "A" + i), msisdn(i)));
        }
        while (out.size() < subscribers + count) {
            int i = random.nextInt(subscribers);
            String number = msisdn(i);
            String sim = imsi(i, generation[i]);
            switch (random.nextInt(8)) {
                case 0, 1 -> out.add(new Labelled(map(MapOperation.UPDATE_LOCATION, ComponentType.INVOKE, sim, null), number));
                case 2 -> out.add(new Labelled(map(MapOperation.SEND_AUTHENTICATION_INFO, ComponentType.INVOKE, sim, null), number));
                case 3 -> out.add(new Labelled(map(MapOperation.SEND_ROUTING_INFO_FOR_SM, ComponentType.RETURN_RESULT_LAST,
                        sim, number), number));
                case 4 -> {
                    if (generation[i] < 8) {
                        generation[i]++;
                        String fresh = imsi(i, generation[i]);
                        out.add(new Labelled(map(MapOperation.INSERT_SUBSCRIBER_DATA, ComponentType.INVOKE, fresh, number), number));
                        out.add(new Labelled(map(MapOperation.UPDATE_LOCATION, ComponentType.INVOKE, fresh, null), number));
                    }
                }
                case 5 -> out.add(new Labelled(new SmppEvent(tick(), "gate", SmppEvent.Command.SUBMIT_SM, "bank-1",
                        ShortMessage.single(ShortMessage.Type.SUBMIT, SmsAddress.alphanumeric("BANK"),
                                SmsAddress.international(number), 0, "Your code is " + random.nextInt(1_000_000)),
                        SmppEvent.Decision.ALLOWED, "", "", -1, 1_000), number));
                case 6 -> {
                    out.add(new Labelled(DiameterEvent.builder().captureNanos(tick()).tapId("s6a")
                            .applicationId(DiameterCommand.APP_S6A).commandCode(316).request(true)
                            .imsi(Imsi.of(sim)).originHost("mme1.example").originRealm("epc.example").build(), number));
                    out.add(new Labelled(DiameterEvent.builder().captureNanos(tick()).tapId("s6a")
                            .applicationId(DiameterCommand.APP_S6A).commandCode(316).request(false).resultCode(2001)
                            .imsi(Imsi.of(sim)).msisdn(Msisdn.of(number)).originHost("hss1.example")
                            .originRealm("epc.example").build(), number));
                }
                default -> {
                    String stranger = "41001" + String.format("%010d", random.nextInt(1_000_000));
                    out.add(new Labelled(map(MapOperation.UPDATE_LOCATION, ComponentType.INVOKE, stranger, null),
                            SubscriberKey.IMSI_PREFIX + stranger));
                }
            }
        }
        return out;
    }

    private MapEvent map(MapOperation op, ComponentType component, String sim, String number) {
        return MapEvent.builder().captureNanos(tick()).tapId("stp-a").opc(100).dpc(200)
                .calling(new SccpAddress(true, 0, SccpAddress.SSN_VLR, new GlobalTitle(4, 1, 1, 4, "4917200001")))
                .called(new SccpAddress(true, 0, SccpAddress.SSN_HLR, new GlobalTitle(4, 1, 1, 4, "6281100001")))
                .tcapType(component == ComponentType.INVOKE ? TcapMessageType.BEGIN : TcapMessageType.END)
                .otid(random.nextInt() & 0xFFFFFFFFL).component(component).invokeId(1).operation(op)
                .imsi(Imsi.of(sim)).msisdn(number == null ? null : Msisdn.of(number)).build();
    }

    private long tick() {
        time += 1_000_000L + random.nextInt(50_000_000);
        return time;
    }
}
