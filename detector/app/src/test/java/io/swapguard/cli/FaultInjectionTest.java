package io.swapguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the machine around swapguard, made real: a disk that fills up under the journal or
 * the subscriber state (a small tmpfs), a file system that turns read-only. Each must end the
 * command with one clear line and exit code 1, never a JVM killed by SIGBUS or a stack trace, and
 * cost nothing once the fault is gone: the same command again finishes the work, and the result
 * equals a run that never met the fault. (Files given twice and out of time order:
 * {@link ProbeFilesTest}; kill -9: {@link ProbeKillTest}, {@link DetectorKillTest}.)
 *
 * <p>Mounts tmpfs, so it needs root, as CI runs it (the machine has no other way to make a disk
 * fill on cue: no loop devices, no FUSE).
 */
class FaultInjectionTest {

    @TempDir
    static Path dir;
    static Path sim;
    static Path config;
    private final List<Path> mounts = new ArrayList<>();

    @BeforeAll
    static void simulate() throws Exception {
        sim = dir.resolve("sim");
        CliRun s = CliRun.of("simulate", "--subscribers", "6000", "--duration", "1d", "--seed", "13", "--random-frauds",
                "6", "--out", sim.toString(), "--no-progress");
        assertThat(s.exitCode()).as(s.err()).isZero();
        // A small reserve, so that a tmpfs of a few MiB can show it.
        config = Files.writeString(dir.resolve("sg.yaml"),
                "journal:\n  minFreeBytes: 4194304\ndetector:\n  expectedSubscribers: 8000\n");
    }

    private Path tmpfs(String name, String size) throws Exception {
        Path at = Files.createDirectories(dir.resolve(name));
        sh("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString());
        mounts.add(at);
        return at;
    }

    private static void sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s (this test mounts tmpfs: run it as root, as CI does)",
                String.join(" ", cmd), out).isZero();
    }

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounts) {
            // Lazy: commands ran in this JVM, whose mappings of the files go only when collected.
            sh("umount", "-l", m.toString());
        }
    }

    private static CliRun probe(Path journal) {
        return CliRun.of("probe", "-c", config.toString(), "--provisioning-csv", sim.resolve("provisioning.csv").toString(),
                "--pcap", sim.resolve("signalling.pcap").toString(), "--journal", journal.toString());
    }

    private static CliRun detect(Path journal, Path state, Path alerts) {
        return CliRun.of("detect", "-c", config.toString(), "--quiet", "--journal", journal.toString(), "--state",
                state.toString(), "--alerts", alerts.toString());
    }

    private static void noCrash(CliRun run) {
        assertThat(run.err()).doesNotContain("Exception in thread").doesNotContain("InternalError")
                .doesNotContain("\tat ");
    }

    @Test
    void aDiskThatFillsStopsTheProbeCleanlyAndTheSameCommandFinishesOnceThereIsRoom() throws Exception {
        Path straight = dir.resolve("straight-journal");
        assertThat(probe(straight).exitCode()).isZero();

        Path disk = tmpfs("probe-disk", "16m");
        Path journal = disk.resolve("journal");
        CliRun full = probe(journal);
        assertThat(full.exitCode()).as(full.err()).isEqualTo(ExitCode.FAILED);
        noCrash(full);
        assertThat(full.err()).contains("probe: stopped: journal " + journal + ": only")
                .contains("below the reserve of 4.0 MiB (journal.minFreeBytes)")
                .contains("run the same command again once the journal can be written");
        assertThat(full.out()).as("the account of what was appended").containsPattern("-> [1-9][0-9,]* events appended");
        assertThat(CliRun.of("journal", "check", "--journal", journal.toString()).exitCode()).isZero();

        sh("mount", "-o", "remount,size=200m", disk.toString());
        CliRun again = probe(journal);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("resuming an unfinished run of these files");
        assertThat(SwapguardProcess.firstDifference(straight, journal)).isNull();
    }

    @Test
    void aDiskThatFillsUnderTheStateStopsTheDetectorCleanlyAndARerunEndsLikeAStraightRun() throws Exception {
        Path journal = dir.resolve("detect-journal");
        assertThat(probe(journal).exitCode()).isZero();
        CliRun straight = detect(journal, dir.resolve("straight-state"), dir.resolve("straight-alerts"));
        assertThat(straight.exitCode()).as(straight.err()).isZero();

        Path disk = tmpfs("state-disk", "5m");
        CliRun full = detect(journal, disk.resolve("state"), disk.resolve("alerts"));
        assertThat(full.exitCode()).as(full.err()).isEqualTo(ExitCode.FAILED);
        noCrash(full);
        assertThat(full.err()).contains("error: subscriber state " + disk.resolve("state") + ": only")
                .contains("below the reserve");

        sh("mount", "-o", "remount,size=100m", disk.toString());
        CliRun again = detect(journal, disk.resolve("state"), disk.resolve("alerts"));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(SwapguardProcess.alerts(disk.resolve("alerts")))
                .isEqualTo(SwapguardProcess.alerts(dir.resolve("straight-alerts")));
        assertThat(SwapguardProcess.states(disk.resolve("state")))
                .isEqualTo(SwapguardProcess.states(dir.resolve("straight-state")));
    }

    @Test
    void aReadOnlyFileSystemIsOneLineAndExitCodeOne() throws Exception {
        Path disk = tmpfs("ro-disk", "200m");
        // Filled by a process of its own: a run inside this JVM keeps the files mapped until it is
        // collected, and the kernel refuses to make a file system with files open for writing read-only.
        Process filler = SwapguardProcess.of(List.of("probe", "-c", config.toString(), "--pcap",
                sim.resolve("signalling.pcap").toString(), "--journal", disk.resolve("journal").toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(filler.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(filler.exitValue()).isZero();
        sh("mount", "-o", "remount,ro", disk.toString());

        CliRun existing = CliRun.of("probe", "--pcap", sim.resolve("signalling.pcap").toString(), "--journal",
                disk.resolve("journal").toString(), "--force");
        assertThat(existing.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(existing.err()).contains("error: cannot lock " + disk.resolve("journal").resolve("swapguard.lock"))
                .contains("Read-only file system");

        CliRun fresh = probe(disk.resolve("new-journal"));
        assertThat(fresh.exitCode()).isEqualTo(ExitCode.FAILED);
        noCrash(fresh);
        assertThat(fresh.err()).contains("error: cannot create journal directory " + disk.resolve("new-journal")
                + ": Read-only file system");

        Path journal = dir.resolve("ro-test-journal"); // on the ordinary disk; the state goes on the read-only one
        assertThat(probe(journal).exitCode()).isZero();
        CliRun state = detect(journal, disk.resolve("state"), dir.resolve("alerts-ro"));
        assertThat(state.exitCode()).isEqualTo(ExitCode.FAILED);
        noCrash(state);
        assertThat(state.err()).contains("error: cannot lock " + disk.resolve("state").resolve("swapguard.lock"))
                .contains("Read-only file system");
    }
}
