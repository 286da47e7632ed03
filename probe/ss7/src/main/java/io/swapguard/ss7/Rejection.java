package io.swapguard.ss7;

/**
 * Why a decoder refused its input: a layer and a short, fixed reason (a metric label, so the set
 * of reasons is bounded). Decoders throw the shared constant for each reason; there is no stack
 * trace to fill in, so rejecting garbage costs about as much as accepting a message.
 */
public final class Rejection extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Layer layer;
    private final String reason;
    private final boolean malformed;

    private Rejection(Layer layer, String reason, boolean malformed) {
        super(layer.label() + ": " + reason, null, false, false);
        this.layer = layer;
        this.reason = reason;
        this.malformed = malformed;
    }

    /** Declares a rejection of malformed input; call once per reason and keep the constant. */
    public static Rejection of(Layer layer, String reason) {
        return new Rejection(layer, reason, true);
    }

    /**
     * Declares well-formed input that is simply not for the probe (ARP on the tap, ISUP on the
     * link, an SCTP INIT): counted, never quarantined.
     */
    public static Rejection ignore(Layer layer, String reason) {
        return new Rejection(layer, reason, false);
    }

    /** True for damaged or invalid input, false for valid input the probe does not decode. */
    public boolean malformed() {
        return malformed;
    }

    public Layer layer() {
        return layer;
    }

    public String reason() {
        return reason;
    }
}
