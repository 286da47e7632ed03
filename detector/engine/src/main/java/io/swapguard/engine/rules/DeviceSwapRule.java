package io.swapguard.engine.rules;

import static io.swapguard.engine.Numbers.imei14;
import static io.swapguard.engine.Numbers.num;

import io.swapguard.engine.Change;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.Network;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.event.Imei;
import io.swapguard.event.Imsi;
import io.swapguard.event.MapEvent;
import io.swapguard.event.ProvisioningEvent;
import java.util.List;

/**
 * <b>deviceSwap</b>: the SIM is in a new handset (IMEI from UpdateLocation or CheckIMEI) with no
 * device registration record in the window before. Keeps the handset history the CAMARA Device
 * Swap answers read. The first IMEI seen is the baseline, never an alert.
 */
public final class DeviceSwapRule implements Rule {

    private final DetectorConfig.DeviceSwapRule settings;

    public DeviceSwapRule(DetectorConfig config) {
        this.settings = config.rules().deviceSwap();
    }

    @Override
    public RuleId id() {
        return RuleId.DEVICE_SWAP;
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    /** A handset registered to the subscriber (IMEI registration with the BSS). */
    public void registration(Change w, ProvisioningEvent p) {
        SubscriberState s = w.state();
        s.registeredImei = imei14(p.imei());
        s.registeredAt = w.time();
    }

    /** The network reports the handset the SIM is in. */
    public void handset(Change w, MapEvent e) {
        handset(w, e.imsi(), e.imei(), e.operation().asn1Name() + " from " + Network.callingGt(e));
    }

    /**
     * The network reports the handset the SIM is in (MAP, or Diameter S6a/S13).
     *
     * @param reportedBy what reported it and where from, for the evidence
     */
    public void handset(Change w, Imsi imsi, Imei imei, String reportedBy) {
        SubscriberState s = w.state();
        long device = imei14(imei);
        if (s.imei == 0) {
            s.imei = device;
            s.imeiSince = w.time();
            return;
        }
        if (s.imei == device) {
            return;
        }
        boolean registered = s.registeredImei == device
                && w.time() - s.registeredAt <= settings.registrationWindow().toNanos();
        s.addDevice(new SubscriberState.DeviceChange(w.time(), s.imei, device, registered, w.index()));
        String oldTac = String.format("%014d", s.imei).substring(0, 8);
        s.imei = device;
        s.imeiSince = w.time();
        if (settings.enabled() && !(registered && settings.requireRegistration())) {
            String tac = imei.tac();
            w.alert(RuleId.DEVICE_SWAP, settings.severity(), imsi, "Device swap: " + num(s.msisdn)
                    + " in a new handset (TAC " + tac + (tac.equals(oldTac) ? ", same model" : ", was " + oldTac)
                    + "), no device registration", List.of(w.here("new IMEI " + num(imei) + " reported by "
                            + reportedBy)));
        }
    }
}
