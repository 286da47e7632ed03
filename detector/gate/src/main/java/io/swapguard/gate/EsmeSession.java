package io.swapguard.gate;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.swapguard.event.SmppEvent;
import io.swapguard.event.SmsAddress;
import io.swapguard.smpp.SmppBody;
import io.swapguard.smpp.SmppCodec;
import io.swapguard.smpp.SmppCommand;
import io.swapguard.smpp.SmppFrame;
import io.swapguard.smpp.SmppMessage;
import io.swapguard.smpp.SmppPdu;
import io.swapguard.smpp.SmppRejected;
import io.swapguard.smpp.SmppStatus;
import io.swapguard.smpp.SmsText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ESME's session through the gate and the SMSC link that serves it. Both channels run on the
 * same event loop, so the session's state needs no locks. Requests are forwarded with a sequence
 * number of the gate's own on the other side and their responses mapped back; every request an
 * ESME sends is answered, by the SMSC or, when it cannot be (link lost, no answer in time, window
 * full, blocked), by the gate.
 */
final class EsmeSession extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(EsmeSession.class);

    private enum State { OPEN, BINDING, BOUND, UNBINDING, CLOSED }

    /** An ESME request forwarded to the SMSC, waiting for its answer. */
    private record Pending(int esmeSequence, SmppCommand command, long sentNanos, SmppMessage message) {
    }

    /** Messages the SMSC accepted on this session, by message_id, so a replace_sm is judged against them. */
    private final AcceptedMessages accepted = new AcceptedMessages(MAX_REMEMBERED);
    private static final int MAX_REMEMBERED = 10_000;

    private final SmppGate gate;
    private final GateConfig config;
    private final GateMetrics metrics;
    private Channel esme;
    private Channel smsc;
    private State state = State.OPEN;
    private boolean linkUp;
    private String account = "";
    private SmppPdu bind;
    private byte[] bindBytes;
    private int smscSequence;
    private int esmeSequence;
    private long backoffNanos;
    private final PendingRequests<Pending> toSmsc;
    private final Map<Integer, Integer> toEsme = new HashMap<>();
    private final Set<Integer> ownRequests = new HashSet<>();
    private final Map<String, HeldMessage> held = new LinkedHashMap<>();
    private int heldSegments;
    private ScheduledFuture<?> sweeper;

    EsmeSession(SmppGate gate) {
        this.gate = gate;
        this.config = gate.config();
        this.metrics = gate.metrics();
        // Four windows: a request still waiting when its slot comes round again has been overtaken by
        // four windows of answered ones, and is answered as timed out.
        this.toSmsc = new PendingRequests<>(Math.min(1 << 20, config.window() * 4));
    }

    // ---- the ESME side

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        esme = ctx.channel();
        metrics.sessions().incrementAndGet();
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(50), config.responseTimeout().toNanos() / 4);
        sweeper = esme.eventLoop().scheduleAtFixedRate(this::expire, period, period, TimeUnit.NANOSECONDS);
        // A connection that never binds (a port scan, a slowloris) is closed, not kept forever.
        esme.eventLoop().schedule(() -> {
            if (state == State.OPEN && esme.isActive()) {
                metrics.rejected("esme", "bind-timeout");
                esme.close();
            }
        }, config.responseTimeout().toNanos(), TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SmppRejected r) {
            rejected(esme, "esme", r);
            return;
        }
        SmppFrame f = (SmppFrame) msg;
        try {
            fromEsme(f);
        } catch (RuntimeException e) {
            // Never out of the pipeline: answer what can be answered and keep the session.
            log.warn("gate: {} from ESME {} failed: {}", f.pdu().command(), account, e.toString());
            metrics.rejected("esme", "internal-error");
            ReferenceCountUtil.safeRelease(f);
            if (f.pdu().command().response() != null) {
                esme.writeAndFlush(f.pdu().errorResponse(SmppStatus.ESME_RSYSERR));
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushBoth();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        metrics.sessions().decrementAndGet();
        if (!toSmsc.isEmpty()) {
            metrics.answered("esme-gone");
        }
        state = State.CLOSED;
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        for (HeldMessage h : held.values()) {
            h.cancel();
            h.releaseAll();
        }
        held.clear();
        if (smsc != null) {
            smsc.close();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("gate: ESME connection error: {}", cause.toString());
        ctx.close();
    }

    private void fromEsme(SmppFrame f) {
        SmppPdu p = f.pdu();
        SmppCommand c = p.command();
        if (c.isResponse() || c == SmppCommand.GENERIC_NACK) {
            Integer up = toEsme.remove(p.sequence());
            if (up != null && linkUp) {
                smsc.write(f.withSequence(up));
            } else {
                metrics.answered("unmatched-response");
                f.release();
            }
            if (c == SmppCommand.UNBIND_RESP && state == State.UNBINDING) {
                closeAfterFlush();
            }
            return;
        }
        switch (c) {
            case BIND_TRANSMITTER, BIND_RECEIVER, BIND_TRANSCEIVER -> bind(f);
            case ENQUIRE_LINK -> {
                f.release();
                esme.write(new SmppPdu(SmppCommand.ENQUIRE_LINK_RESP, 0, p.sequence(), SmppBody.Empty.INSTANCE));
            }
            case OUTBIND -> {
                f.release(); // only an SMSC sends outbind; it has no response
                metrics.rejected("esme", "outbind-from-esme");
            }
            default -> {
                if (state != State.BOUND) {
                    f.release();
                    answer(p, SmppStatus.ESME_RINVBNDSTS, "not-bound");
                } else if (c == SmppCommand.UNBIND) {
                    unbind(f);
                } else if (c == SmppCommand.SUBMIT_SM || c == SmppCommand.DATA_SM || c == SmppCommand.SUBMIT_MULTI) {
                    submission(f);
                } else if (c == SmppCommand.REPLACE_SM) {
                    replacement(f);
                } else {
                    forward(f);
                }
            }
        }
    }

    private void bind(SmppFrame f) {
        SmppPdu p = f.pdu();
        if (state != State.OPEN) {
            f.release();
            answer(p, SmppStatus.ESME_RALYBND, "already-bound");
            return;
        }
        state = State.BINDING;
        bind = p;
        account = ((SmppBody.Bind) p.body()).systemId();
        GateConfig.Credentials mapped = config.accounts().get(account);
        if (mapped == null) {
            ByteBuf b = f.content();
            bindBytes = new byte[b.readableBytes()];
            b.getBytes(b.readerIndex(), bindBytes);
        } else {
            SmppBody.Bind own = (SmppBody.Bind) p.body();
            ByteBuf b = esme.alloc().heapBuffer();
            SmppCodec.encode(new SmppPdu(p.command(), 0, 0, new SmppBody.Bind(mapped.systemId(), mapped.password(),
                    own.systemType(), own.interfaceVersion(), own.addrTon(), own.addrNpi(), own.addressRange())), b);
            bindBytes = new byte[b.readableBytes()];
            b.readBytes(bindBytes);
            b.release();
        }
        f.release();
        connect();
    }

    private void unbind(SmppFrame f) {
        state = State.UNBINDING;
        if (linkUp) {
            forward(f);
        } else {
            f.release();
            esme.write(new SmppPdu(SmppCommand.UNBIND_RESP, 0, f.pdu().sequence(), SmppBody.Empty.INSTANCE));
            unbound();
        }
    }

    // ---- verdicts

    private void submission(SmppFrame f) {
        if (!linkUp) {
            // Rebinding the SMSC link: the ESME retries later, and nothing was judged or journalled.
            f.release();
            answer(f.pdu(), SmppStatus.ESME_RTHROTTLED, "smsc-rebinding");
            return;
        }
        if (toSmsc.size() + heldSegments >= config.window()) {
            f.release();
            answer(f.pdu(), SmppStatus.ESME_RTHROTTLED, "window");
            return;
        }
        long arrived = gate.now();
        SmppMessage m = SmppMessage.of(f.pdu());
        if (m.content().concatenated() && m.command() != SmppEvent.Command.SUBMIT_MULTI) {
            hold(f, m, arrived);
        } else {
            decide(List.of(f), m, m.content().text(), arrived);
        }
    }

    /**
     * replace_sm puts new text on a message already accepted: judged as a submission to that
     * message's destination (else benign text could be submitted and replaced by an OTP). One the
     * gate does not know (accepted before a restart, or forgotten) goes on, counted.
     */
    private void replacement(SmppFrame f) {
        SmppMessage original = accepted.get(((SmppBody.ReplaceSm) f.pdu().body()).messageId());
        if (original == null) {
            metrics.unjudged("replace_sm");
            forward(f, null);
            return;
        }
        SmppMessage m = SmppMessage.replacing(f.pdu(), original);
        decide(List.of(f), m, m.content().text(), gate.now());
    }

    /** Segments of one message wait for each other, so the message gets one decision on its whole text. */
    private void hold(SmppFrame f, SmppMessage m, long arrived) {
        String key = m.source().value() + '\u0000' + m.destinations().get(0).value() + '\u0000' + m.content().reference();
        HeldMessage h = held.get(key);
        if (h == null) {
            h = new HeldMessage(key, m, arrived);
            held.put(key, h);
            HeldMessage first = h;
            h.timer = esme.eventLoop().schedule(() -> release(first, "timeout"), config.holdTimeout().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
        h.add(f, m.content());
        heldSegments++;
        if (h.complete()) {
            release(h, null);
        } else if (heldSegments > config.holdSegments()) {
            release(held.values().iterator().next(), "full");
        }
    }

    private void release(HeldMessage h, String incomplete) {
        if (held.remove(h.key) == null) {
            return;
        }
        h.cancel();
        heldSegments -= h.frames.size();
        if (incomplete != null) {
            metrics.released(incomplete);
        }
        decide(h.frames, h.first, h.text(), h.arrived);
        flushBoth();
    }

    /** One decision for the frames of one message: forward them all, or answer them all. */
    private void decide(List<SmppFrame> frames, SmppMessage m, String text, long arrived) {
        long t0 = System.nanoTime();
        List<SubmissionJudge.Verdict> verdicts = new ArrayList<>(m.destinations().size());
        boolean failed = false;
        boolean allow = true;
        boolean enforced = false; // a block by a rule that is not in monitor mode
        for (SmsAddress to : m.destinations()) {
            SubmissionJudge.Verdict v;
            try {
                v = gate.judge().judge(new SubmissionJudge.Submission(account, m.source(), to, text, arrived));
            } catch (RuntimeException e) {
                failed = true;
                v = new SubmissionJudge.Verdict(config.failOpen(), "", "no verdict: " + e.getMessage());
            }
            verdicts.add(v);
            allow &= v.allow();
            enforced |= !v.allow() && !v.monitored();
        }
        long took = System.nanoTime() - t0;
        if (took > config.decisionBudget().toNanos()) {
            metrics.overBudget();
        }
        boolean monitor = config.monitors(account);
        SmppEvent.Decision decision;
        if (failed) {
            decision = config.failOpen() ? SmppEvent.Decision.FAILED_OPEN : SmppEvent.Decision.FAILED_CLOSED;
        } else if (allow) {
            decision = SmppEvent.Decision.ALLOWED;
        } else {
            decision = monitor || !enforced ? SmppEvent.Decision.MONITORED : SmppEvent.Decision.BLOCKED;
        }
        String rule = "";
        for (SubmissionJudge.Verdict v : verdicts) {
            if (!v.allow() && !v.rule().isEmpty()) {
                rule = v.rule();
                break;
            }
        }
        int status = switch (decision) {
            case BLOCKED -> config.blockStatus(rule);
            case FAILED_CLOSED -> config.failStatus();
            default -> -1;
        };
        for (int i = 0; i < verdicts.size(); i++) {
            SubmissionJudge.Verdict v = verdicts.get(i);
            journal(m, m.destinations().get(i), text, decision, v.rule(), v.reason(), status, took, arrived);
        }
        metrics.decided(decision, rule, took);
        for (SmppFrame f : frames) {
            if (decision.forwarded()) {
                forward(f, m);
            } else {
                f.release();
                answer(f.pdu(), status, null);
            }
        }
    }

    private void journal(SmppMessage m, SmsAddress to, String text, SmppEvent.Decision decision, String rule,
            String reason, int status, long took, long arrived) {
        gate.journal(new SmppEvent(arrived, config.tapId(), m.command(), clip(account), m.event(to, text, true),
                decision, rule, reason, status, took));
    }

    // ---- forwarding

    private void forward(SmppFrame f) {
        forward(f, null);
    }

    /** An ESME request to the SMSC under a sequence number of the link's own; {@code m} is its message, if any. */
    private void forward(SmppFrame f, SmppMessage m) {
        SmppPdu p = f.pdu();
        if (!linkUp) {
            f.release();
            answer(p, SmppStatus.ESME_RTHROTTLED, "smsc-rebinding");
            return;
        }
        int seq = nextSmscSequence();
        if (p.command().response() != null) {
            Pending overtaken = toSmsc.put(seq, new Pending(p.sequence(), p.command(), System.nanoTime(), m));
            if (overtaken != null) {
                answer(overtaken.esmeSequence(), overtaken.command(), SmppStatus.ESME_RSYSERR, "timeout");
            }
        }
        smsc.write(f.withSequence(seq));
        if (!smsc.isWritable()) {
            esme.config().setAutoRead(false); // the SMSC link is slower than this ESME: let TCP push back
        }
    }

    /** Answers an ESME request with an error status, counted by {@code reason} (null: a block, counted as a decision). */
    private void answer(SmppPdu request, int status, String reason) {
        if (reason != null) {
            metrics.answered(reason);
        }
        if (request.command().response() != null) {
            esme.write(request.errorResponse(status));
        }
    }

    private void answer(int esmeSeq, SmppCommand command, int status, String reason) {
        metrics.answered(reason);
        SmppCommand resp = command.response();
        if (resp != null && esme.isActive()) {
            esme.write(new SmppPdu(resp, status, esmeSeq, SmppBody.Empty.INSTANCE));
        }
    }

    /** Requests the SMSC did not answer within the timeout get ESME_RSYSERR from the gate. */
    private void expire() {
        long now = System.nanoTime();
        long limit = config.responseTimeout().toNanos();
        boolean[] any = {false};
        toSmsc.removeIf(p -> {
            if (now - p.sentNanos() <= limit) {
                return false;
            }
            answer(p.esmeSequence(), p.command(), SmppStatus.ESME_RSYSERR, "timeout");
            any[0] = true;
            return true;
        });
        if (any[0]) {
            flushBoth();
        }
    }

    // ---- the SMSC side

    private void connect() {
        Bootstrap b = new Bootstrap().group(esme.eventLoop()).channel(gate.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(30_000,
                        config.responseTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        gate.smscPipeline(ch);
                        ch.pipeline().addLast(new IdleStateHandler(0, 0, config.enquireLink().toNanos(),
                                TimeUnit.NANOSECONDS));
                        ch.pipeline().addLast(new SmscLink());
                    }
                });
        b.connect(config.smscHost(), config.smscPort()).addListener((ChannelFuture cf) -> {
            if (!cf.isSuccess()) {
                linkFailed("connect: " + cf.cause().getMessage());
            }
        });
    }

    /** The link's TCP connection is up: bind with the ESME's (or the mapped) credentials. */
    private void smscActive(Channel ch) {
        smsc = ch;
        ByteBuf b = ch.alloc().buffer(bindBytes.length).writeBytes(bindBytes);
        int seq = nextSmscSequence();
        b.setInt(12, seq);
        ownRequests.add(seq);
        ch.writeAndFlush(b);
    }

    private void linkFailed(String why) {
        if (state == State.BINDING) {
            // The first bind: the ESME learns at once, as it would from the SMSC itself, and may bind again.
            log.warn("gate: SMSC link for account {} failed ({}): bind refused", account, why);
            refuseBind(bind.errorResponse(SmppStatus.ESME_RBINDFAIL));
        } else if (state == State.BOUND) {
            rebindLater(why);
        }
    }

    /**
     * The ESME's bind refused. Its connection stays open, unbound, as an SMSC leaves it: the ESME
     * may bind again or close (closing at once races the answer in some clients).
     */
    private void refuseBind(SmppPdu resp) {
        state = State.OPEN;
        esme.writeAndFlush(resp);
        Channel link = smsc;
        smsc = null;
        if (link != null) {
            link.close();
        }
    }

    private void rebindLater(String why) {
        backoffNanos = backoffNanos == 0 ? config.reconnectMin().toNanos()
                : Math.min(config.reconnectMax().toNanos(), backoffNanos * 2);
        log.warn("gate: SMSC link for account {} lost ({}); rebinding in {} ms", account, why,
                backoffNanos / 1_000_000);
        esme.eventLoop().schedule(() -> {
            if (state == State.BOUND && !linkUp) {
                metrics.reconnect();
                connect();
            }
        }, backoffNanos, TimeUnit.NANOSECONDS);
    }

    private void fromSmsc(SmppFrame f) {
        SmppPdu p = f.pdu();
        log.debug("gate: from the SMSC for {}: {}", account, p);
        SmppCommand c = p.command();
        if (c.isResponse() || c == SmppCommand.GENERIC_NACK) {
            if (!ownRequests.isEmpty() && ownRequests.remove(p.sequence())) {
                f.release();
                if (c == SmppCommand.BIND_TRANSMITTER_RESP || c == SmppCommand.BIND_RECEIVER_RESP
                        || c == SmppCommand.BIND_TRANSCEIVER_RESP || c == SmppCommand.GENERIC_NACK && !linkUp) {
                    bound(p);
                }
                return;
            }
            Pending pending = toSmsc.remove(p.sequence());
            if (pending == null) {
                metrics.answered("late-response");
                f.release();
                return;
            }
            if (pending.message() != null && p.status() == SmppStatus.ESME_ROK
                    && p.body() instanceof SmppBody.MessageIdResp id && !id.messageId().isEmpty()) {
                accepted.put(id.messageId(), pending.message());
            }
            esme.write(f.withSequence(pending.esmeSequence()));
            if (c == SmppCommand.UNBIND_RESP) {
                unbound();
            }
            return;
        }
        if (c == SmppCommand.ENQUIRE_LINK) {
            f.release();
            smsc.write(new SmppPdu(SmppCommand.ENQUIRE_LINK_RESP, 0, p.sequence(), SmppBody.Empty.INSTANCE));
            return;
        }
        if (c == SmppCommand.UNBIND) {
            state = State.UNBINDING; // the SMSC ends it: pass it on, and do not rebind
        }
        if (c == SmppCommand.DELIVER_SM) {
            SmppMessage m = SmppMessage.of(p);
            gate.journal(new SmppEvent(gate.now(), config.tapId(), SmppEvent.Command.DELIVER_SM, clip(account),
                    m.event(m.destinations().get(0), m.content().text(), false), SmppEvent.Decision.OBSERVED, "", "",
                    -1, -1));
        }
        int seq = nextEsmeSequence();
        if (c.response() != null) {
            toEsme.put(seq, p.sequence());
        }
        esme.write(f.withSequence(seq));
        if (!esme.isWritable()) {
            smsc.config().setAutoRead(false);
        }
    }

    private void bound(SmppPdu resp) {
        boolean ok = resp.status() == SmppStatus.ESME_ROK && resp.command() != SmppCommand.GENERIC_NACK;
        if (state == State.BINDING) {
            // The SMSC's answer, status and system_id as it gave them, under the ESME's sequence number.
            ByteBuf b = esme.alloc().buffer();
            SmppCodec.encode(resp.withSequence(bind.sequence()), b);
            if (ok) {
                state = State.BOUND;
                linkUp = true;
                metrics.linksUp().incrementAndGet();
                esme.writeAndFlush(b);
            } else {
                b.release();
                refuseBind(resp.withSequence(bind.sequence()));
            }
        } else if (ok) {
            linkUp = true;
            backoffNanos = 0;
            metrics.linksUp().incrementAndGet();
            log.info("gate: SMSC link for account {} rebound", account);
        } else {
            smsc.close(); // refused on rebind: try again later
        }
    }

    private void smscInactive() {
        if (linkUp) {
            linkUp = false;
            metrics.linksUp().decrementAndGet();
        }
        // Nothing the ESME sent is silently lost: every request still waiting gets an answer.
        toSmsc.drain(p -> answer(p.esmeSequence(), p.command(), SmppStatus.ESME_RSYSERR, "smsc-lost"));
        toEsme.clear();
        ownRequests.clear();
        if (esme.isActive()) {
            esme.flush();
        }
        if (state == State.BINDING) {
            linkFailed("closed before bind_resp");
        } else if (state == State.UNBINDING) {
            unbound();
        } else if (state == State.BOUND) {
            rebindLater("connection closed");
        }
    }

    /** The SMSC-facing handler: everything happens on the session's event loop. */
    private final class SmscLink extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            smscActive(ctx.channel());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof SmppRejected r) {
                rejected(ctx.channel(), "smsc", r);
                return;
            }
            SmppFrame f = (SmppFrame) msg;
            try {
                fromSmsc(f);
            } catch (RuntimeException e) {
                log.warn("gate: {} from the SMSC failed: {}", f.pdu().command(), e.toString());
                metrics.rejected("smsc", "internal-error");
                ReferenceCountUtil.safeRelease(f);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flushBoth();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            esme.config().setAutoRead(ctx.channel().isWritable());
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent && linkUp) {
                int seq = nextSmscSequence();
                ownRequests.add(seq);
                ctx.writeAndFlush(new SmppPdu(SmppCommand.ENQUIRE_LINK, 0, seq, SmppBody.Empty.INSTANCE));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() == smsc) {
                smscInactive();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("gate: SMSC connection error: {}", cause.toString());
            ctx.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (smsc != null) {
            smsc.config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    // ---- shared

    private void rejected(Channel ch, String side, SmppRejected r) {
        log.debug("gate: {} sent a PDU the decoder refused: {}", side, r);
        metrics.rejected(side, r.reason());
        SmppPdu answer = r.answer();
        if (answer != null) {
            ch.write(answer);
        }
        if (r.fatal()) {
            ch.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void flushBoth() {
        if (esme != null) {
            esme.flush();
        }
        if (smsc != null) {
            smsc.flush();
        }
    }

    /**
     * The ESME's unbind is answered. The initiator of an unbind closes the connection (SMPP 3.4,
     * 2.4): the SMSC link is closed now, the ESME's connection when the ESME closes it, or after a
     * grace period (closing at once races the answer in clients that read on one thread and
     * dispatch on another, jsmpp among them).
     */
    private void unbound() {
        state = State.CLOSED;
        esme.flush();
        if (smsc != null) {
            smsc.close();
        }
        esme.eventLoop().schedule(() -> {
            if (esme.isActive()) {
                esme.close();
            }
        }, Math.min(5_000_000_000L, config.responseTimeout().toNanos()), TimeUnit.NANOSECONDS);
    }

    private void closeAfterFlush() {
        state = State.CLOSED;
        esme.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        if (smsc != null) {
            smsc.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private int nextSmscSequence() {
        smscSequence = smscSequence >= 0x7FFFFFFF ? 1 : smscSequence + 1;
        return smscSequence;
    }

    private int nextEsmeSequence() {
        esmeSequence = esmeSequence >= 0x7FFFFFFF ? 1 : esmeSequence + 1;
        return esmeSequence;
    }

    private static String clip(String s) {
        return s.length() > SmppEvent.MAX_ACCOUNT_LENGTH ? s.substring(0, SmppEvent.MAX_ACCOUNT_LENGTH) : s;
    }

    /** The segments of one concatenated message seen so far. */
    private static final class HeldMessage {
        final String key;
        final SmppMessage first;
        final long arrived;
        final List<SmppFrame> frames = new ArrayList<>();
        final String[] texts;
        ScheduledFuture<?> timer;

        HeldMessage(String key, SmppMessage first, long arrived) {
            this.key = key;
            this.first = first;
            this.arrived = arrived;
            this.texts = new String[Math.max(1, first.content().total())];
        }

        void add(SmppFrame f, SmsText.Content c) {
            frames.add(f);
            int i = c.sequence() - 1;
            if (i >= 0 && i < texts.length && texts[i] == null) {
                texts[i] = c.text() == null ? "" : c.text();
            }
        }

        boolean complete() {
            for (String t : texts) {
                if (t == null) {
                    return false;
                }
            }
            return true;
        }

        /** The text of the segments that came, in their order; null when none had text. */
        String text() {
            StringBuilder s = new StringBuilder();
            boolean any = false;
            for (String t : texts) {
                if (t != null) {
                    s.append(t);
                    any = true;
                }
            }
            return any ? s.toString() : null;
        }

        void cancel() {
            if (timer != null) {
                timer.cancel(false);
            }
        }

        void releaseAll() {
            for (SmppFrame f : frames) {
                ReferenceCountUtil.safeRelease(f);
            }
        }
    }
}
