package io.swapguard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapguard.cli.CliRuns;
import io.swapguard.event.MapEvent;
import io.swapguard.event.SignalEvent;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.taps.PcapIngest;
import io.swapguard.taps.ProbePipeline;
import io.swapguard.taps.ProbeSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small 2G/3G population (no LTE share: {@link SimulatorLteTest} has the LTE one) with every
 * attack injected, checked against tshark (the independent decoder) and the ground truth, and
 * decoded by the probe without a single rejection.
 */
class SimulatorTest {

    @TempDir
    static Path dir;
    static Path run;
    static List<JsonNode> truth;
    static List<Map<String, List<String>>> frames;
    static long mapMessages;

    static final String[] FRAUDS = {"simSwap@2h:11", "simSwapOddRecord@2h10m:12", "deviceSwap@2h20m:13",
        "simAndDeviceSwap@2h30m:14", "ss7Interception@3h:15", "callForwardingTakeover@3h30m:16",
        "illegalMasking@4h:17", "lookalikeSender@4h10m:18", "category1Probing@4h20m:19", "smsFaking@4h30m:20"};

    @BeforeAll
    static void simulate() throws Exception {
        run = dir.resolve("run");
        List<String> args = new ArrayList<>(List.of("simulate", "--subscribers", "300", "--duration", "6h", "--seed", "7",
                "--lte-share", "0", "--out", run.toString(), "--no-progress", "--warmup", "1h"));
        for (String f : FRAUDS) {
            args.add("--fraud");
            args.add(f);
        }
        CliRuns.Result r = CliRuns.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([\\d,]+) MAP and 0 Diameter messages").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        mapMessages = Long.parseLong(m.group(1).replace(",", ""));
        ObjectMapper json = new ObjectMapper();
        truth = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("ground-truth.jsonl"))) {
            truth.add(json.readTree(line));
        }
        frames = tshark(run.resolve("signalling.pcap"), "gsm_old.localValue", "e212.imsi", "e164.msisdn",
                "gsm_map.ms.imeisv", "gsm_map.ms.imei", "gsm_sms.tp-oa", "gsm_sms.sms_text", "sccp.calling.digits",
                "sua.source.global_title_digits", "gsm_map.ss.ss_Code", "gsm_map.sm.serviceCentreAddress",
                "gsm_map.sm.serviceCentreAddressOA", "gsm_old.serviceCentreAddressOA");
        // The link has M2UA and SUA side links: a calling GT is SCCP's, or SUA's own.
        for (Map<String, List<String>> f : frames) {
            List<String> calling = new ArrayList<>(f.get("sccp.calling.digits"));
            calling.addAll(f.get("sua.source.global_title_digits"));
            f.put("calling", calling);
        }
    }

    static JsonNode truthOf(String kind) {
        return truth.stream().filter(t -> t.get("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    /** Every value tshark decoded for one field in the frames of an attack. */
    static List<String> field(JsonNode t, String name) {
        return field(frames, t, name);
    }

    static List<String> field(List<Map<String, List<String>>> frames, JsonNode t, String name) {
        List<String> all = new ArrayList<>();
        for (JsonNode f : t.get("frames")) {
            all.addAll(frames.get(f.asInt() - 1).get(name));
        }
        return all;
    }

    /** An international ISDN AddressString as tshark prints its bytes: 91, then the TBCD digits. */
    static String addressString(String digits) {
        String d = digits.length() % 2 == 1 ? digits + "f" : digits;
        StringBuilder s = new StringBuilder("91");
        for (int i = 0; i < d.length(); i += 2) {
            s.append(d.charAt(i + 1)).append(d.charAt(i));
        }
        return s.toString();
    }

    static String imeisvTbcd(String imei15) {
        String sv = imei15.substring(0, 14) + "03";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < sv.length(); i += 2) {
            s.append(sv.charAt(i + 1)).append(sv.charAt(i));
        }
        return s.toString();
    }

    @Test
    void tsharkFindsNothingMalformedAndEveryKindOfMessage() throws Exception {
        Process p = new ProcessBuilder("tshark", "-n", "-r", run.resolve("signalling.pcap").toString(), "-Y",
                "_ws.malformed || _ws.expert.severity == error").redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        assertThat(out.lines().filter(l -> !l.isBlank()).count()).as("malformed frames").isZero();
        Map<String, Integer> ops = new HashMap<>();
        frames.forEach(f -> f.get("gsm_old.localValue").forEach(v -> ops.merge(v, 1, Integer::sum)));
        // Background life: SAI, UL, ISD, CheckIMEI, SRI-SM, MT-FSM, MO-FSM; attacks: SS, ATI, SendIMSI, SRI.
        assertThat(ops.keySet()).contains("56", "2", "7", "43", "45", "44", "46", "10", "12", "71", "58", "22");
    }

    @Test
    void groundTruthHasEveryInjectedAttack() {
        assertThat(truth).extracting(t -> t.get("kind").asText()).containsExactly("simSwap", "simSwapOddRecord",
                "deviceSwap", "simAndDeviceSwap", "ss7Interception", "callForwardingTakeover", "illegalMasking",
                "lookalikeSender", "category1Probing", "smsFaking");
        assertThat(truth).allSatisfy(t -> {
            assertThat(t.get("frames").size()).isPositive();
            assertThat(t.get("endNanos").asLong()).isGreaterThanOrEqualTo(t.get("timeNanos").asLong());
        });
    }

    @Test
    void simSwapsCarryTheNewImsiForTheVictimsNumberThenAnOtp() throws IOException {
        for (String kind : List.of("simSwap", "simSwapOddRecord", "simAndDeviceSwap")) {
            JsonNode t = truthOf(kind);
            assertThat(t.get("newImsi").asText()).isNotEqualTo(t.get("imsi").asText());
            assertThat(field(t, "e212.imsi")).as(kind).contains(t.get("newImsi").asText())
                    .doesNotContain(t.get("imsi").asText());
            assertThat(field(t, "e164.msisdn")).as(kind).contains(t.get("msisdn").asText());
            assertThat(field(t, "gsm_old.localValue")).as(kind).contains("56", "2", "7", "45")
                    .containsAnyOf("44", "46"); // MT-ForwardSM (v3) or forwardSM (v2, v1)
            assertThat(field(t, "gsm_sms.tp-oa")).as(kind).containsExactly(t.get("senderId").asText());
            assertThat(String.join(" ", field(t, "gsm_sms.sms_text"))).as(kind).containsPattern("\\d{6}");
        }
        assertThat(field(truthOf("simSwap"), "gsm_map.ms.imeisv")).isEmpty(); // no handset reported
        JsonNode both = truthOf("simAndDeviceSwap");
        assertThat(field(both, "gsm_map.ms.imeisv")).contains(imeisvTbcd(both.get("newImei").asText()));
        String csv = Files.readString(run.resolve("provisioning.csv"));
        JsonNode odd = truthOf("simSwapOddRecord");
        assertThat(csv).contains("simReplacement," + odd.get("msisdn").asText() + "," + odd.get("newImsi").asText() + ","
                + odd.get("imsi").asText() + ",,web-selfcare");
        assertThat(csv).doesNotContain("," + truthOf("simSwap").get("msisdn").asText() + ",");
    }

    @Test
    void deviceSwapReportsTheNewHandsetForTheSameSim() {
        JsonNode t = truthOf("deviceSwap");
        assertThat(t.has("newImsi")).isFalse();
        assertThat(field(t, "e212.imsi")).containsOnly(t.get("imsi").asText());
        assertThat(field(t, "gsm_map.ms.imeisv")).contains(imeisvTbcd(t.get("newImei").asText()));
        assertThat(t.get("newImei").asText().substring(0, 8)).isNotEqualTo(t.get("imei").asText().substring(0, 8));
    }

    @Test
    void ss7InterceptionComesFromAForeignGtAndRoutesTheOtpThere() {
        JsonNode t = truthOf("ss7Interception");
        String attacker = t.get("attackerGt").asText();
        assertThat(attacker).doesNotStartWith("62");
        assertThat(field(t, "calling")).contains(attacker);
        assertThat(field(t, "gsm_old.localValue")).containsSubsequence("45", "2", "7", "45", "44")
                .doesNotContain("56"); // no authentication before the UpdateLocation
        String attackerPrefix = attacker.substring(0, attacker.length() - 3);
        // SRI-SM answers with the attacker's MSC; the MT-ForwardSM is addressed to it.
        assertThat(field(t, "e164.msisdn")).anyMatch(n -> n.startsWith(attackerPrefix) && !n.equals(attacker));
        assertThat(field(t, "e212.imsi")).contains(t.get("imsi").asText());
    }

    @Test
    void callForwardingTakeoverRegistersActivatesAndDivertsTheVoiceOtp() {
        JsonNode t = truthOf("callForwardingTakeover");
        assertThat(field(t, "gsm_old.localValue")).containsSubsequence("10", "12", "22");
        assertThat(field(t, "gsm_map.ss.ss_Code")).contains("33");
        assertThat(field(t, "calling")).contains(t.get("attackerGt").asText());
        String forwardTo = t.get("detail").asText().split(" ")[2];
        assertThat(field(t, "e164.msisdn")).contains(forwardTo);
    }

    @Test
    void maskingAndLookalikesUseTheBanksNameFromElsewhere() {
        JsonNode masking = truthOf("illegalMasking");
        assertThat(field(masking, "gsm_sms.tp-oa")).containsExactly(masking.get("senderId").asText());
        assertThat(field(masking, "calling")).contains(masking.get("attackerGt").asText());
        assertThat(masking.get("attackerGt").asText()).doesNotStartWith("62");
        // SMS faking: the SM-RP-OA and the SRI-SM's service centre claim the bank's SMSC, the
        // calling party is foreign.
        JsonNode faking = truthOf("smsFaking");
        assertThat(field(faking, "gsm_sms.tp-oa")).containsExactly(faking.get("senderId").asText());
        String claimed = faking.get("detail").asText().replaceAll(".* ", "");
        assertThat(claimed).startsWith("62");
        assertThat(field(faking, "calling")).contains(faking.get("attackerGt").asText()).doesNotContain(claimed);
        assertThat(faking.get("attackerGt").asText()).doesNotStartWith("62");
        String address = addressString(claimed);
        assertThat(field(faking, "gsm_map.sm.serviceCentreAddress")).as("SRI-SM service centre").contains(address);
        List<String> oa = new ArrayList<>(field(faking, "gsm_map.sm.serviceCentreAddressOA"));
        oa.addAll(field(faking, "gsm_old.serviceCentreAddressOA")); // forwardSM of v1 and v2
        assertThat(oa).as("SM-RP-OA").contains(address);
        JsonNode lookalike = truthOf("lookalikeSender");
        assertThat(field(lookalike, "gsm_sms.tp-oa")).containsExactly(lookalike.get("senderId").asText());
        assertThat(lookalike.get("detail").asText()).contains("imitating");
    }

    @Test
    void category1ProbingAsksLocationImsiAndRouting() {
        JsonNode t = truthOf("category1Probing");
        assertThat(field(t, "gsm_old.localValue")).containsSubsequence("71", "71", "58", "58", "22", "22");
        assertThat(field(t, "calling")).contains(t.get("attackerGt").asText());
    }

    @Test
    void theProbeDecodesEveryFrameWithoutARejection() throws Exception {
        DecodeCounters counters = new DecodeCounters();
        List<SignalEvent> events = new ArrayList<>();
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), counters, events::add, null);
        PcapIngest.Result r = new PcapIngest(pipeline).ingest(run.resolve("signalling.pcap"), "sim", 0, 0, n -> { });
        assertThat(r.complete()).isTrue();
        assertThat(counters.snapshot(true)).isEmpty();
        long components = frames.stream().mapToLong(f -> f.get("gsm_old.localValue").size()).sum();
        assertThat(events).hasSizeGreaterThan((int) (components * 0.9));
        // Every MAP message the simulator says it sent, decoded once (some frames bundle two).
        assertThat(counters.decoded(Layer.TCAP)).isEqualTo(mapMessages);
        assertThat(r.frames()).isLessThanOrEqualTo(mapMessages);
        // The SIM swap victim's number appears with both SIMs in the probe's events.
        JsonNode swap = truthOf("simSwap");
        assertThat(events.stream().map(MapEvent.class::cast)
                .filter(e -> e.msisdn() != null && e.msisdn().digits().equals(swap.get("msisdn").asText()) && e.imsi() != null)
                .map(e -> e.imsi().digits()).distinct().toList())
                .contains(swap.get("imsi").asText(), swap.get("newImsi").asText());
    }

    @Test
    void segmentedXudtCarriesTheSameMessagesAndTsharkReassemblesThem() throws Exception {
        Path plain = dir.resolve("plain");
        Path segmented = dir.resolve("segmented");
        for (Object[] x : new Object[][] {{plain, "0"}, {segmented, "40"}}) {
            CliRuns.Result r = CliRuns.run("simulate", "--subscribers", "60", "--duration", "2h", "--seed", "3",
                    "--random-frauds", "9", "--segment-above", (String) x[1], "--out", x[0].toString(), "--no-progress");
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        Process p = new ProcessBuilder("tshark", "-n", "-r", segmented.resolve("signalling.pcap").toString(), "-Y",
                "_ws.malformed || _ws.expert.severity == error").start();
        String bad = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        assertThat(bad.lines().filter(l -> !l.isBlank()).count()).as("malformed frames").isZero();
        Process q = new ProcessBuilder("tshark", "-n", "-r", segmented.resolve("signalling.pcap").toString(), "-Y",
                "sccp.segmentation.remaining == 0 && sccp.message_type == 0x11", "-T", "fields", "-e", "frame.number").start();
        long reassembled = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().count();
        q.waitFor(120, TimeUnit.SECONDS);
        assertThat(reassembled).as("last segments of XUDT messages tshark found").isPositive();

        List<String> a = decoded(plain);
        List<String> b = decoded(segmented);
        assertThat(b).as("the probe reassembles the same MAP messages").isEqualTo(a);
        assertThat(CliRuns.run("simulate", "--segment-above", "999", "--out", dir.resolve("x").toString()).exitCode())
                .isEqualTo(2);
    }

    private static List<String> decoded(Path run) throws IOException {
        DecodeCounters counters = new DecodeCounters();
        List<String> events = new ArrayList<>();
        // Everything but the time: a reassembled message is captured when its last segment is.
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), counters, e -> {
            String line = io.swapguard.cli.CliRuns.eventLine(e);
            events.add(line.substring(line.indexOf("  ") + 2));
        }, null);
        new PcapIngest(pipeline).ingest(run.resolve("signalling.pcap"), "sim", 0, 0, n -> { });
        assertThat(counters.snapshot(true)).isEmpty();
        return events;
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        for (Object[] x : new Object[][] {{a, "5"}, {b, "5"}, {c, "6"}}) {
            CliRuns.Result r = CliRuns.run("simulate", "--subscribers", "100", "--duration", "2h", "--seed", (String) x[1],
                    "--random-frauds", "9", "--out", x[0].toString(), "--no-progress");
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        for (String f : List.of("signalling.pcap", "provisioning.csv", "ground-truth.jsonl")) {
            assertThat(Files.readAllBytes(a.resolve(f))).as(f).isEqualTo(Files.readAllBytes(b.resolve(f)));
        }
        assertThat(Arrays.equals(Files.readAllBytes(a.resolve("signalling.pcap")),
                Files.readAllBytes(c.resolve("signalling.pcap")))).isFalse();
    }

    static List<Map<String, List<String>>> tshark(Path pcap, String... fields) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-T", "fields", "-E",
                "occurrence=a", "-E", "aggregator=\u0001", "-E", "separator=\u0002"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        List<Map<String, List<String>>> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] cols = line.split("\u0002", -1);
            Map<String, List<String>> row = new HashMap<>();
            for (int i = 0; i < fields.length; i++) {
                String v = i < cols.length ? cols[i] : "";
                row.put(fields[i], v.isEmpty() ? List.of() : Arrays.asList(v.split("\u0001", -1)));
            }
            rows.add(row);
        }
        return rows;
    }
}
