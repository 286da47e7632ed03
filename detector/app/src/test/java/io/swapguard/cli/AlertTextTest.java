package io.swapguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.AlertEvent;
import io.swapguard.event.Msisdn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How an alert reads in a terminal (detect, demo). */
class AlertTextTest {

    static AlertEvent alert(boolean monitored) {
        return new AlertEvent(1_780_000_000_000_000_000L, "detector", "simSwap", AlertEvent.Severity.HIGH,
                Msisdn.of("6281100000042"), null, "SIM swap: 62811******42", List.of(new AlertEvent.Evidence(7,
                        1_779_999_940_000_000_000L, "InsertSubscriberData from 6281100001")), 8, 0, monitored);
    }

    @Test
    void aHeadlineThenTheEvidenceAndAMonitoredRuleSaysItOnlyWouldAlert() {
        String enforced = AlertText.of(alert(false));
        assertThat(enforced.lines().toList()).containsExactly(
                "2026-05-28T20:26:40Z  HIGH  simSwap  SIM swap: 62811******42",
                "    2026-05-28T20:25:40Z  InsertSubscriberData from 6281100001");
        assertThat(AlertText.of(alert(true)).lines().findFirst().orElseThrow())
                .isEqualTo("2026-05-28T20:26:40Z  HIGH  simSwap  (monitor mode, would alert) SIM swap: 62811******42");
    }
}
