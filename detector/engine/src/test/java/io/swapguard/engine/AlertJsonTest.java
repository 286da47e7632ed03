package io.swapguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapguard.engine.alert.AlertJson;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.Imsi;
import io.swapguard.event.Msisdn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alert as the alerts file and the webhook carry it (docs/rules.md lists the fields). */
class AlertJsonTest {

    static final long T = 1_790_000_000_123_456_789L;

    static AlertEvent alert(Imsi imsi) {
        return new AlertEvent(T, "test", "simSwap", AlertEvent.Severity.HIGH, Msisdn.of("6281100000042"), imsi,
                "SIM swap: 62811******42", List.of(new AlertEvent.Evidence(7, T - 1_000_000_000L, "previous SIM"),
                        new AlertEvent.Evidence(-1, 0, "policy: 72h")), 0x4e2000000007L, 1);
    }

    @Test
    void everyFieldFullOrMasked() throws Exception {
        JsonNode full = new ObjectMapper().readTree(AlertJson.of(alert(Imsi.of("510100000000042")), false));
        assertThat(full.path("id").asText()).isEqualTo(alert(null).id());
        assertThat(full.path("rule").asText()).isEqualTo("simSwap");
        assertThat(full.path("severity").asText()).isEqualTo("high");
        assertThat(full.path("time").asText()).isEqualTo("2026-09-21T14:13:20.123456789Z");
        assertThat(full.path("timeNanos").asLong()).isEqualTo(T);
        assertThat(full.path("msisdn").asText()).isEqualTo("6281100000042");
        assertThat(full.path("imsi").asText()).isEqualTo("510100000000042");
        assertThat(full.path("title").asText()).isEqualTo("SIM swap: 62811******42");
        assertThat(full.path("sourceIndex").asLong()).isEqualTo(0x4e2000000007L);
        assertThat(full.path("ordinal").asInt()).isEqualTo(1);
        JsonNode e0 = full.path("evidence").get(0);
        assertThat(e0.path("index").asLong()).isEqualTo(7);
        assertThat(e0.path("time").asText()).isEqualTo("2026-09-21T14:13:19.123456789Z");
        assertThat(e0.path("text").asText()).isEqualTo("previous SIM");
        JsonNode e1 = full.path("evidence").get(1);
        assertThat(e1.has("index")).as("no journal record behind it").isFalse();
        assertThat(e1.has("time")).as("no time").isFalse();
        assertThat(e1.path("text").asText()).isEqualTo("policy: 72h");

        JsonNode masked = new ObjectMapper().readTree(AlertJson.of(alert(Imsi.of("510100000000042")), true));
        assertThat(masked.path("msisdn").asText()).isEqualTo("62811******42");
        assertThat(masked.path("imsi").asText()).isEqualTo("51010********42");

        JsonNode noImsi = new ObjectMapper().readTree(AlertJson.of(alert(null), false));
        assertThat(noImsi.has("imsi")).isFalse();
    }

    @Test
    void anEvidenceAtIndexZeroKeepsItsIndex() throws Exception {
        AlertEvent a = new AlertEvent(T, "test", "category1", AlertEvent.Severity.MEDIUM, Msisdn.of("6281100000042"),
                null, "t", List.of(new AlertEvent.Evidence(0, T, "the first record")), 0, 0);
        JsonNode e = new ObjectMapper().readTree(AlertJson.of(a, false)).path("evidence").get(0);
        assertThat(e.path("index").asLong()).isZero();
        assertThat(e.has("index")).isTrue();
    }
}
