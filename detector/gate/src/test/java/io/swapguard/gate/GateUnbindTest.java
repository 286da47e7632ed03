package io.swapguard.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.swapguard.smpp.SmppBody;
import io.swapguard.smpp.SmppCodec;
import io.swapguard.smpp.SmppCommand;
import io.swapguard.smpp.SmppPdu;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
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

    /**
     * The gate, unbinding on the ESME's behalf, is the initiator towards the SMSC and closes that
     * link itself once unbind_resp is in (SMPP 3.4, 2.4). Against an SMSC that answers and never
     * closes, the only close the SMSC can see is the gate's.
     */
    @Test
    void theGateClosesItsSmscLinkAfterUnbindResp() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicReference<SmppGate> running = new AtomicReference<>();
            // Counted at the SMSC's end of stream: the ESME's connection must still be open then, so
            // the close came from the unbind, not from the gate closing the ESME after its grace.
            CompletableFuture<List<Integer>> seen = CompletableFuture.supplyAsync(
                    () -> answerUntilClosed(listener, () -> running.get().metrics().sessions().get()));
            try (SmppGate gate = new SmppGate(GateConfig.defaults(listener.getLocalPort()),
                    s -> SubmissionJudge.Verdict.NOTHING_AGAINST, e -> { }, new SimpleMeterRegistry(), 1)) {
                running.set(gate);
                SMPPSession s = new SMPPSession();
                s.setTransactionTimer(3000);
                s.connectAndBind("127.0.0.1", gate.port(), new BindParameter(BindType.BIND_TRX, "bank", "secret",
                        "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5000);
                assertThatCode(s::unbind).doesNotThrowAnyException();
                // The SMSC's read ends with end of stream: the gate closed, after the unbind, with
                // the ESME still connected.
                assertThat(seen.get(10, TimeUnit.SECONDS)).containsExactly(SmppCommand.BIND_TRANSCEIVER.id(),
                        SmppCommand.UNBIND.id(), -1);
                s.close();
            }
        }
    }

    /**
     * An SMSC that answers bind and unbind and never closes: the commands it saw, then -1 if
     * {@code esmes} still counted a connection at end of stream.
     */
    private static List<Integer> answerUntilClosed(ServerSocket listener, IntSupplier esmes) {
        List<Integer> seen = new java.util.ArrayList<>();
        try (Socket gate = listener.accept()) {
            gate.setSoTimeout(15_000);
            DataInputStream in = new DataInputStream(gate.getInputStream());
            OutputStream out = gate.getOutputStream();
            int length;
            while ((length = readLength(in)) >= 0) {
                int id = in.readInt();
                in.readInt();
                int sequence = in.readInt();
                in.skipNBytes(length - 16);
                seen.add(id);
                SmppCommand c = SmppCommand.of(id);
                SmppBody body = c == SmppCommand.UNBIND || c == SmppCommand.ENQUIRE_LINK ? SmppBody.Empty.INSTANCE
                        : new SmppBody.BindResp("raw-smsc", List.of());
                ByteBuf b = Unpooled.buffer();
                SmppCodec.encode(new SmppPdu(c.response(), 0, sequence, body), b);
                byte[] bytes = new byte[b.readableBytes()];
                b.readBytes(bytes);
                out.write(bytes);
                out.flush();
            }
            if (esmes.getAsInt() == 1) {
                seen.add(-1);
            }
            return seen;
        } catch (IOException e) {
            throw new IllegalStateException("the SMSC link did not end with the gate's close: " + e, e);
        }
    }

    private static int readLength(DataInputStream in) throws IOException {
        int first = in.read();
        return first < 0 ? -1 : (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedShort());
    }
}
