package io.swapguard.smpp;

/**
 * An SMPP address: type of number, numbering plan indicator and the address itself (digits, or
 * alphanumeric for a sender ID such as "BCA").
 */
public record SmppAddress(int ton, int npi, String address) {

    public static final int TON_UNKNOWN = 0, TON_INTERNATIONAL = 1, TON_ALPHANUMERIC = 5;

    public SmppAddress {
        if (ton < 0 || ton > 255 || npi < 0 || npi > 255) {
            throw new IllegalArgumentException("ton and npi are octets");
        }
        address = address == null ? "" : address;
    }
}
