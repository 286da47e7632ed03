package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_VLR;
import static io.swapguard.engine.Signals.SMSC;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.Signals;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventRecord;
import io.swapguard.event.MapOperation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** locationHijack on hand-made signalling: what fires, what must not, and the state it leaves. */
class LocationHijackRuleTest extends RuleTest {
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

    private EventRecord sriSmResult(double minutes, String msc) {
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
