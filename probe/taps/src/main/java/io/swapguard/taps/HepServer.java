package io.swapguard.taps;

import io.netty.bootstrap.Bootstrap;
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
 * Receives HEPv3 over UDP from capture agents (Netty, one event loop thread, so the pipeline
 * behind it is used by that thread only) and feeds each M3UA payload to the probe pipeline with
 * the agent's capture time. Rejected datagrams are quarantined wrapped in IPv4/UDP, so Wireshark
 * decodes the HEP of what was refused.
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

    private final EventLoopGroup group;
    private final Channel channel;
    private final Handler handler;

    private HepServer(EventLoopGroup group, Channel channel, Handler handler) {
        this.group = group;
        this.channel = channel;
        this.handler = handler;
    }

    /** Binds {@code address} (port 0 picks a free one) and starts receiving. */
    public static HepServer start(InetSocketAddress address, ProbePipeline pipeline, Quarantine quarantine) {
        if (address.isUnresolved()) {
            String why = "cannot listen for HEP on udp " + address.getHostString() + ":" + address.getPort()
                    + ": the address does not resolve";
            throw new UncheckedIOException(why, new IOException(why));
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Handler handler = new Handler(pipeline, quarantine);
            Channel ch = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .option(ChannelOption.SO_RCVBUF, 8 * 1024 * 1024)
                    // Netty reads 2,048 bytes per datagram by default and drops the rest: read the largest UDP allows.
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                    .handler(handler)
                    .bind(address).sync().channel();
            log.info("HEP listening on udp {}", ch.localAddress());
            return new HepServer(group, ch, handler);
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
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

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
            ByteBuf content = packet.content();
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
                keep(packet.sender(), packet.recipient(), n, problem);
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
