package io.swapguard.cli;

import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventRecord;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalSettings;
import io.swapguard.journal.JournalTailer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * swapguard as a process of its own (for tests that kill it or run two at once), and what a
 * detector left behind: its alerts journal and its subscriber state.
 */
final class SwapguardProcess {

    private SwapguardProcess() {
    }

    /** The command line {@code args} in a new JVM, as the launcher would start it, on the test classpath. */
    static ProcessBuilder of(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "@" + Path.of("..", "..", "conf", "jvm.options").toAbsolutePath(),
                "-Dswapguard.home=" + System.getProperty("swapguard.home"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    /** Every alert in an alerts journal, in order. */
    static List<AlertEvent> alerts(Path alertsJournal) {
        List<AlertEvent> found = new ArrayList<>();
        try (Journal j = Journal.openExisting(JournalSettings.of(alertsJournal)); JournalTailer t = j.anonymousTailer()) {
            for (EventRecord r; (r = t.next()) != null; ) {
                found.add((AlertEvent) r.event());
            }
        }
        return found;
    }

    /**
     * Where two journals first differ (record number and both events), or null when they hold
     * the same events in the same order. Streams both, so journals of millions of events compare.
     */
    static String firstDifference(Path journalA, Path journalB) {
        try (Journal a = Journal.openExisting(JournalSettings.of(journalA));
                Journal b = Journal.openExisting(JournalSettings.of(journalB));
                JournalTailer ta = a.anonymousTailer(); JournalTailer tb = b.anonymousTailer()) {
            for (long n = 0; ; n++) {
                EventRecord x = ta.next();
                EventRecord y = tb.next();
                if (x == null && y == null) {
                    return null;
                }
                if (x == null || y == null || !x.event().equals(y.event())) {
                    return "record " + n + ": " + (x == null ? "end" : x.event()) + " vs " + (y == null ? "end" : y.event());
                }
            }
        }
    }

    /** Every subscriber's state, encoded, by MSISDN (for comparing two runs). */
    static Map<Long, String> states(Path stateDirectory) {
        Map<Long, String> dump = new TreeMap<>();
        try (SubscriberStore store = SubscriberStore.openForReading(stateDirectory, 30_000)) {
            store.forEach(s -> dump.put(s.msisdn, Base64.getEncoder().encodeToString(s.encode())));
        }
        return dump;
    }
}
