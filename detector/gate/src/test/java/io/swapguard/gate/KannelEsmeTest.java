package io.swapguard.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swapguard.event.SmppEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jsmpp.bean.SubmitSm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kannel (Debian's {@code kannel}: bearerbox and smsbox) as a real ESME: a bank's application
 * posts to Kannel's sendsms interface, Kannel submits over SMPP through the gate to a jsmpp SMSC.
 * The OTP to the swapped number never reaches the SMSC; the others do, as Kannel encoded them.
 */
class KannelEsmeTest {

    static final String SWAPPED = "6281100000042";

    @Test
    void kannelsSubmissionsAreJudgedLikeAnyEsmes(@TempDir Path dir) throws Exception {
        List<SmppEvent> journal = new CopyOnWriteArrayList<>();
        SubmissionJudge judge = s -> s.destination().value().equals(SWAPPED) && s.text() != null
                && s.text().contains("OTP") ? new SubmissionJudge.Verdict(false, "simSwap", "swapped 5 min ago")
                        : SubmissionJudge.Verdict.NOTHING_AGAINST;
        int admin = freePort();
        int smsbox = freePort();
        int sendsms = freePort();
        List<Process> boxes = new ArrayList<>();
        try (JsmppSmsc smsc = new JsmppSmsc();
                SmppGate gate = new SmppGate(GateConfig.defaults(smsc.port()), judge, journal::add,
                        new SimpleMeterRegistry(), 1)) {
            Path conf = Files.writeString(dir.resolve("kannel.conf"), """
                    group = core
                    admin-port = %d
                    admin-password = admin
                    smsbox-port = %d
                    admin-allow-ip = 127.0.0.1
                    box-allow-ip = 127.0.0.1
                    log-file = "%s/bearerbox.log"
                    log-level = 1
                    store-type = spool
                    store-location = "%s/spool"

                    group = smsc
                    smsc = smpp
                    smsc-id = gate
                    host = 127.0.0.1
                    port = %d
                    transceiver-mode = true
                    smsc-username = kannel-bca
                    smsc-password = secret
                    system-type = ""
                    source-addr-ton = 5
                    source-addr-npi = 0
                    dest-addr-ton = 1
                    dest-addr-npi = 1
                    reconnect-delay = 1

                    group = smsbox
                    bearerbox-host = 127.0.0.1
                    sendsms-port = %d
                    log-file = "%s/smsbox.log"
                    log-level = 1

                    group = sendsms-user
                    username = bank
                    password = bankpw
                    """.formatted(admin, smsbox, dir, dir, gate.port(), sendsms, dir));
            Files.createDirectories(dir.resolve("spool"));
            boxes.add(new ProcessBuilder("bearerbox", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("bearerbox.out").toFile()).start());
            await().atMost(Duration.ofSeconds(30)).until(() -> smsc.boundAs.contains("kannel-bca"));
            boxes.add(new ProcessBuilder("smsbox", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("smsbox.out").toFile()).start());
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> send(http, sendsms, "6281100000043", "Kode OTP Anda 483920").statusCode() == 202);
            assertThat(send(http, sendsms, SWAPPED, "Kode OTP Anda 551204").statusCode()).isEqualTo(202);
            assertThat(send(http, sendsms, SWAPPED, "Terima kasih telah bertransaksi").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> journal.size() >= 3);
            Thread.sleep(500);
            assertThat(smsc.submits).extracting(SubmitSm::getDestAddress).containsExactlyInAnyOrder("6281100000043",
                    SWAPPED);
            assertThat(smsc.submits).extracting(s -> new String(s.getShortMessage(), StandardCharsets.ISO_8859_1))
                    .containsExactlyInAnyOrder("Kode OTP Anda 483920", "Terima kasih telah bertransaksi");
            assertThat(journal).filteredOn(e -> e.decision() == SmppEvent.Decision.BLOCKED)
                    .singleElement().satisfies(e -> {
                        assertThat(e.account()).isEqualTo("kannel-bca");
                        assertThat(e.sms().originator().value()).isEqualTo("BCA");
                        assertThat(e.sms().text()).isEqualTo("Kode OTP Anda 551204");
                    });
        } finally {
            for (Process p : boxes) {
                p.destroy();
            }
            for (Process p : boxes) {
                p.waitFor();
            }
        }
    }

    static HttpResponse<String> send(HttpClient http, int port, String to, String text) throws Exception {
        String q = "username=bank&password=bankpw&from=BCA&to=" + to + "&text="
                + URLEncoder.encode(text, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cgi-bin/sendsms?" + q))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
