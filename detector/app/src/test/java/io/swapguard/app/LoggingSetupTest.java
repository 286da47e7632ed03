package io.swapguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapguard.config.LoggingConfig;
import io.swapguard.event.Msisdn;
import io.swapguard.event.SubscriberMasking;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingSetupTest {

    private final PrintStream originalErr = System.err;

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        LoggingSetup.apply(LoggingConfig.defaults());
    }

    private String logOnce(LoggingConfig config) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LoggingSetup.apply(config);
        LoggerFactory.getLogger("swapguard.test").warn("subscriber {} swapped", Msisdn.of("6281234567890"));
        LoggerFactory.getLogger("swapguard.test").debug("not at WARN level");
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonLinesWithMaskedSubscribers() throws Exception {
        String out = logOnce(new LoggingConfig(LoggingConfig.Format.json, LoggingConfig.Level.WARN, null));
        assertThat(out.lines().toList()).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(out.lines().findFirst().orElseThrow());
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("loggerName").asText()).isEqualTo("swapguard.test");
        assertThat(line.get("formattedMessage").asText()).isEqualTo("subscriber 62812******90 swapped");
        assertThat(out).doesNotContain("6281234567890");
    }

    @Test
    void humanLinesAndMaskingCanBeTurnedOff() {
        String out = logOnce(new LoggingConfig(LoggingConfig.Format.human, LoggingConfig.Level.DEBUG, false));
        assertThat(out).contains("WARN  swapguard.test - subscriber 6281234567890 swapped");
        assertThat(out).contains("not at WARN level");
        assertThat(SubscriberMasking.enabled()).isFalse();
    }
}
