package io.swapguard.cli;

import io.swapguard.event.EventReadException;
import io.swapguard.event.EventRecord;
import io.swapguard.event.SubscriberMasking;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalTailer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Prints journal events, one per line, oldest first.",
            "With --json each line is one JSON object with the fields documented in docs/journal-json.md.",
            "Subscriber numbers print masked unless --unmask (or logging.maskSubscribers: false)."})
final class JournalTailCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JournalLocation location;

    @Option(names = {"-f", "--follow"}, description = "Keep waiting for new events (Ctrl-C to stop).")
    boolean follow;

    @Option(names = "--from-end", description = "Skip what is already there: print only events appended from now on.")
    boolean fromEnd;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Stop after N events.")
    long limit = Long.MAX_VALUE;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Option(names = "--unmask", description = "Print MSISDN, IMSI, IMEI and SMS digits in full.")
    boolean unmask;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Read as a named tailer that resumes where the last run with this name stopped.")
    String name;

    @Override
    public Integer call() throws InterruptedException {
        var settings = location.resolve(spec.commandLine().getParseResult());
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1");
        }
        if (unmask) {
            SubscriberMasking.enabled(false);
        }
        EventJson jsonWriter = new EventJson(SubscriberMasking.enabled());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long printed = 0;
        try (Journal journal = Journal.openExisting(settings);
                JournalTailer tailer = name == null ? journal.anonymousTailer() : journal.tailer(name)) {
            if (fromEnd) {
                tailer.toEnd();
            }
            while (printed < limit) {
                EventRecord record;
                try {
                    record = tailer.next();
                } catch (EventReadException e) {
                    err.println("warning: " + e.getMessage());
                    err.flush();
                    if (e.skipped()) {
                        continue;
                    }
                    return ExitCode.FAILED;
                }
                if (record == null) {
                    if (!follow) {
                        break;
                    }
                    out.flush();
                    Thread.sleep(20);
                    continue;
                }
                out.println(json ? jsonWriter.toJson(record) : EventText.line(record.event()));
                printed++;
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
