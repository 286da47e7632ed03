package io.swapguard.gate;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.swapguard.event.SmppEvent;
import io.swapguard.smpp.SmppFrameDecoder;
import io.swapguard.smpp.SmppPduEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inline SMPP gate: ESMEs bind to it as they would to the SMSC, and each session is carried
 * to the SMSC over a link of its own (see {@link EsmeSession}). Every submission is judged
 * before it goes on; allowed PDUs are forwarded byte for byte apart from the sequence number.
 */
public final class SmppGate implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmppGate.class);

    private final GateConfig config;
    private final SubmissionJudge judge;
    private final Consumer<SmppEvent> journal;
    private final GateMetrics metrics;
    private final EventLoopGroup group;
    private final SslContext listenTls;
    private final SslContext smscTls;
    private final Channel server;

    /**
     * Binds the listening socket.
     *
     * @param journal takes every decision and observation; must not block (the gate's event loops call it)
     * @param threads event loops (each ESME session and its SMSC link share one)
     */
    public SmppGate(GateConfig config, SubmissionJudge judge, Consumer<SmppEvent> journal, MeterRegistry meters,
            int threads) {
        this.config = config;
        this.judge = judge;
        this.journal = journal;
        this.metrics = new GateMetrics(meters);
        try {
            this.listenTls = config.tls().listen()
                    ? SslContextBuilder.forServer(config.tls().listenCert().toFile(), config.tls().listenKey().toFile())
                            .build()
                    : null;
            this.smscTls = config.tls().smsc()
                    ? SslContextBuilder.forClient().trustManager(config.tls().smscTrust() == null ? null
                            : config.tls().smscTrust().toFile()).build()
                    : null;
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("gate.tls: " + e.getMessage(), e);
        }
        // Named threads: a thread dump (and the load harness's CPU accounting) tells the gate's loops apart.
        this.group = new MultiThreadIoEventLoopGroup(threads, new io.netty.util.concurrent.DefaultThreadFactory(
                "smpp-gate", true), NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (listenTls != null) {
                            ch.pipeline().addLast(listenTls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new SmppFrameDecoder(config.maxPdu(), true), new SmppPduEncoder(),
                                new EsmeSession(SmppGate.this));
                    }
                });
        try {
            this.server = b.bind(config.host(), config.port()).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new UncheckedIOException(new IOException("gate: cannot listen on " + config.host() + ":"
                    + config.port() + ": " + e.getMessage(), e));
        }
        log.info("SMPP gate on {}:{} in front of the SMSC at {}:{}{}", config.host(), port(), config.smscHost(),
                config.smscPort(), config.monitor() ? " (monitor mode: nothing is blocked)" : "");
    }

    /** The port ESMEs connect to. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public GateMetrics metrics() {
        return metrics;
    }

    GateConfig config() {
        return config;
    }

    SubmissionJudge judge() {
        return judge;
    }

    Class<? extends Channel> clientChannel() {
        return NioSocketChannel.class;
    }

    /** The SMSC link's codec (and TLS when configured). */
    void smscPipeline(SocketChannel ch) {
        if (smscTls != null) {
            io.netty.handler.ssl.SslHandler tls = smscTls.newHandler(ch.alloc(), config.smscHost(), config.smscPort());
            // The SMSC's certificate must name the host the gate connects to, not just chain to a trusted CA.
            javax.net.ssl.SSLParameters p = tls.engine().getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            tls.engine().setSSLParameters(p);
            ch.pipeline().addLast(tls);
        }
        ch.pipeline().addLast(new SmppFrameDecoder(config.maxPdu(), true), new SmppPduEncoder());
    }

    /** Event time now, ns since the epoch. */
    long now() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    void journal(SmppEvent e) {
        try {
            journal.accept(e);
        } catch (RuntimeException ex) {
            metrics.journalDropped();
        }
    }

    /** Stops listening and closes every session (their pending requests are answered first). */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
