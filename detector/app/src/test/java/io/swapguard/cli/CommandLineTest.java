package io.swapguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapguard.event.ComponentType;
import io.swapguard.event.EventRecord;
import io.swapguard.event.MapEvent;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.event.SignalEvent;
import io.swapguard.event.SubscriberMasking;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalSettings;
import io.swapguard.journal.JournalTailer;
import io.swapguard.sim.HomeNetwork;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @AfterEach
    void restoreMasking() {
        SubscriberMasking.enabled(true);
    }

    /** A journal holding one round of the demo story, decoded by the probe from its capture. */
    private Path journalWithStory() {
        CliRun demo = CliRun.of("demo", "--pace", "0", "--data", dir.toString());
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        return dir.resolve("round-0").resolve("journal");
    }

    /** How many records the journal holds, read with the library rather than the CLI. */
    private static int recordsIn(Path journal) {
        int n = 0;
        try (Journal j = Journal.openExisting(JournalSettings.of(journal)); JournalTailer t = j.anonymousTailer()) {
            while (t.next() != null) {
                n++;
            }
        }
        return n;
    }

    @Test
    void demoDecodesTheStorysCaptureAndReadsEveryEventBack() throws Exception {
        CliRun run = CliRun.of("demo", "--pace", "0", "--data", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        int records = recordsIn(dir.resolve("round-0").resolve("journal"));
        assertThat(records).isGreaterThan(40);
        assertThat(run.out()).contains(records + " events journalled and read back (0 unreadable)");
        assertThat(run.out()).contains("(0 malformed)");
        assertThat(run.out().lines().filter(l -> l.startsWith("  seen ")).count()).isEqualTo(records);
        // The attacks the simulator injected are listed from its ground truth, and their traffic was seen.
        List<JsonNode> truth = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("round-0").resolve("ground-truth.jsonl"))) {
            truth.add(parse(line));
        }
        assertThat(truth).extracting(t -> t.get("kind").asText()).containsExactly("simSwap", "ss7Interception",
                "callForwardingTakeover", "illegalMasking", "category1Probing");
        assertThat(run.out()).contains("attacks injected").contains("simSwap").contains("category1Probing");
        String forwarding = truth.get(2).get("attackerGt").asText();
        assertThat(run.out()).contains("registerSS invoke [begin] from " + forwarding);
        // Half the phones are on LTE: the SIM swap and the probing are played over Diameter.
        assertThat(truth).extracting(t -> t.get("signalling").asText()).containsExactly("diameter", "map", "map", "map",
                "diameter");
        assertThat(run.out()).contains("diameter IDR from " + truth.get(4).get("attackerHost").asText());
        assertThat(run.out()).contains("diameter ULA from hss1.epc.mnc010.mcc510.3gppnetwork.org");
        // Masked like logs: the fraudster's full IMSI never appears, nor an OTP code.
        assertThat(run.out()).doesNotContain(truth.get(0).get("newImsi").asText());
        assertThat(run.out()).doesNotContainPattern("\\d{6}\\. JANGAN");
        // The capture and BSS records the probe read are kept with --data.
        assertThat(Files.exists(dir.resolve("round-0").resolve("signalling.pcap"))).isTrue();
    }

    @Test
    void demoShowsEachAttacksAlertsWithEvidenceTheScoreAndTheVictimsTimeline() throws Exception {
        CliRun run = CliRun.of("demo", "--pace", "0", "--data", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String out = run.out();
        for (String rule : List.of("simSwap", "otpWatch", "locationHijack", "callForwarding", "illegalMasking",
                "category1")) {
            assertThat(out).as(rule).containsPattern("  ALERT \\S+  (LOW|MEDIUM|HIGH|CRITICAL)  " + rule + "  ");
        }
        // An alert follows the event that raised it, its evidence indented below it.
        List<String> lines = out.lines().toList();
        int alert = lines.indexOf(lines.stream().filter(l -> l.contains("  simSwap  SIM swap:")).findFirst().orElseThrow());
        assertThat(lines.get(alert - 2)).contains("diameter ULA from hss1.");
        assertThat(lines.get(alert + 1)).contains("previous SIM");
        assertThat(out).contains("0 false positives, 0 attacks missed");
        assertThat(out).contains("the SIM swap's victim").contains("seen in signalling, no provisioning record")
                .contains("OTP now         BLOCK (simSwap: SIM swapped without a trusted record");
        // What the detector wrote, the alerts file, matches what it printed.
        List<String> jsonl = Files.readAllLines(dir.resolve("round-0").resolve("alerts.jsonl"));
        assertThat(jsonl).hasSize((int) lines.stream().filter(l -> l.startsWith("  ALERT ")).count());
        // Numbers are masked, but in the bank API's curl commands: what a bank sends has the number in full.
        int api = out.indexOf("the bank API (CAMARA");
        int apiEnd = out.indexOf("demo: 1 round(s)");
        assertThat(api).isPositive().isLessThan(apiEnd);
        assertThat(out.substring(0, api) + out.substring(apiEnd)).doesNotContain(parse(jsonl.get(0)).get("msisdn").asText());
        // The demo asked its own API what a bank asks, and the answers are right.
        String bank = out.substring(api, apiEnd);
        assertThat(bank).containsPattern("(?s)SIM swap's victim: swapped within 24 h\\?\\s+curl -s -X POST http://127.0.0.1:\\d+"
                + "/sim-swap/v2/check -H \"Authorization: Bearer \\$TOKEN\".*?\\n  -> 200 \\{\"swapped\":true}");
        assertThat(bank).containsPattern("(?s)an untouched subscriber\\s+curl[^\\n]+\\n  -> 200 \\{\"swapped\":false}");
        assertThat(bank).containsPattern("(?s)forwardings in effect\\s+curl[^\\n]+\\n  -> 200 \\[\"unconditional\"]");
        assertThat(bank).containsPattern("-> 200 \\{\"latestSimChange\":\"20\\d\\d-");
    }

    @Test
    void demoWithDurationPlaysSeveralRounds() {
        CliRun run = CliRun.of("demo", "--pace", "0", "--duration", "3s", "--data", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("demo: [2-9]\\d* round\\(s\\)|demo: \\d{2,} round\\(s\\)");
    }

    @Test
    void tailJsonPrintsEveryEventWithTheDocumentedFields() throws Exception {
        Path journal = journalWithStory();
        CliRun run = CliRun.of("journal", "tail", "--journal", journal.toString(), "--json", "--unmask");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        List<SignalEvent> events = new ArrayList<>();
        try (Journal j = Journal.openExisting(JournalSettings.of(journal)); JournalTailer t = j.anonymousTailer()) {
            for (EventRecord r; (r = t.next()) != null; ) {
                events.add(r.event());
            }
        }
        assertThat(lines).hasSize(events.size());

        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("schema").asInt()).isEqualTo(4);
        assertThat(first.get("index").asLong()).isPositive();

        int at = 0;
        while (!(events.get(at) instanceof MapEvent m && m.opCode() == 2)) {
            at++;
        }
        MapEvent ul = (MapEvent) events.get(at);
        JsonNode ulJson = parse(lines.get(at));
        assertThat(ulJson.get("operation").asText()).isEqualTo("updateLocation");
        assertThat(ulJson.get("captureNanos").asLong()).isEqualTo(ul.captureNanos());
        assertThat(ulJson.get("captureTime").asText()).isEqualTo(EventJson.isoTime(ul.captureNanos()));
        assertThat(ulJson.get("tap").asText()).isEqualTo("demo-stp");
        assertThat(ulJson.get("opCode").asInt()).isEqualTo(2);
        assertThat(ulJson.get("component").asText()).isEqualTo("invoke");
        assertThat(ulJson.get("tcap").asText()).isEqualTo("begin");
        assertThat(ulJson.get("otid").asLong()).isEqualTo(ul.otid());
        assertThat(ulJson.get("imsi").asText()).isEqualTo(ul.imsi().digits()).hasSize(15);
        assertThat(ulJson.get("imei").asText()).isEqualTo(ul.imei().digits());
        HomeNetwork home = HomeNetwork.defaults();
        assertThat(home.vlrGts()).contains(ulJson.get("vlrNumber").asText());
        assertThat(ulJson.get("mscNumber").asText()).isEqualTo(HomeNetwork.mscOf(ulJson.get("vlrNumber").asText()));
        assertThat(ulJson.get("calling").get("gt").asText()).isEqualTo(ulJson.get("vlrNumber").asText());
        assertThat(ulJson.get("calling").get("ssn").asInt()).isEqualTo(7);
        assertThat(ulJson.get("called").get("gt").asText()).isEqualTo(home.hlrGt());
        assertThat(ulJson.get("opc").asInt()).isEqualTo(1001);
        assertThat(ulJson.get("mapVersion").asInt()).isEqualTo(3);
        assertThat(ulJson.get("applicationContext").asInt()).isEqualTo(1);
        assertThat(ulJson.has("msisdn")).as("absent fields are left out").isFalse();

        // The SIM swap's bank OTP, over SGd: an alphanumeric sender and the text in full (--unmask).
        JsonNode swap = parse(Files.readAllLines(dir.resolve("round-0").resolve("ground-truth.jsonl")).get(0));
        JsonNode otp = lines.stream().map(CommandLineTest::parse)
                .filter(n -> n.path("command").asText().equals("TFR")
                        && n.path("imsi").asText().equals(swap.get("newImsi").asText()))
                .findFirst().orElseThrow();
        assertThat(otp.get("type").asText()).isEqualTo("diameter");
        assertThat(otp.get("sms").get("originator").get("value").asText()).isEqualTo(swap.get("senderId").asText());
        assertThat(otp.get("sms").get("originator").get("ton").asInt()).isEqualTo(5);
        assertThat(otp.get("sms").get("tpdu").asText()).isEqualTo("deliver");
        assertThat(otp.get("sms").get("text").asText()).containsPattern("\\d{6}");
    }

    @Test
    void tailMasksSubscribersUnlessAskedNotTo() throws Exception {
        Path journal = journalWithStory();
        CliRun run = CliRun.of("journal", "tail", "--journal", journal.toString(), "--json", "--limit", "1");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).hasSize(1);
        CliRun all = CliRun.of("journal", "tail", "--journal", journal.toString(), "--json");
        JsonNode withMsisdn = all.out().lines().map(CommandLineTest::parse).filter(n -> n.has("msisdn")).findFirst()
                .orElseThrow();
        assertThat(withMsisdn.get("msisdn").asText()).matches("62811\\*{6}\\d\\d");
        assertThat(all.out()).doesNotContainPattern("\"imsi\":\"\\d{15}\"");
    }

    @Test
    void namedTailResumesWhereItStopped() {
        Path journal = journalWithStory();
        CliRun first = CliRun.of("journal", "tail", "--journal", journal.toString(), "--name", "soc", "-n", "5");
        CliRun rest = CliRun.of("journal", "tail", "--journal", journal.toString(), "--name", "soc");
        assertThat(first.out().lines().count() + rest.out().lines().count()).isEqualTo(recordsIn(journal));
        assertThat(first.out().lines().count()).isEqualTo(5);
    }

    @Test
    void statsCountsByTypeAndKind() throws Exception {
        Path journal = journalWithStory();
        CliRun run = CliRun.of("journal", "stats", "--journal", journal.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = parse(run.out());
        List<SignalEvent> events = new ArrayList<>();
        try (Journal j = Journal.openExisting(JournalSettings.of(journal)); JournalTailer t = j.anonymousTailer()) {
            for (EventRecord r; (r = t.next()) != null; ) {
                events.add(r.event());
            }
        }
        assertThat(s.get("records").asLong()).isEqualTo(events.size());
        long provisioning = events.stream().filter(e -> e instanceof ProvisioningEvent).count();
        long smpp = events.stream().filter(e -> e instanceof io.swapguard.event.SmppEvent).count();
        long diameter = events.stream().filter(e -> e instanceof io.swapguard.event.DiameterEvent).count();
        assertThat(s.get("byType").path("provisioning").asLong(0)).isEqualTo(provisioning);
        assertThat(s.get("byType").path("smpp").asLong(0)).isEqualTo(smpp);
        assertThat(s.get("byType").get("diameter").asLong()).isEqualTo(diameter).isPositive();
        assertThat(s.get("byType").get("map").asLong()).isEqualTo(events.size() - provisioning - smpp - diameter);
        assertThat(s.get("byKind").get("map updateLocation invoke").asLong()).isEqualTo(events.stream()
                .filter(e -> e instanceof MapEvent m && m.opCode() == 2 && m.component() == ComponentType.INVOKE).count())
                .isPositive();
        // every subscriber attaches at least once, over MAP or over S6a
        assertThat(s.get("byKind").get("map updateLocation invoke").asLong()
                + s.get("byKind").get("diameter ULR").asLong()).isGreaterThan(12);
        long first = events.stream().mapToLong(SignalEvent::captureNanos).min().orElseThrow();
        long last = events.stream().mapToLong(SignalEvent::captureNanos).max().orElseThrow();
        assertThat(s.get("firstCaptureTime").asText()).isEqualTo(EventJson.isoTime(first));
        assertThat(s.get("lastCaptureTime").asText()).isEqualTo(EventJson.isoTime(last));

        CliRun human = CliRun.of("journal", "stats", "--journal", journal.toString());
        assertThat(human.out()).contains("records       " + events.size() + " (unreadable 0)")
                .contains("map updateLocation invoke");
    }

    @Test
    void checkReportsAndQuarantinesADamagedJournal() throws Exception {
        Path journal = journalWithStory();
        assertThat(CliRun.of("journal", "check", "--journal", journal.toString()).exitCode()).isZero();
        Path file;
        try (var files = Files.list(journal)) {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(100_000);
        }
        CliRun stats = CliRun.of("journal", "stats", "--journal", journal.toString());
        assertThat(stats.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(stats.err()).contains("is damaged").contains("tail was cut off");

        CliRun check = CliRun.of("journal", "check", "--journal", journal.toString());
        assertThat(check.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(check.out()).contains("damaged: " + file.getFileName());

        CliRun quarantine = CliRun.of("journal", "check", "--journal", journal.toString(), "--quarantine");
        assertThat(quarantine.exitCode()).isZero();
        assertThat(Files.exists(journal.resolve("damaged").resolve(file.getFileName()))).isTrue();
    }

    @Test
    void missingJournalIsAUsageErrorNotAnEmptyJournal() {
        CliRun run = CliRun.of("journal", "stats", "--journal", dir.resolve("typo").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("no journal at").contains("typo");
        assertThat(Files.exists(dir.resolve("typo"))).isFalse();
    }

    @Test
    void runWithAConfigStartsTheJournalAndStopsAfterTheDuration() throws Exception {
        Path config = dir.resolve("swapguard.yaml");
        Files.writeString(config, "journal:\n  directory: " + dir.resolve("j") + "\nlogging:\n  level: WARN\n"
                + "detector:\n  expectedSubscribers: 1000\n  stateDirectory: " + dir.resolve("state")
                + "\n  alertsJournal: " + dir.resolve("alerts") + "\n  alertsFile: \"\"\nmetrics:\n  port: 0\n"
                + "api:\n  port: 0\n  auditDirectory: " + dir.resolve("audit") + "\n  subscriptions:\n    directory: "
                + dir.resolve("subscriptions") + "\n  auth:\n    signingKey: "
                + dir.resolve("key.jwk") + "\n");
        CliRun run = CliRun.of("run", "--config", config.toString(), "--duration", "500ms", "--status-interval", "100ms");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.isDirectory(dir.resolve("j"))).isTrue();
        assertThat(dir.resolve("state").resolve("subscribers.dat")).as("the detector ran").isRegularFile();
        assertThat(Files.isDirectory(dir.resolve("alerts"))).isTrue();
    }

    @Test
    void configErrorsExitWithUsageAndNameFileKeyAndReason() throws Exception {
        CliRun missing = CliRun.of("run", "--config", dir.resolve("absent.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("absent.yaml: file not found");

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "journal:\n  retention: forever\n");
        CliRun wrong = CliRun.of("run", "--config", bad.toString());
        assertThat(wrong.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(wrong.err()).contains("bad.yaml: journal.retention: 'forever' is not a duration");
    }

    @Test
    void helpAndVersionWorkEverywhere() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"demo", "--help"},
                new String[] {"run", "--help"}, new String[] {"journal", "--help"},
                new String[] {"journal", "tail", "--help"}, new String[] {"journal", "stats", "--help"},
                new String[] {"journal", "check", "--help"}, new String[] {"version", "--help"},
                new String[] {"detect", "--help"}, new String[] {"subscriber", "--help"},
                new String[] {"evaluate", "--help"}, new String[] {"probe", "--help"},
                new String[] {"simulate", "--help"})) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).contains("Usage:");
        }
        CliRun version = CliRun.of("version");
        assertThat(version.out()).contains("swapguard 0.1.0").contains("journal event schema v4");
        assertThat(CliRun.of("no-such-command").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    @Test
    void statsOfAJournalWithAnUnreadableRecordIsTheAccountAndExitCodeOne() throws Exception {
        Path journal = journalWithStory();
        Path file;
        try (var files = Files.list(journal)) {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] all = Files.readAllBytes(file);
        int end = all.length - 1;
        while (end > 0 && all[end] == 0) {
            end--;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(end - 60); // inside the last record's payload; its header stays
            raf.write(new byte[40]);
        }
        CliRun stats = CliRun.of("journal", "stats", "--journal", journal.toString());
        assertThat(stats.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(stats.out()).contains("(unreadable 1)");
        assertThat(stats.err()).contains("checksum mismatch").contains("journal stats: 1 record(s) could not be read");
    }
}
