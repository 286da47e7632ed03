package io.swapguard.taps;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.frame.FrameDecoder;
import io.swapguard.ss7.frame.FrameEncoder;
import io.swapguard.ss7.hep.HepDecoder;
import io.swapguard.ss7.hep.HepPacket;
import io.swapguard.ss7.pcap.LinkType;
import io.swapguard.taps.ProbePipeline;
import io.swapguard.taps.Quarantine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives HEPv3 over UDP, and optionally over TCP (captagent and heplify can send either), from
 * capture agents (Netty, one event loop thread for every socket, so the pipeline behind it is used
 * by that thread only) and feeds each M3UA payload to the probe pipeline with the agent's capture
 * time. Rejected datagrams are quarantined wrapped in IPv4/UDP, so Wireshark decodes the HEP of
 * what was refused.
 *
 * <p>UDP loss happens in the kernel, before the probe sees anything: when the socket's receive
 * buffer is full (the receiving thread paused for a GC or lost its core for a moment), the kernel
 * drops the datagram and counts it on the socket. The buffer is sized from the configuration (the
 * kernel caps it at {@code net.core.rmem_max}; a smaller grant is a warning), the socket's drop
 * count is exported and a rise in it is a warning every 10 s. Where loss is unacceptable, agents
 * send over TCP, which the probe reads with back-pressure instead.
 */
public final class HepServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HepServer.class);
    /** A UDP datagram never exceeds this; HEP agents send one packet per datagram. */
    static final int MAX_DATAGRAM = 65_535;
    static final int HEP_PORT = 9060;

    /** Capture agents counted by their id; more than this many share {@code other}. */
    static final int MAX_AGENTS = 64;
    /** A datagram decoded but lost: the journal could not take its events (disk full, read-only). */
    public static final Rejection JOURNAL_UNWRITABLE = Rejection.of(Layer.HEP, "journal-unwritable");

    /** How often a rise in the kernel's drop count is said, at most. */
    static final long DROP_WARNING_SECONDS = 10;

    /**
     * How to listen.
     *
     * @param receiveBufferBytes the UDP socket's receive buffer to ask the kernel for
     * @param tcp also accept HEP over TCP on the same port
     */
    public record Options(int receiveBufferBytes, boolean tcp) {
        public static final int DEFAULT_RECEIVE_BUFFER = 32 << 20;

        public static Options defaults() {
            return new Options(DEFAULT_RECEIVE_BUFFER, false);
        }
    }

    private final EventLoopGroup group;
    private final Channel channel;
    private final Channel tcpChannel;
    private final Handler handler;
    private final int receiveBufferGranted;
    private long dropsSaid;

    private HepServer(EventLoopGroup group, Channel channel, Channel tcpChannel, Handler handler, int granted) {
        this.group = group;
        this.channel = channel;
        this.tcpChannel = tcpChannel;
        this.handler = handler;
        this.receiveBufferGranted = granted;
    }

    /** Binds {@code address} (port 0 picks a free one) over UDP with the default options and starts receiving. */
    public static HepServer start(InetSocketAddress address, ProbePipeline pipeline, Quarantine quarantine) {
        return start(address, pipeline, quarantine, Options.defaults());
    }

    /** Binds {@code address} (port 0 picks a free one; TCP then takes the same port) and starts receiving. */
    public static HepServer start(InetSocketAddress address, ProbePipeline pipeline, Quarantine quarantine,
            Options options) {
        if (address.isUnresolved()) {
            String why = "cannot listen for HEP on udp " + address.getHostString() + ":" + address.getPort()
                    + ": the address does not resolve";
            throw new UncheckedIOException(why, new IOException(why));
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Handler handler = new Handler(pipeline, quarantine);
            Channel ch = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .option(ChannelOption.SO_RCVBUF, options.receiveBufferBytes())
                    // Netty reads 2,048 bytes per datagram by default and drops the rest: read the largest UDP allows.
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                    .handler(handler)
                    .bind(address).sync().channel();
            // What the kernel granted: at most net.core.rmem_max, whatever was asked.
            int granted = ch.config().getOption(ChannelOption.SO_RCVBUF);
            if (granted < options.receiveBufferBytes()) {
                log.warn("HEP: asked for a {} byte UDP receive buffer, the kernel gave {} (net.core.rmem_max caps it):"
                        + " bursts beyond it are dropped; raise it with sysctl -w net.core.rmem_max={}",
                        options.receiveBufferBytes(), granted, options.receiveBufferBytes());
            }
            Channel tcp = null;
            if (options.tcp()) {
                InetSocketAddress udpAt = (InetSocketAddress) ch.localAddress();
                tcp = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel c) {
                                c.pipeline().addLast(new HepTcpFramer(handler.counters), new TcpHandler(handler));
                            }
                        })
                        .bind(new InetSocketAddress(udpAt.getAddress(), udpAt.getPort())).sync().channel();
                log.info("HEP listening on tcp {}", tcp.localAddress());
            }
            log.info("HEP listening on udp {} (receive buffer {} bytes)", ch.localAddress(), granted);
            HepServer server = new HepServer(group, ch, tcp, handler, granted);
            ch.eventLoop().scheduleAtFixedRate(server::sayDrops, DROP_WARNING_SECONDS, DROP_WARNING_SECONDS,
                    java.util.concurrent.TimeUnit.SECONDS);
            return server;
        } catch (InterruptedException e) {
            group.shutdownGracefully();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding HEP on " + address, e);
        } catch (Exception e) { // Netty rethrows a bind failure (port in use, address not here) undeclared
            group.shutdownGracefully();
            String why = "cannot listen for HEP on udp " + address + ": " + e.getMessage();
            throw new UncheckedIOException(why, new IOException(why, e));
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The TCP listener's address, or null when HEP over TCP is off. */
    public InetSocketAddress tcpAddress() {
        return tcpChannel == null ? null : (InetSocketAddress) tcpChannel.localAddress();
    }

    /** The UDP receive buffer the kernel granted, as it reports it. */
    public int receiveBufferBytes() {
        return receiveBufferGranted;
    }

    /**
     * Datagrams the kernel dropped on this socket because its receive buffer was full (the
     * {@code drops} column of {@code /proc/net/udp}), or -1 where the kernel does not say.
     */
    public long kernelDrops() {
        return UdpSocketDrops.of(localAddress().getPort());
    }

    private void sayDrops() {
        long drops = kernelDrops();
        if (drops > dropsSaid) {
            log.warn("HEP: the kernel dropped {} datagram(s) in the last {} s, {} in all (the socket's receive buffer"
                    + " was full): raise probe.hep.receiveBufferBytes and net.core.rmem_max, or send over TCP",
                    drops - dropsSaid, DROP_WARNING_SECONDS, drops);
            dropsSaid = drops;
        }
    }

    /** The pipeline that decodes what arrives (on the receiving thread). */
    public ProbePipeline pipeline() {
        return handler.pipeline;
    }

    /** HEP datagrams decoded, by capture agent id (at most {@value #MAX_AGENTS}, then {@code other}). */
    public void forEachAgent(BiConsumer<String, LongAdder> visitor) {
        handler.byAgent.forEach(visitor);
    }

    /** Runs {@code task} on the receiving thread, after everything received so far. */
    public void execute(Runnable task) {
        channel.eventLoop().execute(task);
    }

    @Override
    public void close() {
        if (tcpChannel != null) {
            tcpChannel.close().syncUninterruptibly();
        }
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * HEP3 over TCP: "HEP3", a 16-bit total length, the chunks; one message after another. A
     * message that does not start with "HEP3", or whose length is shorter than its own header,
     * puts the stream out of step (no later length can be trusted): counted, connection closed,
     * the agent reconnects. Checked before waiting for the length's bytes, so garbage is refused at
     * once rather than waited on.
     */
    static final class HepTcpFramer extends ByteToMessageDecoder {
        private final DecodeCounters counters;

        HepTcpFramer(DecodeCounters counters) {
            this.counters = counters;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, java.util.List<Object> out) {
            while (in.readableBytes() >= 4) {
                int at = in.readerIndex();
                if (in.getInt(at) != HEP3_MAGIC) {
                    outOfStep(ctx, in);
                    return;
                }
                if (in.readableBytes() < 6) {
                    return;
                }
                int length = in.getUnsignedShort(at + 4);
                if (length < 6) {
                    outOfStep(ctx, in);
                    return;
                }
                if (in.readableBytes() < length) {
                    return;
                }
                out.add(in.readRetainedSlice(length));
            }
        }

        private void outOfStep(ChannelHandlerContext ctx, ByteBuf in) {
            counters.count(TCP_OUT_OF_STEP);
            in.skipBytes(in.readableBytes());
            log.warn("HEP over TCP from {}: the stream is out of step (no HEP3 message where one should start);"
                    + " closing the connection", ctx.channel().remoteAddress());
            ctx.close();
        }
    }

    /** HEP over TCP: each frame is one HEP message, handed to the datagram handler. */
    private static final class TcpHandler extends SimpleChannelInboundHandler<ByteBuf> {
        private final Handler handler;

        TcpHandler(Handler handler) {
            this.handler = handler;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            handler.receive(frame, (InetSocketAddress) ctx.channel().remoteAddress(),
                    (InetSocketAddress) ctx.channel().localAddress());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("HEP over TCP from {}: {}; closing the connection", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    private static final int HEP3_MAGIC = 0x48455033; // "HEP3"
    /** A HEP-over-TCP stream whose next message does not start where its length said: the connection is closed. */
    static final Rejection TCP_OUT_OF_STEP = Rejection.of(Layer.HEP, "tcp-stream-out-of-step");

    private static final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final ProbePipeline pipeline;
        private final DecodeCounters counters;
        private final Quarantine quarantine;
        private final byte[] buffer = new byte[MAX_DATAGRAM];
        private final ConcurrentHashMap<String, LongAdder> byAgent = new ConcurrentHashMap<>();
        private long lastUnwritableLog = System.nanoTime() - 20_000_000_000L;

        Handler(ProbePipeline pipeline, Quarantine quarantine) {
            this.pipeline = pipeline;
            this.counters = pipeline.counters();
            this.quarantine = quarantine;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            receive(packet.content(), packet.sender(), packet.recipient());
        }

        /** One HEP message, from a datagram or a TCP stream (on the event loop thread either way). */
        void receive(ByteBuf content, InetSocketAddress sender, InetSocketAddress recipient) {
            int n = Math.min(content.readableBytes(), buffer.length);
            content.getBytes(content.readerIndex(), buffer, 0, n);
            counters.countFrame(n);
            Rejection problem;
            try {
                HepPacket hep = HepDecoder.decode(buffer, 0, n);
                counters.countDecoded(Layer.HEP);
                countAgent(hep.captureAgentId());
                String tap = hep.nodeName().isEmpty() ? "hep:" + hep.captureAgentId() : "hep:" + hep.nodeName();
                problem = pipeline.m3ua(tap, hep.timestampNanos(), hep.buffer(), hep.payloadOffset(), hep.payloadLength());
            } catch (Rejection r) {
                counters.count(r);
                problem = r.malformed() ? r : null;
            } catch (EventSink.Failed f) {
                // Lost, not malformed: counted, kept in the quarantine if it can be, said every 10 s.
                counters.count(JOURNAL_UNWRITABLE);
                problem = JOURNAL_UNWRITABLE;
                long now = System.nanoTime();
                if (now - lastUnwritableLog > 10_000_000_000L) {
                    lastUnwritableLog = now;
                    log.error("HEP datagrams are being lost: {}", f.getMessage());
                }
            }
            if (problem != null && quarantine != null) {
                keep(sender, recipient, n, problem);
            }
        }

        private void countAgent(long agentId) {
            String agent = Long.toString(agentId);
            LongAdder n = byAgent.get(agent);
            if (n == null) {
                n = byAgent.computeIfAbsent(byAgent.size() < MAX_AGENTS ? agent : "other", k -> new LongAdder());
            }
            n.increment();
        }

        private void keep(InetSocketAddress from, InetSocketAddress to, int n, Rejection why) {
            InetAddress src = from.getAddress();
            InetAddress dst = to == null || to.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress()
                    : to.getAddress();
            if (src.getAddress().length != dst.getAddress().length) {
                dst = src;
            }
            byte[] datagram = java.util.Arrays.copyOf(buffer, n);
            byte[] udp = FrameEncoder.udp(src, dst, from.getPort(), to == null ? HEP_PORT : to.getPort(), datagram);
            byte[] frame = FrameEncoder.encode(LinkType.RAW, null, src, dst, FrameDecoder.PROTOCOL_UDP, udp, 0, udp.length, 0);
            quarantine.keep(System.currentTimeMillis() * 1_000_000L, LinkType.RAW, frame, 0, frame.length, why);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("HEP receive error: {}", cause.toString());
        }
    }
}
