package io.swapguard.cli;

import io.swapguard.event.codec.EventCodec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Prints the swapguard version, the journal schema version and the Java runtime.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.println("swapguard " + SwapguardCommand.version());
        out.println("journal event schema v" + EventCodec.SCHEMA_VERSION);
        out.println("Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        out.flush();
        return ExitCode.OK;
    }
}
