package io.swapguard.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swapguard.event.SmppEvent;
import io.swapguard.smpp.SmppStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SubmitSmResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gate between two real SMPP peers on loopback: jsmpp 3.0.2 as the bank's ESME and as the
 * SMSC, with a recording relay on each side of the gate so the bytes can be compared.
 */
class GateJsmppTest {

    static final String SWAPPED = "6281100000042";
    static final String SAFE = "6281100000043";
    static final byte[] UNKNOWN_TLV_VALUE = "vendor".getBytes(StandardCharsets.US_ASCII);

    final List<SmppEvent> journal = new CopyOnWriteArrayList<>();
    final List<String> judgedTexts = new CopyOnWriteArrayList<>();
    volatile boolean detectorDown;
    volatile boolean simSwapMonitored;
    final SubmissionJudge judge = s -> {
        if (detectorDown) {
            throw new IllegalStateException("state store unavailable");
        }
        judgedTexts.add(s.text());
        boolean otp = s.text() != null && s.text().matches("(?s).*\\b\\d{6}\\b.*");
        if (otp && s.destination().value().equals(SWAPPED)) {
            return new SubmissionJudge.Verdict(false, "simSwap", "SIM swapped without a trusted record 5 min ago",
                    simSwapMonitored);
        }
        return SubmissionJudge.Verdict.NOTHING_AGAINST;
    };
    final List<AutoCloseable> closing = new ArrayList<>();
    JsmppSmsc smsc;
    RecordingRelay smscSide;
    SmppGate gate;
    RecordingRelay esmeSide;

    SMPPSession start(GateConfig config) throws Exception {
        smsc = new JsmppSmsc();
        smscSide = new RecordingRelay(smsc.port());
        gate = new SmppGate(config.withPort(0).withSmsc("127.0.0.1", smscSide.port()), judge, journal::add, new SimpleMeterRegistry(), 1);
        esmeSide = new RecordingRelay(gate.port());
        closing.addAll(List.of(smsc, smscSide, gate, esmeSide));
        return esme("bank-bca", new ArrayList<>());
    }

    SMPPSession start() throws Exception {
        return start(GateConfig.defaults(0));
    }

    SMPPSession esme(String systemId, List<DeliverSm> received) throws Exception {
        SMPPSession s = new SMPPSession();
        s.setTransactionTimer(5000);
        s.setEnquireLinkTimer(200); // jsmpp sends enquire_link after this much silence
        s.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) {
                received.add(deliverSm);
            }

            @Override
            public void onAcceptAlertNotification(org.jsmpp.bean.AlertNotification a) {
            }

            @Override
            public org.jsmpp.session.DataSmResult onAcceptDataSm(org.jsmpp.bean.DataSm d, org.jsmpp.session.Session x) {
                return null;
            }
        });
        s.connectAndBind("127.0.0.1", esmeSide.port(), new BindParameter(BindType.BIND_TRX, systemId, "secret", "OTP",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5000);
        closing.add(0, s::unbindAndClose);
        return s;
    }

    static SubmitSmResult submit(SMPPSession s, String to, byte[] text, ESMClass esm, OptionalParameter... tlvs)
            throws Exception {
        return s.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "BCA",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to, esm, (byte) 0, (byte) 1, null, null,
                new RegisteredDelivery(1), (byte) 0, new GeneralDataCoding(Alphabet.ALPHA_DEFAULT), (byte) 0, text,
                tlvs);
    }

    static SubmitSmResult submit(SMPPSession s, String to, String text) throws Exception {
        return submit(s, to, text.getBytes(StandardCharsets.US_ASCII), new ESMClass(),
                new OptionalParameter.OctetString((short) 0x1501, UNKNOWN_TLV_VALUE));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                // best effort
            }
        }
    }

    @Test
    void allowedSubmitsArriveByteForByteAndAnOtpToASwappedNumberIsStopped() throws Exception {
        SMPPSession bank = start();
        assertThat(submit(bank, SAFE, "Kode OTP Anda 483920").getMessageId()).isEqualTo("1001");
        assertThatThrownBy(() -> submit(bank, SWAPPED, "Kode OTP Anda 551204"))
                .isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(SmppStatus.ESME_RSUBMITFAIL));
        // Not an OTP: the same number gets it.
        assertThat(submit(bank, SWAPPED, "Terima kasih").getMessageId()).isEqualTo("1002");

        assertThat(smsc.submits).extracting(SubmitSm::getDestAddress).containsExactly(SAFE, SWAPPED);
        List<byte[]> sent = esmeSide.pdus(0x00000004);
        List<byte[]> arrived = smscSide.pdus(0x00000004);
        assertThat(sent).hasSize(3);
        assertThat(arrived).hasSize(2);
        // Identical apart from the sequence number, the unknown TLV included.
        assertThat(withoutSequence(arrived.get(0))).isEqualTo(withoutSequence(sent.get(0)));
        assertThat(withoutSequence(arrived.get(1))).isEqualTo(withoutSequence(sent.get(2)));
        // The bind went through as the ESME sent it (pass-through credentials).
        assertThat(withoutSequence(smscSide.pdus(0x00000009).get(0)))
                .isEqualTo(withoutSequence(esmeSide.pdus(0x00000009).get(0)));
        assertThat(smsc.boundAs).containsExactly("bank-bca");

        await().until(() -> journal.size() == 3);
        assertThat(journal).extracting(SmppEvent::decision).containsExactly(SmppEvent.Decision.ALLOWED,
                SmppEvent.Decision.BLOCKED, SmppEvent.Decision.ALLOWED);
        SmppEvent blocked = journal.get(1);
        assertThat(blocked.account()).isEqualTo("bank-bca");
        assertThat(blocked.rule()).isEqualTo("simSwap");
        assertThat(blocked.commandStatus()).isEqualTo(SmppStatus.ESME_RSUBMITFAIL);
        assertThat(blocked.sms().originator().value()).isEqualTo("BCA");
        assertThat(blocked.sms().destination().value()).isEqualTo(SWAPPED);
        assertThat(blocked.sms().text()).isEqualTo("Kode OTP Anda 551204");
        assertThat(blocked.decisionNanos()).isPositive();
        assertThat(gate.metrics().count("swapguard.gate.decisions", "blocked", "simSwap")).isEqualTo(1);
    }

    /**
     * data_coding 0x48: UCS2 in 23.038's "marked for automatic deletion" group, which handsets show
     * like any other text. An OTP in it is read and stopped; it once passed as binary.
     */
    @Test
    void anOtpMarkedForAutomaticDeletionIsStoppedLikeAnyOther() throws Exception {
        SMPPSession bank = start();
        assertThatThrownBy(() -> bank.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN,
                "BCA", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, SWAPPED, new ESMClass(), (byte) 0,
                (byte) 1, null, null, new RegisteredDelivery(1), (byte) 0,
                org.jsmpp.bean.DataCodings.newInstance((byte) 0x48), (byte) 0,
                "Kode OTP Anda 551204".getBytes(StandardCharsets.UTF_16BE)))
                .isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(SmppStatus.ESME_RSUBMITFAIL));
        assertThat(smsc.submits).isEmpty();
        await().until(() -> journal.size() == 1);
        assertThat(journal.get(0).sms().text()).isEqualTo("Kode OTP Anda 551204");
        assertThat(journal.get(0).rule()).isEqualTo("simSwap");
    }

    @Test
    void receiptsComeBackToTheSessionThatSubmittedAndEnquireLinkIsAnsweredLocally() throws Exception {
        List<DeliverSm> other = new CopyOnWriteArrayList<>();
        SMPPSession bank = start();
        esme("bank-bni", other);
        List<DeliverSm> received = new CopyOnWriteArrayList<>();
        SMPPSession receiver = esme("bank-bri", received);
        submit(bank, SAFE, "Transfer berhasil");
        await().until(() -> smsc.boundAs.size() == 3);
        // The SMSC sends a receipt on the third session: only that ESME gets it, and its resp returns.
        org.jsmpp.session.SMPPServerSession third = smsc.sessions.get(2);
        third.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, SAFE,
                TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "BRI", new ESMClass(4), (byte) 0,
                (byte) 0, new RegisteredDelivery(0), new GeneralDataCoding(Alphabet.ALPHA_DEFAULT),
                "id:1001 sub:001 dlvrd:001 submit date:2612020930 done date:2612020931 stat:DELIVRD err:000 text:"
                        .getBytes(StandardCharsets.US_ASCII));
        await().until(() -> received.size() == 1);
        assertThat(received.get(0).isSmscDeliveryReceipt()).isTrue();
        assertThat(other).isEmpty();
        // jsmpp's enquire_link timer: the gate answers it, the SMSC never sees it.
        Thread.sleep(700);
        assertThat(receiver.getSessionState()).isEqualTo(SessionState.BOUND_TRX);
        assertThat(smsc.enquireLinks.get()).isZero();
        assertThat(esmeSide.pdus(0x00000015)).isNotEmpty();
        // A clean unbind ends both sides (SMPP 3.4, 2.4). jsmpp's own state is no witness: its
        // processing thread sets UNBOUND after sending the resp, so when its reader sees the close
        // first, CLOSED is overwritten by UNBOUND (jsmpp 3.0.2, processUnbind).
        receiver.unbindAndClose();
        assertThat(smscSide.ended(2, 10)).as("the SMSC link ended").isTrue();
        await().until(() -> !third.getSessionState().isBound());
        assertThat(smscSide.pdus(0x00000006)).hasSize(1);
        await().until(() -> journal.stream().anyMatch(e -> e.command() == SmppEvent.Command.DELIVER_SM));
    }

    @Test
    void aLongMessageIsJudgedOnceOnItsWholeTextWhenTheCodeIsInTheLastSegment() throws Exception {
        SMPPSession bank = start();
        byte[][] parts = {concatenated(7, 1, 2, "Bank BCA: jangan berikan kode ini kepada siapa pun. Kode "),
                concatenated(7, 2, 2, "verifikasi Anda: 551204")};
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> answers = new ArrayList<>();
            for (byte[] p : parts) {
                answers.add(pool.submit(() -> submit(bank, SWAPPED, p, new ESMClass(0x40))));
                Thread.sleep(50);
            }
            for (Future<?> f : answers) {
                assertThatThrownBy(f::get).hasCauseInstanceOf(NegativeResponseException.class);
            }
            // Both segments to the safe number: held until the second, then both forwarded.
            answers.clear();
            for (byte[] p : parts) {
                answers.add(pool.submit(() -> submit(bank, SAFE, p, new ESMClass(0x40))));
                Thread.sleep(50);
            }
            for (Future<?> f : answers) {
                assertThat(f.get()).isNotNull();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(smsc.submits).extracting(SubmitSm::getDestAddress).containsExactly(SAFE, SAFE);
        assertThat(judgedTexts).hasSize(2).allSatisfy(t -> assertThat(t).endsWith("verifikasi Anda: 551204")
                .startsWith("Bank BCA:"));
        assertThat(journal).extracting(SmppEvent::decision).containsExactly(SmppEvent.Decision.BLOCKED,
                SmppEvent.Decision.ALLOWED);
        assertThat(journal.get(0).sms().concatTotal()).isEqualTo(2);
    }

    @Test
    void aLoneSegmentIsJudgedWhenItsSiblingsDoNotCome() throws Exception {
        SMPPSession bank = start(GateConfig.defaults(0).withTimers(100, Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofMillis(200), 256));
        long t0 = System.nanoTime();
        assertThat(submit(bank, SAFE, concatenated(9, 1, 3, "Halo"), new ESMClass(0x40))).isNotNull();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(gate.metrics().count("swapguard.gate.segments.released", "timeout", "")).isEqualTo(1);
    }

    @Test
    void everyRequestInFlightIsAnsweredWhenTheSmscGoesAway() throws Exception {
        SMPPSession bank = start();
        smsc.hold = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<SubmitSmResult>> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String to = "62811000001" + (10 + i);
                answers.add(pool.submit(() -> submit(bank, to, "Transfer " + to)));
            }
            await().until(() -> smscSide.pdus(0x00000004).size() == 5);
            smscSide.cut();
            for (Future<SubmitSmResult> f : answers) {
                assertThatThrownBy(f::get).cause().isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(SmppStatus.ESME_RSYSERR));
            }
        } finally {
            smsc.hold.countDown();
            pool.shutdownNow();
        }
        assertThat(gate.metrics().count("swapguard.gate.answered", "smsc-lost", "")).isEqualTo(5);
        // The ESME stays bound while the gate rebinds; then messages flow again.
        assertThat(bank.getSessionState()).isEqualTo(SessionState.BOUND_TRX);
        await().atMost(Duration.ofSeconds(10)).until(() -> smsc.boundAs.size() == 2);
        await().untilAsserted(() -> assertThat(submit(bank, SAFE, "Lagi").getMessageId()).isNotEmpty());
    }

    @Test
    void aReplaceSmThatPutsAnOtpOnAnAcceptedMessageIsJudgedAgainstItsDestination() throws Exception {
        SMPPSession bank = start();
        String id = submit(bank, SWAPPED, "Halo").getMessageId();
        // Benign text went through; the OTP it is replaced with would reach the swapped SIM.
        assertThatThrownBy(() -> bank.replaceShortMessage(id, TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN,
                "BCA", null, null, new RegisteredDelivery(0), (byte) 0,
                "Kode OTP Anda 551204".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(SmppStatus.ESME_RSUBMITFAIL));
        // Other text, and a message the gate never saw, go on to the SMSC.
        bank.replaceShortMessage(id, TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "BCA", null, null,
                new RegisteredDelivery(0), (byte) 0, "Halo lagi".getBytes(StandardCharsets.US_ASCII));
        bank.replaceShortMessage("ffff", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "BCA", null,
                null, new RegisteredDelivery(0), (byte) 0, "Kode OTP Anda 551204".getBytes(StandardCharsets.US_ASCII));
        assertThat(esmeSide.pdus(0x00000007)).hasSize(3);
        assertThat(smscSide.pdus(0x00000007)).hasSize(2);
        assertThat(gate.metrics().count("swapguard.gate.unjudged", "replace_sm", "")).isEqualTo(1);
        await().until(() -> journal.size() == 3);
        assertThat(journal.get(1).command()).isEqualTo(SmppEvent.Command.REPLACE_SM);
        assertThat(journal.get(1).decision()).isEqualTo(SmppEvent.Decision.BLOCKED);
        assertThat(journal.get(1).sms().destination().value()).isEqualTo(SWAPPED);
    }

    @Test
    void theSmscsOwnRefusalsAndThrottlingPassBackUnchanged() throws Exception {
        SMPPSession bank = start();
        smsc.submitStatus = SmppStatus.ESME_RTHROTTLED;
        assertThatThrownBy(() -> submit(bank, SAFE, "Transfer"))
                .isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(SmppStatus.ESME_RTHROTTLED));
    }

    @Test
    void whenTheDetectorCannotAnswerTheGateFailsClosedOrOpenAsConfigured() throws Exception {
        detectorDown = true;
        SMPPSession closed = start();
        assertThatThrownBy(() -> submit(closed, SAFE, "Kode OTP Anda 483920"))
                .isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(SmppStatus.ESME_RSYSERR));
        assertThat(smsc.submits).isEmpty();
        close();
        closing.clear();
        journal.clear();
        SMPPSession open = start(GateConfig.defaults(0).withFailOpen(true));
        assertThat(submit(open, SAFE, "Kode OTP Anda 483920").getMessageId()).isNotEmpty();
        await().until(() -> journal.size() == 1);
        assertThat(journal.get(0).decision()).isEqualTo(SmppEvent.Decision.FAILED_OPEN);
        assertThat(journal.get(0).reason()).contains("state store unavailable");
    }

    @Test
    void inMonitorModeAWouldBeBlockIsForwardedAndJournalledAsSuch() throws Exception {
        SMPPSession bank = start(GateConfig.defaults(0).withMonitor(false, Set.of("bank-bca")));
        assertThat(submit(bank, SWAPPED, "Kode OTP Anda 551204").getMessageId()).isNotEmpty();
        await().until(() -> journal.size() == 1);
        assertThat(journal.get(0).decision()).isEqualTo(SmppEvent.Decision.MONITORED);
        assertThat(journal.get(0).rule()).isEqualTo("simSwap");
        assertThat(journal.get(0).commandStatus()).isEqualTo(-1);
    }

    @Test
    void aRuleInMonitorModeBlocksNothingAndTheWouldBeBlockIsJournalled() throws Exception {
        simSwapMonitored = true;
        SMPPSession bank = start();
        assertThat(submit(bank, SWAPPED, "Kode OTP Anda 551204").getMessageId()).isNotEmpty();
        await().until(() -> journal.size() == 1 && smsc.submits.size() == 1);
        assertThat(journal.get(0).decision()).isEqualTo(SmppEvent.Decision.MONITORED);
        assertThat(journal.get(0).rule()).isEqualTo("simSwap");
        assertThat(journal.get(0).commandStatus()).isEqualTo(-1);
    }

    @Test
    void mappedCredentialsBindUpstreamAndABlockCanAnswerWithARulesOwnStatus() throws Exception {
        SMPPSession bank = start(GateConfig.defaults(0).withAccounts(
                Map.of("bank-bca", new GateConfig.Credentials("bca-upstream", "mapped1")),
                Map.of("simSwap", SmppStatus.ESME_RINVDSTADR)));
        assertThat(smsc.boundAs).containsExactly("bca-upstream");
        assertThatThrownBy(() -> submit(bank, SWAPPED, "Kode OTP Anda 551204"))
                .isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(SmppStatus.ESME_RINVDSTADR));
    }

    @Test
    void aBindTheSmscRefusesIsRefusedToTheEsmeWithTheSmscsStatus() throws Exception {
        start();
        SMPPSession wrong = new SMPPSession();
        assertThatThrownBy(() -> wrong.connectAndBind("127.0.0.1", esmeSide.port(), new BindParameter(
                BindType.BIND_TX, "bank-bca", "wrong", "OTP", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN,
                null), 5000)).hasRootCauseInstanceOf(NegativeResponseException.class).hasMessageContaining("0000000e");
    }

    /** A GSM 7-bit segment with an 8-bit-reference concatenation UDH (3GPP TS 23.040 9.2.3.24.1). */
    static byte[] concatenated(int ref, int part, int total, String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(6 + t.length);
        b.put(new byte[] {5, 0, 3, (byte) ref, (byte) total, (byte) part});
        b.put(t);
        return b.array();
    }

    static byte[] withoutSequence(byte[] pdu) {
        byte[] copy = Arrays.copyOf(pdu, pdu.length);
        Arrays.fill(copy, 12, 16, (byte) 0);
        return copy;
    }
}
