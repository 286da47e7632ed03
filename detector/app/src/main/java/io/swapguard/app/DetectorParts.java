package io.swapguard.app;

import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.DetectorService;
import io.swapguard.engine.alert.AlertDispatcher;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventLog;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalSettings;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The detector as every command runs it: the subscriber store, the alerts journal, the sender
 * registry file, the detector service over the signals log and the alert outputs. {@code run},
 * {@code demo} and {@code detect} all build it here, so what the configuration enables is what
 * each of them gets.
 */
public final class DetectorParts implements AutoCloseable {

    private final SubscriberStore store;
    private final Journal alerts;
    private final DetectorService service;
    private final AlertDispatcher dispatcher;

    private DetectorParts(SubscriberStore store, Journal alerts, DetectorService service, AlertDispatcher dispatcher) {
        this.store = store;
        this.alerts = alerts;
        this.service = service;
        this.dispatcher = dispatcher;
    }

    /**
     * Starts the detector on {@code signals}.
     *
     * @param onAlert sees each new alert after it is in the alerts journal
     * @param haltAfter testing only: halt the JVM after this many events (0 never)
     */
    public static DetectorParts start(DetectorConfig config, EventLog signals, Consumer<AlertEvent> onAlert,
            long haltAfter) {
        Supplier<SenderRegistry> registry = SenderRegistryFile.of(config.senderRegistry());
        // The state and the alerts journal keep the free-space reserve of the signals journal they follow.
        long minFree = signals instanceof Journal j ? j.settings().minFreeBytes() : JournalSettings.DEFAULT_MIN_FREE_BYTES;
        SubscriberStore store = SubscriberStore.open(Path.of(config.stateDirectory()), config.expectedSubscribers(),
                minFree);
        Journal alerts = null;
        DetectorService service = null;
        try {
            alerts = Journal.open(JournalSettings.of(Path.of(config.alertsJournal())).withMinFreeBytes(minFree));
            service = DetectorService.start(config, signals, alerts, store, registry, onAlert, haltAfter);
            return new DetectorParts(store, alerts, service, new AlertDispatcher(config, alerts));
        } catch (RuntimeException e) {
            if (service != null) {
                service.close();
            }
            if (alerts != null) {
                alerts.close();
            }
            store.close();
            throw e;
        }
    }

    public DetectorService service() {
        return service;
    }

    public AlertDispatcher dispatcher() {
        return dispatcher;
    }

    public Journal alerts() {
        return alerts;
    }

    public SubscriberStore store() {
        return store;
    }

    /** Stops the outputs, then the detector (it finishes the event in hand), then closes its files. */
    @Override
    public void close() {
        dispatcher.close();
        service.close();
        alerts.close();
        store.close();
    }
}
