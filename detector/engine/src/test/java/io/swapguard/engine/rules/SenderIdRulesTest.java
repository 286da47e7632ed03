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
}
