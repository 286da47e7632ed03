package io.swapguard.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.socket.NoTrustSSLSocketConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMPP over TLS on both sides of the gate, with PEM files made by openssl: a jsmpp ESME over
 * TLS (jsmpp's own TLS client) to the gate, the gate over TLS to a TLS endpoint (a second gate,
 * in front of a jsmpp SMSC) whose certificate it checks against the configured trust. A gate
 * trusting another certificate refuses to bind upstream.
 */
class GateTlsTest {

    static final SubmissionJudge ALLOW = s -> SubmissionJudge.Verdict.NOTHING_AGAINST;

    static void pem(Path cert, Path key) throws Exception {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true).start();
        String log = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor()).as(log).isZero();
    }

    @Test
    void tlsToTheGateAndFromTheGateToTheSmsc(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("gate.crt");
        Path key = dir.resolve("gate.key");
        pem(cert, key);
        Path other = dir.resolve("other.crt");
        pem(other, dir.resolve("other.key"));
        try (JsmppSmsc smsc = new JsmppSmsc();
                SmppGate tlsSmsc = new SmppGate(GateConfig.defaults(smsc.port())
                        .withTls(new GateConfig.Tls(cert, key, false, null)), ALLOW, e -> { },
                        new SimpleMeterRegistry(), 1);
                SmppGate gate = new SmppGate(GateConfig.defaults(tlsSmsc.port())
                        .withTls(new GateConfig.Tls(cert, key, true, cert)), ALLOW, e -> { },
                        new SimpleMeterRegistry(), 1);
                SmppGate distrustful = new SmppGate(GateConfig.defaults(tlsSmsc.port())
                        .withTls(new GateConfig.Tls(null, null, true, other)), ALLOW, e -> { },
                        new SimpleMeterRegistry(), 1)) {
            SMPPSession bank = new SMPPSession(new NoTrustSSLSocketConnectionFactory());
            bank.connectAndBind("127.0.0.1", gate.port(), new BindParameter(BindType.BIND_TX, "bank-bca", "secret", "",
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5000);
            try {
                assertThat(GateJsmppTest.submit(bank, "6281100000043", "Transfer berhasil").getMessageId())
                        .isEqualTo("1001");
            } finally {
                bank.unbindAndClose();
            }
            assertThat(smsc.submits).extracting(SubmitSm::getDestAddress).containsExactly("6281100000043");

            // Plain SMPP to a TLS listener is not SMPP to it: no bind_resp comes.
            SMPPSession plain = new SMPPSession();
            assertThatThrownBy(() -> plain.connectAndBind("127.0.0.1", gate.port(), new BindParameter(
                    BindType.BIND_TX, "bank-bca", "secret", "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN,
                    null), 2000)).isInstanceOf(java.io.IOException.class);

            // The upstream certificate is not the trusted one: the handshake fails and the bind is refused.
            SMPPSession refused = new SMPPSession();
            assertThatThrownBy(() -> refused.connectAndBind("127.0.0.1", distrustful.port(), new BindParameter(
                    BindType.BIND_TX, "bank-bca", "secret", "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN,
                    null), 5000)).hasRootCauseInstanceOf(NegativeResponseException.class);
            assertThat(smsc.boundAs).containsExactly("bank-bca");
        }
    }
}
