package io.swapguard.engine.state;

import java.time.Instant;
import java.util.Optional;

/**
 * What the bank-facing APIs may know of one number, read from its state at one moment: the
 * answers of CAMARA SIM Swap, Device Swap and Call Forwarding Signal, without the rest of the
 * detector's working state.
 *
 * @param latestSimChange the newest SIM (IMSI) change behind the number, signalled or provisioned
 * @param activation the activation record's time; empty when no activation was recorded
 * @param latestDeviceChange the newest handset (IMEI) change
 * @param deviceSince since when the current handset is known (the first one seen when it never changed)
 * @param forwardings the {@code SubscriberState.CF_*} bits of the call forwardings in effect
 * @param forwardingTakeover when the forwarding in effect was judged a takeover (set from outside
 *        the home network or to a foreign number), empty when none is
 */
public record SubscriberFacts(Optional<Instant> latestSimChange, Optional<Instant> activation,
        Optional<Instant> latestDeviceChange, Optional<Instant> deviceSince, int forwardings,
        Optional<Instant> forwardingTakeover) {

    /** A handset has been seen with the number. */
    public boolean deviceKnown() {
        return deviceSince.isPresent();
    }

    public boolean forwarding(int cfBit) {
        return (forwardings & cfBit) != 0;
    }
}
