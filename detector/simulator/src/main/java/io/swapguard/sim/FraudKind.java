package io.swapguard.sim;

/** The attacks the simulator can inject; each is one line of ground truth. */
public enum FraudKind {
    /** New IMSI behind the victim's MSISDN without a store record, in a new phone; a bank OTP follows. */
    SIM_SWAP,
    /** A new IMSI with an odd provisioning record (web self-care, a channel stores never use), then a bank OTP. */
    SIM_SWAP_ODD_RECORD,
    /** The same SIM in a new handset (new IMEI, new TAC). */
    DEVICE_SWAP,
    /** A fraudulent SIM swap into a new handset: new IMSI and new IMEI together. */
    SIM_AND_DEVICE_SWAP,
    /** SRI-SM from a foreign GT, then UpdateLocation from a foreign VLR while at home, then the OTP routed abroad. */
    SS7_INTERCEPTION,
    /** CFU to a foreign number registered and activated from interconnect, then a voice OTP call is diverted. */
    CALL_FORWARDING_TAKEOVER,
    /** A bank's sender ID arriving as MT-ForwardSM from a foreign SMSC GT. */
    ILLEGAL_MASKING,
    /**
     * SMS faking: SRI-SM and MT-ForwardSM from a foreign GT whose SM-RP-OA (and SRI-SM service
     * centre) is the bank's authorised SMSC, so the claimed route looks authorised.
     */
    SMS_FAKING,
    /** A lookalike of a bank's sender ID ("8CA" for "BCA") from an unregistered route. */
    LOOKALIKE_SENDER,
    /** AnyTimeInterrogation, SendIMSI and SendRoutingInfo about a subscriber from interconnect. */
    CATEGORY1_PROBING;

    /** The name used in ground truth and on the command line: lowerCamel (simSwap). */
    public String wireName() {
        return io.swapguard.event.LowerCamel.of(this);
    }

    public static FraudKind parse(String name) {
        for (FraudKind k : values()) {
            if (k.wireName().equalsIgnoreCase(name) || k.name().equalsIgnoreCase(name.replace('-', '_'))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown fraud kind '" + name + "'; one of "
                + java.util.Arrays.stream(values()).map(FraudKind::wireName).toList());
    }

    @Override
    public String toString() {
        return wireName();
    }
}
