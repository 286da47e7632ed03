package io.swapguard.observability;

import static io.swapguard.observability.Observability.DASHBOARDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shipped Prometheus rules and Grafana dashboards, checked by promtool (the real one) and
 * against Grafana's dashboard model: what a NOC loads must load, and every alert must be tested
 * and documented.
 */
class ObservabilityFilesTest {

    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    // Grafana unit ids the dashboards use (Grafana's valueFormats registry); "suffix:" is a custom unit.
    private static final Set<String> GRAFANA_UNITS = Set.of("short", "none", "percentunit", "percent", "bytes",
            "Bps", "pps", "ops", "reqps", "s", "ms", "bool_yes_no", "dateTimeAsIso");
    private static final Set<String> PANEL_TYPES = Set.of("timeseries", "stat", "bargauge", "table", "gauge");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)");

    @Test
    void promtoolAcceptsTheRulesAndTheScrapeConfig() {
        Observability.Run rules = Observability.run(List.of("promtool", "check", "rules", Observability.RULES.toString()),
                DASHBOARDS).succeeded();
        assertThat(rules.output()).contains("SUCCESS: " + Observability.rules().size() + " rules found");
        Observability.run(List.of("promtool", "check", "config", Observability.SCRAPE_CONFIG.toString()),
                DASHBOARDS.resolve("prometheus")).succeeded();
    }

    @Test
    void everyAlertPassesItsPromtoolUnitTests() {
        Observability.Run run = Observability.run(List.of("promtool", "test", "rules",
                Observability.RULE_TESTS.getFileName().toString()), DASHBOARDS.resolve("prometheus")).succeeded();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertIsTestedFiringAndNotFiring() {
        Set<String> firing = new HashSet<>();
        Set<String> silent = new HashSet<>();
        for (JsonNode test : Observability.read(Observability.RULE_TESTS).path("tests")) {
            for (JsonNode t : test.path("alert_rule_test")) {
                (t.path("exp_alerts").isEmpty() ? silent : firing).add(t.path("alertname").asText());
            }
        }
        for (JsonNode alert : Observability.alerts()) {
            String name = alert.path("alert").asText();
            assertThat(firing).as("a test where %s fires", name).contains(name);
            assertThat(silent).as("a test where %s does not fire", name).contains(name);
        }
    }

    @Test
    void everyAlertIsNamedLabelledAnnotatedAndInTheRunbook() throws IOException {
        String runbook = Files.readString(Observability.RUNBOOK);
        Set<String> anchors = new HashSet<>();
        for (String line : runbook.split("\n")) {
            if (line.startsWith("## ")) {
                // GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes.
                anchors.add(line.substring(3).trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "")
                        .replace(' ', '-'));
            }
        }
        assertThat(Observability.alerts()).hasSizeGreaterThanOrEqualTo(15);
        for (JsonNode alert : Observability.alerts()) {
            String name = alert.path("alert").asText();
            assertThat(name).matches("Swapguard[A-Z][A-Za-z]+");
            assertThat(SEVERITIES).as(name + " severity").contains(alert.path("labels").path("severity").asText());
            JsonNode a = alert.path("annotations");
            assertThat(a.path("summary").asText()).as(name + " summary").isNotBlank();
            assertThat(a.path("description").asText()).as(name + " description").isNotBlank();
            String url = a.path("runbook_url").asText();
            assertThat(url).as(name + " runbook_url").isEqualTo("docs/runbook.md#" + name.toLowerCase(Locale.ROOT));
            assertThat(anchors).as("a '## %s' section in docs/runbook.md", name).contains(name.toLowerCase(Locale.ROOT));
            String section = runbook.substring(runbook.indexOf("## " + name));
            section = section.substring(0, section.indexOf("\n## ", 3) < 0 ? section.length() : section.indexOf("\n## ", 3));
            for (String part : List.of("Meaning", "Impact", "Diagnosis", "Mitigation")) {
                assertThat(section).as(name + " runbook section has " + part).contains("**" + part + "**");
            }
        }
    }

    @Test
    void dashboardsFollowGrafanasModel() {
        List<Path> files = Observability.dashboards();
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("noc-overview.json", "probe-health.json", "detector.json");
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            JsonNode d = Observability.read(file);
            String where = file.getFileName().toString();
            assertThat(uids.add(d.path("uid").asText())).as(where + " uid unique").isTrue();
            assertThat(d.path("uid").asText()).as(where + " uid").matches("[a-z0-9-]{1,40}");
            assertThat(d.path("title").asText()).as(where + " title").startsWith("swapguard / ");
            assertThat(d.path("schemaVersion").asInt()).as(where + " schemaVersion").isBetween(36, 41);
            assertThat(d.path("tags").toString()).as(where + " tags").contains("\"swapguard\"");
            Set<String> variables = new HashSet<>();
            for (JsonNode v : d.path("templating").path("list")) {
                variables.add(v.path("name").asText());
                if (v.path("type").asText().equals("query")) {
                    assertThat(v.path("datasource").path("uid").asText()).as(where + " variable " + v.path("name"))
                            .isEqualTo("${datasource}");
                    assertThat(v.path("query").path("query").asText()).startsWith("label_values(");
                }
            }
            assertThat(variables).as(where + " variables").contains("datasource", "instance");
            checkPanels(where, d, variables);
        }
    }

    private static void checkPanels(String where, JsonNode d, Set<String> variables) {
        Set<Integer> ids = new HashSet<>();
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode p : d.path("panels")) {
            assertThat(ids.add(p.path("id").asInt())).as(where + " panel id " + p.path("id") + " unique").isTrue();
            JsonNode g = p.path("gridPos");
            int[] box = {g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()};
            assertThat(box[0] + box[2]).as(where + " panel " + p.path("title") + " fits 24 columns").isLessThanOrEqualTo(24);
            assertThat(box[2] > 0 && box[3] > 0).as(where + " panel " + p.path("title") + " has a size").isTrue();
            for (int[] other : boxes) {
                boolean overlap = box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                        && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
                assertThat(overlap).as(where + " panel " + p.path("title") + " overlaps another").isFalse();
            }
            boxes.add(box);
        }
        List<JsonNode> panels = Observability.panels(d);
        assertThat(panels).as(where + " panels").hasSizeGreaterThanOrEqualTo(6);
        for (JsonNode p : panels) {
            String title = p.path("title").asText();
            String at = where + " panel '" + title + "'";
            assertThat(title).as(at + " title").isNotBlank();
            assertThat(p.path("description").asText()).as(at + " description").isNotBlank();
            assertThat(PANEL_TYPES).as(at + " type").contains(p.path("type").asText());
            assertThat(p.path("datasource").path("type").asText()).as(at + " datasource").isEqualTo("prometheus");
            assertThat(p.path("datasource").path("uid").asText()).as(at + " datasource").isEqualTo("${datasource}");
            JsonNode defaults = p.path("fieldConfig").path("defaults");
            String unit = defaults.path("unit").asText();
            assertThat(GRAFANA_UNITS.contains(unit) || unit.startsWith("suffix:")).as(at + " unit '" + unit + "'").isTrue();
            JsonNode steps = defaults.path("thresholds").path("steps");
            assertThat(steps.size()).as(at + " thresholds").isPositive();
            assertThat(steps.get(0).path("value").isNull()).as(at + " first threshold is the base (null)").isTrue();
            assertThat(p.path("targets").size()).as(at + " targets").isPositive();
            Set<String> refIds = new HashSet<>();
            for (JsonNode t : p.path("targets")) {
                assertThat(refIds.add(t.path("refId").asText())).as(at + " refId unique").isTrue();
                String expr = t.path("expr").asText();
                assertThat(expr).as(at + " expr").isNotBlank();
                assertThat(t.path("datasource").path("uid").asText()).as(at + " target datasource").isEqualTo("${datasource}");
                Matcher m = VARIABLE.matcher(expr);
                while (m.find()) {
                    String v = m.group(1);
                    assertThat(v.startsWith("__") || variables.contains(v)).as(at + " uses undefined $" + v).isTrue();
                }
                assertThat(Observability.metricNames(expr)).as(at + " reads a metric").isNotEmpty();
                if (variables.contains("tap") && expr.contains("swapguard_probe_") && !expr.contains("swapguard_probe_quarantine_")) {
                    assertThat(expr).as(at + " follows the tap variable").contains("tap=~\"$tap\"");
                }
            }
        }
    }

    @Test
    void provisioningPointsGrafanaAtTheDashboards() {
        JsonNode ds = Observability.read(Observability.GRAFANA.resolve("provisioning/datasources/swapguard.yaml"));
        assertThat(ds.path("apiVersion").asInt()).isEqualTo(1);
        assertThat(ds.path("datasources").get(0).path("type").asText()).isEqualTo("prometheus");
        JsonNode dash = Observability.read(Observability.GRAFANA.resolve("provisioning/dashboards/swapguard.yaml"));
        assertThat(dash.path("apiVersion").asInt()).isEqualTo(1);
        JsonNode provider = dash.path("providers").get(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(provider.path("options").path("path").asText()).isNotBlank();
    }
}
