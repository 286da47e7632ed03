package io.swapguard.taps;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.SignalEvent;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.pcap.LinkType;
import io.swapguard.ss7.pcap.PcapWriter;
import io.swapguard.ss7.wire.SigtranLink;
import io.swapguard.testkit.SampleTraffic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture split into pieces (as dumpcap rotates, or an operator cuts a day into hours), read in
 * any order: the pieces are merged by capture time, and a flow that does step back in time (pieces
 * fed one by one in reverse) restarts its SCTP window instead of dropping the rest as too old.
 */
class CaptureOrderTest {

    private static final long T0 = 1_780_000_000_000_000_000L;
    /** Tours per piece: enough TSNs that one piece is past another's duplicate window (4,096). */
    private static final int TOURS = 160;

    @TempDir
    Path dir;

    private PcapWriter whole;
    private PcapWriter piece;
    private final List<Path> pieces = new ArrayList<>();
    private Path wholeFile;

    /** One association across the pieces (TSNs continue), each frame written to the whole file and its piece. */
    @BeforeEach
    void capture() throws Exception {
        wholeFile = dir.resolve("whole.pcap");
        whole = PcapWriter.create(wholeFile, LinkType.ETHERNET);
        SigtranLink link = SigtranLink.between((ts, lt, frame) -> {
            whole.write(ts, frame);
            piece.write(ts, frame);
        }, SigtranLink.Options.ethernet(), 1, 2);
        long t = T0;
        for (int p = 0; p < 3; p++) {
            Path f = dir.resolve("piece-" + p + ".pcap");
            pieces.add(f);
            piece = PcapWriter.create(f, LinkType.ETHERNET);
            for (int i = 0; i < TOURS; i++) {
                t = SampleTraffic.play(link, t + 10_000_000L, p * 1000L + i, 3, 0);
            }
            link.flush();
            piece.close();
        }
        whole.close();
    }

    private record Read(List<SignalEvent> events, DecodeCounters counters) {
    }

    private static Read merged(List<Path> files) {
        List<SignalEvent> events = new ArrayList<>();
        DecodeCounters counters = new DecodeCounters();
        ProbePipeline p = new ProbePipeline(ProbeSettings.defaults(), counters, events::add, null);
        List<PcapIngest.Result> results = new PcapIngest(p).ingest(files, "t");
        assertThat(results).allMatch(PcapIngest.Result::complete);
        return new Read(events, counters);
    }

    private static Read oneByOne(List<Path> files) {
        List<SignalEvent> events = new ArrayList<>();
        DecodeCounters counters = new DecodeCounters();
        ProbePipeline p = new ProbePipeline(ProbeSettings.defaults(), counters, events::add, null);
        for (Path f : files) {
            new PcapIngest(p).ingest(f, "t", 0, 0, n -> { });
        }
        return new Read(events, counters);
    }

    @Test
    void piecesInReverseGiveTheEventsOfTheWholeCapture() {
        Read expected = merged(List.of(wholeFile));
        assertThat(expected.events).hasSizeGreaterThan(3 * TOURS * 10);

        Read reversed = merged(List.of(pieces.get(2), pieces.get(0), pieces.get(1)));
        assertThat(reversed.events).isEqualTo(expected.events);
        assertThat(reversed.counters.ignored(Layer.SCTP, "tsn-outside-window")).isZero();
        assertThat(reversed.counters.decoded(Layer.PCAP)).isEqualTo(expected.counters.decoded(Layer.PCAP));
    }

    @Test
    void aFlowSteppingBackInTimeRestartsItsWindowInsteadOfDroppingEverything() {
        Read expected = oneByOne(List.of(wholeFile));
        // Before: everything after the first piece was outside the window and ignored.
        Read reversed = oneByOne(List.of(pieces.get(2), pieces.get(1), pieces.get(0)));
        assertThat(reversed.counters.ignored(Layer.SCTP, "tsn-outside-window")).isZero();
        assertThat(reversed.counters.ignored(Layer.SCTP, "window-reset-capture-time-back")).isEqualTo(2 * 2);
        assertThat(reversed.events).hasSameSizeAs(expected.events)
                .containsExactlyInAnyOrderElementsOf(expected.events);
    }

    @Test
    void thePieceGivenTwiceIsTheCaptureSteppingBackSoTheLedgerMustCatchIt() {
        // Decoding cannot tell a piece read twice from two captures: the ingestion ledger skips the repeat.
        Read twice = oneByOne(List.of(pieces.get(0), pieces.get(0)));
        Read once = oneByOne(List.of(pieces.get(0)));
        assertThat(twice.counters.ignored(Layer.SCTP, "window-reset-capture-time-back")).isEqualTo(2);
        assertThat(twice.events).hasSize(2 * once.events.size());
    }
}
