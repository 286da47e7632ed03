package io.swapguard.engine;

import static io.swapguard.engine.rules.RuleTest.FOREIGN_GT;
import static io.swapguard.engine.rules.RuleTest.IMSI;
import static io.swapguard.engine.rules.RuleTest.MSISDN;
import static io.swapguard.engine.rules.RuleTest.NEW_IMSI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.engine.rules.RuleId;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.AlertEvent.Severity;
import io.swapguard.event.EventReadException;
import io.swapguard.event.EventRecord;
import io.swapguard.event.MapOperation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The detector service's loop over an in-memory log: where it resumes, what it writes once, what
 * it counts, how far behind it says it is, and how it stops on a log it cannot read. (The same
 * service over the real journal, damaged on disk: {@link DetectorServiceTest}; killed with -9:
 * {@code DetectorKillTest} in the app.)
 */
class DetectorServiceLoopTest {

    /**
     * How long a test waits for the service: ample for an in-memory log, and short enough that a
     * mutant that stops the loop fails the test before the mutation run's own timeout.
     */
    static final long WAIT_MS = 3_000;

    private final Signals sig = new Signals();
    private final MemoryLog signals = new MemoryLog();
    private final MemoryLog alerts = new MemoryLog();
    private final SubscriberStore store = SubscriberStore.inMemory(4000);
    private DetectorService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        store.close();
    }

    private long append(EventRecord r) {
        return signals.append(r.event());
    }

    private DetectorService start(Consumer<AlertEvent> onAlert) {
        return start(store, onAlert, TestSenders::shipped);
    }

    private DetectorService start(SubscriberStore on, Consumer<AlertEvent> onAlert, Supplier<SenderRegistry> registry) {
        service = DetectorService.start(DetectorConfig.defaults(), signals, alerts, on, registry, onAlert, 0);
        return service;
    }

    private List<AlertEvent> written() {
        return alerts.records().stream().map(r -> (AlertEvent) r.event()).toList();
    }

    /** The subscriber with its SIM, then a new SIM behind the number an hour later: one simSwap. */
    private long swap() {
        append(sig.isd(0, MSISDN, IMSI, Signals.HOME_VLR));
        return append(sig.isd(60, MSISDN, NEW_IMSI, Signals.HOME_VLR));
    }

    private static void eventually(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** {@code n} subscribers attached at home at {@code minutes}, numbered from {@code first}: events that raise nothing. */
    private void appendSubscribers(int n, long first, double minutes) {
        for (int i = 0; i < n; i++) {
            append(sig.isd(minutes, Long.toString(6281100000000L + first + i), Long.toString(510100000000000L + first + i),
                    Signals.HOME_VLR));
        }
    }

    /** An alert callback that holds the detector thread inside it until released, one alert at a time. */
    private static final class HeldCallback implements Consumer<AlertEvent> {
        final Semaphore entered = new Semaphore(0);
        final Semaphore release = new Semaphore(0);

        @Override
        public void accept(AlertEvent a) {
            entered.release();
            release.acquireUninterruptibly();
        }

        /** Waits until the detector thread is held in the callback. */
        boolean awaitHeld() throws InterruptedException {
            return entered.tryAcquire(WAIT_MS, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void anAlertIsWrittenOnceCountedByRuleAndSeverityAndHandedToTheCallbackAfterItIsInTheLog() throws Exception {
        long last = swap();
        List<Integer> alertsInLogWhenCalled = new CopyOnWriteArrayList<>();
        List<AlertEvent> seen = new CopyOnWriteArrayList<>();
        start(a -> {
            alertsInLogWhenCalled.add(alerts.records().size());
            seen.add(a);
        });
        assertThat(service.awaitApplied(last, WAIT_MS)).isTrue();
        assertThat(written()).extracting(AlertEvent::rule).containsExactly("simSwap");
        assertThat(seen).containsExactlyElementsOf(written());
        assertThat(alertsInLogWhenCalled).containsExactly(1);
        Severity severity = seen.get(0).severity();
        assertThat(service.alertsByRule()).isEqualTo(Map.of("simSwap", 1L));
        assertThat(service.alertCounter(RuleId.SIM_SWAP, severity).sum()).isEqualTo(1);
        for (Severity other : Severity.values()) {
            if (other != severity) {
                assertThat(service.alertCounter(RuleId.SIM_SWAP, other).sum()).isZero();
            }
        }
        assertThat(service.alertCounter(RuleId.DEVICE_SWAP, severity).sum()).isZero();
        assertThat(service.events()).isEqualTo(2);
        assertThat(service.appliedIndex()).isEqualTo(last);
        assertThat(service.lagSeconds()).as("caught up").isZero();
        assertThat(service.signalsLog()).isSameAs(signals);
        assertThat(service.alertsLog()).isSameAs(alerts);
        assertThat(service.store()).isSameAs(store);
        eventually("the idle checkpoint", () -> store.checkpoint() == last);
        assertThat(service.queries().latestSimChange(io.swapguard.event.Msisdn.of(MSISDN))).isPresent();
    }

    @Test
    void aRestartWhoseStateWasLostReplaysTheLogButWritesNoAlertTwice() throws Exception {
        long last = swap();
        start(null);
        assertThat(service.awaitApplied(last, WAIT_MS)).isTrue();
        service.close();
        assertThat(written()).hasSize(1);

        // The alert reached the alerts log, the state did not (a crash in between): replayed from
        // the start, the same alert comes again and is recognised by its source index and ordinal.
        List<AlertEvent> seen = new CopyOnWriteArrayList<>();
        try (SubscriberStore fresh = SubscriberStore.inMemory(1000)) {
            start(fresh, seen::add, TestSenders::shipped);
            assertThat(service.awaitApplied(last, WAIT_MS)).isTrue();
            assertThat(written()).as("no second copy").hasSize(1);
            assertThat(seen).isEmpty();
            assertThat(service.alertsByRule()).isEmpty();
            assertThat(fresh.get(Long.parseLong(MSISDN)).imsi).as("the state rebuilt").isEqualTo(Long.parseLong(NEW_IMSI));

            long next = append(sig.isd(120, MSISDN, IMSI, Signals.HOME_VLR)); // and back: a new alert
            assertThat(service.awaitApplied(next, WAIT_MS)).isTrue();
            assertThat(written()).extracting(AlertEvent::sourceIndex).containsExactly(last, next);
            assertThat(seen).hasSize(1);
            service.close();
        }
    }

    @Test
    void itResumesAtTheCheckpointAndFromTheStartWhenTheCheckpointIsGone() throws Exception {
        for (int i = 0; i < 3; i++) {
            append(sig.isd(i, "62811000001" + i + "0", "5101000000001" + i + "0", Signals.HOME_VLR));
        }
        store.checkpoint(MemoryLog.FIRST + 1);
        start(null);
        assertThat(service.awaitApplied(MemoryLog.FIRST + 2, WAIT_MS)).isTrue();
        assertThat(service.events()).as("the checkpoint's record and the one after it").isEqualTo(2);
        assertThat(store.get(6281100000100L)).as("before the checkpoint: not replayed").isNull();
        service.close();

        try (SubscriberStore other = SubscriberStore.inMemory(1000)) {
            other.checkpoint(MemoryLog.FIRST);
            signals.forgetBefore(MemoryLog.FIRST + 2); // retention took the checkpoint's record
            start(other, null, TestSenders::shipped);
            assertThat(service.awaitApplied(MemoryLog.FIRST + 2, WAIT_MS)).isTrue();
            assertThat(service.failure()).isNull();
            assertThat(service.events()).isEqualTo(1);
            service.close();
        }
    }

    @Test
    void aCheckpointIsTakenEveryFewThousandEventsWhileBusyNotOnlyWhenIdle() throws Exception {
        appendSubscribers(DetectorService.CHECKPOINT_EVERY + 6, 10000, 0);
        long probe = append(sig.invoke(1, MapOperation.ANY_TIME_INTERROGATION, FOREIGN_GT, MSISDN, null));
        HeldCallback held = new HeldCallback();
        start(held);
        assertThat(held.awaitHeld()).isTrue();
        assertThat(store.checkpoint()).as("after the first %d events, and not since", DetectorService.CHECKPOINT_EVERY)
                .isEqualTo(MemoryLog.FIRST + DetectorService.CHECKPOINT_EVERY - 1);
        held.release.release();
        assertThat(service.awaitApplied(probe, WAIT_MS)).isTrue();
        eventually("the idle checkpoint", () -> store.checkpoint() == probe);
    }

    @Test
    void theLagIsTheEventTimeBetweenTheNewestEventAndTheLastAppliedOne() throws Exception {
        assertThat(start(null).lagSeconds()).as("an empty log").isZero();
        service.close();
        append(sig.invoke(0, MapOperation.ANY_TIME_INTERROGATION, FOREIGN_GT, MSISDN, null));
        append(sig.isd(5, MSISDN, IMSI, Signals.HOME_VLR));
        // another subscriber: a second probe of the first would join its incident, not alert
        long last = append(sig.invoke(10, MapOperation.ANY_TIME_INTERROGATION, FOREIGN_GT, "6281100000099", null));
        HeldCallback held = new HeldCallback();
        try (SubscriberStore fresh = SubscriberStore.inMemory(1000)) {
            start(fresh, held, TestSenders::shipped);
            assertThat(held.awaitHeld()).isTrue();
            assertThat(service.lagSeconds()).as("nothing applied yet").isNaN();
            held.release.release();
            assertThat(held.awaitHeld()).isTrue();
            assertThat(service.lagSeconds()).as("minute 10 seen, minute 5 applied").isEqualTo(300.0);
            held.release.release();
            assertThat(service.awaitApplied(last, WAIT_MS)).isTrue();
            assertThat(service.lagSeconds()).isZero();
            service.close();
        }
    }

    @Test
    void alertsAndUnreadableRecordsInTheSignalsLogAreSteppedOverAndCounted() throws Exception {
        append(sig.isd(0, MSISDN, IMSI, Signals.HOME_VLR));
        long damaged = append(sig.isd(30, MSISDN, "510100000000099", Signals.HOME_VLR));
        signals.unreadable(damaged, true);
        EventRecord alertRecord = sig.isd(40, MSISDN, IMSI, Signals.HOME_VLR);
        signals.append(new AlertEvent(alertRecord.event().captureNanos(), "test", "simSwap", Severity.HIGH,
                io.swapguard.event.Msisdn.of(MSISDN), null, "an alert in the wrong log", List.of(), 1, 0));
        long last = append(sig.isd(60, MSISDN, NEW_IMSI, Signals.HOME_VLR));
        start(null);
        assertThat(service.awaitApplied(last, WAIT_MS)).isTrue();
        assertThat(service.unreadable()).isEqualTo(1);
        assertThat(service.events()).as("the alert record is read, not applied").isEqualTo(3);
        assertThat(written()).extracting(AlertEvent::rule).containsExactly("simSwap");
        assertThat(written().get(0).sourceIndex()).isEqualTo(last);
    }

    @Test
    void aRecordItCannotReadAndCannotSkipStopsTheServiceAndTheWaitSaysWhy() throws Exception {
        append(sig.isd(0, MSISDN, IMSI, Signals.HOME_VLR));
        long newer = append(sig.isd(30, MSISDN, NEW_IMSI, Signals.HOME_VLR));
        signals.unreadable(newer, false); // a newer schema: stop and upgrade, never skip
        start(null);
        assertThatThrownBy(() -> service.awaitApplied(newer, WAIT_MS)).isInstanceOf(EventReadException.class)
                .hasMessageContaining("0x" + Long.toHexString(newer));
        assertThat(service.failure()).isInstanceOf(EventReadException.class);
        assertThat(service.appliedIndex()).isEqualTo(newer - 1);
        assertThat(service.awaitApplied(newer - 1, 10)).as("what was applied stays answerable").isTrue();
    }

    @Test
    void theSenderRegistryIsAskedAgainEveryFewSecondsWhileIdleAndANewOneIsUsed() throws Exception {
        AtomicReference<SenderRegistry> current = new AtomicReference<>(SenderRegistry.empty());
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        start(store, null, () -> {
            asked.incrementAndGet();
            return current.get();
        });
        assertThat(service.registrySenders()).isZero();
        current.set(TestSenders.shipped());
        eventually("the new registry in use", () -> service.registrySenders() == 5);
        assertThat(asked.get()).as("at start, then once after 2 s idle: not on every idle loop").isEqualTo(2);
        // and used: BCA from an SMSC it is not registered on is masking now
        long sms = append(sig.mtSms(1, "6281100910", "6281100102", MSISDN, IMSI, "BCA", "Promo"));
        assertThat(service.awaitApplied(sms, WAIT_MS)).isTrue();
        assertThat(written()).extracting(AlertEvent::rule).containsExactly("illegalMasking");
        assertThat(service.maskedSenders()).containsOnlyKeys(new DetectorService.MaskedSender(RuleId.ILLEGAL_MASKING, "BCA"));
        assertThat(service.maskedSenders().values().iterator().next().sum()).isEqualTo(1);
    }

    @Test
    void closingStoresTheCheckpointOfWhatWasApplied() throws Exception {
        long last = swap();
        start(null);
        assertThat(service.awaitApplied(last, WAIT_MS)).isTrue();
        service.close();
        assertThat(store.checkpoint()).isEqualTo(last);
    }

    /** After the swap, a masked OTP to the new SIM: two alerts from one event (illegalMasking, otpWatch). */
    private long twoAlertsFromOneEvent() {
        swap();
        return append(sig.mtSms(61, "6281100910", "6281100102", MSISDN, NEW_IMSI, "BCA",
                "Kode OTP BCA Anda 123456. Jangan berikan kepada siapapun"));
    }

    @Test
    void aReplayRecognisesEveryAlertOfAnEventNotOnlyItsFirst() throws Exception {
        long sms = twoAlertsFromOneEvent();
        start(null);
        assertThat(service.awaitApplied(sms, WAIT_MS)).isTrue();
        service.close();
        assertThat(written()).extracting(AlertEvent::ordinal).containsExactly(0, 0, 1);
        try (SubscriberStore fresh = SubscriberStore.inMemory(1000)) {
            start(fresh, null, TestSenders::shipped);
            assertThat(service.awaitApplied(sms, WAIT_MS)).isTrue();
            assertThat(written()).as("nothing written twice").hasSize(3);
            long again = append(sig.isd(120, MSISDN, IMSI, Signals.HOME_VLR)); // the old SIM back: a swap
            assertThat(service.awaitApplied(again, WAIT_MS)).isTrue();
            assertThat(written()).as("a later event's alerts still are").hasSize(4);
            service.close();
        }
    }

    @Test
    void anIdleServiceNeverMovesItsCheckpointBack() throws Exception {
        store.checkpoint(MemoryLog.FIRST + 5); // past the end: a journal cut back, or a store from elsewhere
        start(null);
        Thread.sleep(50); // about 25 idle loops
        assertThat(store.checkpoint()).isEqualTo(MemoryLog.FIRST + 5);
        assertThat(service.awaitApplied(MemoryLog.FIRST + 5, 50)).as("a wait that times out says so").isFalse();
        assertThat(service.submissionGuard()).isNotNull();
        assertThat(service.otpGuard()).isNotNull();
    }

    @Test
    void closingWhileBusyCheckpointsTheLastEventApplied() throws Exception {
        appendSubscribers(DetectorService.CHECKPOINT_EVERY + 100, 10000, 0);
        long probe = append(sig.invoke(1, MapOperation.ANY_TIME_INTERROGATION, FOREIGN_GT, MSISDN, null));
        appendSubscribers(100, 20000, 2);
        HeldCallback held = new HeldCallback();
        start(held);
        assertThat(held.awaitHeld()).isTrue();
        Thread closer = new Thread(service::close);
        closer.start();
        Thread.sleep(50); // close has asked the loop to stop
        held.release.release();
        closer.join(10_000);
        assertThat(service.appliedIndex()).as("stopped after the event in hand").isEqualTo(probe);
        assertThat(store.checkpoint()).isEqualTo(probe);
    }
}
