package io.swapguard.event;

import java.util.Objects;

/**
 * A record from the operator's BSS/CRM: the most trusted source of SIM changes, because a
 * legitimate SIM replacement is done in a store or call centre and leaves one.
 *
 * @param captureNanos when the change took effect (the record's own time, in ns since the epoch)
 * @param tapId the provisioning source, e.g. {@code bss-csv}
 * @param kind what happened
 * @param msisdn the number concerned
 * @param imsi the SIM now behind the number (new SIM for a replacement), null if not applicable
 * @param previousImsi the SIM before, for a replacement; null otherwise
 * @param imei a handset registered with the change, null when none
 * @param channel where it was done (store id, call centre, web self-care); "" when unknown
 * @param reference the BSS order/ticket reference; "" when none
 */
public record ProvisioningEvent(long captureNanos, String tapId, Kind kind, Msisdn msisdn, Imsi imsi,
        Imsi previousImsi, Imei imei, String channel, String reference) implements SignalEvent {

    @Override
    public EventType type() {
        return EventType.PROVISIONING;
    }

    public static final int MAX_TEXT_LENGTH = 128;

    /** Positions are written to the journal: append new constants, never reorder. */
    public enum Kind {
        /** A new subscription: number and SIM issued together. */
        ACTIVATION,
        /** A new SIM for an existing number (lost, stolen, upgrade to eSIM). */
        SIM_REPLACEMENT,
        /** The number was ported in from another operator. */
        PORT_IN,
        /** The number was ported out to another operator. */
        PORT_OUT,
        /** The subscription ended. */
        DEACTIVATION,
        /**
         * A handset registered to the subscriber (IMEI registration, as Indonesia's CEIR requires
         * for every device): the IMEI is in {@code imei}.
         */
        DEVICE_REGISTRATION
    }

    public ProvisioningEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(msisdn, "msisdn");
        tapId = bounded("tapId", tapId, MAX_TAP_ID_LENGTH);
        channel = bounded("channel", channel, MAX_TEXT_LENGTH);
        reference = bounded("reference", reference, MAX_TEXT_LENGTH);
    }

    /** {@code value}, "" for null; longer than {@code max} is refused (a record's size stays bounded). */
    static String bounded(String name, String value, int max) {
        if (value == null) {
            return "";
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " longer than " + max + " characters");
        }
        return value;
    }
}
