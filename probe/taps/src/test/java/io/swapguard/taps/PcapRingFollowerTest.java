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

    /**
     * A journal in memory for the follower: events in order (index = position), and a sink that
     * dies after a given number of appends (a kill inside a file).
     */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed() {
            super("killed");
        }
    }

    static final class Out {
        final List<SignalEvent> events = new ArrayList<>();
        long dieAfter = Long.MAX_VALUE;
        final DecodeCounters counters = new DecodeCounters();
        final ResumingSink resume = new ResumingSink(e -> {
            if (events.size() >= dieAfter) {
                throw new Killed(); // an Error: the pipeline keeps going on exceptions, as on bad input
            }
            events.add(e);
        }, 0);
        final PcapIngest ingest = new PcapIngest(new ProbePipeline(ProbeSettings.defaults(), counters, resume, null));
        final PcapRingFollower.Journalled journal = new PcapRingFollower.Journalled() {
            @Override
            public long lastIndex() {
                return events.size() - 1;
            }

            @Override
            public long fromTapAfter(long index, String tap) {
                return events.subList((int) (index + 1), events.size()).stream().filter(e -> e.tapId().equals(tap))
                        .count();
            }
        };

        PcapRingFollower follower(Path ring, Path state, Duration settle, Clock clock) {
            return new PcapRingFollower(ring, "*.pcap", state, ingest, resume, journal, "ring", settle, clock);
        }
    }

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

        Out out = new Out();
        List<SignalEvent> events = out.events;
        PcapRingFollower follower = out.follower(dir.resolve("ring"), state, Duration.ofSeconds(30), now);
        List<PcapIngest.Result> first = follower.poll();
        assertThat(first).extracting(r -> r.file().getFileName().toString())
                .containsExactly(a.getFileName().toString(), b.getFileName().toString());
        assertThat(events).hasSize(eventsIn(a) + eventsIn(b));

        // Restart: a new follower with the same state file does not repeat a or b.
        Out restarted = new Out();
        List<SignalEvent> after = restarted.events;
        Clock later = Clock.fixed(t0.plusSeconds(200), ZoneOffset.UTC); // c has settled
        PcapRingFollower again = restarted.follower(dir.resolve("ring"), state, Duration.ofSeconds(30), later);
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
    void killedInsideAFileItResumesWithNoEventTwiceAndNoneLost() throws Exception {
        Instant t0 = Instant.parse("2026-11-29T06:00:00Z");
        ringFile("cap_1.pcap", 1, t0);
        ringFile("cap_2.pcap", 2, t0.plusSeconds(60));
        ringFile("cap_3.pcap", 3, t0.plusSeconds(120));
        Clock now = Clock.fixed(t0.plusSeconds(600), ZoneOffset.UTC);
        Out straight = new Out();
        straight.follower(dir.resolve("ring"), dir.resolve("straight.done"), Duration.ZERO, now).poll();
        int inFirst = eventsIn(dir.resolve("ring").resolve("cap_1.pcap"));
        assertThat(straight.events).hasSizeGreaterThan(inFirst + 20);

        // A probe dies 17 events into the second file (the appends before it are in the journal).
        Path state = dir.resolve("killed.done");
        Out killed = new Out();
        killed.dieAfter = inFirst + 17;
        PcapRingFollower dying = killed.follower(dir.resolve("ring"), state, Duration.ZERO, now);
        org.assertj.core.api.Assertions.assertThatThrownBy(dying::poll).hasMessage("killed");
        assertThat(Files.readString(state)).contains("done\tcap_1.pcap").contains("open\tcap_2.pcap");

        // The restarted probe has a fresh pipeline and the journal as the dead one left it.
        Out restarted = new Out();
        restarted.events.addAll(killed.events);
        restarted.follower(dir.resolve("ring"), state, Duration.ZERO, now).poll();
        assertThat(restarted.events).isEqualTo(straight.events);
    }

    @Test
    void aNameTheRingUsesAgainForNewContentIsANewFile() throws Exception {
        // tcpdump -W rotates through a fixed set of names.
        Instant t0 = Instant.parse("2026-11-29T06:00:00Z");
        Path a = ringFile("cap0.pcap", 1, t0);
        Path state = dir.resolve("state.done");
        Clock now = Clock.fixed(t0.plusSeconds(600), ZoneOffset.UTC);
        Out out = new Out();
        assertThat(out.follower(a.getParent(), state, Duration.ZERO, now).poll()).hasSize(1);
        assertThat(out.follower(a.getParent(), state, Duration.ZERO, now).poll()).as("the same file again").isEmpty();
        ringFile("cap0.pcap", 7, t0.plusSeconds(60));
        List<PcapIngest.Result> again = out.follower(a.getParent(), state, Duration.ZERO,
                Clock.fixed(t0.plusSeconds(900), ZoneOffset.UTC)).poll();
        assertThat(again).hasSize(1);
        assertThat(out.events).hasSize(eventsIn(a) * 2);
    }

    @Test
    void aStateFileOfTheOlderFormatResumesAtItsFrameCheckpoint() throws Exception {
        Path a = ringFile("cap_1.pcap", 1, Instant.parse("2026-11-29T06:00:00Z"));
        Path b = ringFile("cap_2.pcap", 2, Instant.parse("2026-11-29T06:01:00Z"));
        Path state = dir.resolve("state.done");
        // Written by a version that kept frames only: a done, 10 frames of b.
        Files.writeString(state, a.getFileName() + "\t-1\n" + b.getFileName() + "\t10\n");
        Out out = new Out();
        PcapIngest.Result r = out.follower(a.getParent(), state, Duration.ZERO, Clock.systemUTC()).poll().get(0);
        assertThat(r.file()).isEqualTo(b);
        assertThat(out.counters.decoded(Layer.PCAP)).isEqualTo(r.frames() - 10);
        assertThat(Files.readString(state)).contains("done\tcap_2.pcap\t");
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
