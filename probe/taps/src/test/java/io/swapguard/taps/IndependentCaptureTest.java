package io.swapguard.taps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapguard.event.ComponentType;
import io.swapguard.event.MapEvent;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.testkit.Tshark;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture the probe's authors did not encode: {@code src/test/python/forge_map.py} builds each
 * frame's BER by hand from the ASN.1 (no code shared with the simulator's encoders) and writes
 * the ground truth beside it. It holds the classes other networks send: MAP v1 dialogues (no
 * dialogue portion, forwardSM both ways), parameters the full decoder refuses (a missing mandatory
 * element, an odd vendor element) whose identities must still be journalled as partial events, and
 * the FS.11 operations the full decoder does not model. tshark is the second oracle.
 */
class IndependentCaptureTest {

    static final long START_NANOS = 1_780_000_000L * 1_000_000_000L;

    @TempDir
    static Path dir;
    static Path capture;
    static JsonNode truth;
    static DecodeCounters counters = new DecodeCounters();
    static List<MapEvent> events;

    @BeforeAll
    static void forge() throws Exception {
        capture = dir.resolve("forged.pcap");
        Process p = new ProcessBuilder("python3", "src/test/python/forge_map.py", capture.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("forge_map.py: " + out).isZero();
        truth = new ObjectMapper().readTree(dir.resolve("forged.pcap.json").toFile());
        events = TsharkOracleTest.decode(capture, counters);
    }

    static List<MapEvent> frame(int number) {
        long t = START_NANOS + (number - 1) * 1_000_000L;
        return events.stream().filter(e -> e.captureNanos() == t).toList();
    }

    @Test
    void everyFrameYieldsWhatItsAsn1Says() {
        assertThat(truth.size()).isGreaterThan(20);
        for (JsonNode want : truth) {
            String name = want.get("name").asText();
            List<MapEvent> ours = frame(want.get("frame").asInt());
            if (want.has("none")) {
                assertThat(ours).as(name + ": not MAP").isEmpty();
                continue;
            }
            assertThat(ours).as(name).hasSize(1);
            MapEvent e = ours.get(0);
            assertThat(e.opCode()).as(name + ": operation").isEqualTo(want.get("op").asInt());
            assertThat(e.component()).as(name + ": component").isEqualTo(ComponentType.valueOf(want.get("component").asText()));
            assertThat(e.applicationContextVersion()).as(name + ": MAP version").isEqualTo(want.get("version").asInt());
            assertThat(e.partial()).as(name + ": partial").isEqualTo(want.get("partial").asBoolean());
            assertThat(e.calling().gtDigits()).as(name + ": calling GT").isEqualTo(want.get("calling").asText());
            assertThat(e.called().gtDigits()).as(name + ": called GT").isEqualTo(want.get("called").asText());
            assertThat(e.imsi() == null ? null : e.imsi().digits()).as(name + ": IMSI").isEqualTo(text(want, "imsi"));
            assertThat(e.msisdn() == null ? null : e.msisdn().digits()).as(name + ": MSISDN").isEqualTo(text(want, "msisdn"));
            assertThat(e.imei() == null ? null : e.imei().digits()).as(name + ": IMEI").isEqualTo(text(want, "imei"));
            assertThat(e.vlrNumber()).as(name + ": VLR").isEqualTo(text(want, "vlr"));
            assertThat(e.mscNumber()).as(name + ": MSC").isEqualTo(text(want, "msc"));
            assertThat(e.smscAddress()).as(name + ": SMSC").isEqualTo(text(want, "smsc"));
            assertThat(e.forwardedToNumber()).as(name + ": forwarded-to").isEqualTo(text(want, "forwardedTo"));
            assertThat(e.ssCode()).as(name + ": SS code").isEqualTo(want.has("ssCode") ? want.get("ssCode").asInt() : -1);
            if (want.has("sms")) {
                assertThat(e.sms()).as(name + ": SMS").isNotNull();
                assertThat(e.sms().type().name()).as(name + ": TPDU").isEqualTo(want.get("sms").asText());
                assertThat(e.sms().text()).as(name + ": text").isEqualTo(want.get("text").asText());
                assertThat(e.sms().originator() == null ? null : e.sms().originator().value())
                        .as(name + ": TP-OA").isEqualTo(text(want, "originator"));
                assertThat(e.sms().destination() == null ? null : e.sms().destination().value())
                        .as(name + ": TP-DA").isEqualTo(text(want, "destination"));
            } else {
                assertThat(e.sms()).as(name + ": SMS").isNull();
            }
        }
    }

    @Test
    void eachRefusedParameterIsCountedOnceByReason() {
        long partial = events.stream().filter(MapEvent::partial).count();
        assertThat(partial).isEqualTo(3);
        assertThat(counters.rejected(Layer.MAP, "malformed-parameter")).isEqualTo(partial);
        assertThat(counters.rejectedTotal()).isEqualTo(partial);
        assertThat(counters.decoded(Layer.MAP)).isEqualTo(events.size() - partial);
    }

    @Test
    void aDialogueWithoutADialoguePortionToCapsSubsystemIsNotTakenForMapV1() {
        assertThat(counters.ignored(Layer.TCAP, "non-map-application-context")).isEqualTo(1);
    }

    @Test
    void tsharkShowsNothingWeMiss() throws Exception {
        // tshark flags what our full decoder refused too (a missing mandatory element), never more.
        List<Integer> partialFrames = new java.util.ArrayList<>();
        truth.forEach(n -> {
            if (n.path("partial").asBoolean()) {
                partialFrames.add(n.get("frame").asInt());
            }
        });
        assertThat(Tshark.problemFrameNumbers(capture)).as("frames tshark reports as malformed")
                .isSubsetOf(partialFrames);
        List<Map<String, List<String>>> frames = Tshark.fields(capture, "gsm_old.localValue", "e212.imsi",
                "e164.msisdn", "gsm_sms.sms_text", "gsm_sms.tp-oa", "gsm_sms.tp-da", "gsm_map.ss.ss_Code");
        assertThat(frames).hasSize(truth.size());
        for (Map<String, List<String>> f : frames) {
            int number = Integer.parseInt(f.get("frame.number").get(0));
            List<MapEvent> ours = frame(number);
            String name = truth.get(number - 1).get("name").asText();
            if (truth.get(number - 1).has("none")) {
                continue; // CAP: tshark decodes it as CAMEL, the probe leaves it (counted below)
            }
            assertThat(ours.stream().map(e -> Integer.toString(e.opCode())).toList()).as(name + ": operation")
                    .containsExactlyElementsOf(f.get("gsm_old.localValue"));
            Set<String> imsis = TsharkOracleTest.values(ours, e -> e.imsi() == null ? null : e.imsi().digits());
            assertThat(imsis).as(name + ": IMSIs").containsAll(f.get("e212.imsi"));
            Set<String> numbers = TsharkOracleTest.numbersOf(ours);
            assertThat(numbers).as(name + ": E.164 numbers").containsAll(f.get("e164.msisdn"));
            assertThat(TsharkOracleTest.values(ours, e -> e.sms() == null ? null : e.sms().text()))
                    .as(name + ": SMS text").containsAll(f.get("gsm_sms.sms_text"));
            assertThat(TsharkOracleTest.values(ours, e -> e.sms() == null || e.sms().originator() == null ? null
                    : e.sms().originator().value())).as(name + ": TP-OA").containsAll(f.get("gsm_sms.tp-oa"));
            assertThat(TsharkOracleTest.values(ours, e -> e.sms() == null || e.sms().destination() == null ? null
                    : e.sms().destination().value())).as(name + ": TP-DA").containsAll(f.get("gsm_sms.tp-da"));
            assertThat(TsharkOracleTest.values(ours, e -> e.ssCode() < 0 ? null : Integer.toString(e.ssCode())))
                    .as(name + ": SS code").containsAll(f.get("gsm_map.ss.ss_Code"));
        }
    }

    @Test
    void theForgeCoversTheOperationsOfTheFs11Lists() {
        Set<Integer> ops = new HashSet<>();
        for (JsonNode want : truth) {
            if (want.has("op")) {
                ops.add(want.get("op").asInt());
            }
        }
        assertThat(ops).contains(24, 8, 83, 85, 62, 65, 57, 9, 5, 66, 64, 47, 63, 67, 46, 2, 44, 10, 45);
    }

    private static String text(JsonNode n, String field) {
        return n.has(field) ? n.get(field).asText() : null;
    }

}
