package io.swapguard.cli;

/** Exit codes of the {@code swapguard} command. */
public final class ExitCode {

    /** Done, nothing wrong. */
    public static final int OK = 0;
    /** Something failed while running (a damaged journal, an I/O error). */
    public static final int FAILED = 1;
    /** The command line or the configuration is wrong; nothing was done. */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
