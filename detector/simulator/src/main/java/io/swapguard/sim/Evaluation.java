package io.swapguard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapguard.event.AlertEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores alerts against a simulation's ground truth: per rule, how many alerts belong to an
 * injected attack that rule should catch (precision) and how many such attacks it caught
 * (recall). An alert belongs to an attack when it names the victim's MSISDN and falls within
 * {@link #SLACK_NANOS} of the attack's span (for the OTP watch: when the risky change it cites does).
 */
public final class Evaluation {

    static final long SLACK_NANOS = 10 * 60 * 1_000_000_000L;

    /** The rules each attack should raise. */
    public static Set<String> expectedRules(FraudKind kind) {
        return switch (kind) {
            case SIM_SWAP, SIM_SWAP_ODD_RECORD -> Set.of("simSwap", "otpWatch");
            case DEVICE_SWAP -> Set.of("deviceSwap");
            case SIM_AND_DEVICE_SWAP -> Set.of("simSwap", "deviceSwap", "otpWatch");
            case SS7_INTERCEPTION -> Set.of("locationHijack", "otpWatch");
            case CALL_FORWARDING_TAKEOVER -> Set.of("callForwarding");
            case ILLEGAL_MASKING, SMS_FAKING -> Set.of("illegalMasking");
            case LOOKALIKE_SENDER -> Set.of("lookalikeSender");
            case CATEGORY1_PROBING -> Set.of("category1");
        };
    }

    /**
     * Rules that may also alert on an attack without being required to: an OTP that happens to
     * reach a number whose calls were taken over is rightly flagged, but the attack sends none.
     */
    public static Set<String> toleratedRules(FraudKind kind) {
        return kind == FraudKind.CALL_FORWARDING_TAKEOVER ? Set.of("otpWatch") : Set.of();
    }

    /** One attack of the ground truth. */
    public record Attack(FraudKind kind, String msisdn, long timeNanos, long endNanos) {
    }

    /** Per rule: alerts, alerts that belong to an attack, attacks it should catch, attacks caught. */
    public record RuleScore(String rule, int alerts, int truePositives, int attacks, int caught) {
        public double precision() {
            return alerts == 0 ? 1.0 : (double) truePositives / alerts;
        }

        public double recall() {
            return attacks == 0 ? 1.0 : (double) caught / attacks;
        }
    }

    /** The whole score, and the alerts that belong to no attack (false positives) for inspection. */
    public record Result(Map<String, RuleScore> byRule, List<AlertEvent> unexplained, List<Attack> missed) {
        public boolean perfect() {
            return unexplained.isEmpty() && missed.isEmpty();
        }
    }

    private Evaluation() {
    }

    /**
     * Reads a simulation's ground-truth.jsonl. A missing file or a bad line is an
     * {@link IllegalArgumentException} naming the file (and line).
     */
    public static List<Attack> readGroundTruth(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no ground truth file " + file);
        }
        ObjectMapper json = new ObjectMapper();
        List<Attack> attacks = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ground truth " + file, e);
        }
        for (int n = 0; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            try {
                JsonNode t = json.readTree(lines.get(n));
                for (String field : List.of("kind", "msisdn", "timeNanos", "endNanos")) {
                    if (t == null || !t.hasNonNull(field)) {
                        throw new IllegalArgumentException("no '" + field + "'");
                    }
                }
                attacks.add(new Attack(FraudKind.parse(t.get("kind").asText()), t.get("msisdn").asText(),
                        t.get("timeNanos").asLong(), t.get("endNanos").asLong()));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": not a ground-truth record ("
                        + e.getMessage().lines().findFirst().orElse("") + ")");
            }
        }
        return attacks;
    }

    public static Result score(List<Attack> attacks, List<AlertEvent> alerts) {
        Map<String, int[]> counts = new TreeMap<>(); // rule → {alerts, tp, attacks, caught}
        for (FraudKind k : FraudKind.values()) {
            for (String r : expectedRules(k)) {
                counts.computeIfAbsent(r, x -> new int[4]);
            }
        }
        List<AlertEvent> unexplained = new ArrayList<>();
        for (AlertEvent a : alerts) {
            int[] c = counts.computeIfAbsent(a.rule(), x -> new int[4]);
            c[0]++;
            if (attacks.stream().anyMatch(t -> belongs(a, t))) {
                c[1]++;
            } else {
                unexplained.add(a);
            }
        }
        List<Attack> missed = new ArrayList<>();
        for (Attack t : attacks) {
            for (String rule : expectedRules(t.kind())) {
                int[] c = counts.get(rule);
                c[2]++;
                if (alerts.stream().anyMatch(a -> a.rule().equals(rule) && belongs(a, t))) {
                    c[3]++;
                } else if (!missed.contains(t)) {
                    missed.add(t);
                }
            }
        }
        Map<String, RuleScore> byRule = new TreeMap<>();
        counts.forEach((r, c) -> byRule.put(r, new RuleScore(r, c[0], c[1], c[2], c[3])));
        return new Result(byRule, unexplained, missed);
    }

    static boolean belongs(AlertEvent a, Attack t) {
        if (!a.msisdn().digits().equals(t.msisdn())
                || !(expectedRules(t.kind()).contains(a.rule()) || toleratedRules(t.kind()).contains(a.rule()))) {
            return false;
        }
        // An OTP watch alert may come days after the attack (the OTP window); it belongs to the
        // attack whose risky change it cites as its first evidence.
        long time = a.rule().equals("otpWatch") && !a.evidence().isEmpty() ? a.evidence().get(0).timeNanos()
                : a.captureNanos();
        return time >= t.timeNanos() - SLACK_NANOS && time <= t.endNanos() + SLACK_NANOS;
    }
}
