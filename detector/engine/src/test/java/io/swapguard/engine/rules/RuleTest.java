package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_VLR;
import static io.swapguard.engine.Signals.SMSC;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.Change;
import io.swapguard.engine.Detector;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.Signals;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** What every rule test shares: a detector on an in-memory store, hand-made signalling, a subscriber at home. */
public abstract class RuleTest {

    public static final String MSISDN = "6281100000042";
    public static final String IMSI = "510100000000042";
    public static final String NEW_IMSI = "510109000000042";
    public static final String IMEI = "35332509123456";
    public static final String OTHER_IMEI = "86753109654321";
    public static final String FOREIGN_GT = "447700900666";

    final Signals sig = new Signals();
    final SubscriberStore store = SubscriberStore.inMemory(1000);
    final List<AlertEvent> alerts = new ArrayList<>();
    Detector detector = detector(DetectorConfig.defaults());

    Detector detector(DetectorConfig config) {
        return new Detector(config, store, new SenderRegistry(List.of(
                new SenderRegistry.Sender("BCA", "Bank Central Asia", true, List.of(SMSC), List.of("bca-otp"), false,
                        null),
                new SenderRegistry.Sender("GOPAY", "GoPay", true, List.of(SMSC), List.of(), false,
                        Duration.ofHours(24)))));
    }

    @AfterEach
    void close() {
        store.close();
    }

    List<AlertEvent> apply(EventRecord... records) {
        List<AlertEvent> raised = new ArrayList<>();
        for (EventRecord r : records) {
            raised.addAll(detector.apply(r));
        }
        alerts.addAll(raised);
        return raised;
    }

    /** Applies and commits one event, keeping its {@link Change} to look at. */
    Change process(EventRecord r) {
        Change c = detector.process(r);
        c.commit();
        alerts.addAll(c.alerts());
        return c;
    }

    SubscriberState state() {
        return store.get(Long.parseLong(MSISDN));
    }

    /** The subscriber attached at home with SIM {@code IMSI} in handset {@code IMEI}. */
    void atHome(double minutes) {
        apply(sig.sai(minutes, IMSI, HOME_VLR), sig.ul(minutes + 0.1, IMSI, HOME_VLR, HOME_VLR, IMEI),
                sig.isd(minutes + 0.2, MSISDN, IMSI, HOME_VLR), sig.ulResult(minutes + 0.3, IMSI, HOME_VLR, IMEI));
    }

    static List<String> rules(List<AlertEvent> alerts) {
        return alerts.stream().map(AlertEvent::rule).toList();
    }
}
