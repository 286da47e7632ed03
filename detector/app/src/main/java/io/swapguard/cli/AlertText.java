package io.swapguard.cli;

import io.swapguard.event.AlertEvent;
import java.util.Locale;

/** An alert for a terminal: one headline, then its evidence indented, oldest first. */
final class AlertText {

    private AlertText() {
    }

    static String of(AlertEvent a) {
        StringBuilder s = new StringBuilder(256);
        s.append(EventJson.isoTime(a.captureNanos())).append("  ")
                .append(a.severity().name().toUpperCase(Locale.ROOT)).append("  ").append(a.rule()).append("  ")
                .append(a.monitored() ? "(monitor mode, would alert) " : "").append(a.title());
        for (AlertEvent.Evidence e : a.evidence()) {
            s.append(System.lineSeparator()).append("    ")
                    .append(e.timeNanos() == 0 ? "-" : EventJson.isoTime(e.timeNanos())).append("  ").append(e.text());
        }
        return s.toString();
    }
}
