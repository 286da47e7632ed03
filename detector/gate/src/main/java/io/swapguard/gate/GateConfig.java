package io.swapguard.gate;

import io.swapguard.smpp.SmppFrameDecoder;
import io.swapguard.smpp.SmppStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The gate's settings ({@code gate:} in the configuration; docs/smpp-gate.md explains each).
 *
 * @param host address ESMEs connect to
 * @param port its port (0: any free one, for tests)
 * @param smscHost the SMSC the gate forwards to
 * @param smscPort its SMPP port
 * @param accounts upstream credentials per ESME system_id; an ESME not listed binds upstream with its own
 *        credentials, byte for byte (pass-through)
 * @param window requests one ESME session may have outstanding at the SMSC; past it, ESME_RTHROTTLED
 * @param enquireLink how long the SMSC link may be silent before the gate sends enquire_link on it
 * @param responseTimeout how long the gate waits for the SMSC's answer before answering ESME_RSYSERR itself
 * @param reconnectMin first wait before rebinding a lost SMSC link (doubles up to {@code reconnectMax})
 * @param reconnectMax longest wait between rebinds
 * @param monitor decide and journal, never block (rollout)
 * @param monitorAccounts ESME accounts in monitor mode while the rest are enforced
 * @param failOpen when no verdict can be had: forward (true) or refuse with {@code failStatus} (false)
 * @param failStatus command_status of a refusal when failing closed
 * @param blockStatus command_status of a block
 * @param blockStatusByRule command_status per rule, overriding {@code blockStatus}
 * @param decisionBudget a verdict slower than this is counted (and logged) as over budget
 * @param holdTimeout longest a segment of a concatenated message waits for its siblings
 * @param holdSegments most segments one session may hold at once; past it the oldest message is judged as it is
 * @param maxPdu hard limit on command_length
 * @param tls optional TLS on the ESME side and towards the SMSC
 * @param tapId the tap name in the journal
 */
public record GateConfig(String host, int port, String smscHost, int smscPort, Map<String, Credentials> accounts,
        int window, Duration enquireLink, Duration responseTimeout, Duration reconnectMin, Duration reconnectMax,
        boolean monitor, Set<String> monitorAccounts, boolean failOpen, int failStatus, int blockStatus,
        Map<String, Integer> blockStatusByRule, Duration decisionBudget, Duration holdTimeout, int holdSegments,
        int maxPdu, Tls tls, String tapId) {

    /** What the gate binds to the SMSC with for one ESME account. */
    public record Credentials(String systemId, String password) {
        public Credentials {
            if (systemId == null || systemId.isEmpty() || systemId.length() > 15) {
                throw new IllegalArgumentException("systemId must be 1..15 characters (SMPP 3.4, 4.1.1)");
            }
            if (password == null || password.length() > 8) {
                throw new IllegalArgumentException("password must be at most 8 characters (SMPP 3.4, 4.1.1)");
            }
        }
    }

    /**
     * PEM files. {@code listenCert}/{@code listenKey} turn on TLS for ESMEs; {@code smsc} connects to the SMSC over
     * TLS, trusting {@code smscTrust} (the JDK's roots when null).
     */
    public record Tls(Path listenCert, Path listenKey, boolean smsc, Path smscTrust) {
        public static final Tls NONE = new Tls(null, null, false, null);

        public boolean listen() {
            return listenCert != null;
        }
    }

    public GateConfig {
        accounts = Map.copyOf(accounts);
        monitorAccounts = Set.copyOf(monitorAccounts);
        blockStatusByRule = Map.copyOf(blockStatusByRule);
        tls = tls == null ? Tls.NONE : tls;
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1");
        }
        if (holdSegments < 1) {
            throw new IllegalArgumentException("holdSegments must be at least 1");
        }
        if (maxPdu < 16 || maxPdu > SmppFrameDecoder.DEFAULT_MAX_PDU * 4) {
            throw new IllegalArgumentException("maxPdu out of range");
        }
    }

    /** A gate on loopback in front of {@code smscPort}, enforcing, failing closed, with SMPP's usual timers. */
    public static GateConfig defaults(int smscPort) {
        return new GateConfig("127.0.0.1", 0, "127.0.0.1", smscPort, Map.of(), 100, Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(30), false, Set.of(), false,
                SmppStatus.ESME_RSYSERR, SmppStatus.ESME_RSUBMITFAIL, Map.of(), Duration.ofMillis(1),
                Duration.ofSeconds(2), 256, SmppFrameDecoder.DEFAULT_MAX_PDU, Tls.NONE, "gate");
    }

    /** The status a block by {@code rule} answers with. */
    public int blockStatus(String rule) {
        return blockStatusByRule.getOrDefault(rule, blockStatus);
    }

    /** Whether {@code account} is only watched. */
    public boolean monitors(String account) {
        return monitor || monitorAccounts.contains(account);
    }

    public GateConfig withPort(int p) {
        return new GateConfig(host, p, smscHost, smscPort, accounts, window, enquireLink, responseTimeout,
                reconnectMin, reconnectMax, monitor, monitorAccounts, failOpen, failStatus, blockStatus,
                blockStatusByRule, decisionBudget, holdTimeout, holdSegments, maxPdu, tls, tapId);
    }

    public GateConfig withSmsc(String h, int p) {
        return new GateConfig(host, port, h, p, accounts, window, enquireLink, responseTimeout,
                reconnectMin, reconnectMax, monitor, monitorAccounts, failOpen, failStatus, blockStatus,
                blockStatusByRule, decisionBudget, holdTimeout, holdSegments, maxPdu, tls, tapId);
    }

    public GateConfig withMonitor(boolean m, Set<String> accountsOnly) {
        return new GateConfig(host, port, smscHost, smscPort, accounts, window, enquireLink, responseTimeout,
                reconnectMin, reconnectMax, m, accountsOnly, failOpen, failStatus, blockStatus, blockStatusByRule,
                decisionBudget, holdTimeout, holdSegments, maxPdu, tls, tapId);
    }

    public GateConfig withFailOpen(boolean open) {
        return new GateConfig(host, port, smscHost, smscPort, accounts, window, enquireLink, responseTimeout,
                reconnectMin, reconnectMax, monitor, monitorAccounts, open, failStatus, blockStatus, blockStatusByRule,
                decisionBudget, holdTimeout, holdSegments, maxPdu, tls, tapId);
    }

    public GateConfig withTimers(int w, Duration enquire, Duration response, Duration hold, int segments) {
        return new GateConfig(host, port, smscHost, smscPort, accounts, w, enquire, response, reconnectMin,
                reconnectMax, monitor, monitorAccounts, failOpen, failStatus, blockStatus, blockStatusByRule,
                decisionBudget, hold, segments, maxPdu, tls, tapId);
    }

    public GateConfig withAccounts(Map<String, Credentials> a, Map<String, Integer> statusByRule) {
        return new GateConfig(host, port, smscHost, smscPort, a, window, enquireLink, responseTimeout, reconnectMin,
                reconnectMax, monitor, monitorAccounts, failOpen, failStatus, blockStatus, statusByRule,
                decisionBudget, holdTimeout, holdSegments, maxPdu, tls, tapId);
    }

    public GateConfig withTls(Tls t) {
        return new GateConfig(host, port, smscHost, smscPort, accounts, window, enquireLink, responseTimeout,
                reconnectMin, reconnectMax, monitor, monitorAccounts, failOpen, failStatus, blockStatus,
                blockStatusByRule, decisionBudget, holdTimeout, holdSegments, maxPdu, t, tapId);
    }
}
