package io.swapguard.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swapguard.event.SmppEvent;
import io.swapguard.smpp.SmppStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * The gate between node-smpp (the npm package {@code smpp}) peers, an SMPP stack we did not
 * write: 1,000 ESME sessions at once, each its own account, each with one OTP, every third of
 * them to a swapped number; the receipts of the rest come back to the session that submitted.
 * The scripts are in {@code src/test/node}, installed by {@code .ci/test}.
 */
class GateNodeSmppTest {

    static final Path NODE_DIR = Path.of("src", "test", "node");
    static final String SWAPPED = "6281100000042";
    static final int SESSIONS = 1000;

    @Test
    void aThousandSessionsAtOnceEachGetTheirOwnAnswersAndReceipts() throws Exception {
        assertThat(NODE_DIR.resolve("node_modules").resolve("smpp"))
                .as("node-smpp is installed (npm ci in %s; .ci/test does it)", NODE_DIR.toAbsolutePath()).exists();
        Process smsc = new ProcessBuilder("node", "smsc.js").directory(NODE_DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        LongAdder journalled = new LongAdder();
        List<JsonNode> received = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(smsc.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertThat(first).startsWith("listening ");
            int smscPort = Integer.parseInt(first.substring("listening ".length()));
            Thread reader = new Thread(() -> {
                try {
                    for (String line; (line = out.readLine()) != null;) {
                        synchronized (received) {
                            received.add(json.readTree(line));
                        }
                    }
                } catch (Exception e) {
                    // the SMSC ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            SubmissionJudge judge = s -> s.destination().value().equals(SWAPPED)
                    ? new SubmissionJudge.Verdict(false, "simSwap", "SIM swapped 5 min ago")
                    : SubmissionJudge.Verdict.NOTHING_AGAINST;
            try (SmppGate gate = new SmppGate(GateConfig.defaults(smscPort), judge, e -> journalled.increment(),
                    new SimpleMeterRegistry(), 2)) {
                Process esme = new ProcessBuilder("node", "esme.js", Integer.toString(gate.port()),
                        Integer.toString(SESSIONS), SWAPPED).directory(NODE_DIR.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String summary = new String(esme.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(esme.waitFor(90, TimeUnit.SECONDS)).isTrue();
                assertThat(esme.exitValue()).as(summary).isZero();
                JsonNode s = json.readTree(summary);
                int blocked = (SESSIONS + 2) / 3;
                assertThat(s.get("bound").asInt()).isEqualTo(SESSIONS);
                assertThat(s.get("statuses").get("0").asInt()).isEqualTo(SESSIONS - blocked);
                assertThat(s.get("statuses").get(Integer.toString(SmppStatus.ESME_RSUBMITFAIL)).asInt())
                        .isEqualTo(blocked);
                assertThat(s.get("receipts").asInt()).isEqualTo(SESSIONS - blocked);
                assertThat(s.get("foreignReceipts").asInt()).isZero();
                assertThat(s.get("unbound").asInt()).isEqualTo(SESSIONS);
                assertThat(gate.metrics().count("swapguard.gate.decisions", SmppEvent.Decision.BLOCKED.label(),
                        "simSwap")).isEqualTo(blocked);
            }
            synchronized (received) {
                assertThat(received).hasSize(SESSIONS - blocked(SESSIONS));
                assertThat(received).noneMatch(r -> r.get("destination").asText().equals(SWAPPED));
                // Pass-through binds: the SMSC saw each ESME's own account.
                assertThat(received.stream().map(r -> r.get("system_id").asText()).distinct().count())
                        .isEqualTo(SESSIONS - blocked(SESSIONS));
            }
            // Every submission and every receipt journalled.
            assertThat(journalled.sum()).isEqualTo(SESSIONS + SESSIONS - blocked(SESSIONS));
        } finally {
            smsc.destroy();
            smsc.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static int blocked(int sessions) {
        return (sessions + 2) / 3;
    }
}
