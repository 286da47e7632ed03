package io.swapguard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.cli.CliRuns;
import io.swapguard.engine.Detector;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventRecord;
import io.swapguard.event.SubscriberMasking;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalSettings;
import io.swapguard.journal.JournalTailer;
import io.swapguard.sim.Evaluation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules against the simulator's ground truth: every attack caught by its rules, nothing else flagged. */
class DetectorOnSimulationTest {

    @TempDir
    static Path dir;
    static List<Evaluation.Attack> attacks;
    static List<AlertEvent> alerts = new ArrayList<>();

    @BeforeAll
    static void simulateProbeAndDetect() throws Exception {
        Path sim = dir.resolve("sim");
        CliRuns.Result r = CliRuns.run("simulate", "--subscribers", "2000", "--duration", "2d", "--seed", "11",
                "--random-frauds", "27", "--out", sim.toString(), "--no-progress");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path journal = dir.resolve("journal");
        CliRuns.Result probe = CliRuns.run("probe", "--provisioning-csv", sim.resolve("provisioning.csv").toString(),
                "--pcap", sim.resolve("signalling.pcap").toString(), "--journal", journal.toString(), "--json");
        assertThat(probe.exitCode()).as(probe.err()).isZero();
        attacks = Evaluation.readGroundTruth(sim.resolve("ground-truth.jsonl"));
        DetectorConfig config = config(10_000);
        try (SubscriberStore store = SubscriberStore.inMemory(10_000);
                Journal j = Journal.openExisting(JournalSettings.of(journal)); JournalTailer t = j.anonymousTailer()) {
            Detector detector = new Detector(config, store, io.swapguard.engine.TestSenders.shipped());
            for (EventRecord rec; (rec = t.next()) != null; ) {
                alerts.addAll(detector.apply(rec));
            }
        }
    }

    /** The defaults (the simulator's home network) with the shipped sender registry. */
    static DetectorConfig config(int expectedSubscribers) {
        return new DetectorConfig(null, null, expectedSubscribers, null, "", null, null,
                Path.of("..", "..", "conf", "senders.yaml").toString(), null, null, null);
    }

    @Test
    void everyAttackIsCaughtByItsRulesAndNothingElseIsFlagged() {
        Evaluation.Result result = Evaluation.score(attacks, alerts);
        SubscriberMasking.enabled(false);
        assertThat(result.unexplained()).as("alerts on benign traffic").isEmpty();
        assertThat(result.missed()).as("attacks missed").isEmpty();
        result.byRule().values().forEach(score -> {
            assertThat(score.precision()).as("precision of " + score.rule()).isEqualTo(1.0);
            assertThat(score.recall()).as("recall of " + score.rule()).isEqualTo(1.0);
        });
        assertThat(attacks).hasSize(27);
    }

    @Test
    void alertsCarryEvidenceAndMaskedTitles() {
        assertThat(alerts).isNotEmpty().allSatisfy(a -> {
            assertThat(a.evidence()).isNotEmpty();
            assertThat(a.title()).doesNotContain(a.msisdn().digits());
            assertThat(a.sourceIndex()).isPositive();
        });
    }
}
