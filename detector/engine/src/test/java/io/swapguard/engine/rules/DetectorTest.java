package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_VLR;
import static io.swapguard.engine.Signals.SMSC;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.Signals;
import io.swapguard.engine.state.SubscriberQueries;
import io.swapguard.event.ProvisioningEvent.Kind;
import org.junit.jupiter.api.Test;

/** The detector around the rules: CAMARA answers from its state, disabled rules, uncommitted changes. */
class DetectorTest extends RuleTest {







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
