package io.swapguard.sim.smpp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;

/**
 * A simulated SMSC on loopback (jsmpp's server): binds any account, takes every submit_sm and
 * answers it with a message id, keeping what it took. What a gate lets through arrives here.
 */
public final class SimulatedSmsc implements AutoCloseable {

    /** What the SMSC took: the account's session, sender, destination. */
    public record Received(String sender, String destination, byte[] shortMessage) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final SMPPServerSessionListener listener;
    private final int port;
    private final AtomicInteger ids = new AtomicInteger(0x5A000);
    private volatile boolean open = true;

    /** Listens on a free loopback port. */
    public SimulatedSmsc() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        listener = new SMPPServerSessionListener(port);
        listener.setPduProcessorDegree(4);
        listener.setMessageReceiverListener(new Receiver());
        Thread t = new Thread(this::accept, "simulated-smsc");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return port;
    }

    /** Every submit_sm taken, in order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    private void accept() {
        while (open) {
            try {
                SMPPServerSession s = listener.accept();
                sessions.add(s);
                Thread bind = new Thread(() -> {
                    try {
                        s.waitForBind(10_000).accept("sim-smsc");
                    } catch (Exception e) {
                        s.close();
                    }
                }, "simulated-smsc-bind");
                bind.setDaemon(true);
                bind.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm s, SMPPServerSession source) throws ProcessRequestException {
            received.add(new Received(s.getSourceAddr(), s.getDestAddress(), s.getShortMessage()));
            try {
                return new SubmitSmResult(new MessageId(Integer.toHexString(ids.incrementAndGet())), null);
            } catch (Exception e) {
                throw new ProcessRequestException(e.getMessage(), 8);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti s, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("submit_multi is not simulated", 3);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm q, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("query_sm is not simulated", 3);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm r, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("replace_sm is not simulated", 3);
        }

        @Override
        public void onAcceptCancelSm(CancelSm c, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("cancel_sm is not simulated", 3);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm b, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("broadcast_sm is not simulated", 3);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm c, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("cancel_broadcast_sm is not simulated", 3);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm q, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("query_broadcast_sm is not simulated", 3);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm d, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not simulated", 3);
        }
    }

    @Override
    public void close() {
        open = false;
        for (SMPPServerSession s : sessions) {
            s.unbindAndClose();
        }
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
