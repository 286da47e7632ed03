package io.swapguard.taps.hep;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.MapEvent;
import io.swapguard.event.SignalEvent;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.frame.FrameDecoder;
import io.swapguard.ss7.frame.IpPacket;
import io.swapguard.ss7.hep.HepDecoder;
import io.swapguard.ss7.hep.HepEncoder;
import io.swapguard.ss7.sctp.SctpDecoder;
import io.swapguard.ss7.wire.SigtranLink;
import io.swapguard.taps.HepServer;
import io.swapguard.taps.ProbePipeline;
import io.swapguard.taps.ProbeSettings;
import io.swapguard.taps.Quarantine;
import io.swapguard.testkit.SampleTraffic;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HEPv3 over real UDP on loopback, as heplify would send it. */
class HepServerTest {

    static final long START = 1_790_000_000_000_000_000L;

    /** The M3UA messages (with their capture times) of the sample traffic, as an agent on the link sees them. */
    static List<Object[]> m3uaOfSampleTraffic() {
        List<Object[]> out = new ArrayList<>();
        IpPacket ip = new IpPacket();
        SctpDecoder sctp = new SctpDecoder(SctpDecoder.PPID_M3UA, false, 16, new DecodeCounters());
        SigtranLink link = SigtranLink.between((ts, lt, frame) -> {
            FrameDecoder.decode(lt, frame, 0, frame.length, ip);
            sctp.decode(ip.srcHigh(), ip.srcLow(), ip.dstHigh(), ip.dstLow(), frame, ip.payloadOffset(),
                    ip.payloadLength(), (flow, stream, ppid, b, off, len) ->
                            out.add(new Object[] {ts, java.util.Arrays.copyOfRange(b, off, off + len)}));
        }, SigtranLink.Options.ethernet(), 100, 200);
        SampleTraffic.play(link, START, 42, 3, 0);
        return out;
    }

    @Test
    void aDatagramLargerThanNettysDefaultBufferIsReceivedWhole() throws Exception {
        DecodeCounters counters = new DecodeCounters();
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), counters, e -> { }, null);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        byte[] m3ua = new byte[6_000]; // an M3UA message of 6,000 bytes (here: a management message the probe ignores)
        m3ua[0] = 1; // version 1
        m3ua[2] = 0; // class 0: management
        m3ua[3] = 1;
        java.nio.ByteBuffer.wrap(m3ua, 4, 4).putInt(m3ua.length);
        byte[] hep = HepEncoder.m3ua(START, InetAddress.getByName("10.0.0.1"), InetAddress.getByName("10.0.0.2"), 2905,
                2905, 2001, "stp-a", m3ua);
        assertThat(hep.length).isGreaterThan(2_048);
        try (HepServer server = HepServer.start(new InetSocketAddress(loopback, 0), pipeline, null);
                DatagramSocket agent = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            agent.send(new DatagramPacket(hep, hep.length, loopback, server.localAddress().getPort()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (counters.decoded(Layer.HEP) + counters.rejectedTotal() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertThat(counters.rejected(Layer.HEP, "bad-length")).as("cut at 2,048 bytes").isZero();
        assertThat(counters.decoded(Layer.HEP)).isEqualTo(1);
        assertThat(counters.bytes()).isEqualTo(hep.length);
    }

    @Test
    void decodesHepOverUdpWithTheAgentsCaptureTime(@TempDir Path dir) throws Exception {
        List<SignalEvent> events = Collections.synchronizedList(new ArrayList<>());
        DecodeCounters counters = new DecodeCounters();
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), counters, events::add, null);
        Quarantine quarantine = new Quarantine(dir.resolve("quarantine.pcapng"), 1 << 20);
        List<Object[]> messages = m3uaOfSampleTraffic();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (HepServer server = HepServer.start(new InetSocketAddress(loopback, 0), pipeline, quarantine);
                DatagramSocket agent = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            int port = server.localAddress().getPort();
            for (Object[] m : messages) {
                byte[] hep = HepEncoder.m3ua((long) m[0], InetAddress.getByName("10.0.0.1"),
                        InetAddress.getByName("10.0.0.2"), 2905, 2905, 2001, "stp-a", (byte[]) m[1]);
                agent.send(new DatagramPacket(hep, hep.length, loopback, port));
                Thread.sleep(0, 200_000); // loopback UDP drops when the receive buffer overflows
            }
            byte[] garbage = "HEP3 this is not a chunk list".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            agent.send(new DatagramPacket(garbage, garbage.length, loopback, port));
            CountDownLatch drained = new CountDownLatch(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (counters.decoded(Layer.HEP) + counters.rejectedTotal() < messages.size() + 1
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            server.execute(drained::countDown);
            assertThat(drained.await(5, TimeUnit.SECONDS)).isTrue();
        }
        quarantine.close();
        assertThat(counters.decoded(Layer.HEP)).isEqualTo(messages.size());
        assertThat(counters.rejected(Layer.HEP, "bad-length")).isEqualTo(1);
        assertThat(quarantine.kept()).isEqualTo(1);

        // Same events as decoding the link's frames directly, stamped with the agent's times.
        assertThat(events).isNotEmpty();
        MapEvent first = (MapEvent) events.get(0);
        assertThat(first.captureNanos()).isEqualTo(START);
        assertThat(first.tapId()).isEqualTo("hep:stp-a");
        assertThat(events.stream().map(e -> ((MapEvent) e).operation().asn1Name()).distinct().toList())
                .contains("updateLocation", "insertSubscriberData", "sendRoutingInfoForSM", "mt-forwardSM",
                        "checkIMEI", "anyTimeInterrogation", "registerSS");
    }

    @Test
    void refusesCompressedPayloadsAndCountsOtherProtocols() {
        byte[] hep = HepEncoder.m3ua(START, InetAddress.getLoopbackAddress(), InetAddress.getLoopbackAddress(), 1, 2, 1,
                null, new byte[] {1, 0, 1, 1, 0, 0, 0, 8});
        hep[hep.length - 8 - 6 + 3] = 0x10; // turn the payload chunk into a compressed payload chunk
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> HepDecoder.decode(hep, 0, hep.length)))
                .isSameAs(HepDecoder.COMPRESSED);
    }

    @Test
    void datagramsTheKernelDropsAreCountedFromTheSocketsOwnDropCount() throws Exception {
        DecodeCounters counters = new DecodeCounters();
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), counters, e -> { }, null);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        byte[] hep = HepEncoder.m3ua(START, loopback, loopback, 1, 2, 1, "a", (byte[]) m3uaOfSampleTraffic().get(0)[1]);
        int sent = 3_000;
        try (HepServer server = HepServer.start(new InetSocketAddress(loopback, 0), pipeline, null,
                new HepServer.Options(65_536, false));
                DatagramSocket agent = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            assertThat(server.kernelDrops()).isZero();
            CountDownLatch paused = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            server.execute(() -> { // the receiving thread stops reading, as in a long GC pause
                paused.countDown();
                try {
                    resume.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(paused.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < sent; i++) {
                agent.send(new DatagramPacket(hep, hep.length, loopback, server.localAddress().getPort()));
            }
            long drops = server.kernelDrops();
            resume.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (counters.decoded(Layer.HEP) + drops < sent && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(drops).as("a 64 KiB buffer holds far fewer than %d datagrams", sent).isPositive();
            assertThat(counters.decoded(Layer.HEP) + server.kernelDrops()).as("every datagram read or counted")
                    .isEqualTo(sent);
        }
    }
}
