package io.swapguard.cli;

/** The command line for tests in other packages. */
public final class CliRuns {

    private CliRuns() {
    }

    public record Result(int exitCode, String out, String err) {
    }

    public static Result run(String... args) {
        CliRun r = CliRun.of(args);
        return new Result(r.exitCode(), r.out(), r.err());
    }
}
