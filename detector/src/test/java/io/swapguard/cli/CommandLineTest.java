package io.swapguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapguard.app.DemoStory;
import io.swapguard.event.MapEvent;
import io.swapguard.event.SignalEvent;
import io.swapguard.event.SubscriberMasking;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalAppender;
import io.swapguard.journal.JournalSettings;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_790_000_000_000_000_000L;

    @TempDir
    Path dir;

    @AfterEach
    void restoreMasking() {
        SubscriberMasking.enabled(true);
    }

    private Path journalWithStory() {
        Path journal = dir.resolve("journal");
        try (Journal j = Journal.open(JournalSettings.of(journal)); JournalAppender a = j.appender()) {
            DemoStory.events(T0, 0).forEach(a::append);
        }
        return journal;
    }

    @Test
    void demoPlaysTheStoryAndReadsEveryEventBack() {
        CliRun run = CliRun.of("demo", "--pace", "0", "--data", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        int storySize = DemoStory.events(T0, 0).size();
        assertThat(run.out()).contains(storySize + " events journalled and read back (0 unreadable)");
        assertThat(run.out().lines().filter(l -> l.startsWith("  seen ")).count()).isEqualTo(storySize);
        assertThat(run.out()).contains("sms from BCA \"Kode OTP Anda ******.");
        // Masked like logs: no full IMSI of the story appears.
        assertThat(run.out()).doesNotContain("510100000000001");
        assertThat(Files.exists(dir.resolve("journal"))).isTrue();
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
        List<SignalEvent> story = DemoStory.events(T0, 0);
        assertThat(lines).hasSize(story.size());

        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("type").asText()).isEqualTo("provisioning");
        assertThat(first.get("schema").asInt()).isEqualTo(1);
        assertThat(first.get("kind").asText()).isEqualTo("activation");
        assertThat(first.get("msisdn").asText()).isEqualTo("6281200000001");

        MapEvent ul = (MapEvent) story.stream().filter(e -> e instanceof MapEvent m && m.opCode() == 2).findFirst()
                .orElseThrow();
        JsonNode ulJson = lines.stream().map(CommandLineTest::parse)
                .filter(n -> n.path("operation").asText().equals("updateLocation")).findFirst().orElseThrow();
        assertThat(ulJson.get("captureNanos").asLong()).isEqualTo(ul.captureNanos());
        assertThat(ulJson.get("captureTime").asText()).isEqualTo(EventJson.isoTime(ul.captureNanos()));
        assertThat(ulJson.get("opCode").asInt()).isEqualTo(2);
        assertThat(ulJson.get("component").asText()).isEqualTo("invoke");
        assertThat(ulJson.get("tcap").asText()).isEqualTo("begin");
        assertThat(ulJson.get("imsi").asText()).isEqualTo(ul.imsi().digits());
        assertThat(ulJson.get("imei").asText()).isEqualTo(ul.imei().digits());
        assertThat(ulJson.get("vlrNumber").asText()).isEqualTo(ul.vlrNumber());
        assertThat(ulJson.get("calling").get("gt").asText()).isEqualTo(ul.calling().gtDigits());
        assertThat(ulJson.get("calling").get("ssn").asInt()).isEqualTo(7);
        assertThat(ulJson.get("mapVersion").asInt()).isEqualTo(3);
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
        assertThat(first.out().lines().count() + rest.out().lines().count())
                .isEqualTo(DemoStory.events(T0, 0).size());
        assertThat(first.out().lines().count()).isEqualTo(5);
    }

    @Test
    void statsCountsByTypeAndKind() throws Exception {
        Path journal = journalWithStory();
        CliRun run = CliRun.of("journal", "stats", "--journal", journal.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = parse(run.out());
        List<SignalEvent> story = DemoStory.events(T0, 0);
        assertThat(s.get("records").asLong()).isEqualTo(story.size());
        assertThat(s.get("byType").get("provisioning").asLong()).isEqualTo(1);
        assertThat(s.get("byType").get("map").asLong()).isEqualTo(story.size() - 1);
        assertThat(s.get("byKind").get("map updateLocation invoke").asLong())
                .isEqualTo(story.stream().filter(e -> e instanceof MapEvent m && m.opCode() == 2).count());
        assertThat(s.get("firstCaptureTime").asText()).isEqualTo(EventJson.isoTime(story.get(0).captureNanos()));
        assertThat(s.get("lastCaptureTime").asText())
                .isEqualTo(EventJson.isoTime(story.get(story.size() - 1).captureNanos()));

        CliRun human = CliRun.of("journal", "stats", "--journal", journal.toString());
        assertThat(human.out()).contains("records       " + story.size() + " (unreadable 0)")
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
