package io.swapguard.engine.state;

import io.swapguard.event.EventTime;
import io.swapguard.event.Msisdn;
import java.time.Instant;
import java.util.Optional;

/** What the CAMARA SIM Swap and Device Swap APIs ask of the state: when did the SIM/handset last change. */
public final class SubscriberQueries {

    private final SubscriberStore store;

    public SubscriberQueries(SubscriberStore store) {
        this.store = store;
    }

    /** Everything the bank-facing APIs answer from, or empty when the number was never seen. */
    public Optional<SubscriberFacts> facts(Msisdn msisdn) {
        SubscriberState s = store.get(Long.parseLong(msisdn.digits()));
        if (s == null) {
            return Optional.empty();
        }
        SubscriberState.SimChange sim = s.latestSimChange();
        SubscriberState.DeviceChange device = s.latestDeviceChange();
        long deviceSince = s.imeiSince != 0 ? s.imeiSince : s.imei != 0 ? s.firstSeen : 0;
        return Optional.of(new SubscriberFacts(
                sim == null ? Optional.empty() : Optional.of(instant(sim.timeNanos())),
                s.activation == 0 ? Optional.empty() : Optional.of(instant(s.activation)),
                device == null ? Optional.empty() : Optional.of(instant(device.timeNanos())),
                s.imei == 0 || deviceSince == 0 ? Optional.empty() : Optional.of(instant(deviceSince)),
                s.cfActive, takeover(s)));
    }

    private static Optional<Instant> takeover(SubscriberState s) {
        if (!s.cfRisky) {
            return Optional.empty();
        }
        long t = s.riskKind == SubscriberState.RiskKind.CALL_FORWARDING && s.riskTime != 0 ? s.riskTime : s.cfTime;
        return t == 0 ? Optional.empty() : Optional.of(instant(t));
    }

    /** The time of the latest SIM change of any kind, empty when none is known (or the number is unknown). */
    public Optional<Instant> latestSimChange(Msisdn msisdn) {
        SubscriberState s = store.get(Long.parseLong(msisdn.digits()));
        return s == null || s.latestSimChange() == null ? Optional.empty()
                : Optional.of(instant(s.latestSimChange().timeNanos()));
    }

    /** The time of the latest handset change, empty when none is known. */
    public Optional<Instant> latestDeviceChange(Msisdn msisdn) {
        SubscriberState s = store.get(Long.parseLong(msisdn.digits()));
        return s == null || s.latestDeviceChange() == null ? Optional.empty()
                : Optional.of(instant(s.latestDeviceChange().timeNanos()));
    }

    /** Activation: the activation record's time, else the first time the number was seen. */
    public Optional<Instant> activation(Msisdn msisdn) {
        SubscriberState s = store.get(Long.parseLong(msisdn.digits()));
        if (s == null) {
            return Optional.empty();
        }
        long t = s.activation != 0 ? s.activation : s.firstSeen;
        return t == 0 ? Optional.empty() : Optional.of(instant(t));
    }

    public static Instant instant(long nanos) {
        return EventTime.instant(nanos);
    }
}
