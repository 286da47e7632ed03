package io.swapguard.taps.hep;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.SignalEvent;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.taps.HepServer;
import io.swapguard.taps.ProbePipeline;
import io.swapguard.taps.ProbeSettings;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * HEP from an encoder that is not ours: sipcapture's hep-js (the HOMER project's Node library),
 * over TCP (one stream, written in pieces that cut messages anywhere) and over UDP. The events
 * must be those of the same M3UA messages fed to the pipeline directly. Needs {@code npm install}
 * in {@code src/test/node}, which {@code .ci/test} runs.
 */
class HepPeerTest {

    private static final Path NODE_DIR = Path.of("src", "test", "node");

    /** The sample traffic's M3UA messages as hep-send.js reads them. */
    private static String messages(List<Object[]> m3ua) {
        StringBuilder s = new StringBuilder();
        for (Object[] m : m3ua) {
            long ts = (long) m[0];
            s.append("{\"sec\":").append(ts / 1_000_000_000L).append(",\"usec\":").append(ts % 1_000_000_000L / 1000)
                    .append(",\"m3ua\":\"").append(HexFormat.of().formatHex((byte[]) m[1])).append("\"}\n");
        }
        return s.toString();
    }

    /** What the pipeline makes of the messages given to it directly, at the microsecond HEP carries. */
    private static List<SignalEvent> expected(List<Object[]> m3ua) {
        List<SignalEvent> events = new ArrayList<>();
        ProbePipeline p = new ProbePipeline(ProbeSettings.defaults(), new DecodeCounters(), events::add, null);
        for (Object[] m : m3ua) {
            byte[] b = (byte[]) m[1];
            p.m3ua("hep:stp-a", (long) m[0] / 1000 * 1000, b, 0, b.length);
        }
        return events;
    }

    private static void send(String mode, int port, String input) throws Exception {
        assertThat(NODE_DIR.resolve("node_modules").resolve("hep-js"))
                .as("hep-js is installed (npm install in %s; .ci/test does it)", NODE_DIR.toAbsolutePath()).exists();
        Process node = new ProcessBuilder("node", "hep-send.js", mode, Integer.toString(port))
                .directory(NODE_DIR.toFile()).redirectErrorStream(true).start();
        try (OutputStream in = node.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(out).isZero();
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void hepJsOverTcpInPiecesGivesTheEventsOfTheMessages() throws Exception {
        List<Object[]> m3ua = HepServerTest.m3uaOfSampleTraffic();
        List<SignalEvent> events = Collections.synchronizedList(new ArrayList<>());
        DecodeCounters counters = new DecodeCounters();
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), counters, events::add, null);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (HepServer server = HepServer.start(new InetSocketAddress(loopback, 0), pipeline, null,
                new HepServer.Options(1 << 20, true))) {
            assertThat(server.tcpAddress().getPort()).isEqualTo(server.localAddress().getPort());
            send("tcp", server.tcpAddress().getPort(), messages(m3ua));
            await(() -> counters.decoded(Layer.HEP) >= m3ua.size());
            assertThat(counters.decoded(Layer.HEP)).isEqualTo(m3ua.size());
            assertThat(counters.rejectedTotal()).isZero();
            synchronized (events) {
                assertThat(events).isEqualTo(expected(m3ua));
            }

            // A stream that goes out of step is closed and counted; the listener takes the next one.
            try (Socket bad = new Socket(loopback, server.tcpAddress().getPort())) {
                bad.getOutputStream().write("HEP2 is not a HEP3 message at all".getBytes(StandardCharsets.US_ASCII));
                bad.getOutputStream().flush();
                await(() -> counters.rejected(Layer.HEP, "tcp-stream-out-of-step") > 0);
                assertThat(bad.getInputStream().read()).as("closed by the probe").isEqualTo(-1);
            }
            assertThat(counters.rejected(Layer.HEP, "tcp-stream-out-of-step")).isEqualTo(1);
            send("tcp", server.tcpAddress().getPort(), messages(m3ua.subList(0, 3)));
            await(() -> counters.decoded(Layer.HEP) >= m3ua.size() + 3);
            assertThat(counters.decoded(Layer.HEP)).isEqualTo(m3ua.size() + 3);
        }
    }

    @Test
    void hepJsOverUdpGivesTheSameEvents() throws Exception {
        List<Object[]> m3ua = HepServerTest.m3uaOfSampleTraffic();
        List<SignalEvent> events = Collections.synchronizedList(new ArrayList<>());
        DecodeCounters counters = new DecodeCounters();
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), counters, events::add, null);
        try (HepServer server = HepServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), pipeline,
                null)) {
            send("udp", server.localAddress().getPort(), messages(m3ua));
            await(() -> counters.decoded(Layer.HEP) >= m3ua.size());
            assertThat(server.kernelDrops()).as("the socket's drop count is read").isZero();
            synchronized (events) {
                assertThat(events).isEqualTo(expected(m3ua));
            }
        }
    }
}
