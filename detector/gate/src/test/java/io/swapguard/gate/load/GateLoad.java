package io.swapguard.gate.load;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.Network;
import io.swapguard.engine.otp.OtpGuard;
import io.swapguard.engine.otp.SubmissionGuard;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.EventTime;
import io.swapguard.gate.GateConfig;
import io.swapguard.gate.SmppGate;
import io.swapguard.gate.SubmissionJudge;
import io.swapguard.smpp.SmppAddress;
import io.swapguard.smpp.SmppBody;
import io.swapguard.smpp.SmppCodec;
import io.swapguard.smpp.SmppCommand;
import io.swapguard.smpp.SmppFrameDecoder;
import io.swapguard.smpp.SmppPdu;
import io.swapguard.smpp.SmppPduEncoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The gate under load against the direct path in the same run: ESME sessions submit OTPs
 * (submit_sm, one verdict each: a state lookup in a 100k-subscriber store and the OTP
 * classifier) to an SMSC sink, once directly and once through the gate, at paced rates (open
 * loop: latency from each message's intended send time, so a stall is not hidden) and at the
 * most the path takes with a window of W requests per session (closed loop).
 *
 * <pre>mvn -pl detector/gate exec:exec@gate-load -Dgate.args="SECONDS SESSIONS RATE... [max] [xN] [jsmpp] [pin]"</pre>
 *
 * <p>{@code xN}: each point N times, direct and gate runs alternating, their histograms pooled
 * (one run's p99 swings with whatever else the machine does); {@code jsmpp}: jsmpp's server as
 * the SMSC instead of the Netty sink; {@code pin}: the gate's threads on the last core, the
 * rest on the others (Linux).
 */
public final class GateLoad {

    static final int SUBSCRIBERS = 100_000;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        List<Integer> rates = new ArrayList<>();
        boolean onlyMax = false;
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("pin")) {
                pin = true;
            } else if (args[i].equals("jsmpp")) {
                jsmpp = true;
            } else if (args[i].matches("x[0-9]+")) {
                repeats = Integer.parseInt(args[i].substring(1));
            } else if (args[i].equals("max")) { // "max" alone: only the closed-loop points
                onlyMax = true;
            } else {
                rates.add(Integer.parseInt(args[i]));
            }
        }
        if (rates.isEmpty() && !onlyMax) {
            rates = List.of(1_000, 5_000, 10_000);
        }
        System.out.printf("machine: %d cores, %s; java %s; %d ESME sessions, %d s per point%s; SMSC: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("java.version"), sessions, seconds,
                pin ? "; gate threads pinned to the last core, every other thread to the rest" : "",
                jsmpp ? "jsmpp 3.0.2's server session (a real SMPP stack)" : "a Netty sink (our codec)");
        SubscriberStore store = SubscriberStore.inMemory(SUBSCRIBERS);
        long now = EventTime.nanos(Instant.now());
        for (int i = 0; i < SUBSCRIBERS; i++) {
            SubscriberState s = new SubscriberState(6281100000000L + i);
            s.imsi = 510100000000000L + i;
            store.put(s);
        }
        DetectorConfig config = DetectorConfig.defaults();
        // Banks' sender IDs as an operator registers them: the OTPs' sender is authorised for the load
        // accounts, so each submission is checked for masking and lookalikes and then allowed.
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            accounts.add("load" + i);
        }
        SenderRegistry registry = new SenderRegistry(List.of(
                new SenderRegistry.Sender("BCA", "Bank Central Asia", true, List.of(), accounts, false, null),
                new SenderRegistry.Sender("BNI", "Bank Negara Indonesia", true, List.of(), List.of("bni"), false, null),
                new SenderRegistry.Sender("BRI", "Bank Rakyat Indonesia", true, List.of(), List.of("bri"), false, null),
                new SenderRegistry.Sender("MANDIRI", "Bank Mandiri", true, List.of(), List.of("mandiri"), false, null),
                new SenderRegistry.Sender("GOPAY", "GoPay", true, List.of(), List.of("gojek"), false, null)));
        OtpGuard otp = new OtpGuard(config.otpGuard(), store, () -> registry);
        SubmissionGuard guard = new SubmissionGuard(config, new Network(config.network()), otp, () -> registry);
        SubmissionJudge judge = s -> {
            OtpGuard.Verdict v = guard.judge(s.account(), s.source(), s.destination(), s.text(), s.nanos());
            return v.allow() ? SubmissionJudge.Verdict.NOTHING_AGAINST
                    : new SubmissionJudge.Verdict(false, v.rule(), v.reason());
        };
        AtomicLong journalled = new AtomicLong();
        EventLoopGroup esmeLoop = new MultiThreadIoEventLoopGroup(1,
                new io.netty.util.concurrent.DefaultThreadFactory("load-esme", true), NioIoHandler.newFactory());
        EventLoopGroup smscLoop = new MultiThreadIoEventLoopGroup(1,
                new io.netty.util.concurrent.DefaultThreadFactory("load-smsc", true), NioIoHandler.newFactory());
        io.swapguard.gate.JsmppSmsc jsmppSmsc = jsmpp ? new io.swapguard.gate.JsmppSmsc(false) : null;
        try {
            Channel smsc = jsmpp ? null : smsc(smscLoop);
            int smscPort = jsmpp ? jsmppSmsc.port() : ((InetSocketAddress) smsc.localAddress()).getPort();
            try (SmppGate gate = new SmppGate(GateConfig.defaults(smscPort).withTimers(1000, Duration.ofSeconds(30),
                    Duration.ofSeconds(30), Duration.ofSeconds(2), 256), judge, e -> journalled.incrementAndGet(),
                    new SimpleMeterRegistry(), 1)) {
                System.out.println("| path | window | offered /s | achieved /s | p50 µs | p99 µs | p99.9 µs | max µs "
                        + "| CPU µs/msg: ESME, SMSC, gate |");
                System.out.println("|---|---|---|---|---|---|---|---|---|");
                // Warm-up: both paths, closed loop and paced, so no point measures the JIT compiling.
                for (int port : List.of(smscPort, gate.port())) {
                    run(esmeLoop, port, sessions, 100, 0, 3, "warm-up");
                    run(esmeLoop, port, sessions, 10, 0, 2, "warm-up");
                    run(esmeLoop, port, sessions, 10, 5_000, 2, "warm-up");
                }
                for (int window : List.of(10, 100)) {
                    for (int rate : rates) {
                        // Paced points alternate direct and gate `repeats` times and pool each path's
                        // latencies: both sample the same stretches of a shared machine's noise.
                        Result direct = null;
                        Result through = null;
                        for (int r = 0; r < repeats; r++) {
                            direct = Result.pool(direct, run(esmeLoop, smscPort, sessions, window, rate, seconds, null));
                            through = Result.pool(through,
                                    run(esmeLoop, gate.port(), sessions, window, rate, seconds, null));
                        }
                        print("direct", window, rate, direct);
                        print("gate", window, rate, through);
                        System.out.printf("window %d, %,d/s: added p50 %d µs, p99 %d µs (%d × %d s each)%n", window,
                                rate, (through.latency.getValueAtPercentile(50) - direct.latency.getValueAtPercentile(50))
                                        / 1000,
                                (through.latency.getValueAtPercentile(99) - direct.latency.getValueAtPercentile(99))
                                        / 1000, repeats, seconds);
                    }
                    Result direct = run(esmeLoop, smscPort, sessions, window, 0, seconds, null);
                    Result through = run(esmeLoop, gate.port(), sessions, window, 0, seconds, null);
                    print("direct", window, 0, direct);
                    print("gate", window, 0, through);
                    System.out.printf("window %d: gate/direct at the maximum %.2f%n", window,
                            through.achieved / direct.achieved);
                }
            }
            System.out.printf("gate events journalled: %,d%n", journalled.get());
            if (smsc != null) {
                smsc.close().sync();
            }
        } finally {
            if (jsmppSmsc != null) {
                jsmppSmsc.close();
            }
            esmeLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            smscLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            store.close();
        }
    }

    /** @param cpu CPU time per message of the ESME, SMSC and gate threads, µs */
    record Result(double achieved, Histogram latency, double[] cpu, int runs) {
        Result(double achieved, Histogram latency, double[] cpu) {
            this(achieved, latency, cpu, 1);
        }

        /** {@code b} pooled into {@code a} (null: none yet): latencies added, rates and CPU averaged over runs. */
        static Result pool(Result a, Result b) {
            if (a == null) {
                return b;
            }
            Histogram h = a.latency.copy();
            h.add(b.latency);
            int runs = a.runs + b.runs;
            double[] cpu = new double[a.cpu.length];
            for (int i = 0; i < cpu.length; i++) {
                cpu[i] = (a.cpu[i] * a.runs + b.cpu[i] * b.runs) / runs;
            }
            return new Result((a.achieved * a.runs + b.achieved * b.runs) / runs, h, cpu, runs);
        }
    }

    /** Runs of each paced point, alternating the paths (argument xN). */
    static int repeats = 1;

    static final String[] THREADS = {"load-esme", "load-smsc", "smpp-gate"};

    /** CPU time so far of the threads whose names start with each of {@link #THREADS}, ns. */
    static long[] cpu() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] out = new long[THREADS.length];
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            for (int i = 0; i < THREADS.length; i++) {
                if (t.getThreadName().startsWith(THREADS[i])) {
                    out[i] += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
                }
            }
        }
        return out;
    }

    /** Whether the gate's threads get a core of their own (the harness and the JVM's threads share the rest). */
    static boolean pin;

    /** Whether the SMSC is jsmpp's server (else the Netty sink). */
    static boolean jsmpp;

    static final int CORES = Runtime.getRuntime().availableProcessors();

    /**
     * Pins every thread of this JVM: the gate's event loops to the last core, all others (ESMEs,
     * SMSC, pacer, JIT, GC) to the cores before it, so the gate is measured as deployed (on cores
     * of its own) and not as one more thread in the scheduler's queue. Linux only: threads are
     * found by their native names in /proc and moved with taskset. Called before every point,
     * since Netty starts a loop's thread on its first task.
     */
    static void pin() throws Exception {
        int cores = CORES; // not availableProcessors() now: once pinned, this thread sees fewer
        if (cores < 2) {
            throw new IllegalStateException("pin needs at least two cores");
        }
        String gateCore = Integer.toString(cores - 1);
        String rest = cores == 2 ? "0" : "0-" + (cores - 2);
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            throw new IllegalStateException("pin: no /proc/self/task (Linux only)");
        }
        for (java.io.File t : tasks) {
            String name;
            try {
                name = java.nio.file.Files.readString(new java.io.File(t, "comm").toPath()).trim();
            } catch (java.io.IOException gone) {
                continue; // the thread ended
            }
            Process p = new ProcessBuilder("taskset", "-p", "-c", name.startsWith("smpp-gate") ? gateCore : rest,
                    t.getName()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
        }
    }

    static void print(String path, int window, int rate, Result r) {
        Histogram h = r.latency;
        System.out.printf("| %s | %d | %s | %,.0f | %d | %d | %d | %d | %.2f, %.2f, %s |%n", path, window,
                rate == 0 ? "max" : String.format("%,d", rate), r.achieved, h.getValueAtPercentile(50) / 1000,
                h.getValueAtPercentile(99) / 1000, h.getValueAtPercentile(99.9) / 1000, h.getMaxValue() / 1000,
                r.cpu[0], r.cpu[1], path.equals("gate") ? String.format("%.2f", r.cpu[2]) : "-");
    }

    /** An SMSC that answers every bind and submit_sm at once (the sink both paths share). */
    static Channel smsc(EventLoopGroup loop) throws InterruptedException {
        return new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new SmppFrameDecoder(), new SmppPduEncoder(),
                                new ChannelInboundHandlerAdapter() {
                                    long ids;

                                    @Override
                                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                        if (!(msg instanceof SmppPdu p) || p.command().response() == null) {
                                            return;
                                        }
                                        SmppBody body = switch (p.command()) {
                                            case BIND_TRANSCEIVER, BIND_TRANSMITTER, BIND_RECEIVER ->
                                                new SmppBody.BindResp("sink", List.of());
                                            case SUBMIT_SM -> new SmppBody.MessageIdResp(Long.toHexString(++ids),
                                                    List.of());
                                            default -> SmppBody.Empty.INSTANCE;
                                        };
                                        ctx.write(new SmppPdu(p.command().response(), 0, p.sequence(), body));
                                    }

                                    @Override
                                    public void channelReadComplete(ChannelHandlerContext ctx) {
                                        ctx.flush();
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    /**
     * {@code sessions} ESMEs submitting for {@code seconds}: at {@code rate} messages a second in
     * all (0: as fast as the window allows).
     */
    static Result run(EventLoopGroup loop, int port, int sessions, int window, int rate, int seconds, String label)
            throws Exception {
        List<LoadSession> all = new ArrayList<>();
        CountDownLatch bound = new CountDownLatch(sessions);
        for (int i = 0; i < sessions; i++) {
            LoadSession s = new LoadSession(i, window, rate == 0 ? 0 : (double) rate / sessions, bound);
            all.add(s);
            new Bootstrap().group(loop).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new SmppFrameDecoder(), new SmppPduEncoder(), s);
                        }
                    }).connect("127.0.0.1", port).sync();
        }
        if (!bound.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("sessions did not bind");
        }
        if (pin) {
            pin();
        }
        long[] cpuBefore = cpu();
        long start = System.nanoTime();
        for (LoadSession s : all) {
            s.channel.eventLoop().execute(() -> s.start(start));
        }
        long stopAt = start + seconds * 1_000_000_000L;
        if (rate > 0) {
            // The pacer: a thread of its own wakes each session's loop every 100 µs (an event loop's own
            // timers fire milliseconds late, which would be measured as latency of the path).
            while (System.nanoTime() < stopAt) {
                for (LoadSession s : all) {
                    s.channel.eventLoop().execute(s::tick);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            }
        } else {
            Thread.sleep(seconds * 1000L);
        }
        long end = System.nanoTime();
        long[] cpuAfter = cpu();
        Histogram total = new Histogram(3_600_000_000_000L, 3);
        Histogram late = new Histogram(3_600_000_000_000L, 3);
        long answered = 0;
        for (LoadSession s : all) {
            CountDownLatch stopped = new CountDownLatch(1);
            s.channel.eventLoop().execute(() -> {
                s.stop();
                total.add(s.latency);
                late.add(s.lateness);
                stopped.countDown();
            });
            stopped.await();
            answered += s.answered;
            s.channel.close().sync();
        }
        if (rate > 0) {
            System.out.printf("  (sender lateness p50 %d µs p99 %d µs)%n", late.getValueAtPercentile(50) / 1000,
                    late.getValueAtPercentile(99) / 1000);
        }
        double[] perMessage = new double[THREADS.length];
        for (int i = 0; i < THREADS.length; i++) {
            perMessage[i] = answered == 0 ? 0 : (cpuAfter[i] - cpuBefore[i]) / 1000.0 / answered;
        }
        return new Result(answered / ((end - start) / 1e9), total, perMessage);
    }

    /** One ESME session: binds, then submits paced (or as the window allows), timing every answer. */
    static final class LoadSession extends ChannelInboundHandlerAdapter {
        final int id;
        final int window;
        final double perSecond;
        final CountDownLatch bound;
        final Histogram latency = new Histogram(3_600_000_000_000L, 3);
        final Histogram lateness = new Histogram(3_600_000_000_000L, 3);
        final long[] sentAt = new long[1 << 16];
        Channel channel;
        long start;
        long sent;
        long answered;
        int outstanding;
        int sequence = 1;
        boolean running;

        LoadSession(int id, int window, double perSecond, CountDownLatch bound) {
            this.id = id;
            this.window = window;
            this.perSecond = perSecond;
            this.bound = bound;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            ctx.writeAndFlush(new SmppPdu(SmppCommand.BIND_TRANSCEIVER, 0, sequence++,
                    new SmppBody.Bind("load" + id, "secret", "", 0x34, 0, 0, "")));
        }

        void start(long at) {
            start = at;
            running = true;
            if (perSecond == 0) {
                fill();
                channel.flush();
            }
        }

        void stop() {
            running = false;
        }

        /** Paced: send what is due, each timed from when it was due. */
        void tick() {
            if (!running) {
                return;
            }
            long now = System.nanoTime();
            long due = (long) ((now - start) / 1e9 * perSecond) + 1; // message k is due at k / perSecond
            while (sent < due && outstanding < window) {
                submit(start + (long) (sent * 1e9 / perSecond));
            }
            channel.flush();
        }

        void fill() {
            while (outstanding < window) {
                submit(System.nanoTime());
            }
        }

        void submit(long intended) {
            if (running) {
                lateness.recordValue(Math.max(0, System.nanoTime() - intended));
            }
            int seq = sequence++;
            sentAt[seq & 0xFFFF] = intended;
            sent++;
            outstanding++;
            String to = Long.toString(6281100000000L + (sent * 7919 + id * 104_729) % SUBSCRIBERS);
            ByteBuf b = channel.alloc().buffer(160);
            SmppCodec.encode(new SmppPdu(SmppCommand.SUBMIT_SM, 0, seq, new SmppBody.ShortMessage("",
                    new SmppAddress(5, 0, "BCA"), new SmppAddress(1, 1, to), 0, 0, 0, "", "", 1, 0, 0, 0,
                    ("Kode OTP Anda " + (100000 + sent % 900000) + ". JANGAN BERIKAN kode ini kepada siapapun.")
                            .getBytes(StandardCharsets.US_ASCII), List.of())), b);
            channel.write(b);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof SmppPdu p)) {
                return;
            }
            switch (p.command()) {
                case BIND_TRANSCEIVER_RESP -> bound.countDown();
                case SUBMIT_SM_RESP -> {
                    outstanding--;
                    if (running) {
                        answered++;
                        latency.recordValue(Math.max(0, System.nanoTime() - sentAt[p.sequence() & 0xFFFF]));
                        if (perSecond == 0) {
                            submit(System.nanoTime());
                        }
                    }
                }
                case ENQUIRE_LINK -> ctx.write(new SmppPdu(SmppCommand.ENQUIRE_LINK_RESP, 0, p.sequence(),
                        SmppBody.Empty.INSTANCE));
                default -> {
                }
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    private GateLoad() {
    }
}
