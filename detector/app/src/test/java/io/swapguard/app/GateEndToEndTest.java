package io.swapguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.config.ConfigLoader;
import io.swapguard.config.SwapguardConfig;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.ComponentType;
import io.swapguard.event.EventTime;
import io.swapguard.event.GlobalTitle;
import io.swapguard.event.Imsi;
import io.swapguard.event.MapEvent;
import io.swapguard.event.MapOperation;
import io.swapguard.event.Msisdn;
import io.swapguard.event.SccpAddress;
import io.swapguard.event.TcapMessageType;
import io.swapguard.sim.Bank;
import io.swapguard.sim.HomeNetwork;
import io.swapguard.sim.SmppTraffic;
import io.swapguard.sim.smpp.BankEsmes;
import io.swapguard.sim.smpp.SimulatedSmsc;
import io.swapguard.taps.JournalSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole inline path in one swapguard: a SIM swap seen in MAP signalling, then a bank's OTP
 * to that number submitted over SMPP by a jsmpp ESME through the gate to a jsmpp SMSC. The OTP
 * is stopped with the configured status, other traffic goes through, and the journalled SMPP
 * events give the detector's alerts: the stopped OTP and a registered sender from the wrong account.
 */
class GateEndToEndTest {

    static final String MSISDN = "6281100000042";
    static final String HLR = "6281100001";
    static final String VLR = "6281100101";

    /** swapguard with the gate in front of {@code smscPort}, after a SIM swap of {@link #MSISDN} five minutes ago. */
    static Swapguard startAfterSwap(Path dir, String senders, int smscPort, String gateExtra,
            List<AlertEvent> alerts) throws Exception {
        Files.writeString(dir.resolve("senders.yaml"), senders);
        Path configFile = Files.writeString(dir.resolve("swapguard.yaml"), String.join("\n",
                "journal: {directory: " + dir + "/journal}",
                "logging: {level: WARN}",
                "detector: {stateDirectory: " + dir + "/state, alertsJournal: " + dir + "/alerts, alertsFile: '',"
                        + " senderRegistry: " + dir + "/senders.yaml}",
                "metrics: {enabled: false}",
                "api: {enabled: false}",
                "gate: {enabled: true, port: 0, smscPort: " + smscPort + gateExtra + "}", ""));
        SwapguardConfig config = new ConfigLoader(Map.of()).load(configFile);
        Swapguard app = Swapguard.start(config, Clock.systemUTC(), alerts::add);
        // The HLR moved the number to a new SIM five minutes ago, with no store record.
        Instant now = Instant.now();
        JournalSink sink = new JournalSink(app.journal());
        sink.accept(isd(now.minus(Duration.ofDays(30)), "510100000000042"));
        sink.accept(isd(now.minus(Duration.ofMinutes(5)), "510109000000042"));
        assertThat(app.detector().awaitApplied(sink.lastIndex(), 5_000)).isTrue();
        sink.close();
        return app;
    }

    @Test
    void anOtpToAFreshlySwappedNumberIsStoppedAtTheGateAndAlerted(@TempDir Path dir) throws Exception {
        List<AlertEvent> alerts = new CopyOnWriteArrayList<>();
        try (SimulatedSmsc smsc = new SimulatedSmsc();
                Swapguard app = startAfterSwap(dir, """
                        senders:
                          - id: BCA
                            owner: Bank Central Asia
                            smscGts: ["6281100900"]
                            esmeAccounts: [bca-otp]
                        """, smsc.port(), ", blockStatusByRule: {illegalMasking: ESME_RINVSRCADR}", alerts)) {
                SMPPSession bank = new SMPPSession();
                bank.connectAndBind("127.0.0.1", app.gate().port(), new BindParameter(BindType.BIND_TRX, "bca-otp",
                        "secret", "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5000);
                try {
                    // The bank writes the number nationally, as Indonesian banks do.
                    assertThatThrownBy(() -> submit(bank, "BCA", TypeOfNumber.NATIONAL, "081100000042",
                            "BCA: Kode OTP Anda 551204. JANGAN berikan kode ini kepada siapa pun."))
                            .isInstanceOfSatisfying(NegativeResponseException.class,
                                    e -> assertThat(e.getCommandStatus()).isEqualTo(0x45));
                    assertThat(submit(bank, "BCA", TypeOfNumber.INTERNATIONAL, "6281100000043",
                            "BCA: Kode OTP Anda 551204.").getMessageId()).isNotEmpty();
                    assertThat(submit(bank, "BCA", TypeOfNumber.INTERNATIONAL, MSISDN, "Transfer Rp 50.000 berhasil")
                            .getMessageId()).isNotEmpty();
                } finally {
                    bank.unbindAndClose();
                }
                SMPPSession bulk = new SMPPSession();
                bulk.connectAndBind("127.0.0.1", app.gate().port(), new BindParameter(BindType.BIND_TX, "cheap-bulk",
                        "secret", "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5000);
                try {
                    assertThatThrownBy(() -> submit(bulk, "BCA", TypeOfNumber.INTERNATIONAL, "6281100000044",
                            "Akun BCA Anda diblokir, klik tautan"))
                            .isInstanceOfSatisfying(NegativeResponseException.class,
                                    e -> assertThat(e.getCommandStatus()).isEqualTo(0x0A));
                } finally {
                    bulk.unbindAndClose();
                }
                assertThat(smsc.received()).extracting(SimulatedSmsc.Received::destination)
                        .containsExactly("6281100000043", MSISDN);

                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (alerts.stream().map(AlertEvent::rule).filter(r -> r.equals("otpWatch")
                        || r.equals("illegalMasking")).count() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(alerts).extracting(AlertEvent::rule).contains("simSwap", "otpWatch", "illegalMasking");
                AlertEvent stopped = alerts.stream().filter(a -> a.rule().equals("otpWatch")).findFirst().orElseThrow();
                assertThat(stopped.title()).contains("stopped for").contains("min after a SIM swap");
                assertThat(stopped.evidence().get(1).text()).contains("bca-otp").contains("blocked by simSwap");
                AlertEvent masked = alerts.stream().filter(a -> a.rule().equals("illegalMasking")).findFirst()
                        .orElseThrow();
                assertThat(masked.title()).contains("cheap-bulk");
                assertThat(app.meters().registry().scrape()).contains("swapguard_gate_decisions_total{decision=\"blocked\",rule=\"simSwap\"} 1.0");
        }
    }

    @Test
    void simulatedBankTrafficGetsTheVerdictsItsGroundTruthSays(@TempDir Path dir) throws Exception {
        List<Bank> banks = Bank.defaults(HomeNetwork.defaults());
        StringBuilder registry = new StringBuilder("senders:\n");
        for (Bank b : banks) {
            registry.append("  - id: ").append(b.senderId()).append("\n    owner: ").append(b.name())
                    .append("\n    esmeAccounts: [").append(b.esmeAccount()).append("]\n");
        }
        try (SimulatedSmsc smsc = new SimulatedSmsc();
                Swapguard app = startAfterSwap(dir, registry.toString(), smsc.port(), "", new ArrayList<>())) {
                List<String> others = IntStream.range(0, 50).mapToObj(i -> "62811000" + (10000 + i)).toList();
                List<SmppTraffic.Submission> traffic = SmppTraffic.of(banks, others, Map.of(MSISDN, "simSwap"), 7, 60);
                List<BankEsmes.Outcome> outcomes = BankEsmes.submit("127.0.0.1", app.gate().port(), traffic);
                assertThat(outcomes).allSatisfy(o -> assertThat(o.asExpected())
                        .as("%s %s from %s to %s: %s", o.submission().kind(), o.submission().sender(),
                                o.submission().account(), o.submission().destination(), o.statuses()).isTrue());
                long segmentsThrough = outcomes.stream().filter(o -> !o.submission().block())
                        .mapToLong(o -> o.submission().segments().size()).sum();
                assertThat(smsc.received()).hasSize((int) segmentsThrough);
                // Three to the victim (short, long GSM 7-bit, long UCS2), masking, a lookalike, a confusable.
                assertThat(outcomes.stream().filter(o -> o.submission().block()).count()).isEqualTo(6);
        }
    }

    static MapEvent isd(Instant at, String imsi) {
        return MapEvent.builder().captureNanos(EventTime.nanos(at)).tapId("test").tcapType(TcapMessageType.BEGIN)
                .component(ComponentType.INVOKE).operation(MapOperation.INSERT_SUBSCRIBER_DATA).invokeId(1)
                .calling(SccpAddress.gt(GlobalTitle.e164(HLR), SccpAddress.SSN_HLR))
                .called(SccpAddress.gt(GlobalTitle.e164(VLR), SccpAddress.SSN_VLR))
                .msisdn(new Msisdn(MSISDN)).imsi(new Imsi(imsi)).build();
    }

    static SubmitSmResult submit(SMPPSession s, String from, TypeOfNumber ton, String to, String text)
            throws Exception {
        return s.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, from, ton,
                NumberingPlanIndicator.ISDN, to, new ESMClass(), (byte) 0, (byte) 1, null, null,
                new RegisteredDelivery(0), (byte) 0, new GeneralDataCoding(Alphabet.ALPHA_DEFAULT), (byte) 0,
                text.getBytes(StandardCharsets.US_ASCII));
    }
}
