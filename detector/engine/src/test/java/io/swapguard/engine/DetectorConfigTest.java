package io.swapguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.engine.DetectorConfig.Category1Rule;
import io.swapguard.engine.DetectorConfig.DeviceSwapRule;
import io.swapguard.engine.DetectorConfig.LocationHijackRule;
import io.swapguard.engine.DetectorConfig.LookalikeRule;
import io.swapguard.engine.DetectorConfig.OtpGuardConfig;
import io.swapguard.engine.DetectorConfig.PartnerConfig;
import io.swapguard.engine.DetectorConfig.Rule;
import io.swapguard.engine.DetectorConfig.RulesConfig;
import io.swapguard.engine.DetectorConfig.SimSwapRule;
import io.swapguard.engine.DetectorConfig.WebhookConfig;
import io.swapguard.event.AlertEvent.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The detector's settings: each documented default when a key is absent (docs/configuration.md),
 * each given value kept, and a wrong value refused with its key.
 */
class DetectorConfigTest {

    @Test
    void absentKeysTakeTheDocumentedDefaults() {
        DetectorConfig c = DetectorConfig.defaults();
        assertThat(c.enabled()).isTrue();
        assertThat(c.stateDirectory()).isEqualTo("data/state");
        assertThat(c.expectedSubscribers()).isEqualTo(1_000_000);
        assertThat(c.alertsJournal()).isEqualTo("data/alerts");
        assertThat(c.alertsFile()).isEqualTo("data/alerts.jsonl");
        assertThat(c.senderRegistry()).isEqualTo("conf/senders.yaml");
        assertThat(c.dedupeWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.webhook()).isEqualTo(new WebhookConfig("", "", Duration.ofSeconds(5), 8));
        RulesConfig r = c.rules();
        assertThat(r.simSwap()).isEqualTo(new SimSwapRule(true, Severity.HIGH, SimSwapRule.DEFAULT_TRUSTED_CHANNELS,
                Duration.ofDays(7)));
        assertThat(r.deviceSwap()).isEqualTo(new DeviceSwapRule(true, Severity.MEDIUM, true, Duration.ofDays(30)));
        assertThat(r.locationHijack()).isEqualTo(new LocationHijackRule(true, Severity.CRITICAL, Duration.ofHours(12),
                Duration.ofMinutes(10)));
        assertThat(r.callForwarding()).isEqualTo(new Rule(true, Severity.HIGH));
        assertThat(r.category1()).isEqualTo(new Category1Rule(true, Severity.MEDIUM, Category1Rule.FS11_CATEGORIES_1_AND_2));
        assertThat(r.illegalMasking()).isEqualTo(new Rule(true, Severity.HIGH));
        assertThat(r.lookalikeSender()).isEqualTo(new LookalikeRule(true, Severity.HIGH, 1));
        assertThat(r.otpWatch()).isEqualTo(new Rule(true, Severity.CRITICAL));
        assertThat(c.otpGuard()).isEqualTo(new OtpGuardConfig(Duration.ofHours(72), true, true));
        assertThat(new PartnerConfig(null, null, null)).isEqualTo(new PartnerConfig("", List.of(), Duration.ofHours(1),
                List.of()));
        assertThat(new Rule(null, null).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void givenValuesAreKeptAndEveryRuleCanBeSwitchedOff() {
        DetectorConfig c = new DetectorConfig(false, "/var/lib/swapguard/state", 5, "/var/lib/swapguard/alerts",
                "", new WebhookConfig("https://soc.example/alerts", "t0k", Duration.ofSeconds(1), 0), null,
                "/etc/swapguard/senders.yaml", Duration.ofMinutes(1), new RulesConfig(
                        new SimSwapRule(false, Severity.LOW, List.of("retail-*"), Duration.ofDays(1)),
                        new DeviceSwapRule(false, Severity.LOW, false, Duration.ofDays(2)),
                        new LocationHijackRule(false, Severity.LOW, Duration.ofHours(1), Duration.ofMinutes(1)),
                        new Rule(false, Severity.LOW), new Category1Rule(false, Severity.LOW, List.of(71)),
                        new Rule(false, Severity.LOW), new LookalikeRule(false, Severity.LOW, 0),
                        new Rule(false, Severity.LOW)),
                new OtpGuardConfig(Duration.ofHours(1), false, false));
        assertThat(c.enabled()).isFalse();
        assertThat(c.stateDirectory()).isEqualTo("/var/lib/swapguard/state");
        assertThat(c.expectedSubscribers()).isEqualTo(5);
        assertThat(c.alertsJournal()).isEqualTo("/var/lib/swapguard/alerts");
        assertThat(c.alertsFile()).as("empty: no alerts file").isEmpty();
        assertThat(c.senderRegistry()).isEqualTo("/etc/swapguard/senders.yaml");
        assertThat(c.webhook().bearerToken()).isEqualTo("t0k");
        assertThat(c.webhook().maxRetries()).isZero();
        RulesConfig r = c.rules();
        assertThat(List.of(r.simSwap().enabled(), r.deviceSwap().enabled(), r.locationHijack().enabled(),
                r.callForwarding().enabled(), r.category1().enabled(), r.illegalMasking().enabled(),
                r.lookalikeSender().enabled(), r.otpWatch().enabled())).containsOnly(false);
        assertThat(r.deviceSwap().requireRegistration()).isFalse();
        assertThat(r.lookalikeSender().maxEditDistance()).isZero();
        assertThat(c.otpGuard().includeProvisionedSwaps()).isFalse();
        assertThat(c.otpGuard().failOpen()).isFalse();
        assertThat(new PartnerConfig("Orange FR", List.of("336"), Duration.ofHours(2), List.of("20801")).name())
                .isEqualTo("Orange FR");
    }

    @Test
    void filesAndTheRegistryCanBeMovedOneAtATime() {
        DetectorConfig c = DetectorConfig.defaults();
        DetectorConfig moved = c.withFiles("s", null, null);
        assertThat(moved.stateDirectory()).isEqualTo("s");
        assertThat(moved.alertsJournal()).isEqualTo("data/alerts");
        assertThat(moved.alertsFile()).isEqualTo("data/alerts.jsonl");
        moved = c.withFiles(null, "a", "f.jsonl");
        assertThat(moved.stateDirectory()).isEqualTo("data/state");
        assertThat(moved.alertsJournal()).isEqualTo("a");
        assertThat(moved.alertsFile()).isEqualTo("f.jsonl");
        assertThat(moved.rules()).isEqualTo(c.rules());
        assertThat(c.withSenderRegistry("other.yaml").senderRegistry()).isEqualTo("other.yaml");
        assertThat(c.withSenderRegistry("other.yaml").stateDirectory()).isEqualTo("data/state");
    }

    @Test
    void wrongValuesAreRefusedNamingTheirKey() {
        assertThatThrownBy(() -> new DetectorConfig(null, " ", null, null, null, null, null, null, null, null, null))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("stateDirectory"))
                .hasMessage("must not be empty");
        assertThatThrownBy(() -> new WebhookConfig("ftp://soc.example", null, null, null))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("url"))
                .hasMessageContaining("'ftp://soc.example' must start with http:// or https://");
        assertThat(new WebhookConfig("http://127.0.0.1:9/x", null, null, null).url()).isEqualTo("http://127.0.0.1:9/x");
        assertThatThrownBy(() -> new WebhookConfig(null, null, null, 101))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("maxRetries"))
                .hasMessage("101 is out of range: must be between 0 and 100");
        assertThatThrownBy(() -> new WebhookConfig(null, null, null, -1)).isInstanceOf(InvalidSettingException.class);
        assertThat(new WebhookConfig(null, null, null, 100).maxRetries()).isEqualTo(100);
        assertThatThrownBy(() -> new LookalikeRule(null, null, 4)).isInstanceOf(InvalidSettingException.class);
        assertThatThrownBy(() -> new PartnerConfig("x", null, null, List.of("2080")))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("plmns"));
        assertThat(new PartnerConfig("x", null, null, List.of("208010")).plmns()).containsExactly("208010");
    }

    @Test
    void theDefaultTrustedChannelsAreStoresAndCallCentresInCommonSpellingsAndNotSelfCare() {
        java.util.function.Predicate<String> trusted = DetectorConfig.defaults().rules().simSwap().trustedChannelMatcher();
        assertThat(java.util.List.of("store-JKT-017", "Store 12", "SHOP-3", "retail", "outlet-BDG", "callcentre-2",
                "call-center", "Call_Centre 5", "gerai-SBY")).allMatch(trusted);
        assertThat(java.util.List.of("web-selfcare", "app", "dealer-9", "", "reseller/store", "mystore"))
                .noneMatch(trusted);
    }
}
