package io.swapguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.swapguard.app.Swapguard;
import io.swapguard.sim.Bank;
import io.swapguard.sim.SmppTraffic;
import io.swapguard.sim.smpp.BankEsmes;
import io.swapguard.sim.smpp.SimulatedSmsc;
import io.swapguard.smpp.SmppStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's SMPP leg: the banks' ESMEs (jsmpp) submit OTPs through the gate to a simulated SMSC,
 * to the round's victims and to untouched subscribers, with a masking attempt from a bulk
 * account. The gate's decisions come back as the lines the journal watch prints, with their
 * alerts; this prints what each ESME was answered.
 */
final class DemoSmppGate {

    private static final Map<String, String> RULE_OF_ATTACK = Map.of("simSwap", "simSwap", "ss7Interception",
            "locationHijack", "callForwardingTakeover", "callForwarding");

    private DemoSmppGate() {
    }

    /** @return the outcomes that did not match their ground truth (0 when the gate did its job) */
    static int show(Swapguard app, SimulatedSmsc smsc, List<Bank> banks, List<JsonNode> injected,
            List<String> untouched, PrintWriter out) throws IOException {
        Map<String, String> victims = new LinkedHashMap<>();
        for (JsonNode t : injected) {
            String rule = RULE_OF_ATTACK.get(t.get("kind").asText());
            if (rule != null) {
                victims.put(t.get("msisdn").asText(), rule);
            }
        }
        List<SmppTraffic.Submission> all = SmppTraffic.of(banks, untouched, victims, 42, 0);
        // The short ones, so the screen stays readable: each victim's OTP and notice, then the masking tries.
        List<SmppTraffic.Submission> traffic = new ArrayList<>();
        for (SmppTraffic.Submission s : all) {
            if (!s.concatenated()) {
                traffic.add(s);
            }
        }
        // The same bank's OTPs to subscribers nothing happened to: they go through.
        SmppTraffic.Submission first = traffic.get(0);
        for (String to : untouched.subList(0, Math.min(2, untouched.size()))) {
            traffic.add(1, new SmppTraffic.Submission(first.account(), first.sender(), to, 0,
                    List.of(("Kode OTP Anda 7" + to.substring(to.length() - 5) + ". JANGAN BERIKAN kode ini.")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                    "OTP", false, "", "otp"));
        }
        synchronized (out) {
            out.printf("%nthe SMPP gate on 127.0.0.1:%d between the banks' ESMEs and the SMSC (docs/smpp-gate.md):%n",
                    app.gate().port());
            out.flush();
        }
        List<BankEsmes.Outcome> outcomes = BankEsmes.submit("127.0.0.1", app.gate().port(), traffic);
        int wrong = 0;
        synchronized (out) {
            for (BankEsmes.Outcome o : outcomes) {
                SmppTraffic.Submission s = o.submission();
                int status = o.statuses().get(0);
                out.printf("  %-10s %-8s -> +%s  %-16s %s%n", s.account(), s.sender(), s.destination(), s.kind(),
                        status == SmppStatus.ESME_ROK ? "accepted, on to the SMSC"
                                : String.format("refused with command_status 0x%02X%s", status,
                                        status == SmppStatus.ESME_RSUBMITFAIL ? " (ESME_RSUBMITFAIL)" : ""));
                if (!o.asExpected()) {
                    wrong++;
                    out.println("    ^ not what the ground truth says: " + (s.block() ? "should be stopped by "
                            + s.rule() : "should pass"));
                }
            }
            out.printf("  the SMSC received %d of %d messages; %d decision(s) differ from the ground truth%n",
                    smsc.received().size(), outcomes.size(), wrong);
            out.flush();
        }
        return wrong;
    }
}
