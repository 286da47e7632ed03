package io.swapguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventRecord;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalSettings;
import io.swapguard.journal.JournalTailer;
import io.swapguard.sim.Evaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Scores the detector's alerts against a simulation's ground truth: per rule, precision",
            "(alerts that belong to an injected attack) and recall (attacks the rule caught); lists false",
            "positives and missed attacks. Exit code 1 when either list is not empty. See docs/simulator.md."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--ground-truth", paramLabel = "FILE", required = true, description = "ground-truth.jsonl from swapguard simulate.")
    Path groundTruth;

    @Option(names = "--alerts", paramLabel = "DIR", required = true, description = "The alerts journal the detector wrote.")
    Path alerts;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        List<Evaluation.Attack> attacks = Evaluation.readGroundTruth(groundTruth);
        List<AlertEvent> raised = new ArrayList<>();
        try (Journal j = Journal.openExisting(JournalSettings.of(alerts)); JournalTailer t = j.anonymousTailer()) {
            for (EventRecord r; (r = t.next()) != null; ) {
                if (r.event() instanceof AlertEvent a) {
                    raised.add(a);
                }
            }
        }
        Evaluation.Result result = Evaluation.score(attacks, raised);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("attacks", attacks.size());
            o.put("alerts", raised.size());
            ObjectNode rules = o.putObject("rules");
            result.byRule().forEach((rule, s) -> {
                ObjectNode n = rules.putObject(rule);
                n.put("alerts", s.alerts());
                n.put("truePositives", s.truePositives());
                n.put("attacks", s.attacks());
                n.put("caught", s.caught());
                n.put("precision", s.precision());
                n.put("recall", s.recall());
            });
            o.put("falsePositives", result.unexplained().size());
            o.put("missed", result.missed().size());
            out.println(o);
        } else {
            out.printf("%d attacks, %d alerts%n", attacks.size(), raised.size());
            out.printf("  %-16s %8s %8s %8s %8s %10s %8s%n", "rule", "alerts", "true", "attacks", "caught", "precision",
                    "recall");
            result.byRule().forEach((rule, s) -> out.printf("  %-16s %8d %8d %8d %8d %10.3f %8.3f%n", rule, s.alerts(),
                    s.truePositives(), s.attacks(), s.caught(), s.precision(), s.recall()));
            for (AlertEvent a : result.unexplained()) {
                out.println("false positive: " + AlertText.of(a));
            }
            for (Evaluation.Attack a : result.missed()) {
                out.printf("missed: %s on %s at %s%n", a.kind(), io.swapguard.event.SubscriberMasking.masked(a.msisdn()),
                        EventJson.isoTime(a.timeNanos()));
            }
        }
        out.flush();
        return result.perfect() ? ExitCode.OK : ExitCode.FAILED;
    }
}
