package io.swapguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.rules.RuleId;
import io.swapguard.journal.JournalRollCycle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of("JOURNAL_HOME", "/var/lib/swapguard"));

    private ConfigException error(String yaml) {
        try {
            loader.parse("test.yaml", yaml);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    @Test
    void emptyFileMeansEveryDefault() {
        SwapguardConfig c = loader.parse("empty.yaml", "");
        assertThat(c).isEqualTo(SwapguardConfig.defaults());
        assertThat(c.journal().directory()).isEqualTo("data/journal");
        assertThat(c.journal().rollCycle()).isEqualTo(JournalRollCycle.HOURLY);
        assertThat(c.journal().retention()).isEqualTo(Duration.ofDays(7));
        assertThat(c.logging().maskSubscribers()).isTrue();
    }

    @Test
    void readsEverySettingAndExpandsEnvironmentVariables() {
        SwapguardConfig c = loader.parse("x.yaml", """
                journal:
                  directory: ${JOURNAL_HOME}/journal
                  rollCycle: daily
                  retention: 30d
                  retentionCheck: 90s
                logging:
                  format: json
                  level: debug
                  maskSubscribers: false
                """);
        assertThat(c.journal().directory()).isEqualTo("/var/lib/swapguard/journal");
        assertThat(c.journal().rollCycle()).isEqualTo(JournalRollCycle.DAILY);
        assertThat(c.journal().retention()).isEqualTo(Duration.ofDays(30));
        assertThat(c.journal().retentionCheck()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.logging().format()).isEqualTo(LoggingConfig.Format.json);
        assertThat(c.logging().level()).isEqualTo(LoggingConfig.Level.DEBUG);
        assertThat(c.logging().maskSubscribers()).isFalse();
    }

    @Test
    void unknownKeyIsNamedWithItsPathLineAndTheKnownKeys() {
        ConfigException e = error("""
                journal:
                  directory: /tmp/j
                  rollcycle: HOURLY
                """);
        assertThat(e.file()).isEqualTo("test.yaml");
        assertThat(e.key()).isEqualTo("journal.rollcycle");
        assertThat(e.reason()).contains("unknown key 'rollcycle'").contains("directory, minFreeBytes, retention, retentionCheck, rollCycle");
        assertThat(e).hasMessageStartingWith("test.yaml: journal.rollcycle: unknown key").hasMessageContaining("line 3");
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNotTheLastOneWinning() {
        ConfigException e = error("journal:\n  directory: /a\n  directory: /b\n");
        assertThat(e.reason()).contains("Duplicate field 'directory'");
        assertThat(e.getMessage()).contains("test.yaml").contains("line 3");
    }

    @Test
    void aNumberTooLargeAListGivenAsTextAndABinaryFileAreNamed(@TempDir Path dir) throws Exception {
        ConfigException big = error("probe:\n  maxSctpFlows: 99999999999999\n");
        assertThat(big.key()).isEqualTo("probe.maxSctpFlows");
        assertThat(big.reason()).isEqualTo("99999999999999 is out of range: must be a whole number between -2147483648"
                + " and 2147483647");
        ConfigException list = error("probe:\n  provisioningCsv: abc\n");
        assertThat(list.key()).isEqualTo("probe.provisioningCsv");
        assertThat(list.reason()).contains("expected a list");
        Path binary = Files.write(dir.resolve("swapguard.yaml"), new byte[] {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF});
        assertThatThrownBy(() -> loader.load(binary)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a text file");
    }

    @Test
    void metricsSettingsAreChecked() {
        ConfigException port = error("metrics:\n  port: 70000\n");
        assertThat(port.key()).isEqualTo("metrics.port");
        assertThat(port.reason()).contains("between 0 and 65535");
        ConfigException tap = error("probe:\n  tap: hep\n");
        assertThat(tap.key()).isEqualTo("probe.tap");
        assertThat(tap.reason()).contains("reserved");
        MetricsConfig m = loader.parse("t.yaml", "metrics:\n  enabled: false\n  port: 0\n").metrics();
        assertThat(m).isEqualTo(new MetricsConfig(false, "127.0.0.1", 0));
    }

    @Test
    void unknownTopLevelSection() {
        assertThat(error("jurnal:\n  directory: x\n").key()).isEqualTo("jurnal");
    }

    @Test
    void wrongTypeIsNamed() {
        ConfigException e = error("logging:\n  maskSubscribers: perhaps\n");
        assertThat(e.key()).isEqualTo("logging.maskSubscribers");
        assertThat(e.reason()).contains("true or false");

        ConfigException section = error("journal: 5\n");
        assertThat(section.key()).isEqualTo("journal");
        assertThat(section.reason()).contains("section");

        ConfigException list = error("journal:\n  directory: [a, b]\n");
        assertThat(list.key()).isEqualTo("journal.directory");
        assertThat(list.reason()).contains("text value");
    }

    @Test
    void badEnumValueListsTheChoices() {
        ConfigException e = error("journal:\n  rollCycle: FORTNIGHTLY\n");
        assertThat(e.key()).isEqualTo("journal.rollCycle");
        assertThat(e.reason()).contains("'FORTNIGHTLY' is not one of").contains("HOURLY").contains("DAILY");
    }

    @Test
    void badDurationSaysHowToWriteOne() {
        ConfigException e = error("journal:\n  retention: 7 weeks\n");
        assertThat(e.key()).isEqualTo("journal.retention");
        assertThat(e.reason()).contains("'7 weeks' is not a duration").contains("7d");
    }

    @Test
    void outOfRangeValueIsNamed() {
        ConfigException e = error("journal:\n  rollCycle: DAILY\n  retention: 6h\n");
        assertThat(e.key()).isEqualTo("journal.retention");
        assertThat(e.reason()).contains("6h is shorter than one roll cycle (DAILY = 1d)");

        ConfigException check = error("journal:\n  retentionCheck: 500ms\n");
        assertThat(check.key()).isEqualTo("journal.retentionCheck");
        assertThat(check.reason()).contains("between 1s and 1d");
    }

    @Test
    void detectorSettingsAreReadAndTheirErrorsNamed() {
        SwapguardConfig c = loader.parse("x.yaml", """
                detector:
                  network:
                    gtPrefixes: ["62811", "62812"]
                    partners:
                      - name: Singtel
                        gtPrefixes: ["6596"]
                        travelTime: 2h
                  rules:
                    simSwap:
                      trustedChannels: ["store-*"]
                    locationHijack:
                      severity: high
                    monitor: [lookalikeSender, category1]
                  otpGuard:
                    window: 24h
                  incidents:
                    window: 12h
                    rules:
                      otpWatch: 0s
                """);
        DetectorConfig d = c.detector();
        assertThat(d.network().gtPrefixes()).containsExactly("62811", "62812");
        assertThat(d.network().partners().get(0).travelTime()).isEqualTo(Duration.ofHours(2));
        assertThat(d.rules().simSwap().trustedChannels()).containsExactly("store-*");
        assertThat(d.rules().locationHijack().severity()).isEqualTo(io.swapguard.event.AlertEvent.Severity.HIGH);
        assertThat(d.rules().deviceSwap().requireRegistration()).isTrue();
        assertThat(d.otpGuard().window()).isEqualTo(Duration.ofHours(24));
        assertThat(d.incidents().window(RuleId.CALL_FORWARDING)).isEqualTo(Duration.ofHours(12));
        assertThat(d.incidents().window(RuleId.OTP_WATCH)).isZero();
        assertThat(d.rules().monitors(RuleId.LOOKALIKE_SENDER)).isTrue();
        assertThat(d.rules().monitors(RuleId.CATEGORY1)).isTrue();
        assertThat(d.rules().monitors(RuleId.SIM_SWAP)).isFalse();
        ConfigException monitored = error("detector:\n  rules:\n    monitor: [simswap]\n");
        assertThat(monitored.key()).isEqualTo("detector.rules.monitor");
        assertThat(monitored.reason()).startsWith("'simswap' is no rule");

        ConfigException layoutColumn = error("probe:\n  provisioningLayout:\n    columns: {time: T, kind: K, msisdn: M,"
                + " previous_imsi: P}\n");
        assertThat(layoutColumn.key()).isEqualTo("probe.provisioningLayout.columns");
        assertThat(layoutColumn.reason()).contains("'previous_imsi' is no field");
        assertThat(error("probe:\n  provisioningLayout:\n    columns: {time: T, kind: K}\n").key())
                .isEqualTo("probe.provisioningLayout.columns.msisdn");
        assertThat(error("probe:\n  provisioningLayout:\n    timeZone: Jakarta\n").key())
                .isEqualTo("probe.provisioningLayout.timeZone");
        assertThat(error("probe:\n  provisioningLayout:\n    kinds: {SWAP: simSwap}\n").key())
                .isEqualTo("probe.provisioningLayout.kinds.SWAP");

        ConfigException incidentRule = error("detector:\n  incidents:\n    rules:\n      otpwatch: 1h\n");
        assertThat(incidentRule.key()).isEqualTo("detector.incidents.rules");
        assertThat(incidentRule.reason()).startsWith("'otpwatch' is no rule");
        assertThat(error("detector:\n  rules:\n    simswap:\n      enabled: false\n").key())
                .isEqualTo("detector.rules.simswap");
        ConfigException severity = error("detector:\n  rules:\n    category1:\n      severity: urgent\n");
        assertThat(severity.key()).isEqualTo("detector.rules.category1.severity");
        assertThat(severity.reason()).contains("CRITICAL");
        ConfigException url = error("detector:\n  webhook:\n    url: ftp://bank.example/alerts\n");
        assertThat(url.key()).isEqualTo("detector.webhook.url");
        assertThat(url.reason()).contains("http://");
        ConfigException gt = error("detector:\n  network:\n    gtPrefixes: [\"62-811\"]\n");
        assertThat(gt.key()).isEqualTo("detector.network.gtPrefixes");
        ConfigException distance = error("detector:\n  rules:\n    lookalikeSender:\n      maxEditDistance: 7\n");
        assertThat(distance.key()).isEqualTo("detector.rules.lookalikeSender.maxEditDistance");
        ConfigException brokers = error("kafka:\n  enabled: true\n");
        assertThat(brokers.key()).isEqualTo("kafka.bootstrapServers");
        assertThat(brokers.reason()).contains("required with kafka.enabled");
        assertThat(error("kafka:\n  partitions: 0\n").key()).isEqualTo("kafka.partitions");
        assertThat(error("kafka:\n  brokers: a:9092\n").key()).as("an unknown key").isEqualTo("kafka.brokers");
    }

    @Test
    void missingEnvironmentVariableIsNamedWithTheKey() {
        ConfigException e = error("journal:\n  directory: ${NOT_SET_ANYWHERE}/j\n");
        assertThat(e.key()).isEqualTo("journal.directory");
        assertThat(e.reason()).isEqualTo("environment variable NOT_SET_ANYWHERE is not set");
        assertThat(loader.parse("x", "journal:\n  directory: ${NOT_SET_ANYWHERE:-/srv/j}\n").journal().directory())
                .isEqualTo("/srv/j");
    }

    @Test
    void invalidYamlIsNamedWithTheLine() {
        ConfigException e = error("journal:\n  directory: x\n   bad: indent\n");
        assertThat(e.reason()).startsWith("not valid YAML");
        assertThat(e.getMessage()).contains("line");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> loader.load(missing)).isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void theDocumentedExampleLoadsAndStatesTheDefaults() {
        Path example = Path.of("..", "..", "conf", "swapguard.yaml");
        SwapguardConfig c = new ConfigLoader(Map.of()).load(example);
        // The example documents the defaults: loading it must give exactly what an empty file gives.
        assertThat(c).isEqualTo(SwapguardConfig.defaults());
    }

    @Test
    void theWorkedOperatorExampleInTheDocsLoads() throws IOException {
        String doc = Files.readString(Path.of("..", "..", "docs", "configuration.md"));
        int at = doc.indexOf("#### A whole operator's network, worked");
        int start = doc.indexOf("```yaml\n", at) + "```yaml\n".length();
        String yaml = doc.substring(start, doc.indexOf("```", start));
        DetectorConfig d = loader.parse("docs/configuration.md", yaml).detector();
        DetectorConfig.PartnerConfig singtel = d.network().partners().get(0);
        assertThat(singtel.nodes().vlr()).containsExactly("659600101", "659600102");
        assertThat(singtel.nodes().smsc()).containsExactly("6596009");
        assertThat(singtel.gateways()).containsExactly("65960000");
        assertThat(d.network().partners().get(1).nodes().vlrsListed()).isFalse();
        assertThat(d.network().homeNodes().smsc()).containsExactly("6281100900", "6281100910");
        assertThat(d.network().homeNodes().vlrsListed()).isTrue();
        assertThat(d.incidents().window(RuleId.OTP_WATCH)).isEqualTo(Duration.ofHours(6));
        ConfigException bad = error("detector:\n  network:\n    partners:\n      - name: x\n        nodes:\n"
                + "          smsc: [\"65-96\"]\n");
        assertThat(bad.key()).isEqualTo("detector.network.partners[0].nodes.smsc");
    }

    @Test
    void durationsAcceptOperatorAndIsoForms() {
        assertThat(DurationSetting.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationSetting.parse("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationSetting.parse("0")).isZero();
        assertThat(DurationSetting.parse("2h30m")).isEqualTo(Duration.ofMinutes(150));
        assertThat(DurationSetting.parse("1d 12h")).isEqualTo(Duration.ofHours(36));
        assertThat(DurationSetting.format(Duration.ofHours(36))).isEqualTo("36h");
        assertThatThrownBy(() -> DurationSetting.parse("-PT1H")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inputFilesNamedRelativelyAreFoundBesideTheConfigurationFromAnyWorkingDirectory(@TempDir Path dir)
            throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc-swapguard"));
        Files.writeString(etc.resolve("senders.yaml"), "senders: []\n");
        Files.writeString(etc.resolve("bss.csv"), "time,kind,msisdn\n");
        Path file = Files.writeString(etc.resolve("swapguard.yaml"), """
                detector:
                  senderRegistry: senders.yaml
                probe:
                  provisioningCsv: [bss.csv, elsewhere.csv]
                """);
        SwapguardConfig cfg = new ConfigLoader().load(file);
        assertThat(cfg.detector().senderRegistry()).isEqualTo(etc.resolve("senders.yaml").toAbsolutePath().toString());
        // Found beside the file; a name not there stays as written (then the working directory, then the
        // installation folder are tried, and one found nowhere is an error).
        assertThat(cfg.probe().provisioningCsv())
                .containsExactly(etc.resolve("bss.csv").toAbsolutePath().toString(), "elsewhere.csv");
        // The default registry (conf/senders.yaml, from the installation) is not taken for one beside the file.
        assertThat(new ConfigLoader().load(Files.writeString(etc.resolve("empty.yaml"), "logging:\n  level: info\n"))
                .detector().senderRegistry()).isEqualTo("conf/senders.yaml");
    }
}
