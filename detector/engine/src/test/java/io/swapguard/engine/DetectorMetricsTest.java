package io.swapguard.engine;

import static io.swapguard.engine.rules.RuleTest.IMSI;
import static io.swapguard.engine.rules.RuleTest.MSISDN;
import static io.swapguard.engine.rules.RuleTest.NEW_IMSI;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.Msisdn;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalAppender;
import io.swapguard.journal.JournalSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detector's meters count what it judged: alerts by rule and severity, masking by sender, OTP verdicts, lag. */
class DetectorMetricsTest {

    @Test
    void countsAlertsMaskedSendersVerdictsAndLag(@TempDir Path dir) throws Exception {
        DetectorConfig config = new DetectorConfig(true, dir.resolve("state").toString(), 1000,
                dir.resolve("alerts").toString(), "", null, null, dir.resolve("none.yaml").toString(), null, null,
                null);
        SenderRegistry registry = new SenderRegistry(List.of(new SenderRegistry.Sender("BCA", "Bank Central Asia", true,
                List.of(Signals.SMSC), List.of(), false, null)));
        Signals sig = new Signals();
        MeterRegistry meters = new SimpleMeterRegistry();
        try (Journal signals = Journal.open(JournalSettings.of(dir.resolve("journal")));
                Journal alerts = Journal.open(JournalSettings.of(dir.resolve("alerts")));
                SubscriberStore store = SubscriberStore.inMemory(1000);
                JournalAppender append = signals.appender();
                DetectorService service = DetectorService.start(config, signals, alerts, store, () -> registry, null,
                        0)) {
            DetectorMetrics metrics = new DetectorMetrics(service);
            metrics.bindTo(meters);
            assertThat(meters.get("swapguard.detector.alerts").tags("rule", "simSwap", "severity", "high")
                    .functionCounter().count()).as("exported at 0 before the first alert").isZero();
            append.append(sig.isd(0, MSISDN, IMSI, Signals.HOME_VLR).event());
            append.append(sig.isd(60, MSISDN, NEW_IMSI, Signals.HOME_VLR).event());
            append.append(sig.mtSms(61, "6281100910", "6281100102", "6281100000077", "510100000000077", "BCA", "Promo")
                    .event());
            append.append(sig.mtSms(62, "6281100910", "6281100102", "6281100000078", "510100000000078", "BCA", "Promo")
                    .event());
            for (int minute = 63; minute < 66; minute++) { // one tracking incident: an alert, then two signs
                append.append(sig.invoke(minute, io.swapguard.event.MapOperation.ANY_TIME_INTERROGATION, "447700900100",
                        MSISDN, null).event());
            }
            assertThat(service.awaitApplied(signals.lastIndex(), 5_000)).isTrue();
            metrics.refresh();

            assertThat(meters.get("swapguard.detector.events").functionCounter().count()).isEqualTo(7);
            assertThat(meters.get("swapguard.detector.alerts").tags("rule", "category1", "severity", "medium")
                    .functionCounter().count()).isEqualTo(1);
            assertThat(meters.get("swapguard.detector.incident.followups").tags("rule", "category1")
                    .functionCounter().count()).isEqualTo(2);
            assertThat(meters.get("swapguard.detector.incident.followups").tags("rule", "otpWatch")
                    .functionCounter().count()).isZero();
            // The three interrogations came from a foreign GT; the ISDs from our HLR are not interconnect.
            assertThat(meters.get("swapguard.detector.map.interconnect").tags("fs11", "1").functionCounter().count())
                    .isEqualTo(3);
            assertThat(meters.get("swapguard.detector.map.interconnect").tags("fs11", "2").functionCounter().count())
                    .isZero();
            String severity = config.rules().simSwap().severity().name().toLowerCase(java.util.Locale.ROOT);
            assertThat(meters.get("swapguard.detector.alerts").tags("rule", "simSwap", "severity", severity)
                    .functionCounter().count()).isEqualTo(1);
            assertThat(meters.get("swapguard.detector.masked.sms").tags("rule", "illegalMasking", "sender", "BCA")
                    .functionCounter().count()).as("each masked SMS, not only the alerts").isEqualTo(2);
            assertThat(meters.get("swapguard.detector.subscribers").gauge().value()).isEqualTo(3);
            assertThat(meters.get("swapguard.detector.lag").gauge().value()).as("caught up").isZero();
            assertThat(meters.get("swapguard.detector.up").gauge().value()).isEqualTo(1);

            service.otpGuard().check(Msisdn.of(MSISDN), "BCA", "Kode OTP Anda 123456", Signals.at(70));
            service.otpGuard().check(Msisdn.of(MSISDN), "BCA", "Terima kasih", Signals.at(71));
            assertThat(meters.get("swapguard.otp.verdicts").tags("action", "block", "rule", "simSwap")
                    .functionCounter().count()).isEqualTo(1);
            assertThat(meters.get("swapguard.otp.verdicts").tags("action", "pass", "rule", "otpGuard")
                    .functionCounter().count()).isEqualTo(1);
        }
    }

    @Test
    void sendersMaskedBeforeBindingTheStoreSizeAndTheAlertOutputsAreExported(@TempDir Path dir) throws Exception {
        Signals sig = new Signals();
        MemoryLog signals = new MemoryLog();
        MemoryLog alerts = new MemoryLog();
        long last = signals.append(sig.mtSms(1, "6281100910", "6281100102", MSISDN, IMSI, "BCA", "Promo").event());
        MeterRegistry meters = new SimpleMeterRegistry();
        DetectorConfig config = DetectorConfig.defaults().withFiles(null, null, dir.resolve("alerts.jsonl").toString());
        try (SubscriberStore store = SubscriberStore.inMemory(1000);
                DetectorService service = DetectorService.start(config, signals, alerts, store, TestSenders::shipped,
                        null, 0);
                io.swapguard.engine.alert.AlertDispatcher dispatcher =
                        new io.swapguard.engine.alert.AlertDispatcher(config, alerts)) {
            assertThat(service.awaitApplied(last, 5_000)).isTrue();
            new DetectorMetrics(service).bindTo(meters);
            DetectorMetrics.outputs(dispatcher).bindTo(meters);
            assertThat(meters.get("swapguard.detector.masked.sms").tags("rule", "illegalMasking", "sender", "BCA")
                    .functionCounter().count()).as("bound after it was masked").isEqualTo(1);
            assertThat(meters.get("swapguard.detector.store.size").gauge().value()).isEqualTo(store.bytesUsed())
                    .isPositive();
            assertThat(dispatcher.awaitDelivered(alerts.lastIndex(), 5_000)).isTrue();
            assertThat(meters.get("swapguard.alert.output.delivered").tag("output", "alerts-file").functionCounter()
                    .count()).isEqualTo(1);
            assertThat(meters.get("swapguard.alert.output.retries").tag("output", "alerts-file").functionCounter()
                    .count()).isZero();
            assertThat(meters.get("swapguard.alert.output.failed").tag("output", "alerts-file").functionCounter()
                    .count()).isZero();
        }
    }
}
