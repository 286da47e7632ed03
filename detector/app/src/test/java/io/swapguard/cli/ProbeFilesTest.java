package io.swapguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapguard.ss7.pcap.CaptureRecord;
import io.swapguard.ss7.pcap.PcapReader;
import io.swapguard.ss7.pcap.PcapWriter;
import io.swapguard.ss7.sctp.SctpDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe --pcap} as an operator runs it on files: a file given again is skipped (by its
 * content, under any name), pieces of a capture give the journal of the whole in any order, and
 * a large loss is a warning and a failure, not a quiet "ignored" count.
 */
class ProbeFilesTest {

    @TempDir
    static Path dir;
    static Path whole;

    @BeforeAll
    static void simulate() {
        CliRun s = CliRun.of("simulate", "--subscribers", "400", "--duration", "1d", "--seed", "5", "--out",
                dir.resolve("sim").toString(), "--no-progress");
        assertThat(s.exitCode()).as(s.err()).isZero();
        whole = dir.resolve("sim").resolve("signalling.pcap");
    }

    private static JsonNode probe(int exit, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("probe", "--json"));
        all.addAll(List.of(args));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exit);
        JsonNode s = new ObjectMapper().readTree(run.out());
        ((com.fasterxml.jackson.databind.node.ObjectNode) s).put("err", run.err());
        return s;
    }

    private static long records(Path journal) throws Exception {
        CliRun stats = CliRun.of("journal", "stats", "--journal", journal.toString(), "--json");
        return new ObjectMapper().readTree(stats.out()).get("records").asLong();
    }

    @Test
    void aFileGivenAgainIsSkippedUnderAnyNameAndForceIngestsItAgain() throws Exception {
        Path journal = dir.resolve("j-again");
        long events = probe(0, "--pcap", whole.toString(), "--journal", journal.toString()).get("events").asLong();
        assertThat(events).isPositive();

        Path copy = Files.copy(whole, dir.resolve("renamed-copy.pcap"));
        JsonNode again = probe(0, "--pcap", whole.toString(), copy.toString(), "--journal", journal.toString());
        assertThat(again.get("events").asLong()).isZero();
        assertThat(again.get("skippedFiles").asInt()).isEqualTo(2);
        assertThat(again.get("err").asText()).contains("skipping " + whole + ": this journal already has it")
                .contains("skipping " + copy + ": this journal already has it (ingested")
                .contains("as " + whole).contains("--force");
        assertThat(records(journal)).isEqualTo(events);

        JsonNode forced = probe(0, "--pcap", whole.toString(), "--journal", journal.toString(), "--force");
        assertThat(forced.get("events").asLong()).isEqualTo(events);
        assertThat(records(journal)).isEqualTo(2 * events);
    }

    @Test
    void piecesOfACaptureInAnyOrderGiveTheJournalOfTheWholeCapture() throws Exception {
        List<Path> pieces = split(whole, 4);
        Path straight = dir.resolve("j-whole");
        probe(0, "--pcap", whole.toString(), "--journal", straight.toString());
        Path reversed = dir.resolve("j-reversed");
        JsonNode r = probe(0, "--pcap", pieces.get(3).toString(), pieces.get(2).toString(), pieces.get(0).toString(),
                pieces.get(1).toString(), "--journal", reversed.toString());
        assertThat(r.get("files").asInt()).isEqualTo(4);
        assertThat(r.get("lost").asLong()).isZero();
        assertThat(SwapguardProcess.firstDifference(straight, reversed)).isNull();
    }

    @Test
    void aLargeLossIsAWarningAndExitCodeOne() throws Exception {
        // After the first 50 frames, every DATA chunk's TSN is set far back: the association's
        // window cannot place them, so the probe must drop them as it does today, but loudly.
        Path damaged = dir.resolve("tsn-jump.pcap");
        int moved = 0;
        try (PcapReader in = PcapReader.open(whole); PcapWriter out = PcapWriter.create(damaged, 1)) {
            CaptureRecord r = new CaptureRecord();
            for (int n = 0; in.next(r); n++) {
                byte[] f = java.util.Arrays.copyOf(r.data(), r.length());
                int sctp = 14 + 20;
                if (n >= 50 && f.length > sctp + 28 && f[sctp + 12] == 0) { // first chunk DATA
                    long tsn = ((f[sctp + 16] & 0xFFL) << 24) | ((f[sctp + 17] & 0xFF) << 16)
                            | ((f[sctp + 18] & 0xFF) << 8) | (f[sctp + 19] & 0xFF);
                    tsn = (tsn - 1_000_000) & 0xFFFFFFFFL;
                    f[sctp + 16] = (byte) (tsn >> 24);
                    f[sctp + 17] = (byte) (tsn >> 16);
                    f[sctp + 18] = (byte) (tsn >> 8);
                    f[sctp + 19] = (byte) tsn;
                    SctpDecoder.writeChecksum(f, sctp, f.length - sctp);
                    moved++;
                }
                out.write(r.timestampNanos(), f);
            }
        }
        assertThat(moved).isGreaterThan(1000);
        JsonNode s = probe(1, "--pcap", damaged.toString(), "--journal", dir.resolve("j-loss").toString());
        assertThat(s.get("lost").asLong()).isGreaterThan(1000);
        assertThat(s.get("err").asText()).contains("message(s) lost to capture order or decoder limits")
                .contains("sctp/tsn-outside-window").contains("more than --max-loss 1.00%");
        // Told how much loss is acceptable, the same input passes (the warning stays).
        JsonNode tolerated = probe(0, "--pcap", damaged.toString(), "--journal", dir.resolve("j-loss2").toString(),
                "--max-loss", "1");
        assertThat(tolerated.get("err").asText()).contains("lost to capture order");
    }

    /** The capture cut into {@code n} pieces by frame count, as a ring or an operator cuts it. */
    private static List<Path> split(Path capture, int n) throws Exception {
        return split(capture, n, dir);
    }

    /** The same, written into {@code into} as {@code piece-N.pcap}. */
    static List<Path> split(Path capture, int n, Path into) throws Exception {
        long frames = 0;
        try (PcapReader in = PcapReader.open(capture)) {
            for (CaptureRecord r = new CaptureRecord(); in.next(r); ) {
                frames++;
            }
        }
        long per = (frames + n - 1) / n;
        List<Path> pieces = new ArrayList<>();
        PcapWriter w = null;
        try (PcapReader in = PcapReader.open(capture)) {
            CaptureRecord r = new CaptureRecord();
            for (long i = 0; in.next(r); i++) {
                if (i % per == 0) {
                    if (w != null) {
                        w.close();
                    }
                    Path f = into.resolve("piece-" + pieces.size() + ".pcap");
                    pieces.add(f);
                    w = PcapWriter.create(f, r.linkType());
                }
                w.write(r.timestampNanos(), r.data(), 0, r.length());
            }
        } finally {
            if (w != null) {
                w.close();
            }
        }
        return pieces;
    }
}
