package io.swapguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapguard.app.SenderRegistryFile;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.alert.AlertJson;
import io.swapguard.engine.otp.OtpGuard;
import io.swapguard.engine.rules.RuleId;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventRecord;
import io.swapguard.event.EventTime;
import io.swapguard.event.Msisdn;
import io.swapguard.event.SubscriberMasking;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalSettings;
import io.swapguard.journal.JournalTailer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "subscriber", mixinStandardHelpOptions = true,
        description = {"A NOC engineer's view of one number: SIM and handset history, location, call forwarding,",
            "last OTP, the alerts about it and what the OTP guard would decide for an OTP now.",
            "Reads the detector's state and alerts journal; safe while the detector runs."})
final class SubscriberCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MSISDN", description = "The number, international format without +.")
    String msisdn;

    @Mixin
    DetectorFiles files;

    @Option(names = "--at", paramLabel = "TIME", description = "Decide the OTP verdict at this ISO-8601 instant (default: now).")
    Instant at;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--unmask", description = "Print identities in full.")
    boolean unmask;

    @Override
    public Integer call() {
        Msisdn number = Msisdn.of(msisdn.startsWith("+") ? msisdn.substring(1) : msisdn);
        DetectorConfig dc = files.detector(null);
        Path state = Path.of(dc.stateDirectory());
        if (!Files.isRegularFile(state.resolve("subscribers.dat"))) {
            throw new IllegalArgumentException("no subscriber state at " + state + " (run swapguard detect or run first)");
        }
        Instant when = at != null ? at : Instant.now();
        long nanos = EventTime.nanos(when);
        Timeline t;
        try (SubscriberStore store = SubscriberStore.openForReading(state, dc.expectedSubscribers())) {
            SubscriberState s = store.get(Long.parseLong(number.digits()));
            Supplier<SenderRegistry> registry = SenderRegistryFile.of(dc.senderRegistry());
            OtpGuard.Verdict verdict = new OtpGuard(dc.otpGuard(), store, registry).check(number, "",
                    "Kode OTP Anda 000000. Jangan berikan kepada siapapun.", nanos);
            t = new Timeline(number, s, alertsAbout(Path.of(dc.alertsJournal()), number), verdict, nanos);
        }
        boolean masked = !unmask && SubscriberMasking.enabled();
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? t.json(masked) + System.lineSeparator() : t.text(masked));
        out.flush();
        return ExitCode.OK;
    }

    static List<AlertEvent> alertsAbout(Path alertsJournal, Msisdn number) {
        List<AlertEvent> found = new ArrayList<>();
        if (!Files.isDirectory(alertsJournal)) {
            return found;
        }
        try (Journal j = Journal.open(JournalSettings.of(alertsJournal)); JournalTailer t = j.anonymousTailer()) {
            for (EventRecord r; (r = t.next()) != null; ) {
                if (r.event() instanceof AlertEvent a && a.msisdn().equals(number)) {
                    found.add(a);
                }
            }
        }
        return found;
    }

    /** One subscriber's timeline, printable as text or JSON. */
    record Timeline(Msisdn msisdn, SubscriberState state, List<AlertEvent> alerts, OtpGuard.Verdict verdict,
            long atNanos) {

        String text(boolean masked) {
            StringBuilder b = new StringBuilder(1024);
            String nl = System.lineSeparator();
            b.append("subscriber ").append(id(msisdn.digits(), masked)).append(nl);
            SubscriberState s = state;
            if (s == null) {
                b.append("  not in the detector's state").append(nl);
            } else {
                line(b, "first seen", time(s.firstSeen) + (s.activation != 0 ? ", activated " + time(s.activation) : ""));
                line(b, "SIM (IMSI)", s.imsi == 0 ? "unknown" : id(s.imsi, masked) + " since " + time(s.imsiSince));
                for (SubscriberState.SimChange c : s.sims) {
                    b.append("    ").append(time(c.timeNanos())).append("  ").append(id(c.oldImsi(), masked))
                            .append(" -> ").append(id(c.newImsi(), masked)).append("  ").append(simSource(c)).append(nl);
                }
                line(b, "handset (IMEI)", s.imei == 0 ? "unknown" : imei(s.imei, masked) + " since " + time(s.imeiSince));
                for (SubscriberState.DeviceChange c : s.devices) {
                    b.append("    ").append(time(c.timeNanos())).append("  ").append(imei(c.oldImei(), masked))
                            .append(" -> ").append(imei(c.newImei(), masked)).append("  ")
                            .append(c.registered() ? "registered handset" : "no device registration").append(nl);
                }
                line(b, "location", s.vlr == 0 ? "unknown" : "VLR " + s.vlr + (s.abroad ? " (abroad)" : " (home)")
                        + ", updated " + time(s.locationTime) + (s.sgsn != 0 ? ", SGSN " + s.sgsn : ""));
                line(b, "last at home", time(s.lastHomePresence));
                line(b, "call forwarding", s.cfSsCode < 0 ? "none" : "SS 0x" + Integer.toHexString(s.cfSsCode) + " to "
                        + (s.cfTo == 0 ? "?" : id(s.cfTo, masked)) + " set " + time(s.cfTime) + " from GT " + s.cfFromGt
                        + (s.cfRisky ? " (risky)" : ""));
                line(b, "last OTP", s.lastOtpTime == 0 ? "none" : time(s.lastOtpTime) + " from " + s.lastOtpSender);
                line(b, "risk", s.riskKind == SubscriberState.RiskKind.NONE ? "none"
                        : risk(s.riskKind) + " at " + time(s.riskTime));
                for (RuleId r : RuleId.values()) {
                    int k = r.ordinal();
                    if (s.incidentCount[k] > 0) {
                        line(b, "incident", r.id() + ": " + s.incidentCount[k] + " signs since alert "
                                + incidentAlert(s, k) + ", last " + time(s.incidentLast[k]) + ", "
                                + AlertEvent.Severity.values()[s.incidentSeverity[k]]);
                    }
                }
            }
            line(b, "OTP now", (verdict.allow() ? "ALLOW" : "BLOCK") + " (" + verdict.rule() + ": " + verdict.reason()
                    + "; policy " + verdict.policy() + ") as of " + time(atNanos));
            b.append("  alerts (").append(alerts.size()).append(")").append(nl);
            for (AlertEvent a : alerts) {
                b.append("    ").append(AlertText.of(a).replace(nl, nl + "    ")).append(nl);
            }
            return b.toString();
        }

        /** The id of the alert that opened the rule's incident (as {@link AlertEvent#id()}). */
        private static String incidentAlert(SubscriberState s, int rule) {
            return AlertEvent.id(s.incidentIndex[rule], s.incidentOrdinal[rule]);
        }

        String json(boolean masked) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode o = m.createObjectNode();
            o.put("msisdn", id(msisdn.digits(), masked));
            SubscriberState s = state;
            o.put("known", s != null);
            if (s != null) {
                putTime(o, "firstSeen", s.firstSeen);
                putTime(o, "activation", s.activation);
                if (s.imsi != 0) {
                    o.put("imsi", id(s.imsi, masked));
                    putTime(o, "imsiSince", s.imsiSince);
                }
                ArrayNode sims = o.putArray("simChanges");
                for (SubscriberState.SimChange c : s.sims) {
                    ObjectNode n = sims.addObject();
                    putTime(n, "time", c.timeNanos());
                    n.put("oldImsi", id(c.oldImsi(), masked));
                    n.put("newImsi", id(c.newImsi(), masked));
                    n.put("source", c.source() == SubscriberState.SimSource.PROVISIONING ? "provisioning" : "signalling");
                    n.put("trusted", c.trusted());
                    if (!c.channel().isEmpty()) {
                        n.put("channel", c.channel());
                    }
                }
                if (s.imei != 0) {
                    o.put("imei", imei(s.imei, masked));
                    putTime(o, "imeiSince", s.imeiSince);
                }
                ArrayNode devices = o.putArray("deviceChanges");
                for (SubscriberState.DeviceChange c : s.devices) {
                    ObjectNode n = devices.addObject();
                    putTime(n, "time", c.timeNanos());
                    n.put("oldImei", imei(c.oldImei(), masked));
                    n.put("newImei", imei(c.newImei(), masked));
                    n.put("registered", c.registered());
                }
                if (s.vlr != 0) {
                    o.put("vlr", Long.toString(s.vlr));
                    o.put("abroad", s.abroad);
                    putTime(o, "locationTime", s.locationTime);
                }
                putTime(o, "lastHomePresence", s.lastHomePresence);
                if (s.cfSsCode >= 0) {
                    ObjectNode cf = o.putObject("callForwarding");
                    cf.put("ssCode", s.cfSsCode);
                    cf.put("to", s.cfTo == 0 ? "" : id(s.cfTo, masked));
                    putTime(cf, "time", s.cfTime);
                    cf.put("fromGt", Long.toString(s.cfFromGt));
                    cf.put("risky", s.cfRisky);
                }
                if (s.lastOtpTime != 0) {
                    putTime(o, "lastOtpTime", s.lastOtpTime);
                    o.put("lastOtpSender", s.lastOtpSender);
                }
                o.put("risk", risk(s.riskKind));
                putTime(o, "riskTime", s.riskTime);
                ArrayNode incidents = o.putArray("incidents");
                for (RuleId r : RuleId.values()) {
                    int k = r.ordinal();
                    if (s.incidentCount[k] > 0) {
                        ObjectNode n = incidents.addObject();
                        n.put("rule", r.id());
                        n.put("openedBy", incidentAlert(s, k));
                        n.put("signs", s.incidentCount[k]);
                        putTime(n, "lastSign", s.incidentLast[k]);
                        n.put("severity", AlertEvent.Severity.values()[s.incidentSeverity[k]].name());
                    }
                }
            }
            ObjectNode v = o.putObject("otpVerdict");
            v.put("at", EventJson.isoTime(atNanos));
            v.put("allow", verdict.allow());
            v.put("rule", verdict.rule());
            v.put("reason", verdict.reason());
            v.put("policy", verdict.policy());
            ArrayNode a = o.putArray("alerts");
            for (AlertEvent e : alerts) {
                try {
                    a.add(m.readTree(AlertJson.of(e, masked)));
                } catch (java.io.IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            }
            return o.toString();
        }

        private static void line(StringBuilder b, String name, String value) {
            b.append("  ").append(String.format("%-16s", name)).append(value).append(System.lineSeparator());
        }

        private static void putTime(ObjectNode o, String name, long nanos) {
            if (nanos != 0) {
                o.put(name, EventJson.isoTime(nanos));
            }
        }

        private static String time(long nanos) {
            return nanos == 0 ? "never" : EventJson.isoTime(nanos);
        }

        private static String id(long digits, boolean masked) {
            return id(Long.toString(digits), masked);
        }

        private static String id(String digits, boolean masked) {
            return masked ? SubscriberMasking.masked(digits) : digits;
        }

        private static String imei(long imei14, boolean masked) {
            String d = String.format("%014d", imei14);
            return masked ? d.substring(0, 8) + "******" : d;
        }

        private static String simSource(SubscriberState.SimChange c) {
            return c.source() == SubscriberState.SimSource.SIGNALLING ? "seen in signalling, no provisioning record"
                    : "provisioning record via " + c.channel() + (c.trusted() ? " (trusted)" : " (untrusted channel)");
        }

        private static String risk(SubscriberState.RiskKind k) {
            return switch (k) {
                case NONE -> "none";
                case SIM_SWAP -> "simSwap";
                case PROVISIONED_SWAP -> "storeSimReplacement";
                case LOCATION_HIJACK -> "locationHijack";
                case CALL_FORWARDING -> "callForwarding";
            };
        }
    }
}
