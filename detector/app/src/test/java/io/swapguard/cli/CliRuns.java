package io.swapguard.cli;

/** The command line for tests in other packages. */
public final class CliRuns {

    private CliRuns() {
    }

    public record Result(int exitCode, String out, String err) {
    }

    /** An event as one line of text, as the CLI prints it (for comparing decodings). */
    public static String eventLine(io.swapguard.event.SignalEvent e) {
        return EventText.line(e);
    }

    public static Result run(String... args) {
        CliRun r = CliRun.of(args);
        return new Result(r.exitCode(), r.out(), r.err());
    }
}
