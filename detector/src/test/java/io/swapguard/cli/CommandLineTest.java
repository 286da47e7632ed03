package io.swapguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapguard.app.DemoStory;
import io.swapguard.event.MapEvent;
import io.swapguard.event.SignalEvent;
import io.swapguard.event.SubscriberMasking;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalRecord;
import io.swapguard.journal.JournalSettings;
import io.swapguard.journal.JournalTailer;
import java.util.ArrayList;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
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
        return dir.resolve("journal");
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
        int records = recordsIn(dir.resolve("journal"));
        assertThat(records).isGreaterThan(40);
        assertThat(run.out()).contains(records + " events journalled and read back (0 unreadable)");
        assertThat(run.out()).contains("(0 malformed)");
        assertThat(run.out().lines().filter(l -> l.startsWith("  seen ")).count()).isEqualTo(records);
        assertThat(run.out()).contains("sms from BCA \"Kode OTP Anda ******.");
        assertThat(run.out()).contains("registerSS invoke [begin] from " + DemoStory.FOREIGN_GT);
        // Masked like logs: the fraudster's full IMSI never appears.
        assertThat(run.out()).doesNotContain(DemoStory.fraudSim(0).digits());
        // The capture the probe read is kept with --data, and tshark agrees it is clean SS7.
        assertThat(Files.exists(dir.resolve("demo-0.pcap"))).isTrue();
    }

    @Test
    void demoWithDurationPlaysSeveralRounds() {
        CliRun run = CliRun.of("demo", "--pace", "1ms", "--duration", "300ms", "--data", dir.toString());
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
            for (JournalRecord r; (r = t.next()) != null; ) {
                events.add(r.event());
            }
        }
        assertThat(lines).hasSize(events.size());

        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("type").asText()).isEqualTo("provisioning");
        assertThat(first.get("schema").asInt()).isEqualTo(1);
        assertThat(first.get("kind").asText()).isEqualTo("activation");
        assertThat(first.get("msisdn").asText()).isEqualTo(DemoStory.ani(0).digits());

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
        assertThat(ulJson.get("vlrNumber").asText()).isEqualTo(DemoStory.HOME_VLR);
        assertThat(ulJson.get("mscNumber").asText()).isEqualTo(DemoStory.HOME_MSC);
        assertThat(ulJson.get("calling").get("gt").asText()).isEqualTo(DemoStory.HOME_VLR);
        assertThat(ulJson.get("calling").get("ssn").asInt()).isEqualTo(7);
        assertThat(ulJson.get("called").get("gt").asText()).isEqualTo(DemoStory.HLR);
        assertThat(ulJson.get("opc").asInt()).isEqualTo(1001);
        assertThat(ulJson.get("mapVersion").asInt()).isEqualTo(3);
        assertThat(ulJson.get("applicationContext").asInt()).isEqualTo(1);
        assertThat(ulJson.has("msisdn")).as("absent fields are left out").isFalse();

        JsonNode mt = lines.stream().map(CommandLineTest::parse)
                .filter(n -> n.path("operation").asText().equals("mt-forwardSM")).findFirst().orElseThrow();
        assertThat(mt.get("sms").get("originator").get("value").asText()).isEqualTo("BCA");
        assertThat(mt.get("sms").get("originator").get("ton").asInt()).isEqualTo(5);
        assertThat(mt.get("sms").get("text").asText()).startsWith("Kode OTP Anda 483920.");
    }

    @Test
    void tailMasksSubscribersUnlessAskedNotTo() throws Exception {
        Path journal = journalWithStory();
        CliRun run = CliRun.of("journal", "tail", "--journal", journal.toString(), "--json", "--limit", "1");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).hasSize(1);
        assertThat(parse(run.out().strip()).get("msisdn").asText()).isEqualTo("62812******01");
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
            for (JournalRecord r; (r = t.next()) != null; ) {
                events.add(r.event());
            }
        }
        assertThat(s.get("records").asLong()).isEqualTo(events.size());
        assertThat(s.get("byType").get("provisioning").asLong()).isEqualTo(1);
        assertThat(s.get("byType").get("map").asLong()).isEqualTo(events.size() - 1);
        // The story: four home attaches (Ani twice, Budi, Citra) and one from a foreign VLR.
        assertThat(s.get("byKind").get("map updateLocation invoke").asLong()).isEqualTo(5);
        assertThat(s.get("byKind").get("map mt-forwardSM invoke").asLong()).isEqualTo(2);
        long first = events.stream().mapToLong(SignalEvent::captureNanos).min().orElseThrow();
        long last = events.stream().mapToLong(SignalEvent::captureNanos).max().orElseThrow();
        assertThat(s.get("firstCaptureTime").asText()).isEqualTo(EventJson.isoTime(first));
        assertThat(s.get("lastCaptureTime").asText()).isEqualTo(EventJson.isoTime(last));

        CliRun human = CliRun.of("journal", "stats", "--journal", journal.toString());
        assertThat(human.out()).contains("records       " + events.size() + " (unreadable 0)")
                .contains("provisioning activation");
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
        Files.writeString(config, "journal:\n  directory: " + dir.resolve("j") + "\nlogging:\n  level: WARN\n");
        CliRun run = CliRun.of("run", "--config", config.toString(), "--duration", "500ms", "--status-interval", "100ms");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.isDirectory(dir.resolve("j"))).isTrue();
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
                new String[] {"journal", "check", "--help"}, new String[] {"version", "--help"})) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).contains("Usage:");
        }
        CliRun version = CliRun.of("version");
        assertThat(version.out()).contains("swapguard 0.1.0").contains("journal event schema v1");
        assertThat(CliRun.of("no-such-command").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
