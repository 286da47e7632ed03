package io.swapguard.cli;

import io.swapguard.journal.JournalCheck;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks that no journal file was cut short (partial copy, full disk, damaged file system).",
            "Exit code 1 when damaged files remain. --quarantine moves them to DIR/damaged/, kept for forensics,",
            "so that the journal can be opened again."})
final class JournalCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JournalLocation location;

    @Option(names = "--quarantine", description = "Move damaged files to DIR/damaged/.")
    boolean quarantine;

    @Override
    public Integer call() {
        Path dir = location.resolve(spec.commandLine().getParseResult()).directory();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no journal at " + dir + ": directory does not exist");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<JournalCheck.DamagedFile> damaged = JournalCheck.damagedFiles(dir);
        if (damaged.isEmpty()) {
            out.println("ok: no damaged files in " + dir);
            out.flush();
            return ExitCode.OK;
        }
        damaged.forEach(d -> out.println("damaged: " + d.describe()));
        if (quarantine) {
            JournalCheck.quarantine(dir).forEach(p -> out.println("moved to " + p));
            out.flush();
            return ExitCode.OK;
        }
        out.println("run again with --quarantine to move them to " + dir.resolve("damaged"));
        out.flush();
        return ExitCode.FAILED;
    }
}
