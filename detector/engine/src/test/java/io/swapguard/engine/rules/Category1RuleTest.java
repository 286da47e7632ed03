package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_VLR;
import static io.swapguard.engine.Signals.SMSC;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.DetectorConfig;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.Fs11Category;
import io.swapguard.event.MapOperation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** category1 on hand-made signalling: what fires, what must not, and the state it leaves. */
class Category1RuleTest extends RuleTest {
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

    @Test
    void insertSubscriberDataFromAForeignGtIsCategory2EvidenceNotFact() {
        atHome(0);
        // Only our HLR sends ISD about our subscriber: from a foreign GT it is tampering (FS.11
        // category 2), and the IMSI it claims must not become the subscriber's.
        List<AlertEvent> raised = apply(sig.invoke(6, MapOperation.INSERT_SUBSCRIBER_DATA, FOREIGN_GT, MSISDN, NEW_IMSI));
        assertThat(rules(raised)).containsExactly("category1");
        assertThat(raised.get(0).evidence().get(0).text()).contains("Category 2 operation (GSMA FS.11)")
                .contains(FOREIGN_GT);
        assertThat(state().imsi).isEqualTo(Long.parseLong(IMSI));
        // A CancelLocation from outside is the same attack going on: it joins the incident.
        assertThat(rules(apply(sig.invoke(7, MapOperation.CANCEL_LOCATION, FOREIGN_GT, null, IMSI)))).isEmpty();
        assertThat(state().incidentCount[RuleId.CATEGORY1.ordinal()]).isEqualTo(2);
    }

    @Test
    void anInboundRoamersHomeNetworkMaySpeakOfItsOwnSubscriber() {
        List<AlertEvent> raised = apply(
                sig.invoke(1, MapOperation.INSERT_SUBSCRIBER_DATA, FOREIGN_GT, "447700900001", "234150000000001"),
                sig.invoke(2, MapOperation.PROVIDE_SUBSCRIBER_INFO, FOREIGN_GT, null, "234150000000001"),
                sig.invoke(3, MapOperation.PROVIDE_SUBSCRIBER_LOCATION, FOREIGN_GT, "447700900001", null));
        assertThat(raised).isEmpty();
    }

    @Test
    void eachInvokeFromInterconnectIsTaggedWithItsCategory() {
        atHome(0);
        assertThat(process(sig.invoke(5, MapOperation.ANY_TIME_INTERROGATION, FOREIGN_GT, MSISDN, null)).interconnect())
                .isEqualTo(Fs11Category.CATEGORY_1);
        assertThat(process(sig.invoke(6, MapOperation.PROVIDE_SUBSCRIBER_INFO, FOREIGN_GT, null, IMSI)).interconnect())
                .isEqualTo(Fs11Category.CATEGORY_2);
        assertThat(process(sig.ul(7, IMSI, FOREIGN_GT, FOREIGN_GT, null)).interconnect())
                .isEqualTo(Fs11Category.CATEGORY_3);
        assertThat(process(sig.ul(8, IMSI, HOME_VLR, HOME_VLR, null)).interconnect()).isEqualTo(Fs11Category.NONE);
        assertThat(process(sig.mtSms(9, FOREIGN_GT, HOME_VLR, MSISDN, IMSI, "BCA", "hello")).interconnect())
                .as("SMS interworking is in no category").isEqualTo(Fs11Category.NONE);
    }

    @Test
    void byDefaultEveryCategory1And2OperationIsWatchedAndNoCategory3One() {
        List<Integer> ops = DetectorConfig.defaults().rules().category1().operations();
        assertThat(ops).contains(71, 62, 65, 58, 22, 24, 85, 9, 5, 7, 8, 3, 70, 4, 83, 37)
                .doesNotContain(2, 23, 56, 10, 44, 45, 46);
        assertThat(ops).isSorted();
    }

    @Test
    void aPairingIsTrustedAsTheRulesTakeIt() {
        // What the Kafka forwarder asks before it routes a SIM's later events by the number an ISD names.
        assertThat(detector.trustsPairing(sig.invoke(1, MapOperation.INSERT_SUBSCRIBER_DATA, FOREIGN_GT, MSISDN, NEW_IMSI)
                .event())).as("ISD about our subscriber from interconnect").isFalse();
        assertThat(detector.trustsPairing(sig.invoke(1, MapOperation.INSERT_SUBSCRIBER_DATA, "6281100500", MSISDN, NEW_IMSI)
                .event())).as("ISD from our HLR").isTrue();
        assertThat(detector.trustsPairing(sig.invoke(1, MapOperation.INSERT_SUBSCRIBER_DATA, FOREIGN_GT, "447700900001",
                "234150000000001").event())).as("an inbound roamer's home HLR").isTrue();
        assertThat(detector.trustsPairing(sig.diameter(1, io.swapguard.event.DiameterCommand.INSERT_SUBSCRIBER_DATA,
                io.swapguard.event.DiameterCommand.APP_S6A, true, NEW_IMSI).msisdn(io.swapguard.event.Msisdn.of(MSISDN))
                .originHost("hss.evil").originRealm("epc.mnc015.mcc234.3gppnetwork.org").build()))
                .as("IDR from a foreign realm").isFalse();
        assertThat(detector.trustsPairing(sig.diameter(1, io.swapguard.event.DiameterCommand.INSERT_SUBSCRIBER_DATA,
                io.swapguard.event.DiameterCommand.APP_S6A, true, NEW_IMSI).msisdn(io.swapguard.event.Msisdn.of(MSISDN))
                .originHost("hss1").originRealm(io.swapguard.engine.Signals.HOME_REALM).build()))
                .as("IDR from our HSS").isTrue();
    }
}
