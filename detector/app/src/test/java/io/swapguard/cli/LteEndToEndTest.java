package io.swapguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapguard.diameter.AvpCode;
import io.swapguard.diameter.DiameterWriter;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.DiameterCommand;
import io.swapguard.ss7.frame.FrameEncoder;
import io.swapguard.ss7.pcap.LinkType;
import io.swapguard.ss7.pcap.PcapWriter;
import io.swapguard.ss7.sctp.SctpDecoder;
import io.swapguard.ss7.sctp.SctpPacketBuilder;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LTE end to end through the commands an operator runs: a capture of S6a (an attach at home, then
 * the same number behind a new SIM with a new handset) through {@code swapguard probe} into the
 * journal, and {@code swapguard detect} raising the SIM swap and the device swap from it.
 */
class LteEndToEndTest {

    static final String REALM = "epc.mnc010.mcc510.3gppnetwork.org";
    static final String MME = "mme1." + REALM;
    static final String MSISDN = "6281100000077";

    @TempDir
    Path dir;

    long hbh = 1;
    long tsn = 1;
    long t = 1_790_000_000_000_000_000L;

    void attach(PcapWriter w, String imsi, String imei) throws Exception {
        for (int cmd : new int[] {318, 316}) {
            DiameterWriter req = DiameterWriter.request(cmd, DiameterCommand.APP_S6A, hbh, hbh)
                    .base(AvpCode.SESSION_ID, MME + ";" + hbh).base(AvpCode.ORIGIN_HOST, MME)
                    .base(AvpCode.ORIGIN_REALM, REALM).base(AvpCode.DESTINATION_REALM, REALM)
                    .base(AvpCode.USER_NAME, imsi).vendor(AvpCode.VISITED_PLMN_ID, DiameterWriter.plmnId("51010"));
            DiameterWriter ans = DiameterWriter.answer(cmd, DiameterCommand.APP_S6A, hbh, hbh)
                    .base(AvpCode.SESSION_ID, MME + ";" + hbh).base(AvpCode.RESULT_CODE, 2001)
                    .base(AvpCode.ORIGIN_HOST, "hss1." + REALM).base(AvpCode.ORIGIN_REALM, REALM);
            if (cmd == 316) {
                req.vendorGroup(AvpCode.TERMINAL_INFORMATION, g -> g.vendor(AvpCode.IMEI, imei));
                ans.vendorGroup(AvpCode.SUBSCRIPTION_DATA, g -> g.vendor(AvpCode.MSISDN, DiameterWriter.tbcd(MSISDN)));
            }
            hbh++;
            send(w, req.toBytes(), true);
            send(w, ans.toBytes(), false);
        }
    }

    void send(PcapWriter w, byte[] m, boolean request) throws Exception {
        InetAddress mme = InetAddress.getByName("10.1.0.1");
        InetAddress hss = InetAddress.getByName("10.1.0.2");
        byte[] sctp = new SctpPacketBuilder(request ? 3868 : 3869, request ? 3869 : 3868, 9)
                .data(tsn++, 0, 0, SctpDecoder.PPID_DIAMETER, m).build();
        w.write(t += 2_000_000_000L, FrameEncoder.encode(LinkType.ETHERNET, null, request ? mme : hss,
                request ? hss : mme, 132, sctp, 0, sctp.length, 1));
    }

    @Test
    void aSimSwapOnLteIsJournalledAndAlerted() throws Exception {
        Path pcap = dir.resolve("s6a.pcap");
        try (PcapWriter w = PcapWriter.create(pcap, LinkType.ETHERNET)) {
            attach(w, "510100000000077", "35332509123456");
            t += 3_600_000_000_000L; // an hour later: a new SIM and a new handset behind the number
            attach(w, "510109900000077", "86753109654321");
        }
        Path journal = dir.resolve("journal");
        CliRun probe = CliRun.of("probe", "--pcap", pcap.toString(), "--journal", journal.toString(), "--json");
        assertThat(probe.exitCode()).as(probe.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(probe.out());
        assertThat(s.get("byKind").get("diameter ULR").asLong()).isEqualTo(2);
        assertThat(s.get("byKind").get("diameter ULA").asLong()).isEqualTo(2);
        assertThat(s.get("byKind").get("diameter AIA").asLong()).isEqualTo(2);

        CliRun tail = CliRun.of("journal", "tail", "--journal", journal.toString(), "--json", "-n", "8");
        assertThat(tail.out()).contains("\"type\":\"diameter\"").contains("\"command\":\"ULA\"")
                .contains("\"destinationHost\":\"" + MME + "\"");

        Path alerts = dir.resolve("alerts");
        CliRun detect = CliRun.of("detect", "--journal", journal.toString(), "--state", dir.resolve("state").toString(),
                "--alerts", alerts.toString(), "--alerts-file", dir.resolve("alerts.jsonl").toString());
        assertThat(detect.exitCode()).as(detect.err()).isZero();
        List<AlertEvent> raised = SwapguardProcess.alerts(alerts);
        assertThat(raised).extracting(AlertEvent::rule).containsExactlyInAnyOrder("simSwap", "deviceSwap");
        AlertEvent swap = raised.stream().filter(a -> a.rule().equals("simSwap")).findFirst().orElseThrow();
        assertThat(swap.msisdn().digits()).isEqualTo(MSISDN);
        assertThat(swap.evidence()).extracting(AlertEvent.Evidence::text)
                .anyMatch(e -> e.contains("ULA (Subscription-Data) from hss1." + REALM));
    }
}
