package io.swapguard.sim;

import java.util.List;

/**
 * A registered A2P sender: a bank (or wallet) sending OTP and other messages under an
 * alphanumeric sender ID through the aggregators' SMSCs it has authorised.
 *
 * @param senderId the alphanumeric TP-OA, as registered
 * @param authorisedSmscGts SMSC global titles its traffic may arrive from
 */
public record Bank(String name, String senderId, List<String> authorisedSmscGts) {

    /** The system_id the bank's ESME binds with on the SMPP gate (the account its sender ID is registered for). */
    public String esmeAccount() {
        return senderId.toLowerCase(java.util.Locale.ROOT) + "-otp";
    }

    public static List<Bank> defaults(HomeNetwork home) {
        String aggregator1 = home.smscGts().get(0);
        String aggregator2 = home.smscGts().get(home.smscGts().size() - 1);
        return List.of(
                new Bank("Bank Central Asia", "BCA", List.of(aggregator1)),
                new Bank("Bank Negara Indonesia", "BNI", List.of(aggregator1, aggregator2)),
                new Bank("Bank Mandiri", "MANDIRI", List.of(aggregator2)),
                new Bank("Bank Rakyat Indonesia", "BRI", List.of(aggregator1)),
                new Bank("GoPay", "GOPAY", List.of(aggregator2)));
    }
}
