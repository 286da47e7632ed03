package io.swapguard.sim.smpp;

import io.swapguard.sim.SmppTraffic;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;

/**
 * The banks' and aggregators' ESMEs (jsmpp clients): one session per account, submitting
 * {@link SmppTraffic} to an endpoint (the gate, or the SMSC directly) and keeping the
 * command_status each segment was answered with.
 */
public final class BankEsmes {

    /**
     * What one submission got.
     *
     * @param statuses the command_status of each segment (0: accepted)
     */
    public record Outcome(SmppTraffic.Submission submission, List<Integer> statuses) {

        /** Whether the endpoint refused it (every segment refused). */
        public boolean blocked() {
            return statuses.stream().allMatch(s -> s != 0);
        }

        /** Whether it got what the ground truth says it should. */
        public boolean asExpected() {
            return submission.block() ? blocked() : statuses.stream().allMatch(s -> s == 0);
        }
    }

    private BankEsmes() {
    }

    /**
     * Submits everything to {@code host:port}, each account on its own session (password
     * {@code secret}); the segments of a long message go out together, as ESMEs send them.
     */
    public static List<Outcome> submit(String host, int port, List<SmppTraffic.Submission> traffic)
            throws IOException {
        if (!Charset.defaultCharset().equals(StandardCharsets.UTF_8)) {
            throw new IllegalStateException("the simulated ESMEs need -Dfile.encoding=UTF-8 (conf/jvm.options): "
                    + "jsmpp writes sender IDs in the default charset, here " + Charset.defaultCharset());
        }
        Map<String, SMPPSession> sessions = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (SmppTraffic.Submission s : traffic) {
                if (!sessions.containsKey(s.account())) {
                    SMPPSession session = new SMPPSession();
                    session.setTransactionTimer(10_000);
                    session.connectAndBind(host, port, new BindParameter(BindType.BIND_TX, s.account(), "secret",
                            "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 10_000);
                    sessions.put(s.account(), session);
                }
            }
            List<Outcome> out = new ArrayList<>();
            for (SmppTraffic.Submission s : traffic) {
                SMPPSession session = sessions.get(s.account());
                List<Future<Integer>> segments = new ArrayList<>();
                for (byte[] segment : s.segments()) {
                    segments.add(pool.submit(() -> send(session, s, segment)));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : segments) {
                    try {
                        statuses.add(f.get());
                    } catch (Exception e) {
                        throw new IOException("submit_sm to " + host + ":" + port + " failed: " + e.getMessage(), e);
                    }
                }
                out.add(new Outcome(s, List.copyOf(statuses)));
            }
            return out;
        } finally {
            pool.shutdownNow();
            for (SMPPSession s : sessions.values()) {
                s.unbindAndClose();
            }
        }
    }

    private static int send(SMPPSession session, SmppTraffic.Submission s, byte[] segment) throws Exception {
        // jsmpp writes strings in the default charset: UTF-8 (conf/jvm.options), as aggregators send Cyrillic IDs.
        String sender = s.sender();
        try {
            session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, sender,
                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, s.destination(),
                    new ESMClass(s.concatenated() ? 0x40 : 0), (byte) 0, (byte) 1, null, null, new RegisteredDelivery(0),
                    (byte) 0, s.dataCoding() == 8 ? new GeneralDataCoding(Alphabet.ALPHA_UCS2)
                            : new GeneralDataCoding(Alphabet.ALPHA_DEFAULT), (byte) 0, segment);
            return 0;
        } catch (NegativeResponseException e) {
            return e.getCommandStatus();
        }
    }
}
