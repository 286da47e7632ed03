package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_VLR;
import static io.swapguard.engine.Signals.SMSC;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.state.SubscriberState;
import io.swapguard.event.AlertEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** callForwarding on hand-made signalling: what fires, what must not, and the state it leaves. */
class CallForwardingRuleTest extends RuleTest {
    @Test
    void forwardingToAForeignNumberFromInterconnectIsATakeover() {
        atHome(0);
        List<AlertEvent> raised = apply(sig.registerSs(30, IMSI, FOREIGN_GT, 0x21, "447700123456"));
        assertThat(rules(raised)).containsExactly("callForwarding");
        assertThat(raised.get(0).title()).contains("unconditional (CFU)").contains("foreign number")
                .contains("interconnect");
        assertThat(state().cfRisky).isTrue();
        assertThat(state().riskKind).isEqualTo(SubscriberState.RiskKind.CALL_FORWARDING);
    }

    @Test
    void forwardingToVoicemailFromHomeIsNotAndErasingClearsIt() {
        atHome(0);
        assertThat(apply(sig.registerSs(30, IMSI, HOME_VLR, 0x2B, "6281100777"))).isEmpty();
        assertThat(state().cfSsCode).isEqualTo(0x2B);
        apply(sig.eraseSs(40, IMSI, HOME_VLR, 0x2B));
        assertThat(state().cfSsCode).isEqualTo(-1);
    }
}
