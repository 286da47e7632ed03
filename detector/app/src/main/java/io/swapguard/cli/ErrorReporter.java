package io.swapguard.cli;

import io.swapguard.config.ConfigException;
import io.swapguard.journal.JournalDamagedException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns what a command throws into one clear line on stderr and an exit code. Known problems
 * (configuration, a damaged journal, a bad argument, an I/O failure) print their message only; anything else is
 * a bug and is logged with its stack trace.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (e instanceof ConfigException) {
            cli.getErr().println("configuration error: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (e instanceof IllegalArgumentException) {
            cli.getErr().println("error: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (e instanceof JournalDamagedException || e instanceof java.io.UncheckedIOException
                || e instanceof io.swapguard.event.WriterLock.InUseException) {
            // A damaged journal, a busy port, an unwritable directory, a second writer: the message says which.
            cli.getErr().println("error: " + e.getMessage());
            return ExitCode.FAILED;
        }
        LoggerFactory.getLogger("swapguard").error("{} failed", cli.getCommandName(), e);
        return ExitCode.FAILED;
    }
}
