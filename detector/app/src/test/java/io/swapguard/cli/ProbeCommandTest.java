package io.swapguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapguard.ss7.pcap.LinkType;
import io.swapguard.ss7.pcap.PcapWriter;
import io.swapguard.ss7.wire.SigtranLink;
import io.swapguard.testkit.SampleTraffic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeCommandTest {

    @TempDir
    Path dir;

    /** Sample traffic as a pcap, with one frame's M3UA version broken. */
    private Path capture(String name, long seed) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        SigtranLink link = SigtranLink.between((ts, lt, f) -> {
            frames.add(f);
            times.add(ts);
        }, SigtranLink.Options.ethernet(), 1, 2);
        SampleTraffic.play(link, 1_780_000_000_000_000_000L + seed * 10_000_000_000_000L, seed, 3, 0);
        frames.get(1)[14 + 20 + 12 + 16] = 9; // M3UA version 9
        Path file = dir.resolve(name);
        try (PcapWriter w = PcapWriter.create(file, LinkType.ETHERNET)) {
            for (int i = 0; i < frames.size(); i++) {
                w.write(times.get(i), frames.get(i));
            }
        }
        return file;
    }

    @Test
    void ingestsCaptureFilesIntoTheJournalAndReportsByLayer() throws Exception {
        Path pcap = capture("a.pcap", 1);
        Path journal = dir.resolve("journal");
        Path quarantine = dir.resolve("q.pcapng");
        CliRun run = CliRun.of("probe", "--pcap", pcap.toString(), "--journal", journal.toString(), "--quarantine",
                quarantine.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(run.out());
        assertThat(s.get("files").asInt()).isEqualTo(1);
        assertThat(s.get("frames").asLong()).isPositive();
        assertThat(s.get("rejected").get("m3ua/bad-version").asLong()).isEqualTo(1);
        assertThat(s.get("quarantined").asLong()).isEqualTo(1);
        assertThat(s.get("byKind").get("map updateLocation invoke").asLong()).isEqualTo(1);
        long events = s.get("events").asLong();

        // What the probe says it wrote is what the journal holds.
        CliRun stats = CliRun.of("journal", "stats", "--journal", journal.toString(), "--json");
        assertThat(new ObjectMapper().readTree(stats.out()).get("records").asLong()).isEqualTo(events);

        CliRun human = CliRun.of("probe", "--pcap", pcap.toString(), "--journal", journal.toString(), "--force");
        assertThat(human.out()).contains("rejected as malformed (layer/reason)").contains("m3ua/bad-version")
                .contains("events by kind");
    }

    @Test
    void ingestsACaptureRingOnceAcrossRuns() throws Exception {
        Path ring = Files.createDirectories(dir.resolve("ring"));
        Path a = capture("ring/r1.pcap", 1);
        Path journal = dir.resolve("journal");
        CliRun first = CliRun.of("probe", "--pcap-dir", ring.toString(), "--journal", journal.toString(), "--json");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(new ObjectMapper().readTree(first.out()).get("files").asInt()).isEqualTo(1);
        capture("ring/r2.pcap", 2);
        CliRun second = CliRun.of("probe", "--pcap-dir", ring.toString(), "--journal", journal.toString(), "--json");
        JsonNode s = new ObjectMapper().readTree(second.out());
        assertThat(s.get("files").asInt()).as("only the new file").isEqualTo(1);
        Path state;
        try (var files = Files.list(journal.resolve("probe-state"))) {
            state = files.filter(f -> f.getFileName().toString().startsWith("ring-")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(state)).contains(a.getFileName().toString()).contains("r2.pcap");

        // A fresh journal beside it takes the whole ring; so does another ring of the same folder name.
        CliRun fresh = CliRun.of("probe", "--pcap-dir", ring.toString(), "--journal", dir.resolve("journal-2").toString(),
                "--json");
        assertThat(new ObjectMapper().readTree(fresh.out()).get("files").asInt()).as("a fresh journal").isEqualTo(2);
        Path otherRing = Files.createDirectories(dir.resolve("elsewhere").resolve("ring"));
        Files.copy(a, otherRing.resolve("r1.pcap"));
        CliRun other = CliRun.of("probe", "--pcap-dir", otherRing.toString(), "--journal", journal.toString(), "--json");
        assertThat(new ObjectMapper().readTree(other.out()).get("files").asInt()).as("another ring named ring")
                .isEqualTo(1);
    }

    @Test
    void runFollowsTheConfiguredCaptureRing() throws Exception {
        Path ring = Files.createDirectories(dir.resolve("ring"));
        capture("ring/r1.pcap", 1);
        Path config = dir.resolve("swapguard.yaml");
        Files.writeString(config, """
                journal:
                  directory: %s
                logging:
                  level: WARN
                probe:
                  tap: stp-7
                  pcapDir:
                    path: %s
                    settle: 0s
                    poll: 50ms
                  quarantine:
                    file: %s
                metrics:
                  port: 0
                """.formatted(dir.resolve("j"), ring, dir.resolve("q.pcapng")));
        CliRun run = CliRun.of("run", "--config", config.toString(), "--duration", "2s", "--status-interval", "200ms");
        assertThat(run.exitCode()).as(run.err()).isZero();
        CliRun tail = CliRun.of("journal", "tail", "--journal", dir.resolve("j").toString(), "--json", "-n", "1");
        assertThat(new ObjectMapper().readTree(tail.out()).get("tap").asText()).isEqualTo("stp-7");
        assertThat(Files.size(dir.resolve("q.pcapng"))).isPositive();
    }

    @Test
    void aFollowingProbeServesMetricsUnlessToldNot() throws Exception {
        Path ring = Files.createDirectories(dir.resolve("metrics-ring"));
        capture("metrics-ring/r1.pcap", 1);
        String[] args = {"probe", "--journal", dir.resolve("metrics-journal").toString(), "--pcap-dir", ring.toString(),
                "--follow", "--duration", "1s", "--metrics-port", "0"};
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).containsPattern("metrics: http://127\\.0\\.0\\.1:\\d+/metrics");
        args[args.length - 1] = "-1";
        CliRun off = CliRun.of(args);
        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(off.err()).doesNotContain("metrics:");
    }

    @Test
    void aHepAddressThatCannotBeUsedIsOneClearLine() throws Exception {
        CliRun unresolved = CliRun.of("probe", "--hep-port", "0", "--hep-bind", "no-such-host.invalid", "--duration",
                "1s", "--metrics-port", "-1", "--journal", dir.resolve("hep-j1").toString());
        assertThat(unresolved.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(unresolved.err()).contains("cannot listen for HEP on udp no-such-host.invalid:0")
                .contains("does not resolve").doesNotContain("Exception");
        try (java.net.DatagramSocket taken = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            CliRun busy = CliRun.of("probe", "--hep-port", Integer.toString(taken.getLocalPort()), "--hep-bind",
                    "127.0.0.1", "--duration", "1s", "--metrics-port", "-1", "--journal", dir.resolve("hep-j2").toString());
            assertThat(busy.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(busy.err()).contains("cannot listen for HEP on udp").contains(":" + taken.getLocalPort())
                    .containsIgnoringCase("in use");
        }
    }

    @Test
    void simulateRefusesToOverwriteAnEarlierRunUnlessForced() {
        String out = dir.resolve("sim-once").toString();
        String[] args = {"simulate", "--subscribers", "5", "--duration", "1h", "--out", out, "--no-progress"};
        assertThat(CliRun.of(args).exitCode()).isZero();
        CliRun again = CliRun.of(args);
        assertThat(again.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(again.err()).contains(out).contains("already holds a simulation").contains("--force");
        String[] forced = java.util.Arrays.copyOf(args, args.length + 1);
        forced[args.length] = "--force";
        assertThat(CliRun.of(forced).exitCode()).isZero();
    }

    @Test
    void aFileThatIsNotACaptureIsAFailureNotASilentZero() throws Exception {
        Path notPcap = Files.writeString(dir.resolve("notes.txt"), "these are not frames\n");
        Path good = capture("good.pcap", 4);
        CliRun run = CliRun.of("probe", "--pcap", good.toString(), notPcap.toString(), "--journal",
                dir.resolve("mixed-journal").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("not a pcap or pcapng file").contains("1 of 2 capture file(s) could not be read");
        assertThat(run.out()).as("the readable file is journalled and accounted").contains("events appended to journal");
    }

    @Test
    void sayWhatIsMissing() {
        CliRun none = CliRun.of("probe", "--journal", dir.toString());
        assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err()).contains("nothing to do");
        CliRun missing = CliRun.of("probe", "--pcap", dir.resolve("nope.pcap").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("no capture file");
        CliRun followWithoutDir = CliRun.of("probe", "--pcap", dir.toString(), "--follow");
        assertThat(followWithoutDir.exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void journalsProvisioningRecordsAndReportsBadLines() throws Exception {
        Path csv = dir.resolve("bss.csv");
        Files.writeString(csv, """
                time,kind,msisdn,imsi,previous_imsi,imei,channel,reference
                2026-11-29T08:12:00Z,simReplacement,6281100000017,510100000000017,510109000000017,,store-JKT-017,ORD-1
                2026-11-29T09:00:00Z,activation,6281100000018,510100000000018,,,store-BDG-002,ORD-2
                yesterday,activation,6281100000019,510100000000019,,,store,ORD-3
                2026-11-29T09:30:00Z,portOut,62811000000x9,,,,web,ORD-4
                """);
        Path journal = dir.resolve("journal");
        CliRun run = CliRun.of("probe", "--provisioning-csv", csv.toString(), "--journal", journal.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("bss.csv:4: column time: time 'yesterday' is not ISO-8601")
                .contains("bss.csv:5: column msisdn: MSISDN must be decimal digits");
        JsonNode s = new ObjectMapper().readTree(run.out());
        assertThat(s.get("rejected").get("pcap/bad-provisioning-record").asLong()).isEqualTo(2);
        assertThat(s.get("byKind").get("provisioning simReplacement").asLong()).isEqualTo(1);
        CliRun tail = CliRun.of("journal", "tail", "--journal", journal.toString(), "--json", "--unmask");
        JsonNode first = new ObjectMapper().readTree(tail.out().lines().findFirst().orElseThrow());
        assertThat(first.get("kind").asText()).isEqualTo("simReplacement");
        assertThat(first.get("imsi").asText()).isEqualTo("510100000000017");
        assertThat(first.get("previousImsi").asText()).isEqualTo("510109000000017");
        assertThat(first.get("channel").asText()).isEqualTo("store-JKT-017");
        assertThat(first.get("captureTime").asText()).isEqualTo("2026-11-29T08:12:00Z");
        assertThat(first.get("tap").asText()).isEqualTo("bss-csv");
    }

    @Test
    void readsABssExportInTheLayoutTheConfigDescribes() throws Exception {
        Path config = Files.writeString(dir.resolve("swapguard.yaml"), """
                probe:
                  provisioningLayout:
                    delimiter: ";"
                    timeFormat: "dd/MM/yyyy HH:mm:ss"
                    timeZone: Asia/Jakarta
                    columns: {time: TGL, kind: JENIS, msisdn: NOMOR, imsi: IMSI_BARU, previousImsi: IMSI_LAMA,
                              channel: KANAL}
                    kinds: {"GANTI KARTU": simReplacement}
                """);
        Path csv = Files.writeString(dir.resolve("export.csv"), """
                NOMOR;JENIS;KANAL;IMSI_LAMA;IMSI_BARU;TGL
                6281100000017;Ganti Kartu;gerai-JKT;510100000000017;510109000000017;29/11/2026 15:12:00
                6281100000018;GANTI KARTU;gerai-JKT;510100000000018;510109000000018;29/13/2026 15:12:00
                6281100000019;GANTI KARTU;app-selfcare;510100000000019;510109000000019;29/11/2026 16:00:00
                6281100000020;GANTI KARTU;Call-Center 3;510100000000020;510109000000020;29/11/2026 16:00:00
                """);
        Path journal = dir.resolve("journal-layout");
        CliRun run = CliRun.of("probe", "--config", config.toString(), "--provisioning-csv", csv.toString(), "--journal",
                journal.toString(), "--json", "--max-loss", "0.5");
        assertThat(run.err()).doesNotContain("gerai-JKT=");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("export.csv:3: column TGL: time '29/13/2026 15:12:00' is not in the format");
        // Stores and call centres in the export's own spelling are trusted by default; self-care is not, and said.
        assertThat(run.err()).contains("SIM replacements from channels that match no trusted channel"
                + " (detector.rules.simSwap.trustedChannels), each an alert as a SIM swap: {app-selfcare=1}");
        CliRun tail = CliRun.of("journal", "tail", "--journal", journal.toString(), "--json", "--unmask");
        JsonNode first = new ObjectMapper().readTree(tail.out().lines().findFirst().orElseThrow());
        assertThat(first.get("kind").asText()).isEqualTo("simReplacement");
        assertThat(first.get("previousImsi").asText()).isEqualTo("510100000000017");
        assertThat(first.get("captureTime").asText()).isEqualTo("2026-11-29T08:12:00Z");
    }
}
