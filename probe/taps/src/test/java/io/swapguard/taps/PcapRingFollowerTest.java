package io.swapguard.taps;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.SignalEvent;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.pcap.LinkType;
import io.swapguard.ss7.pcap.PcapWriter;
import io.swapguard.ss7.wire.SigtranLink;
import io.swapguard.testkit.SampleTraffic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapRingFollowerTest {

    @TempDir
    Path dir;

    private int eventsIn(Path file) throws Exception {
        List<SignalEvent> events = new ArrayList<>();
        ProbePipeline p = new ProbePipeline(ProbeSettings.defaults(), new DecodeCounters(), events::add, null);
        new PcapIngest(p).ingest(file, "t", 0, 0, n -> { });
        return events.size();
    }

    // One link across the files, as a ring rotates under a live association (TSNs continue).
    private PcapWriter current;
    private final SigtranLink link = SigtranLink.between((ts, lt, frame) -> current.write(ts, frame),
            SigtranLink.Options.ethernet(), 1, 2);

    private Path ringFile(String name, long seed, Instant modified) throws Exception {
        Path f = dir.resolve("ring").resolve(name);
        Files.createDirectories(f.getParent());
        try (PcapWriter w = PcapWriter.create(f, LinkType.ETHERNET)) {
            current = w;
            SampleTraffic.play(link, 1_780_000_000_000_000_000L + seed * 1_000_000_000_000L, seed, 3, 0);
        }
        Files.setLastModifiedTime(f, FileTime.from(modified));
        return f;
    }

    @Test
    void ingestsClosedFilesInOrderOnceAcrossRestarts() throws Exception {
        Instant t0 = Instant.parse("2026-11-29T06:00:00Z");
        Path a = ringFile("ss7_00001_20261129060000.pcap", 1, t0);
        Path b = ringFile("ss7_00002_20261129060100.pcap", 2, t0.plusSeconds(60));
        Path c = ringFile("ss7_00003_20261129060200.pcap", 3, t0.plusSeconds(120));
        Files.writeString(dir.resolve("ring").resolve("notes.txt"), "not a capture");
        Path state = dir.resolve("state").resolve("ring.done");
        Clock now = Clock.fixed(t0.plusSeconds(125), ZoneOffset.UTC); // c was written 5 s ago: still open

        List<SignalEvent> events = new ArrayList<>();
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), new DecodeCounters(), events::add, null);
        PcapRingFollower follower = new PcapRingFollower(dir.resolve("ring"), "*.pcap", state, new PcapIngest(pipeline),
                "ring", Duration.ofSeconds(30), now, 5);
        List<PcapIngest.Result> first = follower.poll();
        assertThat(first).extracting(r -> r.file().getFileName().toString())
                .containsExactly(a.getFileName().toString(), b.getFileName().toString());
        assertThat(events).hasSize(eventsIn(a) + eventsIn(b));

        // Restart: a new follower with the same state file does not repeat a or b.
        List<SignalEvent> after = new ArrayList<>();
        ProbePipeline restarted = new ProbePipeline(ProbeSettings.defaults(), new DecodeCounters(), after::add, null);
        Clock later = Clock.fixed(t0.plusSeconds(200), ZoneOffset.UTC); // c has settled
        PcapRingFollower again = new PcapRingFollower(dir.resolve("ring"), "*.pcap", state, new PcapIngest(restarted),
                "ring", Duration.ofSeconds(30), later, 5);
        assertThat(again.poll()).extracting(r -> r.file().getFileName().toString())
                .containsExactly(c.getFileName().toString());
        assertThat(after).hasSize(eventsIn(c));
        assertThat(again.poll()).isEmpty();

        // The ring deletes a: the state forgets it.
        Files.delete(a);
        again.poll();
        assertThat(Files.readString(state)).doesNotContain(a.getFileName().toString())
                .contains(b.getFileName().toString());
    }

    @Test
    void resumesInsideAFileFromItsLastCheckpoint() throws Exception {
        Path a = ringFile("cap_1.pcap", 1, Instant.parse("2026-11-29T06:00:00Z"));
        Path state = dir.resolve("state.done");
        // A previous run stopped after 10 frames of a.
        Files.writeString(state, a.getFileName() + "\t10\n");
        List<SignalEvent> events = new ArrayList<>();
        DecodeCounters counters = new DecodeCounters();
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), counters, events::add, null);
        PcapRingFollower follower = new PcapRingFollower(a.getParent(), "*.pcap", state, new PcapIngest(pipeline), "r",
                Duration.ZERO, Clock.systemUTC(), 1000);
        PcapIngest.Result r = follower.poll().get(0);
        assertThat(counters.decoded(Layer.PCAP)).isEqualTo(r.frames() - 10);
    }

    @Test
    void aDamagedFileIsReadUpToTheDamageAndReported() throws Exception {
        Path a = ringFile("cut.pcap", 1, Instant.parse("2026-11-29T06:00:00Z"));
        byte[] all = Files.readAllBytes(a);
        Files.write(a, java.util.Arrays.copyOf(all, all.length / 2));
        DecodeCounters counters = new DecodeCounters();
        List<SignalEvent> events = new ArrayList<>();
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), counters, events::add, null);
        PcapIngest.Result r = new PcapIngest(pipeline).ingest(a, "t", 0, 0, n -> { });
        assertThat(r.complete()).isFalse();
        assertThat(r.problem()).contains("truncated capture");
        assertThat(events).isNotEmpty();
        assertThat(counters.rejected(Layer.PCAP, "damaged-file")).isEqualTo(1);
    }
}
