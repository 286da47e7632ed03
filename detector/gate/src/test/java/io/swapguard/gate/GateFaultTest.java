package io.swapguard.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.swapguard.smpp.SmppAddress;
import io.swapguard.smpp.SmppBody;
import io.swapguard.smpp.SmppCodec;
import io.swapguard.smpp.SmppCommand;
import io.swapguard.smpp.SmppPdu;
import io.swapguard.smpp.SmppStatus;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a broken or hostile ESME can do to the gate over a raw socket: garbage, unknown commands,
 * lengths that cannot be right, requests before a bind, silence, leaving mid-window. Each gets
 * the answer SMPP asks for and a counted reason, and never touches another session.
 */
class GateFaultTest {

    JsmppSmsc smsc;
    SmppGate gate;

    @BeforeEach
    void start() throws Exception {
        smsc = new JsmppSmsc();
        gate = new SmppGate(GateConfig.defaults(smsc.port()).withTimers(10, Duration.ofSeconds(30),
                Duration.ofMillis(1500), Duration.ofSeconds(2), 256),
                s -> SubmissionJudge.Verdict.NOTHING_AGAINST, e -> { }, new SimpleMeterRegistry(), 1);
    }

    @AfterEach
    void stop() throws Exception {
        gate.close();
        smsc.close();
    }

    /** A raw ESME connection. */
    final class RawEsme implements AutoCloseable {
        final Socket socket;
        final DataInputStream in;
        int seq;

        RawEsme() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), gate.port());
            socket.setSoTimeout(5000);
            in = new DataInputStream(socket.getInputStream());
        }

        void send(byte[] bytes) throws IOException {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        }

        void send(SmppPdu p) throws IOException {
            ByteBuf b = Unpooled.buffer();
            SmppCodec.encode(p, b);
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            send(bytes);
        }

        /** The next PDU's header: command_id, status, sequence. */
        int[] read() throws IOException {
            int length = in.readInt();
            int id = in.readInt();
            int status = in.readInt();
            int sequence = in.readInt();
            in.skipNBytes(length - 16);
            return new int[] {id, status, sequence};
        }

        void bind() throws IOException {
            send(new SmppPdu(SmppCommand.BIND_TRANSCEIVER, 0, ++seq,
                    new SmppBody.Bind("raw", "secret", "", 0x34, 0, 0, "")));
            assertThat(read()).containsExactly(SmppCommand.BIND_TRANSCEIVER_RESP.id(), 0, seq);
        }

        boolean closedByGate() throws IOException {
            try {
                return in.read() == -1;
            } catch (SocketTimeoutException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static SmppPdu submit(int seq, String to) {
        return new SmppPdu(SmppCommand.SUBMIT_SM, 0, seq, new SmppBody.ShortMessage("", new SmppAddress(5, 0, "BCA"),
                new SmppAddress(1, 1, to), 0, 0, 0, "", "", 0, 0, 0, 0,
                "Transfer berhasil".getBytes(StandardCharsets.US_ASCII), List.of()));
    }

    static byte[] header(int length, int id, int seq) {
        return ByteBuffer.allocate(16).putInt(length).putInt(id).putInt(0).putInt(seq).array();
    }

    @Test
    void anUnknownCommandIsNackedAndTheSessionGoesOn() throws Exception {
        try (RawEsme e = new RawEsme()) {
            e.bind();
            e.send(header(16, 0x00000077, 41));
            assertThat(e.read()).containsExactly(SmppCommand.GENERIC_NACK.id(), SmppStatus.ESME_RINVCMDID, 41);
            e.send(new SmppPdu(SmppCommand.ENQUIRE_LINK, 0, 42, SmppBody.Empty.INSTANCE));
            assertThat(e.read()).containsExactly(SmppCommand.ENQUIRE_LINK_RESP.id(), 0, 42);
            e.send(submit(43, "6281100000043"));
            int[] resp = e.read();
            assertThat(resp).containsExactly(SmppCommand.SUBMIT_SM_RESP.id(), 0, 43);
        }
        assertThat(gate.metrics().count("swapguard.gate.rejected", "esme", "unknown-command")).isEqualTo(1);
    }

    @Test
    void aLengthThatCannotBeRightIsNackedAndClosesOnlyThatSession() throws Exception {
        try (RawEsme good = new RawEsme(); RawEsme bad = new RawEsme()) {
            good.bind();
            bad.bind();
            bad.send(header(8, SmppCommand.SUBMIT_SM.id(), 7));
            assertThat(bad.read()[0]).isEqualTo(SmppCommand.GENERIC_NACK.id());
            assertThat(bad.closedByGate()).isTrue();
            good.send(submit(2, "6281100000043"));
            assertThat(good.read()).containsExactly(SmppCommand.SUBMIT_SM_RESP.id(), 0, 2);
        }
        assertThat(gate.metrics().count("swapguard.gate.rejected", "esme", "command-length-below-header"))
                .isEqualTo(1);
    }

    @Test
    void aTruncatedBodyGetsItsResponseWithAnErrorStatus() throws Exception {
        try (RawEsme e = new RawEsme()) {
            e.bind();
            // submit_sm whose service_type never ends: the C-Octet String runs off the PDU.
            byte[] body = "AAAAAAAAAAAA".getBytes(StandardCharsets.US_ASCII);
            e.send(ByteBuffer.allocate(16 + body.length).put(header(16 + body.length, SmppCommand.SUBMIT_SM.id(), 9))
                    .put(body).array());
            int[] r = e.read();
            assertThat(r[0]).isEqualTo(SmppCommand.SUBMIT_SM_RESP.id());
            assertThat(r[1]).isNotZero();
            assertThat(r[2]).isEqualTo(9);
            assertThat(smsc.submits).isEmpty();
        }
    }

    @Test
    void requestsBeforeABindAreRefusedAndSilenceIsClosed() throws Exception {
        try (RawEsme e = new RawEsme()) {
            e.send(submit(5, "6281100000043"));
            assertThat(e.read()).containsExactly(SmppCommand.SUBMIT_SM_RESP.id(), SmppStatus.ESME_RINVBNDSTS, 5);
            // Half a header, then nothing: the gate closes the connection after its bind timeout.
            e.send(new byte[] {0, 0, 0, 40, 0, 0});
            long t0 = System.nanoTime();
            e.socket.setSoTimeout(5000);
            assertThat(e.in.read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(gate.metrics().count("swapguard.gate.rejected", "esme", "bind-timeout")).isEqualTo(1);
    }

    @Test
    void anEsmeThatLeavesMidWindowCostsNothingElse() throws Exception {
        smsc.hold = new CountDownLatch(1);
        try (RawEsme leaving = new RawEsme()) {
            leaving.bind();
            for (int i = 0; i < 5; i++) {
                leaving.send(submit(10 + i, "628110000005" + i));
            }
            await().until(() -> smsc.submits.size() == 5);
        }
        smsc.hold.countDown();
        try (RawEsme next = new RawEsme()) {
            next.bind();
            next.send(submit(3, "6281100000043"));
            assertThat(next.read()).containsExactly(SmppCommand.SUBMIT_SM_RESP.id(), 0, 3);
        }
        await().until(() -> gate.metrics().count("swapguard.gate.answered", "esme-gone", "") == 1);
    }

    @Test
    void theWindowIsEnforcedAndAnSmscThatDoesNotAnswerTimesOut() throws Exception {
        smsc.hold = new CountDownLatch(1);
        try (RawEsme e = new RawEsme()) {
            e.bind();
            for (int i = 0; i < 11; i++) {
                e.send(submit(100 + i, "628110000006" + (i % 10)));
            }
            // The eleventh is over the window of 10: throttled at once, by the gate.
            assertThat(e.read()).containsExactly(SmppCommand.SUBMIT_SM_RESP.id(), SmppStatus.ESME_RTHROTTLED, 110);
            // The SMSC holds its answers: after the response timeout the gate answers them itself.
            for (int i = 0; i < 10; i++) {
                int[] r = e.read();
                assertThat(r[0]).isEqualTo(SmppCommand.SUBMIT_SM_RESP.id());
                assertThat(r[1]).isEqualTo(SmppStatus.ESME_RSYSERR);
            }
        } finally {
            smsc.hold.countDown();
        }
        assertThat(gate.metrics().count("swapguard.gate.answered", "window", "")).isEqualTo(1);
        assertThat(gate.metrics().count("swapguard.gate.answered", "timeout", "")).isEqualTo(10);
    }
}
