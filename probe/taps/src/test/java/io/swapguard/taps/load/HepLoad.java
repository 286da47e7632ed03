package io.swapguard.taps.load;

import io.swapguard.ss7.frame.FrameDecoder;
import io.swapguard.ss7.frame.IpPacket;
import io.swapguard.ss7.hep.HepEncoder;
import io.swapguard.ss7.sctp.SctpDecoder;
import io.swapguard.ss7.wire.SigtranLink;
import io.swapguard.testkit.SampleTraffic;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * HEP load harness: one capture agent on loopback sending HEPv3 datagrams (M3UA of the sample
 * traffic) at a fixed rate to a real {@code swapguard probe --hep-port} process (any build: the
 * launcher's folder is the first argument, so a build before a change measures the same way),
 * and what the probe received, the kernel dropped and the probe's CPU. Prints a Markdown table.
 *
 * <pre>mvn -B -q -pl probe/taps -am test-compile
 * mvn -B -q -pl probe/taps exec:exec@hep-load -Dhep.args="/path/to/swapguard-folder 20000 50000 100000 200000"</pre>
 *
 * Extra probe options (a config file, say) go after {@code --}.
 */
public final class HepLoad {

    private static final int SECONDS = 5;
    private static final int WARM_UP_SECONDS = 10;
    /** Low enough that no build loses any of it (so the measured window starts with an empty socket). */
    private static final int WARM_UP_RATE = 10_000;

    private HepLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        List<Integer> rates = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        boolean rest = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--")) {
                rest = true;
            } else if (rest) {
                extra.add(args[i]);
            } else {
                rates.add(Integer.parseInt(args[i]));
            }
        }
        List<byte[]> datagrams = datagrams();
        Path work = Files.createTempDirectory("hep-load");
        Path config = Files.writeString(work.resolve("sg.yaml"), "metrics:\n  enabled: false\n");
        System.out.println("| offered/s | sent/s | received | lost | lost % | kernel drops | probe CPU |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (int rate : rates) {
            System.out.println(run(home, config, extra, work.resolve("journal-" + rate), rate, datagrams));
        }
    }

    /** The sample traffic's M3UA messages as HEP datagrams, many tours with distinct transaction ids. */
    static List<byte[]> datagrams() throws Exception {
        List<byte[]> out = new ArrayList<>();
        InetAddress a = InetAddress.getByName("10.0.0.1");
        InetAddress b = InetAddress.getByName("10.0.0.2");
        IpPacket ip = new IpPacket();
        SctpDecoder sctp = new SctpDecoder(SctpDecoder.PPID_M3UA, false, 16, new io.swapguard.ss7.DecodeCounters());
        SigtranLink link = SigtranLink.between((ts, lt, frame) -> {
            FrameDecoder.decode(lt, frame, 0, frame.length, ip);
            sctp.decode(ip.srcHigh(), ip.srcLow(), ip.dstHigh(), ip.dstLow(), frame, ip.payloadOffset(),
                    ip.payloadLength(), (flow, stream, ppid, m, off, len) -> out.add(HepEncoder.m3ua(ts, a, b, 2905, 2905,
                            2001, "stp-a", java.util.Arrays.copyOfRange(m, off, off + len))));
        }, SigtranLink.Options.ethernet(), 100, 200);
        long t = 1_780_000_000_000_000_000L;
        for (int tour = 0; tour < 200; tour++) {
            t = SampleTraffic.play(link, t, tour, 3, 0);
        }
        link.flush();
        return out;
    }

    private static String run(Path home, Path config, List<String> extra, Path journal, int rate,
            List<byte[]> datagrams) throws Exception {
        int port;
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        List<String> cmd = new ArrayList<>(List.of(home.resolve("swapguard").toString(), "probe", "-c", config.toString(),
                "--hep-port", Integer.toString(port), "--hep-bind", "127.0.0.1", "--journal", journal.toString(),
                "--duration", (WARM_UP_SECONDS + SECONDS + 14) + "s", "--json"));
        cmd.addAll(extra);
        Process p = new ProcessBuilder(cmd).directory(home.toFile()).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder errText = new StringBuilder();
        for (String line; (line = err.readLine()) != null; ) {
            errText.append(line).append('\n');
            if (line.contains("listening for HEP")) {
                break;
            }
        }
        CompletableFuture.runAsync(() -> read(p.getErrorStream())); // keep stderr from filling its pipe
        long warmUpSent;
        try (DatagramChannel agent = DatagramChannel.open()) {
            agent.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            ByteBuffer[] buffers = datagrams.stream().map(ByteBuffer::wrap).toArray(ByteBuffer[]::new);
            // Warm-up: the JIT compiles the probe's hot path for several seconds on 2 cores; a probe runs for days.
            warmUpSent = send(agent, buffers, WARM_UP_RATE, WARM_UP_SECONDS);
            Thread.sleep(2000);
        }
        long cpu0 = cpuTicks(p.pid());
        long drops0 = kernelDrops(port);
        long warmUpDrops = Math.max(0, drops0); // lost during the warm-up: not the measured window's
        long start = System.nanoTime();
        long sent;
        try (DatagramChannel agent = DatagramChannel.open()) {
            agent.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            ByteBuffer[] buffers = datagrams.stream().map(ByteBuffer::wrap).toArray(ByteBuffer[]::new);
            sent = send(agent, buffers, rate, SECONDS);
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(2000); // drain
        long cpu1 = cpuTicks(p.pid());
        long drops = kernelDrops(port) - drops0;
        p.waitFor(SECONDS + 30, TimeUnit.SECONDS);
        String json = out.get(10, TimeUnit.SECONDS);
        java.util.regex.Matcher hep = java.util.regex.Pattern.compile("\"hepDatagrams\":(\\d+)").matcher(json);
        if (!hep.find()) {
            throw new IllegalStateException("probe printed no summary: " + json + "\n" + errText);
        }
        long received = Long.parseLong(hep.group(1)) - warmUpSent + warmUpDrops;
        // Datagrams that did not decode as HEP were received too (none here, but count them if so).
        java.util.regex.Matcher bad = java.util.regex.Pattern.compile("\"hep/[a-z-]+\":(\\d+)").matcher(json);
        while (bad.find()) {
            received += Long.parseLong(bad.group(1));
        }
        long lost = sent - received;
        // (received counts the warm-up's datagrams too: those were sent before the clock started)
        double cpu = (cpu1 - cpu0) / 100.0 / (sendSeconds + 2); // clock ticks of 10 ms, over the send and drain
        return String.format("| %,d | %,.0f | %,d | %,d | %.2f %% | %s | %.0f %% |", rate, sent / sendSeconds, received,
                lost, 100.0 * lost / sent, drops < 0 ? "?" : String.format("%,d", drops), 100 * cpu);
    }

    /**
     * Sends at {@code rate} for {@code seconds}: a millisecond's worth at a time, then a sleep, as an
     * agent flushing its batches does (and the sender leaves the CPU to the probe). Returns the count.
     */
    private static long send(DatagramChannel agent, ByteBuffer[] buffers, int rate, int seconds) throws Exception {
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        long sent = 0;
        while (sent < total) {
            long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
            for (; sent < Math.min(due, total); sent++) {
                ByteBuffer d = buffers[(int) (sent % buffers.length)];
                d.rewind();
                agent.write(d);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        return sent;
    }

    /** utime + stime of a process, in clock ticks. */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** The kernel's drop count of the UDP socket bound to {@code port} (-1 when it has gone). */
    private static long kernelDrops(int port) {
        return io.swapguard.taps.UdpSocketDrops.of(port);
    }

    private static String read(java.io.InputStream in) {
        try {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
