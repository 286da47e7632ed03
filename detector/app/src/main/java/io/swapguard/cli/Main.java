package io.swapguard.cli;

import picocli.CommandLine;

/** The {@code swapguard} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line with its output and errors going to the given writers (tests). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SwapguardCommand());
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.registerConverter(java.time.Duration.class, io.swapguard.config.DurationSetting::parse);
        cli.registerConverter(java.time.Instant.class, java.time.Instant::parse);
        return cli;
    }
}
