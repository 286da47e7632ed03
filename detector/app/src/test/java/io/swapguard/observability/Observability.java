package io.swapguard.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The shipped observability files (dashboards/, docs/runbook.md) and the tools that check them. */
final class Observability {

    static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
    static final Path DASHBOARDS = ROOT.resolve("dashboards");
    static final Path RULES = DASHBOARDS.resolve("prometheus/swapguard-rules.yml");
    static final Path RULE_TESTS = DASHBOARDS.resolve("prometheus/swapguard-rules-test.yml");
    static final Path SCRAPE_CONFIG = DASHBOARDS.resolve("prometheus/prometheus.yml");
    static final Path GRAFANA = DASHBOARDS.resolve("grafana");
    static final Path RUNBOOK = ROOT.resolve("docs/runbook.md");

    static final ObjectMapper JSON = new ObjectMapper();
    static final YAMLMapper YAML = new YAMLMapper();

    // Metric and recording-rule names in PromQL: ours, the JVM's and the process's, and up.
    private static final Pattern METRIC = Pattern.compile(
            "\\b((?:swapguard[_:]|jvm_|process_|system_)[A-Za-z0-9_:]*|up)\\b(?![(\\w])");

    private Observability() {
    }

    static List<Path> dashboards() {
        try (Stream<Path> s = Files.list(GRAFANA.resolve("dashboards"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path p) {
        try {
            return p.toString().endsWith(".json") ? JSON.readTree(p.toFile()) : YAML.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(p + ": " + e.getMessage(), e);
        }
    }

    /** Every panel that queries (rows left out), nested rows included. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            if (p.path("type").asText().equals("row")) {
                p.path("panels").forEach(out::add);
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** Every rule of the rules file (recording and alerting), as YAML nodes. */
    static List<JsonNode> rules() {
        List<JsonNode> out = new ArrayList<>();
        read(RULES).path("groups").forEach(g -> g.path("rules").forEach(out::add));
        return out;
    }

    static List<JsonNode> alerts() {
        return rules().stream().filter(r -> r.has("alert")).toList();
    }

    /** Metric names an expression reads (label names and functions left out). */
    static Set<String> metricNames(String expr) {
        String withoutLabels = expr.replaceAll("\\{[^}]*}", "{}").replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        Set<String> out = new LinkedHashSet<>();
        Matcher m = METRIC.matcher(withoutLabels);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** A dashboard expression with its variables set to match everything, as Grafana sends it. */
    static String expand(String expr) {
        return expr.replace("$__rate_interval", "30s").replace("$__interval", "5s").replace("$__range", "5m")
                .replace("$instance", ".*").replace("$tap", ".*");
    }

    /** Runs a command; returns its exit code and combined output. */
    static Run run(List<String> cmd, Path dir) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish within 120 s");
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd.get(0) + " (bash .ci/test installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    record Run(int exitCode, String output) {
        Run succeeded() {
            assertThat(exitCode).as(output).isZero();
            return this;
        }
    }
}
