package io.swapguard.engine.rules;

/**
 * The detector's rules, by the name alerts carry (docs/rules.md describes each). Positions index
 * per-subscriber de-duplication state: append new rules, never reorder.
 */
public enum RuleId {
    SIM_SWAP("simSwap"),
    DEVICE_SWAP("deviceSwap"),
    LOCATION_HIJACK("locationHijack"),
    CALL_FORWARDING("callForwarding"),
    CATEGORY1("category1"),
    ILLEGAL_MASKING("illegalMasking"),
    LOOKALIKE_SENDER("lookalikeSender"),
    OTP_WATCH("otpWatch");

    private final String id;

    RuleId(String id) {
        this.id = id;
    }

    /** The name in alerts, configuration and metrics. */
    public String id() {
        return id;
    }

    public static RuleId of(String id) {
        for (RuleId r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no rule '" + id + "'");
    }
}
