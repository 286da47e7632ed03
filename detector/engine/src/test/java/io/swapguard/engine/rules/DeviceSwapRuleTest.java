package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_VLR;
import static io.swapguard.engine.Signals.SMSC;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.AlertEvent;
import io.swapguard.event.ProvisioningEvent.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** deviceSwap on hand-made signalling: what fires, what must not, and the state it leaves. */
class DeviceSwapRuleTest extends RuleTest {
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
