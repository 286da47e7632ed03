package io.swapguard.forward;

import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalSettings;
import java.nio.file.Path;

/** A forwarder in a JVM of its own, for the kill -9 test: journal directory, bootstrap servers, source. */
public final class ForwarderChild {

    private ForwarderChild() {
    }

    public static void main(String[] args) {
        try (Journal journal = Journal.open(JournalSettings.of(Path.of(args[0])));
                JournalForwarder f = new JournalForwarder(journal,
                        ForwarderSettings.of(args[1], args[2]).withTopics(6, 3).withMaxBatch(200),
                        SubscriberKey.international())) {
            f.run();
        }
    }
}
