package io.swapguard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.Command;

@Command(name = "swapguard",
        mixinStandardHelpOptions = true,
        versionProvider = SwapguardCommand.Version.class,
        description = {
            "Detects SIM swaps, device swaps, SS7 interception, call forwarding takeovers and SMS sender "
                    + "masking in a mobile operator's signalling, and guards one-time passwords against them.",
            ""
        },
        subcommands = {DemoCommand.class, RunCommand.class, ProbeCommand.class, DetectCommand.class, SubscriberCommand.class,
            SimulateCommand.class, EvaluateCommand.class, JournalCommand.class, TokenCommand.class, VersionCommand.class},
        footer = {"", "Exit codes: 0 done, 1 failed while running, 2 wrong command line or configuration.",
                "Documentation: README.md and docs/ in the swapguard repository."})
public final class SwapguardCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The build's version, from version.properties written by Maven. */
    public static String version() {
        try (InputStream in = SwapguardCommand.class.getResourceAsStream("/io/swapguard/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"swapguard " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
