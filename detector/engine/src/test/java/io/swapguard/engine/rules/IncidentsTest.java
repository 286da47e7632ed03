package io.swapguard.engine.rules;

import static io.swapguard.engine.Signals.HOME_VLR;
import static io.swapguard.engine.Signals.SMSC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.engine.Change;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.DetectorConfig.IncidentsConfig;
import io.swapguard.engine.InvalidSettingException;
import io.swapguard.engine.Signals;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.AlertEvent.Severity;
import io.swapguard.event.MapOperation;
import io.swapguard.event.SmppEvent.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One attack, one alert: follow-on signs join the open incident, and only an escalation alerts again. */
class IncidentsTest extends RuleTest {

    private static final String OTP = "Kode OTP BCA 123456. Jangan berikan kepada siapapun.";
    private static final int OTP_WATCH = RuleId.OTP_WATCH.ordinal();

    @Test
    void otpsTheGateStoppedJoinTheIncidentAndADeliveredOneEscalatesIt() {
        atHome(0);
        apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
        List<AlertEvent> stopped = apply(sig.submit(61, "bca-otp", "BCA", MSISDN, OTP, Decision.BLOCKED));
        assertThat(rules(stopped)).containsExactly("otpWatch");
        assertThat(stopped.get(0).severity()).as("one step below the rule's CRITICAL: it never arrived")
                .isEqualTo(Severity.HIGH);
        Change again = process(sig.submit(62, "bca-otp", "BCA", MSISDN, OTP, Decision.BLOCKED));
        assertThat(again.alerts()).isEmpty();
        assertThat(again.joined()).containsExactly(RuleId.OTP_WATCH);

        List<AlertEvent> delivered = apply(sig.mtSms(70, SMSC, HOME_VLR, MSISDN, NEW_IMSI, "BCA", OTP));
        assertThat(rules(delivered)).containsExactly("otpWatch");
        AlertEvent escalation = delivered.get(0);
        assertThat(escalation.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(escalation.title()).startsWith("Escalated to CRITICAL: OTP from BCA delivered to");
        assertThat(escalation.evidence().get(0).text()).isEqualTo("escalates incident " + stopped.get(0).id()
                + " (3 signs)");
        assertThat(escalation.evidence().get(0).index()).isEqualTo(stopped.get(0).sourceIndex());
        assertThat(escalation.evidence().get(0).timeNanos()).isEqualTo(Signals.at(61));

        assertThat(apply(sig.mtSms(71, SMSC, HOME_VLR, MSISDN, NEW_IMSI, "BCA", OTP))).as("as severe: joins").isEmpty();
        assertThat(state().incidentCount[OTP_WATCH]).isEqualTo(4);
        assertThat(state().incidentSeverity[OTP_WATCH]).isEqualTo(Severity.CRITICAL.ordinal());
        assertThat(state().incidentLast[OTP_WATCH]).isEqualTo(Signals.at(71));
    }

    @Test
    void aNewRiskOpensANewIncidentForTheOtpWatch() {
        atHome(0);
        apply(sig.isd(60, MSISDN, NEW_IMSI, HOME_VLR));
        assertThat(rules(apply(sig.mtSms(61, SMSC, HOME_VLR, MSISDN, NEW_IMSI, "BCA", OTP)))).containsExactly("otpWatch");
        apply(sig.isd(90, MSISDN, "510100000000077", HOME_VLR)); // a second swap: the OTPs after it are another story
        assertThat(rules(apply(sig.mtSms(91, SMSC, HOME_VLR, MSISDN, "510100000000077", "BCA", OTP))))
                .containsExactly("otpWatch");
        assertThat(state().incidentCount[OTP_WATCH]).isEqualTo(1);
    }

    @Test
    void anIncidentStaysOpenWhileItsSignsKeepComingWithinItsWindow() {
        detector = detector(withIncidents(new IncidentsConfig(null, Map.of("category1", Duration.ofMinutes(10)))));
        atHome(0);
        assertThat(rules(apply(probe(5)))).containsExactly("category1");
        assertThat(apply(probe(14))).isEmpty();
        assertThat(apply(probe(23))).as("9 min after the last sign, 18 after the alert").isEmpty();
        assertThat(rules(apply(probe(33)))).as("exactly the window after the last sign").containsExactly("category1");
        assertThat(state().incidentCount[RuleId.CATEGORY1.ordinal()]).isEqualTo(1);
    }

    @Test
    void aSignOutOfOrderJoinsWithoutMovingTheLastSeenBack() {
        atHome(0);
        apply(probe(50));
        assertThat(apply(probe(40))).isEmpty();
        assertThat(state().incidentLast[RuleId.CATEGORY1.ordinal()]).isEqualTo(Signals.at(50));
        assertThat(state().incidentCount[RuleId.CATEGORY1.ordinal()]).isEqualTo(2);
    }

    @Test
    void aWindowOfZeroMakesEverySignAnAlertPastTheDedupeWindow() {
        detector = detector(withIncidents(new IncidentsConfig(Duration.ZERO, null)));
        atHome(0);
        assertThat(rules(apply(probe(5)))).containsExactly("category1");
        Change duplicate = process(probe(6));
        assertThat(duplicate.alerts()).as("within the dedupe window: the same sign seen twice").isEmpty();
        assertThat(duplicate.joined()).as("and counted in the incident").containsExactly(RuleId.CATEGORY1);
        assertThat(state().incidentCount[RuleId.CATEGORY1.ordinal()]).isEqualTo(2);
        assertThat(rules(apply(probe(15)))).containsExactly("category1");
    }

    @Test
    void theSettingsNameAnUnknownRuleAndRefuseNegativeWindows() {
        assertThat(new IncidentsConfig(null, null).window()).isEqualTo(Duration.ofHours(24));
        assertThat(new IncidentsConfig(null, Map.of("otpWatch", Duration.ZERO)).window(RuleId.OTP_WATCH)).isZero();
        assertThat(new IncidentsConfig(Duration.ofHours(2), null).window(RuleId.SIM_SWAP)).hasHours(2);
        assertThatThrownBy(() -> new IncidentsConfig(null, Map.of("otpwatch", Duration.ZERO)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("'otpwatch' is no rule (one of [simSwap, deviceSwap,");
        assertThatThrownBy(() -> new IncidentsConfig(Duration.ofSeconds(-1), null))
                .isInstanceOf(InvalidSettingException.class).hasMessage("must not be negative");
        assertThatThrownBy(() -> new IncidentsConfig(null, Map.of("otpWatch", Duration.ofSeconds(-1))))
                .isInstanceOf(InvalidSettingException.class).hasMessage("must be a duration of 0 or more")
                .extracting(e -> ((InvalidSettingException) e).key()).isEqualTo("rules.otpWatch");
    }

    private io.swapguard.event.EventRecord probe(double minutes) {
        return sig.invoke(minutes, MapOperation.ANY_TIME_INTERROGATION, FOREIGN_GT, MSISDN, null);
    }

    private static DetectorConfig withIncidents(IncidentsConfig incidents) {
        return new DetectorConfig(null, null, null, null, null, null, null, null, null, null, null, incidents);
    }
}
