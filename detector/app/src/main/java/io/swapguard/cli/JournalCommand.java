package io.swapguard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "journal", mixinStandardHelpOptions = true,
        description = "Inspect the signals journal: print its events, count them, check its files.",
        subcommands = {JournalTailCommand.class, JournalStatsCommand.class, JournalCheckCommand.class})
final class JournalCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
