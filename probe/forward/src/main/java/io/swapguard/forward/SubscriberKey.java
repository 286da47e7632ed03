package io.swapguard.forward;

import io.swapguard.event.AlertEvent;
import io.swapguard.event.ComponentType;
import io.swapguard.event.DiameterEvent;
import io.swapguard.event.Imsi;
import io.swapguard.event.MapEvent;
import io.swapguard.event.Msisdn;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.event.SignalEvent;
import io.swapguard.event.SmppEvent;
import io.swapguard.event.SmsAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Kafka key of an event: the subscriber it is about, so that every event of one subscriber
 * lands in one partition and one detector sees them in journal order.
 *
 * <p>The key is the MSISDN, not the IMSI: a SIM swap is a new IMSI behind the old number, and the
 * swap rule must see both SIMs in one place. An event that names only an IMSI (UpdateLocation,
 * SendAuthenticationInfo, CheckIMEI, S6a ULR/AIR) takes the MSISDN this forwarder has learned for
 * that IMSI, from the same kinds of event the detector takes the pairing from (provisioning, ISD,
 * the SRI/SRI-SM/SendIMSI results, ULA, IDR, SRA). An IMSI with no known number is keyed by the
 * IMSI itself ({@code imsi:} and the digits): the detector, on one box, also ignores an IMSI it
 * cannot place, so the outcome is the same. Events about no subscriber have no key.
 *
 * <p>Not thread-safe: one per forwarder.
 */
public final class SubscriberKey {

    /** Prefix of the key of an IMSI whose number is not known. */
    public static final String IMSI_PREFIX = "imsi:";

    private final Function<SmsAddress, Msisdn> smsRecipient;
    private final Predicate<SignalEvent> trustedPairing;
    private final Map<String, String> numberOfImsi = new HashMap<>();

    /**
     * @param smsRecipient the subscriber an SMPP destination address names (the detector's own
     *        normalisation of national and international forms), null when it names none
     * @param trustedPairing whether an event that pairs an IMSI with an MSISDN may teach the pairing
     *        (the detector does not take an InsertSubscriberData from interconnect, for one)
     */
    public SubscriberKey(Function<SmsAddress, Msisdn> smsRecipient, Predicate<SignalEvent> trustedPairing) {
        this.smsRecipient = smsRecipient;
        this.trustedPairing = trustedPairing;
    }

    /** International digits only (a {@code +} dropped), and every pairing trusted: for tests and tools. */
    public static SubscriberKey international() {
        return new SubscriberKey(SubscriberKey::internationalNumber, e -> true);
    }

    /** The key of {@code event}, null when it is about no subscriber. */
    public String keyOf(SignalEvent event) {
        Msisdn msisdn = msisdnOf(event);
        if (msisdn != null) {
            return msisdn.digits();
        }
        Imsi imsi = imsiOf(event);
        if (imsi == null) {
            return null;
        }
        String number = numberOfImsi.get(imsi.digits());
        return number != null ? number : IMSI_PREFIX + imsi.digits();
    }

    /** {@link #keyOf} as the bytes of the Kafka record key. */
    public static byte[] bytes(String key) {
        return key == null ? null : key.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Learns the pairing {@code event} carries, if it is one the detector takes and it is trusted.
     *
     * @return the pairing when it is new or changed (to be published), else null
     */
    public Pairing learn(SignalEvent event) {
        if (!pairs(event) || !trustedPairing.test(event)) {
            return null;
        }
        Imsi imsi = imsiOf(event);
        Msisdn msisdn = msisdnOf(event);
        String before = numberOfImsi.put(imsi.digits(), msisdn.digits());
        return msisdn.digits().equals(before) ? null : new Pairing(imsi.digits(), msisdn.digits());
    }

    /** Takes a pairing another forwarder published (or this one, before a restart). */
    public void remember(String imsi, String msisdn) {
        numberOfImsi.put(imsi, msisdn);
    }

    /** Forgets every pairing (before they are read back from Kafka). */
    public void forgetAll() {
        numberOfImsi.clear();
    }

    /** How many IMSIs this forwarder can place. */
    public int knownImsis() {
        return numberOfImsi.size();
    }

    /** An IMSI and the number it serves. */
    public record Pairing(String imsi, String msisdn) {
    }

    private Msisdn msisdnOf(SignalEvent event) {
        return switch (event.type()) {
            case MAP -> ((MapEvent) event).msisdn();
            case DIAMETER -> ((DiameterEvent) event).msisdn();
            case PROVISIONING -> ((ProvisioningEvent) event).msisdn();
            case ALERT -> ((AlertEvent) event).msisdn();
            case SMPP -> {
                SmppEvent s = (SmppEvent) event;
                yield s.command() == SmppEvent.Command.DELIVER_SM || s.sms() == null ? null
                        : smsRecipient.apply(s.sms().destination());
            }
        };
    }

    private static Imsi imsiOf(SignalEvent event) {
        return switch (event.type()) {
            case MAP -> ((MapEvent) event).imsi();
            case DIAMETER -> ((DiameterEvent) event).imsi();
            case PROVISIONING -> ((ProvisioningEvent) event).imsi();
            case ALERT -> ((AlertEvent) event).imsi();
            case SMPP -> null;
        };
    }

    /** The events the detector takes an IMSI-MSISDN pairing from, when they carry both. */
    private static boolean pairs(SignalEvent event) {
        switch (event.type()) {
            case PROVISIONING -> {
                ProvisioningEvent p = (ProvisioningEvent) event;
                return p.imsi() != null && p.kind() != ProvisioningEvent.Kind.DEACTIVATION
                        && p.kind() != ProvisioningEvent.Kind.DEVICE_REGISTRATION;
            }
            case MAP -> {
                MapEvent m = (MapEvent) event;
                return m.imsi() != null && m.msisdn() != null && switch (m.operation()) {
                    case INSERT_SUBSCRIBER_DATA -> m.component() == ComponentType.INVOKE;
                    case SEND_ROUTING_INFO_FOR_SM, SEND_ROUTING_INFO, SEND_IMSI -> m.component().isResult();
                    default -> false;
                };
            }
            case DIAMETER -> {
                DiameterEvent d = (DiameterEvent) event;
                return d.imsi() != null && d.msisdn() != null && switch (d.command()) {
                    case UPDATE_LOCATION, SEND_ROUTING_INFO_FOR_SM -> !d.request() && d.success();
                    case INSERT_SUBSCRIBER_DATA -> d.request();
                    default -> false;
                };
            }
            default -> {
                return false;
            }
        }
    }

    /** A destination in international form ({@code +} or TON 1), at least 7 digits; else none. */
    static Msisdn internationalNumber(SmsAddress a) {
        if (a == null || a.isAlphanumeric()) {
            return null;
        }
        String v = a.value().strip();
        if (v.startsWith("+")) {
            v = v.substring(1);
        } else if (a.typeOfNumber() != SmsAddress.TON_INTERNATIONAL) {
            return null;
        }
        return v.length() >= 7 && Msisdn.isValid(v) ? new Msisdn(v) : null;
    }
}
