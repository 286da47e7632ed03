package io.swapguard.sim;

/**
 * How often each subscriber does each thing, per day. The defaults give an ordinary prepaid
 * population: a few location updates and SMS a day, occasional travel, rare device and SIM changes.
 *
 * @param locationUpdates periodic and moving location updates (with SendAuthenticationInfo)
 * @param smsIn SMS received from other subscribers (SRI-SM + MT-ForwardSM)
 * @param smsOut SMS sent (MO-ForwardSM)
 * @param bankOtp one-time passwords from the subscriber's bank, for bank customers
 * @param bankOther other A2P messages: bank notices and promotions, a third from unregistered brands
 * @param travel trips abroad started
 * @param deviceUpgrade new handsets
 * @param simReplacement SIM cards replaced in a store (with a provisioning record)
 * @param callForwarding call forwarding set to another home number
 */
public record SubscriberRates(double locationUpdates, double smsIn, double smsOut, double bankOtp, double bankOther,
        double travel, double deviceUpgrade, double simReplacement, double callForwarding) {

    public static SubscriberRates defaults() {
        return new SubscriberRates(6, 4, 3, 0.4, 0.3, 0.004, 0.002, 0.0005, 0.002);
    }

    double total(boolean banked) {
        return locationUpdates + smsIn + smsOut + (banked ? bankOtp + bankOther : 0) + travel + deviceUpgrade
                + simReplacement + callForwarding;
    }
}
