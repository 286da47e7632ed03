package io.swapguard.taps;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.SignalEvent;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.pcap.CaptureRecord;
import io.swapguard.ss7.pcap.LinkType;
import io.swapguard.ss7.pcap.PcapReader;
import io.swapguard.ss7.wire.SigtranLink;
import io.swapguard.testkit.SampleTraffic;
import io.swapguard.testkit.Tshark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineTest {

    @Test
    void malformedFramesAreKeptWithTheirReasonAndTheRestIsDecoded(@TempDir Path dir) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        SigtranLink link = SigtranLink.between((ts, lt, f) -> {
            frames.add(f);
            times.add(ts);
        }, SigtranLink.Options.ethernet(), 1, 2);
        SampleTraffic.play(link, 1_780_000_000_000_000_000L, 3, 3, 0);
        // Damage three frames in three different layers.
        byte[] badM3ua = frames.get(0).clone();
        badM3ua[14 + 20 + 12 + 16] = 7; // M3UA version
        byte[] badSccp = frames.get(2).clone();
        badSccp[14 + 20 + 12 + 16 + 8 + 8 + 16] = (byte) 0xEE; // SCCP message type
        byte[] shortIp = java.util.Arrays.copyOf(frames.get(4), 30);
        frames.set(0, badM3ua);
        frames.set(2, badSccp);
        frames.set(4, shortIp);

        Path file = dir.resolve("quarantine.pcapng");
        Quarantine quarantine = new Quarantine(file, 1 << 20);
        DecodeCounters counters = new DecodeCounters();
        List<SignalEvent> events = new ArrayList<>();
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), counters, events::add, quarantine);
        for (int i = 0; i < frames.size(); i++) {
            pipeline.frame("t", times.get(i), LinkType.ETHERNET, frames.get(i), 0, frames.get(i).length);
        }
        quarantine.close();

        Map<String, Long> rejected = counters.snapshot(true);
        assertThat(rejected).containsEntry("m3ua/bad-version", 1L).containsEntry("sccp/unknown-message-type", 1L)
                .containsEntry("ip/truncated", 1L);
        assertThat(quarantine.kept()).isEqualTo(3);
        assertThat(events).isNotEmpty();

        // The quarantine is a capture tshark opens, with the reason on each packet.
        try (PcapReader r = PcapReader.open(file)) {
            CaptureRecord rec = new CaptureRecord();
            int n = 0;
            while (r.next(rec)) {
                n++;
            }
            assertThat(n).isEqualTo(3);
        }
        String comments = Tshark.run(List.of("tshark", "-r", file.toString(), "-T", "fields", "-e", "frame.comment"));
        assertThat(comments.lines().toList()).containsExactly("m3ua/bad-version", "sccp/unknown-message-type",
                "ip/truncated");
    }
}
