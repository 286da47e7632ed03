package io.swapguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.AlertEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of {@code detect} at random moments (in the middle of state writes, checkpoints, alert
 * appends, JVM start) must cost nothing but a restart: the run that follows ends with exactly the
 * alerts and the state of a run that was never interrupted, and no kill wedges the store.
 * {@code SWAPGUARD_KILLS=60} in the environment for a longer run than CI's.
 */
class DetectorKillTest {

    private static final int KILLS = Integer.parseInt(System.getenv().getOrDefault("SWAPGUARD_KILLS", "10"));

    @TempDir
    static Path dir;
    static Path journal;

    @BeforeAll
    static void simulateAndProbe() {
        Path sim = dir.resolve("sim");
        // Large enough that one detect run takes a few seconds, so the kills land while it works.
        CliRun s = CliRun.of("simulate", "--subscribers", "20000", "--duration", "1d", "--seed", "77",
                "--random-frauds", "8", "--out", sim.toString(), "--no-progress");
        assertThat(s.exitCode()).as(s.err()).isZero();
        journal = dir.resolve("journal");
        CliRun p = CliRun.of("probe", "--provisioning-csv", sim.resolve("provisioning.csv").toString(), "--pcap",
                sim.resolve("signalling.pcap").toString(), "--journal", journal.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
    }

    @Test
    void killedAtRandomMomentsItNeverWedgesAndEndsLikeAnUninterruptedRun() throws Exception {
        Process straight = detect("straight").start();
        assertThat(straight.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(straight.exitValue()).as(log("straight")).isZero();

        Random random = new Random(KILLS);
        int killedWhileRunning = 0;
        for (int k = 0; k < KILLS; k++) {
            Process p = detect("killed").start();
            // JVM start is about a second; the run itself a few: most kills land mid-run.
            boolean ended = p.waitFor(700 + random.nextInt(2500), TimeUnit.MILLISECONDS);
            if (!ended) {
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no close, locks left as they were
                killedWhileRunning++;
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (ended) {
                assertThat(p.exitValue()).as(log("killed")).isZero();
            }
        }
        assertThat(killedWhileRunning).as("kills that landed while detect ran").isGreaterThanOrEqualTo(KILLS / 2);
        System.out.printf("DetectorKillTest: %d kills, %d while detect ran%n", KILLS, killedWhileRunning);

        Process rest = detect("killed").start();
        // A wedged store makes Chronicle Map wait 60 s for a dead process's lock, then fail.
        boolean finished = rest.waitFor(50, TimeUnit.SECONDS);
        if (!finished) {
            rest.destroyForcibly().waitFor();
        }
        assertThat(finished).as("the run after the kills finishes; its log:%n%s", tail(log("killed"))).isTrue();
        assertThat(rest.exitValue()).as(log("killed")).isZero();
        assertThat(Files.readString(dir.resolve("killed.log"))).doesNotContain("InterProcessDeadLockException");
        System.out.printf("DetectorKillTest: %d recoveries, %d of them undoing one that was cut short%n",
                log("killed").lines().filter(l -> l.contains("recovering its locks")).count(),
                log("killed").lines().filter(l -> l.contains("the last recovery was cut short")).count());

        List<AlertEvent> expected = alerts("straight");
        assertThat(expected).isNotEmpty();
        assertThat(alerts("killed")).as("same alerts, none lost, none twice").isEqualTo(expected);
        Map<Long, String> want = states("straight");
        Map<Long, String> got = states("killed");
        List<String> differ = new ArrayList<>();
        for (Long m : want.keySet()) {
            if (!want.get(m).equals(got.get(m))) {
                differ.add(m + (got.containsKey(m) ? ": " + fieldsThatDiffer(want.get(m), got.get(m)) : ": missing"));
            }
        }
        got.keySet().stream().filter(m -> !want.containsKey(m)).forEach(m -> differ.add(m + ": extra"));
        assertThat(differ).as("subscribers whose state differs from the uninterrupted run's; what the killed runs"
                + " said about recovery:%n%s", recoveryLines(log("killed"))).isEmpty();
    }

    private static ProcessBuilder detect(String name) {
        return SwapguardProcess.of(List.of("detect", "--quiet", "--journal", journal.toString(), "--state",
                dir.resolve(name + "-state").toString(), "--alerts", dir.resolve(name + "-alerts").toString(),
                "--alerts-file", dir.resolve(name + ".jsonl").toString()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
    }

    /** The state fields that differ, as "field: wanted → got". */
    private static String fieldsThatDiffer(String want, String got) {
        io.swapguard.engine.state.SubscriberState a = io.swapguard.engine.state.SubscriberState.decode(
                Base64.getDecoder().decode(want));
        io.swapguard.engine.state.SubscriberState b = io.swapguard.engine.state.SubscriberState.decode(
                Base64.getDecoder().decode(got));
        StringBuilder out = new StringBuilder();
        for (java.lang.reflect.Field f : a.getClass().getFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                String x = java.util.Objects.toString(f.get(a) instanceof long[] l ? java.util.Arrays.toString(l) : f.get(a));
                String y = java.util.Objects.toString(f.get(b) instanceof long[] l ? java.util.Arrays.toString(l) : f.get(b));
                if (!x.equals(y)) {
                    out.append(f.getName()).append(": ").append(x).append(" -> ").append(y).append("; ");
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return out.length() == 0 ? "same fields, other bytes" : out.toString();
    }

    /** The log lines about crash recovery and damage (to tell which kill lost what, when this fails). */
    private static String recoveryLines(String log) {
        return log.lines().filter(l -> l.contains("recover") || l.contains("damaged") || l.contains("inconsisten")
                || l.contains("wrote the last state") || l.contains("redo")).collect(java.util.stream.Collectors.joining("\n"));
    }

    private static String tail(String text) {
        return text.length() < 6000 ? text : text.substring(text.length() - 6000);
    }

    private static String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static List<AlertEvent> alerts(String name) {
        return SwapguardProcess.alerts(dir.resolve(name + "-alerts"));
    }

    private static Map<Long, String> states(String name) {
        return SwapguardProcess.states(dir.resolve(name + "-state"));
    }
}
