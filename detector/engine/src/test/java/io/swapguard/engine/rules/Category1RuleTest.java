package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_VLR;
import static io.swapguard.engine.Signals.SMSC;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.AlertEvent;
import io.swapguard.event.MapOperation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** category1 on hand-made signalling: what fires, what must not, and the state it leaves. */
class Category1RuleTest extends RuleTest {
    @Test
    void anyTimeInterrogationFromAbroadIsFlaggedAndFromHomeIsNot() {
        atHome(0);
        assertThat(apply(sig.invoke(5, MapOperation.ANY_TIME_INTERROGATION, "6281100500", MSISDN, null))).isEmpty();
        List<AlertEvent> raised = apply(sig.invoke(6, MapOperation.ANY_TIME_INTERROGATION, FOREIGN_GT, MSISDN, null));
        assertThat(rules(raised)).containsExactly("category1");
        assertThat(raised.get(0).severity()).isEqualTo(AlertEvent.Severity.MEDIUM);
    }

    @Test
    void sendImsiFromAbroadFindsTheSubscriberByNumber() {
        atHome(0);
        assertThat(rules(apply(sig.invoke(6, MapOperation.SEND_IMSI, FOREIGN_GT, MSISDN, null))))
                .containsExactly("category1");
    }
}
