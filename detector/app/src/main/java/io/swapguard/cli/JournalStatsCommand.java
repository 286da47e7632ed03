package io.swapguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapguard.event.EventReadException;
import io.swapguard.event.EventRecord;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalStats;
import io.swapguard.journal.JournalTailer;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Counts the journal's events by type and kind, with their first and last capture time.")
final class JournalStatsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JournalLocation location;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        var settings = location.resolve(spec.commandLine().getParseResult());
        JournalStats stats = new JournalStats();
        PrintWriter err = spec.commandLine().getErr();
        boolean stoppedEarly = false;
        try (Journal journal = Journal.openExisting(settings); JournalTailer tailer = journal.anonymousTailer()) {
            while (true) {
                try {
                    EventRecord r = tailer.next();
                    if (r == null) {
                        break;
                    }
                    stats.add(r);
                } catch (EventReadException e) {
                    stats.addUnreadable();
                    err.println("warning: " + e.getMessage());
                    if (!e.skipped()) {
                        stoppedEarly = true;
                        break;
                    }
                }
            }
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(settings.directory().toString(), stats));
        } else {
            print(out, settings.directory().toString(), stats);
        }
        out.flush();
        if (stats.unreadable() > 0) {
            // Counted in the account above, but a journal with records nobody can read is not fine.
            err.printf("journal stats: %,d record(s) could not be read (see the warnings above)%n", stats.unreadable());
            err.flush();
        }
        return stoppedEarly || stats.unreadable() > 0 ? ExitCode.FAILED : ExitCode.OK;
    }

    static String toJson(String dir, JournalStats s) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("journal", dir);
        o.put("records", s.records());
        o.put("unreadable", s.unreadable());
        if (s.records() > 0) {
            o.put("firstIndex", s.firstIndex());
            o.put("lastIndex", s.lastIndex());
            o.put("firstCaptureTime", EventJson.isoTime(s.firstCaptureNanos()));
            o.put("lastCaptureTime", EventJson.isoTime(s.lastCaptureNanos()));
        }
        ObjectNode byType = o.putObject("byType");
        s.byType().forEach(byType::put);
        ObjectNode byKind = o.putObject("byKind");
        s.byKind().forEach(byKind::put);
        return o.toString();
    }

    static void print(PrintWriter out, String dir, JournalStats s) {
        out.printf("journal       %s%n", dir);
        out.printf("records       %,d (unreadable %,d)%n", s.records(), s.unreadable());
        if (s.records() > 0) {
            out.printf("index         0x%x .. 0x%x%n", s.firstIndex(), s.lastIndex());
            out.printf("capture time  %s .. %s%n", EventJson.isoTime(s.firstCaptureNanos()),
                    EventJson.isoTime(s.lastCaptureNanos()));
        }
        table(out, "by type", s.byType());
        table(out, "by kind", s.byKind());
    }

    /** A titled two-column table of counts, names aligned; nothing when there are none. */
    static void table(PrintWriter out, String title, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        int width = counts.keySet().stream().mapToInt(String::length).max().orElse(0);
        out.println(title);
        counts.forEach((k, v) -> out.printf("  %-" + width + "s  %,10d%n", k, v));
    }
}
