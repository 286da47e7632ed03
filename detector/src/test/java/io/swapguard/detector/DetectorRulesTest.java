package io.swapguard.detector;

import static io.swapguard.detector.Signals.HOME_VLR;
import static io.swapguard.detector.Signals.SMSC;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.config.DetectorConfig;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.MapOperation;
import io.swapguard.event.ProvisioningEvent.Kind;
import io.swapguard.journal.JournalRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each rule on hand-made signalling: what fires, what must not, and the state it leaves. */
class DetectorRulesTest {

    static final String MSISDN = "6281100000042";
    static final String IMSI = "510100000000042";
    static final String NEW_IMSI = "510109000000042";
    static final String IMEI = "35332509123456";
    static final String OTHER_IMEI = "86753109654321";
    static final String FOREIGN_GT = "447700900666";

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

    List<AlertEvent> apply(JournalRecord... records) {
        List<AlertEvent> raised = new ArrayList<>();
        for (JournalRecord r : records) {
            raised.addAll(detector.apply(r));
        }
        alerts.addAll(raised);
        return raised;
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

    @Nested
    class SimSwap {
        @Test
        void theFirstSightingIsTheBaselineNotASwap() {
            atHome(0);
            assertThat(alerts).isEmpty();
            assertThat(state().imsi).isEqualTo(Long.parseLong(IMSI));
            assertThat(state().sims).isEmpty();
        }

        @Test
        void aNewImsiBehindTheNumberWithoutARecordIsASwap() {
            atHome(0);
            List<AlertEvent> raised = apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
            assertThat(rules(raised)).containsExactly("simSwap");
            AlertEvent a = raised.get(0);
            assertThat(a.severity()).isEqualTo(AlertEvent.Severity.HIGH);
            assertThat(a.msisdn().digits()).isEqualTo(MSISDN);
            assertThat(a.imsi().digits()).isEqualTo(NEW_IMSI);
            assertThat(a.evidence()).hasSize(2);
            assertThat(a.evidence().get(0).timeNanos()).isEqualTo(Signals.at(0.2));
            assertThat(a.title()).doesNotContain(MSISDN).doesNotContain(NEW_IMSI);
            SubscriberState s = state();
            assertThat(s.imsi).isEqualTo(Long.parseLong(NEW_IMSI));
            assertThat(s.latestSimChange().source()).isEqualTo(SubscriberState.SimSource.SIGNALLING);
            assertThat(s.riskKind).isEqualTo(SubscriberState.RiskKind.SIM_SWAP);
            assertThat(store.msisdnOf(Long.parseLong(NEW_IMSI))).isEqualTo(Long.parseLong(MSISDN));
        }

        @Test
        void aStoreReplacementRecordExplainsTheNewSim() {
            atHome(0);
            apply(sig.provisioning(59, Kind.SIM_REPLACEMENT, MSISDN, NEW_IMSI, IMSI, null, "store-117"),
                    sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
            assertThat(alerts).isEmpty();
            assertThat(state().latestSimChange().trusted()).isTrue();
            assertThat(state().riskKind).isEqualTo(SubscriberState.RiskKind.PROVISIONED_SWAP);
        }

        @Test
        void aRecordFromAnUntrustedChannelIsItselfTheAlert() {
            atHome(0);
            List<AlertEvent> raised = apply(sig.provisioning(59, Kind.SIM_REPLACEMENT, MSISDN, NEW_IMSI, IMSI, null,
                    "web-selfcare"));
            assertThat(rules(raised)).containsExactly("simSwap");
            assertThat(raised.get(0).title()).contains("web-selfcare");
            assertThat(apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR))).isEmpty();
        }

        @Test
        void aLateRecordSettlesTheHistoryAndLiftsTheRisk() {
            atHome(0);
            assertThat(rules(apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR)))).containsExactly("simSwap");
            apply(sig.provisioning(58, Kind.SIM_REPLACEMENT, MSISDN, NEW_IMSI, IMSI, null, "store-117"));
            assertThat(state().sims).hasSize(1);
            assertThat(state().latestSimChange().source()).isEqualTo(SubscriberState.SimSource.PROVISIONING);
            assertThat(state().riskKind).isEqualTo(SubscriberState.RiskKind.PROVISIONED_SWAP);
        }

        @Test
        void signallingOlderThanTheChangeAboutTheOldSimIsNotASwapBack() {
            atHome(0);
            apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
            assertThat(apply(sig.isd(30, MSISDN, IMSI, HOME_VLR))).isEmpty();
            assertThat(state().imsi).isEqualTo(Long.parseLong(NEW_IMSI));
        }

        @Test
        void secondaryImsiRangesAndPortingAreNotSwaps() {
            detector = detector(new DetectorConfig(null, null, null, null, null, null,
                    new DetectorConfig.NetworkConfig(null, null, null, List.of("5101000", "5101090"), null, null), null,
                    null, null, null));
            atHome(0);
            assertThat(apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR))).isEmpty();

            String other = "6281100000043";
            apply(sig.isd(0, other, "510100000000043", HOME_VLR),
                    sig.provisioning(10, Kind.PORT_IN, other, null, null, null, "mnp"));
            assertThat(apply(sig.isd(20, other, "510990000000043", HOME_VLR))).isEmpty();
        }

        @Test
        void sendImsiAndSriForSmResultsAlsoRevealTheSim() {
            atHome(0);
            assertThat(rules(apply(sig.record(io.swapguard.event.MapEvent.builder().captureNanos(Signals.at(60)).tapId("t")
                    .tcapType(io.swapguard.event.TcapMessageType.END).component(io.swapguard.event.ComponentType.RETURN_RESULT_LAST)
                    .operation(MapOperation.SEND_ROUTING_INFO_FOR_SM).calling(Signals.gt(Signals.HLR, 6))
                    .called(Signals.gt(SMSC, 8)).msisdn(io.swapguard.event.Msisdn.of(MSISDN))
                    .imsi(io.swapguard.event.Imsi.of(NEW_IMSI)).mscNumber("6281100102").build()))))
                    .containsExactly("simSwap");
        }
    }

    @Nested
    class DeviceSwap {
        @Test
        void anUnregisteredHandsetIsADeviceSwap() {
            atHome(0);
            List<AlertEvent> raised = apply(sig.ul(60, IMSI, HOME_VLR, HOME_VLR, OTHER_IMEI));
            assertThat(rules(raised)).containsExactly("deviceSwap");
            assertThat(raised.get(0).title()).contains("TAC 86753109").contains("was 35332509");
            assertThat(state().imei).isEqualTo(Long.parseLong(OTHER_IMEI));
            assertThat(state().latestDeviceChange().registered()).isFalse();
        }

        @Test
        void aRegisteredHandsetIsNot() {
            atHome(0);
            apply(sig.provisioning(50, Kind.DEVICE_REGISTRATION, MSISDN, IMSI, null, OTHER_IMEI, "ceir"));
            assertThat(apply(sig.ul(60, IMSI, HOME_VLR, HOME_VLR, OTHER_IMEI + "01"))).isEmpty();
            assertThat(state().latestDeviceChange().registered()).isTrue();
        }

        @Test
        void theSameHandsetReportedAsImeisvIsNoChange() {
            atHome(0);
            assertThat(apply(sig.ul(60, IMSI, HOME_VLR, HOME_VLR, IMEI + "07"))).isEmpty();
            assertThat(state().devices).isEmpty();
        }
    }

    @Nested
    class LocationHijack {
        @Test
        void aForeignVlrClaimingASubscriberAtHomeWithoutAuthenticationIsCritical() {
            atHome(0);
            List<AlertEvent> raised = apply(sig.ul(10, IMSI, FOREIGN_GT, FOREIGN_GT, null));
            assertThat(rules(raised)).containsExactly("locationHijack");
            AlertEvent a = raised.get(0);
            assertThat(a.severity()).isEqualTo(AlertEvent.Severity.CRITICAL);
            assertThat(a.evidence()).extracting(AlertEvent.Evidence::text)
                    .anyMatch(t -> t.startsWith("impossible travel"))
                    .anyMatch(t -> t.startsWith("no SendAuthenticationInfo"));
            assertThat(state().abroad).isTrue();
            assertThat(state().riskKind).isEqualTo(SubscriberState.RiskKind.LOCATION_HIJACK);
        }

        @Test
        void anOrdinaryTripIsNot() {
            atHome(0);
            // Away for the flight (longer than the minimum travel time), authenticated by the visited network.
            assertThat(apply(sig.sai(180, IMSI, FOREIGN_GT), sig.ul(180.1, IMSI, FOREIGN_GT, FOREIGN_GT, IMEI)))
                    .isEmpty();
            assertThat(state().abroad).isTrue();
            // Back home, then off again: no alert either.
            atHome(3000);
            assertThat(apply(sig.sai(3200, IMSI, FOREIGN_GT), sig.ul(3200.1, IMSI, FOREIGN_GT, FOREIGN_GT, IMEI)))
                    .isEmpty();
        }

        @Test
        void smsRoutedToAForeignMscRightAfterBeingAtHomeIsASignEvenWithoutTheUpdateLocation() {
            atHome(0);
            List<AlertEvent> raised = apply(sriSmResult(5, FOREIGN_GT));
            assertThat(rules(raised)).containsExactly("locationHijack");
            assertThat(raised.get(0).severity()).isEqualTo(AlertEvent.Severity.HIGH);
            assertThat(raised.get(0).evidence()).extracting(AlertEvent.Evidence::text)
                    .anyMatch(t -> t.startsWith("SendRoutingInfoForSM answered with foreign MSC " + FOREIGN_GT));
            assertThat(state().riskKind).isEqualTo(SubscriberState.RiskKind.LOCATION_HIJACK);
            // Once abroad in our state, further answers are no news; after a real trip none at all.
            assertThat(apply(sriSmResult(6, FOREIGN_GT))).isEmpty();
            atHome(1000);
            assertThat(apply(sig.sai(1200, IMSI, FOREIGN_GT), sig.ul(1200.1, IMSI, FOREIGN_GT, FOREIGN_GT, IMEI),
                    sriSmResult(1300, FOREIGN_GT))).isEmpty();
        }

        private JournalRecord sriSmResult(double minutes, String msc) {
            return sig.record(io.swapguard.event.MapEvent.builder().captureNanos(Signals.at(minutes)).tapId("t")
                    .tcapType(io.swapguard.event.TcapMessageType.END)
                    .component(io.swapguard.event.ComponentType.RETURN_RESULT_LAST)
                    .operation(MapOperation.SEND_ROUTING_INFO_FOR_SM).calling(Signals.gt(Signals.HLR, 6))
                    .called(Signals.gt(SMSC, 8)).msisdn(io.swapguard.event.Msisdn.of(MSISDN))
                    .imsi(io.swapguard.event.Imsi.of(IMSI)).mscNumber(msc).build());
        }

        @Test
        void aCallingGtThatIsNotTheClaimedVlrCounts() {
            atHome(0);
            List<AlertEvent> raised = apply(sig.sai(200, IMSI, "33612000111"),
                    sig.ul(200.1, IMSI, "33612000111", FOREIGN_GT, null));
            assertThat(rules(raised)).containsExactly("locationHijack");
            assertThat(raised.get(0).severity()).isEqualTo(AlertEvent.Severity.HIGH);
            assertThat(raised.get(0).evidence()).extracting(AlertEvent.Evidence::text)
                    .anyMatch(t -> t.contains("does not match the claimed VLR"));
        }
    }

    @Nested
    class CallForwarding {
        @Test
        void forwardingToAForeignNumberFromInterconnectIsATakeover() {
            atHome(0);
            List<AlertEvent> raised = apply(sig.registerSs(30, IMSI, FOREIGN_GT, 0x21, "447700123456"));
            assertThat(rules(raised)).containsExactly("callForwarding");
            assertThat(raised.get(0).title()).contains("unconditional (CFU)").contains("foreign number")
                    .contains("interconnect");
            assertThat(state().cfRisky).isTrue();
            assertThat(state().riskKind).isEqualTo(SubscriberState.RiskKind.CALL_FORWARDING);
        }

        @Test
        void forwardingToVoicemailFromHomeIsNotAndErasingClearsIt() {
            atHome(0);
            assertThat(apply(sig.registerSs(30, IMSI, HOME_VLR, 0x2B, "6281100777"))).isEmpty();
            assertThat(state().cfSsCode).isEqualTo(0x2B);
            apply(sig.eraseSs(40, IMSI, HOME_VLR, 0x2B));
            assertThat(state().cfSsCode).isEqualTo(-1);
        }
    }

    @Nested
    class Category1 {
        @Test
        void anyTimeInterrogationFromAbroadIsFlaggedAndFromHomeIsNot() {
            atHome(0);
            assertThat(apply(sig.invoke(5, MapOperation.ANY_TIME_INTERROGATION, "6281100500", MSISDN, null))).isEmpty();
            List<AlertEvent> raised = apply(sig.invoke(6, MapOperation.ANY_TIME_INTERROGATION, FOREIGN_GT, MSISDN, null));
            assertThat(rules(raised)).containsExactly("category1");
            assertThat(raised.get(0).severity()).isEqualTo(AlertEvent.Severity.MEDIUM);
        }

        @Test
        void sendImsiFromAbroadFindsTheSubscriberByNumber() {
            atHome(0);
            assertThat(rules(apply(sig.invoke(6, MapOperation.SEND_IMSI, FOREIGN_GT, MSISDN, null))))
                    .containsExactly("category1");
        }
    }

    @Nested
    class SenderIds {
        @Test
        void aRegisteredSenderFromAnotherSmscIsIllegalMasking() {
            atHome(0);
            assertThat(apply(sig.mtSms(5, SMSC, "6281100102", MSISDN, IMSI, "BCA", "Transaksi berhasil"))).isEmpty();
            List<AlertEvent> raised = apply(sig.mtSms(6, "6281100910", "6281100102", MSISDN, IMSI, "BCA", "Promo"));
            assertThat(rules(raised)).containsExactly("illegalMasking");
            assertThat(raised.get(0).title()).contains("BCA").contains("Bank Central Asia").contains("6281100910");
        }

        @Test
        void aLookalikeOfARegisteredSenderIsFlaggedAndAnHonestBrandIsNot() {
            atHome(0);
            assertThat(rules(apply(sig.mtSms(5, SMSC, "6281100102", MSISDN, IMSI, "8CA", "Akun diblokir"))))
                    .containsExactly("lookalikeSender");
            assertThat(apply(sig.mtSms(30, SMSC, "6281100102", MSISDN, IMSI, "BCAF", "Angsuran Anda"))).isEmpty();
        }
    }

    @Nested
    class OtpWatchAndDedupe {
        @Test
        void anOtpToAFreshlySwappedSimIsAnAlertOnceWithinTheDedupeWindow() {
            atHome(0);
            apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
            String otp = "Kode OTP Anda 483920. JANGAN BERIKAN kode ini kepada siapapun.";
            List<AlertEvent> raised = apply(sig.mtSms(65, SMSC, HOME_VLR, MSISDN, NEW_IMSI, "BCA", otp),
                    sig.mtSms(66, SMSC, HOME_VLR, MSISDN, NEW_IMSI, "BCA", otp));
            assertThat(rules(raised)).containsExactly("otpWatch");
            assertThat(raised.get(0).evidence().get(0).timeNanos()).isEqualTo(Signals.at(60));
            assertThat(raised.get(0).title()).contains("5 min after a SIM swap");
            assertThat(state().lastOtpSender).isEqualTo("BCA");
            // Past the dedupe window it alerts again; past the sender's own OTP window (GOPAY: 24 h) it does not.
            assertThat(rules(apply(sig.mtSms(80, SMSC, HOME_VLR, MSISDN, NEW_IMSI, "BCA", otp)))).containsExactly("otpWatch");
            assertThat(apply(sig.mtSms(60 + 25 * 60, SMSC, HOME_VLR, MSISDN, NEW_IMSI, "GOPAY", otp))).isEmpty();
        }

        @Test
        void applyingTheSameEventTwiceChangesNothing() {
            atHome(0);
            JournalRecord swap = sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR);
            assertThat(detector.apply(swap)).hasSize(1);
            byte[] before = state().encode();
            assertThat(detector.apply(swap)).isEmpty();
            assertThat(state().encode()).isEqualTo(before);
        }

        @Test
        void anUncommittedChangeLeavesTheStoreAsItWas() {
            atHome(0);
            byte[] before = state().encode();
            Detector.Change change = detector.process(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
            assertThat(change.alerts()).hasSize(1);
            assertThat(state().encode()).isEqualTo(before);
            change.commit();
            assertThat(state().imsi).isEqualTo(Long.parseLong(NEW_IMSI));
        }
    }

    @Test
    void camaraQueriesAnswerFromTheState() {
        SubscriberQueries q = new SubscriberQueries(store);
        io.swapguard.event.Msisdn m = io.swapguard.event.Msisdn.of(MSISDN);
        assertThat(q.latestSimChange(m)).isEmpty();
        apply(sig.provisioning(-600, Kind.ACTIVATION, MSISDN, IMSI, null, null, "store-9"));
        atHome(0);
        assertThat(q.activation(m)).contains(SubscriberQueries.instant(Signals.at(-600)));
        assertThat(q.latestSimChange(m)).isEmpty();
        assertThat(q.latestDeviceChange(m)).isEmpty();
        apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR), sig.ul(90, NEW_IMSI, HOME_VLR, HOME_VLR, OTHER_IMEI));
        assertThat(q.latestSimChange(m)).contains(SubscriberQueries.instant(Signals.at(60)));
        assertThat(q.latestDeviceChange(m)).contains(SubscriberQueries.instant(Signals.at(90)));
        assertThat(q.activation(io.swapguard.event.Msisdn.of("6281100009999"))).isEmpty();
    }

    @Test
    void disabledRulesStaySilentButStateStillFollows() {
        detector = detector(new DetectorConfig(null, null, null, null, null, null, null, null, null,
                new DetectorConfig.RulesConfig(new DetectorConfig.SimSwapRule(false, null, null, null), null, null, null,
                        null, null, null, null), null));
        atHome(0);
        assertThat(apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR))).isEmpty();
        assertThat(state().imsi).isEqualTo(Long.parseLong(NEW_IMSI));
    }
}
