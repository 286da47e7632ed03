package io.swapguard.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.Test;

/**
 * Unbind through the gate, many times over: jsmpp reads on one thread and dispatches on another,
 * so a gate that closed the connection right after unbind_resp lost the answer to the close now
 * and then (found by the demo). The initiator closes; the gate answers and waits.
 */
class GateUnbindTest {

    @Test
    void everyUnbindIsAnsweredAfterAllowedAndBlockedSubmissions() throws Exception {
        boolean[] block = {false};
        try (JsmppSmsc smsc = new JsmppSmsc();
                SmppGate gate = new SmppGate(GateConfig.defaults(smsc.port()),
                        s -> block[0] ? new SubmissionJudge.Verdict(false, "simSwap", "swapped")
                                : SubmissionJudge.Verdict.NOTHING_AGAINST,
                        e -> { }, new SimpleMeterRegistry(), 1)) {
            for (int i = 0; i < 20; i++) {
                block[0] = i % 2 == 1;
                SMPPSession s = new SMPPSession();
                s.setTransactionTimer(3000);
                s.connectAndBind("127.0.0.1", gate.port(), new BindParameter(BindType.BIND_TX, "esme" + i, "secret",
                        "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5000);
                try {
                    GateJsmppTest.submit(s, "6281100000043", "Kode OTP Anda 551204");
                } catch (NegativeResponseException blocked) {
                    assertThat(block[0]).isTrue();
                }
                // unbind() throws when no unbind_resp comes within the transaction timer.
                assertThatCode(s::unbind).as("unbind %d", i).doesNotThrowAnyException();
                s.close();
                assertThat(s.getSessionState()).isEqualTo(SessionState.CLOSED);
            }
        }
    }
}
