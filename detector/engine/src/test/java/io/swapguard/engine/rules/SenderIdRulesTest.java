package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_VLR;
import static io.swapguard.engine.Signals.SMSC;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.AlertEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** illegalMasking and lookalikeSender on hand-made signalling: what fires, what must not, and the state it leaves. */
class SenderIdRulesTest extends RuleTest {
    @Test
    void aRegisteredSenderFromAnotherSmscIsIllegalMasking() {
        atHome(0);
        assertThat(apply(sig.mtSms(5, SMSC, "6281100102", MSISDN, IMSI, "BCA", "Transaksi berhasil"))).isEmpty();
        List<AlertEvent> raised = apply(sig.mtSms(6, "6281100910", "6281100102", MSISDN, IMSI, "BCA", "Promo"));
        assertThat(rules(raised)).containsExactly("illegalMasking");
        assertThat(raised.get(0).title()).contains("BCA").contains("Bank Central Asia").contains("6281100910");
    }

    @Test
    void aLookalikeOfARegisteredSenderIsFlaggedAndAnHonestBrandIsNot() {
        atHome(0);
        assertThat(rules(apply(sig.mtSms(5, SMSC, "6281100102", MSISDN, IMSI, "8CA", "Akun diblokir"))))
                .containsExactly("lookalikeSender");
        assertThat(apply(sig.mtSms(30, SMSC, "6281100102", MSISDN, IMSI, "BCAF", "Angsuran Anda"))).isEmpty();
    }

    @Test
    void anSmscAddressTheSenderDidNotSendFromIsSmsFakingWhateverTheSenderId() {
        atHome(0);
        // SM-RP-OA claims BCA's authorised SMSC, but the network saw a foreign GT send it.
        List<AlertEvent> raised = apply(sig.mtSmsClaiming(5, FOREIGN_GT, SMSC, "6281100102", MSISDN, IMSI, "BCA",
                "BCA: Akun Anda diblokir"));
        assertThat(rules(raised)).containsExactly("illegalMasking");
        assertThat(raised.get(0).title()).contains("claims service centre " + SMSC).contains("foreign GT " + FOREIGN_GT);
        assertThat(raised.get(0).evidence().get(0).text()).contains("SM-RP-OA " + SMSC).contains(FOREIGN_GT)
                .contains("authorised on: " + SMSC);
        // A numeric sender claiming a home SMSC from abroad is the same fraud.
        assertThat(rules(apply(sig.mtSmsClaiming(200, FOREIGN_GT, "6281100910", "6281100102", MSISDN, IMSI,
                "6281299990000", "Paket Anda tertahan")))).containsExactly("illegalMasking");
        // Another home node than the authorised SMSC sending BCA's traffic with its address: also faking.
        assertThat(rules(apply(sig.mtSmsClaiming(400, "6281100910", SMSC, "6281100102", MSISDN, IMSI, "BCA",
                "BCA: Transaksi")))).containsExactly("illegalMasking");
    }

    @Test
    void whenTheClaimedSmscIsTheCallingPartyNothingIsSpoofed() {
        atHome(0);
        assertThat(apply(sig.mtSmsClaiming(5, SMSC, SMSC, "6281100102", MSISDN, IMSI, "BCA", "BCA: Transaksi")))
                .isEmpty();
        // A foreign SMSC that says who it is delivers a foreign sender's SMS: nothing to see.
        assertThat(apply(sig.mtSmsClaiming(6, FOREIGN_GT, FOREIGN_GT, "6281100102", MSISDN, IMSI, "6599990000",
                "hi"))).isEmpty();
    }

    @Test
    void anSriSmFromAbroadClaimingOurServiceCentreIsFlagged() {
        atHome(0);
        List<AlertEvent> raised = apply(sig.sriSm(5, FOREIGN_GT, SMSC, MSISDN));
        assertThat(rules(raised)).containsExactly("illegalMasking");
        assertThat(raised.get(0).title()).contains("SendRoutingInfoForSM").contains(FOREIGN_GT).contains(SMSC);
        // A foreign SMSC asking with its own address is how SMS from abroad are delivered.
        assertThat(apply(sig.sriSm(100, FOREIGN_GT, FOREIGN_GT, MSISDN))).isEmpty();
    }
}
