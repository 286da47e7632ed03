package io.swapguard.diameter;

/**
 * Input that is not a Diameter message this codec can read. The {@link #reason()} is a short,
 * fixed, lower-case key (e.g. {@code avp-overruns-message}) that the probe counts rejections by.
 * Stack-trace free: it is thrown for input, not for bugs.
 */
public final class DiameterDecodeException extends RuntimeException {

    private final String reason;

    public DiameterDecodeException(String reason) {
        super(reason, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
