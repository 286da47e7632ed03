package io.swapguard.config;

import io.swapguard.engine.InvalidSettingException;
import io.swapguard.gate.GateConfig;
import io.swapguard.smpp.SmppFrameDecoder;
import io.swapguard.smpp.SmppStatus;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code gate:} the inline SMPP gate (docs/smpp-gate.md). Off by default: it needs the SMSC's
 * address, and it is the one part of swapguard that sits in the traffic's path. Statuses are
 * written by name ({@code ESME_RSUBMITFAIL}) or number ({@code 0x45}, {@code 69}).
 *
 * @param enabled run the gate with {@code run} (needs the detector: it gives the verdicts)
 * @param bind address ESMEs connect to
 * @param port their port (2775, SMPP's registered port; 0 picks a free one)
 * @param smscHost the SMSC
 * @param smscPort its SMPP port
 * @param accounts upstream credentials per ESME system_id; unlisted ESMEs bind with their own
 * @param window requests outstanding per session before ESME_RTHROTTLED
 * @param enquireLink silence on an SMSC link before the gate sends enquire_link
 * @param responseTimeout wait for the SMSC's answer (then ESME_RSYSERR); also the time an ESME has to bind
 * @param reconnectMin first wait before rebinding a lost SMSC link
 * @param reconnectMax longest wait between rebinds
 * @param monitor decide and journal, never block
 * @param monitorAccounts accounts only watched while the rest are enforced
 * @param failOpen no verdict to be had: forward (true) or refuse with failStatus (false)
 * @param failStatus status of a refusal when failing closed
 * @param blockStatus status of a block
 * @param blockStatusByRule status per rule
 * @param decisionBudget a verdict slower than this is counted
 * @param holdTimeout longest a segment waits for its siblings
 * @param holdSegments segments held per session at most
 * @param maxPdu largest command_length accepted
 * @param threads event loops (0: one per core)
 * @param journalQueue gate events waiting for the journal at most (beyond: dropped and counted)
 * @param tls PEM files for SMPP over TLS
 */
public record GateSection(Boolean enabled, String bind, Integer port, String smscHost, Integer smscPort,
        Map<String, GateConfig.Credentials> accounts, Integer window, Duration enquireLink, Duration responseTimeout,
        Duration reconnectMin, Duration reconnectMax, Boolean monitor, List<String> monitorAccounts, Boolean failOpen,
        String failStatus, String blockStatus, Map<String, String> blockStatusByRule, Duration decisionBudget,
        Duration holdTimeout, Integer holdSegments, Integer maxPdu, Integer threads, Integer journalQueue,
        TlsSection tls) {

    /** PEM files: a certificate and key turn on TLS for ESMEs; {@code smsc: true} speaks TLS to the SMSC. */
    public record TlsSection(String certificate, String key, Boolean smsc, String smscTrust) {
        public TlsSection {
            if ((certificate == null) != (key == null)) {
                throw new InvalidSettingException("tls", "certificate and key go together");
            }
            smsc = smsc != null && smsc;
        }
    }

    public GateSection {
        enabled = enabled != null && enabled;
        bind = bind == null ? "127.0.0.1" : bind;
        port = InvalidSettingException.inRange("port", port, DEFAULT_PORT, 0, 65_535);
        smscHost = smscHost == null ? "127.0.0.1" : smscHost;
        smscPort = InvalidSettingException.inRange("smscPort", smscPort, 2776, 1, 65_535);
        accounts = accounts == null ? Map.of() : Map.copyOf(accounts);
        window = InvalidSettingException.inRange("window", window, 100, 1, 100_000);
        enquireLink = positive("enquireLink", enquireLink, Duration.ofSeconds(30));
        responseTimeout = positive("responseTimeout", responseTimeout, Duration.ofSeconds(30));
        reconnectMin = positive("reconnectMin", reconnectMin, Duration.ofMillis(200));
        reconnectMax = positive("reconnectMax", reconnectMax, Duration.ofSeconds(30));
        monitor = monitor != null && monitor;
        monitorAccounts = monitorAccounts == null ? List.of() : List.copyOf(monitorAccounts);
        failOpen = failOpen != null && failOpen;
        failStatus = failStatus == null ? "ESME_RSYSERR" : failStatus;
        blockStatus = blockStatus == null ? "ESME_RSUBMITFAIL" : blockStatus;
        status("failStatus", failStatus);
        status("blockStatus", blockStatus);
        blockStatusByRule = blockStatusByRule == null ? Map.of() : Map.copyOf(blockStatusByRule);
        blockStatusByRule.forEach((rule, s) -> status("blockStatusByRule." + rule, s));
        decisionBudget = positive("decisionBudget", decisionBudget, Duration.ofMillis(1));
        holdTimeout = positive("holdTimeout", holdTimeout, Duration.ofSeconds(2));
        holdSegments = InvalidSettingException.inRange("holdSegments", holdSegments, 256, 1, 100_000);
        maxPdu = InvalidSettingException.inRange("maxPdu", maxPdu, SmppFrameDecoder.DEFAULT_MAX_PDU, 1_024,
                SmppFrameDecoder.DEFAULT_MAX_PDU * 4);
        threads = InvalidSettingException.inRange("threads", threads, 0, 0, 256);
        journalQueue = InvalidSettingException.inRange("journalQueue", journalQueue, 65_536, 16, 16_777_216);
    }

    /** SMPP's registered port. */
    public static final int DEFAULT_PORT = 2775;

    /** These settings, enabled, on {@code port} in front of an SMSC on loopback at {@code smscPort}. */
    public GateSection enabledOn(int gatePort, int smscPortOnLoopback) {
        return new GateSection(true, bind, gatePort, "127.0.0.1", smscPortOnLoopback, accounts, window, enquireLink,
                responseTimeout, reconnectMin, reconnectMax, monitor, monitorAccounts, failOpen, failStatus, blockStatus,
                blockStatusByRule, decisionBudget, holdTimeout, holdSegments, maxPdu, threads, journalQueue, tls);
    }

    public static GateSection defaults() {
        return new GateSection(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
    }

    /** The gate's own settings. */
    public GateConfig toGateConfig() {
        Map<String, Integer> byRule = new LinkedHashMap<>();
        blockStatusByRule.forEach((rule, s) -> byRule.put(rule, status("blockStatusByRule." + rule, s)));
        GateConfig.Tls t = tls == null ? GateConfig.Tls.NONE
                : new GateConfig.Tls(tls.certificate() == null ? null : Path.of(tls.certificate()),
                        tls.key() == null ? null : Path.of(tls.key()), tls.smsc(),
                        tls.smscTrust() == null ? null : Path.of(tls.smscTrust()));
        return new GateConfig(bind, port, smscHost, smscPort, accounts, window, enquireLink, responseTimeout,
                reconnectMin, reconnectMax, monitor, Set.copyOf(monitorAccounts), failOpen,
                status("failStatus", failStatus), status("blockStatus", blockStatus), byRule, decisionBudget,
                holdTimeout, holdSegments, maxPdu, t, "gate");
    }

    /** An SMPP command_status by its name in SMPP 3.4 (ESME_R...) or as a number. */
    static int status(String key, String value) {
        String v = value.strip();
        try {
            if (v.toLowerCase(Locale.ROOT).startsWith("0x")) {
                return Integer.parseUnsignedInt(v.substring(2), 16);
            }
            if (v.chars().allMatch(Character::isDigit) && !v.isEmpty()) {
                return Integer.parseInt(v);
            }
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, "'" + value + "' is not a command_status");
        }
        for (Field f : SmppStatus.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class && f.getName().equalsIgnoreCase(v)) {
                try {
                    return f.getInt(null);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new InvalidSettingException(key, "'" + value + "' is not a command_status: write a name such as "
                + "ESME_RSUBMITFAIL or a number such as 0x45");
    }

    private static Duration positive(String key, Duration d, Duration fallback) {
        Duration v = d == null ? fallback : d;
        if (v.isNegative() || v.isZero()) {
            throw new InvalidSettingException(key, "must be longer than zero");
        }
        return v;
    }
}
