package io.swapguard.gate;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.EnquireLink;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
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
 * A real SMSC for the gate's tests: jsmpp 3.0.2's server session, accepting binds from
 * {@code smsc-user}/{@code secret} (and any other system_id listed), answering submissions with
 * message ids, and keeping what it received.
 */
public final class JsmppSmsc implements AutoCloseable {

    final List<SubmitSm> submits = new CopyOnWriteArrayList<>();
    final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    final List<String> boundAs = new CopyOnWriteArrayList<>();
    final AtomicInteger enquireLinks = new AtomicInteger();
    /** Counted down before each submit_sm is answered: a test holds answers back with it. */
    volatile CountDownLatch hold = new CountDownLatch(0);
    volatile int submitStatus = 0;
    private final SMPPServerSessionListener listener;
    private final int port;
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean open = true;

    private final boolean keep;

    JsmppSmsc() throws IOException {
        this(true);
    }

    /** @param keep whether to keep every submit_sm in {@link #submits} (not under load: the list is copied on write) */
    public JsmppSmsc(boolean keep) throws IOException {
        this.keep = keep;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        listener = new SMPPServerSessionListener(port);
        listener.setMessageReceiverListener(new Receiver());
        listener.setPduProcessorDegree(16); // enough threads to hold a whole window of answers back
        Thread t = new Thread(this::accept, "jsmpp-smsc");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return port;
    }

    private void accept() {
        while (open) {
            try {
                SMPPServerSession s = listener.accept();
                sessions.add(s);
                Thread b = new Thread(() -> bind(s));
                b.setDaemon(true);
                b.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void bind(SMPPServerSession s) {
        try {
            BindRequest r = s.waitForBind(5000);
            if ("secret".equals(r.getPassword()) || "mapped1".equals(r.getPassword())) {
                boundAs.add(r.getSystemId());
                r.accept("jsmpp-smsc");
            } else {
                r.reject(0x0E); // ESME_RINVPASWD
            }
        } catch (Exception e) {
            s.close();
        }
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
                throws ProcessRequestException {
            if (keep) {
                submits.add(submitSm);
            }
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (submitStatus != 0) {
                throw new ProcessRequestException("refused", submitStatus);
            }
            try {
                return new SubmitSmResult(new MessageId(Integer.toHexString(0x1000 + ids.incrementAndGet())), null);
            } catch (Exception e) {
                throw new ProcessRequestException(e.getMessage(), 8);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti s, SMPPServerSession source) {
            return new SubmitMultiResult("m" + ids.incrementAndGet());
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm q, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("no such message", 0x67); // ESME_RQUERYFAIL
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm r, SMPPServerSession source) {
        }

        @Override
        public void onAcceptCancelSm(CancelSm c, SMPPServerSession source) {
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm b, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("no broadcast", 3);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm c, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("no broadcast", 3);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm q, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("no broadcast", 3);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("no data_sm", 3);
        }

        @Override
        public void onAcceptEnquireLink(EnquireLink enquireLink, Session source) {
            enquireLinks.incrementAndGet();
        }
    }

    /** Sessions bound so far. */
    public int bound() {
        return boundAs.size();
    }

    @Override
    public void close() throws IOException {
        open = false;
        for (SMPPServerSession s : sessions) {
            s.close();
        }
        listener.close();
    }
}
