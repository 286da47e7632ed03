package io.swapguard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapguard.cli.CliRuns;
import io.swapguard.engine.Detector;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.DiameterEvent;
import io.swapguard.event.EventRecord;
import io.swapguard.event.MapEvent;
import io.swapguard.event.SignalEvent;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.taps.PcapIngest;
import io.swapguard.taps.ProbePipeline;
import io.swapguard.taps.ProbeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An all-LTE population (every phone attaches over S6a, one attach in eight over 2G/3G MAP) with
 * every attack injected: tshark decodes the Diameter with nothing malformed, each attack's frames
 * carry what its ground truth says, the probe decodes every message, and the rules catch every
 * attack and nothing else.
 */
class SimulatorLteTest {

    @TempDir
    static Path dir;
    static Path run;
    static List<JsonNode> truth;
    static List<Map<String, List<String>>> frames;
    static long diameterMessages;
    static long mapMessages;

    @BeforeAll
    static void simulate() throws Exception {
        run = dir.resolve("run");
        List<String> args = new ArrayList<>(List.of("simulate", "--subscribers", "300", "--duration", "6h", "--seed", "7",
                "--lte-share", "1", "--out", run.toString(), "--no-progress", "--warmup", "1h"));
        for (String f : SimulatorTest.FRAUDS) {
            args.add("--fraud");
            args.add(f);
        }
        CliRuns.Result r = CliRuns.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([\\d,]+) MAP and ([\\d,]+) Diameter messages")
                .matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        mapMessages = Long.parseLong(m.group(1).replace(",", ""));
        diameterMessages = Long.parseLong(m.group(2).replace(",", ""));
        ObjectMapper json = new ObjectMapper();
        truth = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("ground-truth.jsonl"))) {
            truth.add(json.readTree(line));
        }
        frames = SimulatorTest.tshark(run.resolve("signalling.pcap"), "diameter.cmd.code", "diameter.flags.request",
                "diameter.User-Name", "diameter.IMEI", "e164.msisdn", "diameter.Origin-Host", "diameter.Origin-Realm",
                "diameter.MME-Name", "e212.mcc", "e212.mnc", "gsm_sms.tp-oa", "gsm_sms.sms_text", "gsm_old.localValue",
                "e212.imsi", "diameter.Result-Code");
    }

    static JsonNode truthOf(String kind) {
        return truth.stream().filter(t -> t.get("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    static List<String> field(JsonNode t, String name) {
        return SimulatorTest.field(frames, t, name);
    }

    @Test
    void tsharkFindsNothingMalformedAndEveryDiameterCommand() throws Exception {
        assertThat(io.swapguard.testkit.Tshark.problemFrames(run.resolve("signalling.pcap"))).as("malformed frames")
                .isZero();
        Set<String> commands = frames.stream().flatMap(f -> f.get("diameter.cmd.code").stream()).collect(Collectors.toSet());
        // AIR, ULR, ECR (S13), SRR (S6c), TFR (SGd), and the IDR of the probing attack.
        assertThat(commands).contains("318", "316", "324", "8388647", "8388646", "319");
        long answers = frames.stream().flatMap(f -> f.get("diameter.Result-Code").stream()).filter("2001"::equals).count();
        long requests = frames.stream().flatMap(f -> f.get("diameter.flags.request").stream()).filter("1"::equals).count();
        assertThat(answers).as("every request answered with DIAMETER_SUCCESS").isEqualTo(requests).isPositive();
    }

    @Test
    void lteSubscribersAlsoAttachOverMapWithTheSameSim() {
        // The same IMSI seen in an S6a ULR and in a MAP UpdateLocation: phones moving between 4G and 2G/3G.
        Set<String> s6a = new HashSet<>();
        Set<String> map = new HashSet<>();
        for (Map<String, List<String>> f : frames) {
            if (f.get("diameter.cmd.code").contains("316")) {
                s6a.addAll(f.get("diameter.User-Name"));
            }
            if (f.get("gsm_old.localValue").contains("2")) {
                map.addAll(f.get("e212.imsi"));
            }
        }
        s6a.retainAll(map);
        assertThat(s6a).hasSizeGreaterThan(10);
        assertThat(mapMessages).isPositive();
    }

    @Test
    void everyDiameterFormOfAnAttackIsOnDiameterAndTheRestOnMap() {
        assertThat(truth).extracting(t -> t.get("kind").asText() + "/" + t.get("signalling").asText()).containsExactly(
                "simSwap/diameter", "simSwapOddRecord/diameter", "deviceSwap/diameter", "simAndDeviceSwap/diameter",
                "ss7Interception/diameter", "callForwardingTakeover/map", "illegalMasking/map", "lookalikeSender/map",
                "category1Probing/diameter", "smsFaking/map");
    }

    @Test
    void simSwapsAttachTheNewImsiOverS6aThenTheOtpArrivesOverSgd() {
        for (String kind : List.of("simSwap", "simSwapOddRecord", "simAndDeviceSwap")) {
            JsonNode t = truthOf(kind);
            assertThat(field(t, "diameter.User-Name")).as(kind).contains(t.get("newImsi").asText())
                    .doesNotContain(t.get("imsi").asText());
            assertThat(field(t, "e164.msisdn")).as(kind).contains(t.get("msisdn").asText());
            assertThat(field(t, "diameter.cmd.code")).as(kind).containsSubsequence("318", "316", "8388647", "8388646");
            assertThat(field(t, "gsm_sms.tp-oa")).as(kind).containsExactly(t.get("senderId").asText());
            assertThat(String.join(" ", field(t, "gsm_sms.sms_text"))).as(kind).containsPattern("\\d{6}");
        }
        assertThat(field(truthOf("simSwap"), "diameter.IMEI")).isEmpty();
        JsonNode both = truthOf("simAndDeviceSwap");
        assertThat(field(both, "diameter.IMEI")).contains(both.get("newImei").asText().substring(0, 14));
        assertThat(field(both, "diameter.cmd.code")).contains("324");
    }

    @Test
    void deviceSwapReportsTheNewHandsetInTerminalInformationAndS13() {
        JsonNode t = truthOf("deviceSwap");
        assertThat(field(t, "diameter.User-Name")).containsOnly(t.get("imsi").asText());
        assertThat(field(t, "diameter.IMEI")).containsOnly(t.get("newImei").asText().substring(0, 14));
        assertThat(field(t, "diameter.cmd.code")).contains("316", "324");
    }

    @Test
    void theS6aHijackComesFromAForeignRealmWithoutAnAirAndTakesTheOtp() {
        JsonNode t = truthOf("ss7Interception");
        String attacker = t.get("attackerHost").asText();
        String realm = attacker.substring(attacker.indexOf('.') + 1);
        assertThat(realm).doesNotContain("mcc510");
        assertThat(field(t, "diameter.Origin-Host")).contains(attacker);
        assertThat(field(t, "diameter.cmd.code")).containsSubsequence("8388647", "316", "8388647", "8388646")
                .doesNotContain("318");
        // The claimed Visited-PLMN-Id is another partner's than the realm's.
        String realmMcc = realm.substring(realm.indexOf(".mcc") + 4, realm.indexOf(".mcc") + 7);
        assertThat(field(t, "e212.mcc")).anyMatch(mcc -> !mcc.equals(realmMcc) && !mcc.equals("510"));
        // SRA names the attacker's MME as serving node; the OTP goes there.
        assertThat(field(t, "diameter.MME-Name")).contains(attacker);
        assertThat(field(t, "gsm_sms.tp-oa")).containsExactly(t.get("senderId").asText());
    }

    @Test
    void probingAsksForTheLocationWithAnIdrFromAForeignRealm() {
        JsonNode t = truthOf("category1Probing");
        assertThat(field(t, "diameter.cmd.code")).containsExactly("319", "319");
        assertThat(field(t, "diameter.Origin-Host")).contains(t.get("attackerHost").asText());
        assertThat(field(t, "diameter.User-Name")).contains(t.get("imsi").asText());
    }

    @Test
    void theProbeDecodesEveryMessageAndTheRulesCatchEveryAttackAndNothingElse() throws Exception {
        DecodeCounters counters = new DecodeCounters();
        List<SignalEvent> events = new ArrayList<>();
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), counters, events::add, null);
        PcapIngest.Result r = new PcapIngest(pipeline).ingest(run.resolve("signalling.pcap"), "sim", 0, 0, n -> { });
        assertThat(r.complete()).isTrue();
        assertThat(counters.snapshot(true)).isEmpty();
        assertThat(counters.decoded(Layer.DIAMETER)).isEqualTo(diameterMessages);
        assertThat(counters.decoded(Layer.TCAP)).isEqualTo(mapMessages);
        assertThat(events.stream().filter(DiameterEvent.class::isInstance).count())
                .as("an event per request and per answer").isEqualTo(diameterMessages);
        assertThat(events).anyMatch(MapEvent.class::isInstance);

        DetectorConfig config = DetectorOnSimulationTest.config(10_000);
        List<AlertEvent> alerts = new ArrayList<>();
        try (SubscriberStore store = SubscriberStore.inMemory(1_000)) {
            Detector detector = new Detector(config, store, io.swapguard.engine.TestSenders.shipped());
            long index = 1;
            for (SignalEvent e : events) {
                alerts.addAll(detector.apply(new EventRecord(index++, e)));
            }
        }
        Evaluation.Result result = Evaluation.score(Evaluation.readGroundTruth(run.resolve("ground-truth.jsonl")), alerts);
        assertThat(result.unexplained()).as("alerts on benign LTE traffic").isEmpty();
        assertThat(result.missed()).as("attacks missed").isEmpty();
        assertThat(result.byRule().values()).allSatisfy(s -> {
            assertThat(s.precision()).as(s.rule()).isEqualTo(1.0);
            assertThat(s.recall()).as(s.rule()).isEqualTo(1.0);
        });
    }
}
