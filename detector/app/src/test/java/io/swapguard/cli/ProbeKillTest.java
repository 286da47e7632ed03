package io.swapguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of {@code probe --pcap} at random moments, then the same command again: the journal
 * ends up holding exactly the events of a run that was never interrupted, none twice, none lost
 * (the ingestion ledger, docs/operations.md). {@code SWAPGUARD_KILLS} sets the number of kills.
 */
class ProbeKillTest {

    private static final int KILLS = Integer.parseInt(System.getenv().getOrDefault("SWAPGUARD_KILLS", "6"));
    private static final java.util.regex.Pattern RESUMED = java.util.regex.Pattern
            .compile("the journal has its first [1-9][0-9]* events");

    @TempDir
    static Path dir;
    static Path sim;

    @BeforeAll
    static void simulate() {
        sim = dir.resolve("sim");
        // About 1.1 M events: a probe run takes a few seconds, so kills land while it appends.
        CliRun s = CliRun.of("simulate", "--subscribers", "20000", "--duration", "1d", "--seed", "78",
                "--random-frauds", "8", "--out", sim.toString(), "--no-progress");
        assertThat(s.exitCode()).as(s.err()).isZero();
    }

    private static ProcessBuilder probe(String journal) {
        return probe(journal, pcapInputs());
    }

    private static ProcessBuilder probe(String journal, List<String> inputs) {
        List<String> args = new java.util.ArrayList<>(List.of("probe", "--journal", dir.resolve(journal).toString()));
        args.addAll(inputs);
        return SwapguardProcess.of(args)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(journal + ".log").toFile()));
    }

    /**
     * A kill moment: a random fraction of the uninterrupted run's wall time, so that kills land
     * while events are appended on a fast machine and on a slow one alike (fixed delays did not:
     * on a slower CI host every kill came before the first append).
     */
    private static long killAfterMillis(Random random, long straightMillis) {
        return (long) (straightMillis * (0.3 + 0.65 * random.nextDouble()));
    }

    /** At least KILLS kills; more, up to four times as many, while none has landed after an append. */
    private static boolean wantsAnotherKill(int kills, CharSequence logs) {
        return kills < KILLS || !RESUMED.matcher(logs).find() && kills < 4 * KILLS;
    }

    private static long runStraight(String journal, List<String> inputs) throws Exception {
        long t0 = System.nanoTime();
        Process straight = probe(journal, inputs).start();
        assertThat(straight.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(straight.exitValue()).as(log(journal)).isZero();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static List<String> pcapInputs() {
        return List.of("--provisioning-csv", sim.resolve("provisioning.csv").toString(), "--pcap",
                sim.resolve("signalling.pcap").toString());
    }

    @Test
    void killedAtRandomMomentsThenRunAgainItLeavesTheJournalOfAnUninterruptedRun() throws Exception {
        long straightMillis = runStraight("straight", pcapInputs());

        // Rounds: kill the probe on one journal until a run gets to the end, check that journal, start
        // another. (On one journal only, later runs would find the work done and end before any kill.)
        Random random = new Random(KILLS);
        int kills = 0;
        int killedWhileAppending = 0;
        int rounds = 0;
        StringBuilder logs = new StringBuilder();
        while (wantsAnotherKill(kills, logs)) {
            deleteRecursively(dir.resolve("killed"));
            Files.deleteIfExists(dir.resolve("killed.log"));
            while (wantsAnotherKill(kills, logs + log("killed"))) {
                Process p = probe("killed").start();
                boolean ended = p.waitFor(killAfterMillis(random, straightMillis), TimeUnit.MILLISECONDS);
                kills++;
                if (ended) {
                    break; // this run got to the end: the round is over
                }
                p.destroyForcibly(); // SIGKILL
                killedWhileAppending++;
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            Process rest = probe("killed").start();
            assertThat(rest.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(rest.exitValue()).as(log("killed")).isZero();
            assertThat(SwapguardProcess.firstDifference(dir.resolve("straight"), dir.resolve("killed")))
                    .as("round %d: the killed journal against the uninterrupted one", rounds).isNull();
            logs.append(log("killed"));
            rounds++;
        }
        System.out.printf("ProbeKillTest: %d kills, %d while the probe ran, %d rounds (uninterrupted run %d ms)%n",
                kills, killedWhileAppending, rounds, straightMillis);
        assertThat(killedWhileAppending).isGreaterThanOrEqualTo(KILLS / 2);
        assertThat(logs.toString()).as("some kill landed after events were appended")
                .containsPattern("the journal has its first [1-9][0-9]* events");

        // And once finished, the same command again adds nothing.
        Process again = probe("killed").start();
        assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).isZero();
        assertThat(log("killed")).contains("this journal already has it");
        assertThat(SwapguardProcess.firstDifference(dir.resolve("straight"), dir.resolve("killed"))).isNull();
    }

    @Test
    void aCaptureRingKilledAtRandomMomentsResumesInsideItsFileWithNothingTwice() throws Exception {
        Path ring = Files.createDirectories(dir.resolve("ring"));
        ProbeFilesTest.split(sim.resolve("signalling.pcap"), 5, ring);
        long t = System.currentTimeMillis() - 3_600_000;
        try (var files = Files.list(ring)) {
            for (Path f : files.sorted().toList()) {
                Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(t += 60_000));
            }
        }
        List<String> inputs = List.of("--pcap-dir", ring.toString());
        long straightMillis = runStraight("ring-straight", inputs);

        Random random = new Random(KILLS + 1);
        int k = 0;
        for (; wantsAnotherKill(k, log("ring-killed")); k++) {
            Process p = probe("ring-killed", inputs).start();
            if (!p.waitFor(killAfterMillis(random, straightMillis), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        System.out.printf("ProbeKillTest ring: %d kills (uninterrupted run %d ms)%n", k, straightMillis);
        Process rest = probe("ring-killed", inputs).start();
        assertThat(rest.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(rest.exitValue()).as(log("ring-killed")).isZero();
        assertThat(log("ring-killed")).as("some kill landed inside a file after events were appended")
                .containsPattern("the journal has its first [1-9][0-9]* events");
        assertThat(SwapguardProcess.firstDifference(dir.resolve("ring-straight"), dir.resolve("ring-killed")))
                .as("the killed ring's journal against the uninterrupted one").isNull();
    }

    private static void deleteRecursively(Path p) throws java.io.IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var all = Files.walk(p)) {
            for (Path q : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
