package io.swapguard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.cli.CliRuns;
import io.swapguard.event.MapEvent;
import io.swapguard.event.SignalEvent;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.taps.HepServer;
import io.swapguard.taps.ProbePipeline;
import io.swapguard.taps.ProbeSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator as a live HEPv3 source, received by the probe's HEP server over loopback UDP. */
class SimulatorHepTest {

    @Test
    void streamsHepAtTheRequestedRateToTheProbe(@TempDir Path dir) throws Exception {
        List<SignalEvent> events = Collections.synchronizedList(new ArrayList<>());
        DecodeCounters counters = new DecodeCounters();
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), counters, events::add, null);
        CliRuns.Result run;
        try (HepServer server = HepServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), pipeline,
                null)) {
            run = CliRuns.run("simulate", "--subscribers", "40", "--duration", "1h", "--seed", "3", "--fraud",
                    "ss7Interception@30m:4", "--hep", "127.0.0.1:" + server.localAddress().getPort(), "--rate", "4000",
                    "--out", dir.toString(), "--no-progress");
            assertThat(run.exitCode()).as(run.err()).isZero();
            Matcher m = Pattern.compile("([\\d,]+) HEP datagrams").matcher(run.out());
            assertThat(m.find()).as(run.out()).isTrue();
            long sent = Long.parseLong(m.group(1).replace(",", ""));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (counters.decoded(Layer.HEP) < sent && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(counters.decoded(Layer.HEP)).as("datagrams received on loopback").isEqualTo(sent);
        }
        assertThat(counters.snapshot(true)).isEmpty();
        assertThat(events).isNotEmpty();
        MapEvent first = (MapEvent) events.get(0);
        assertThat(first.tapId()).isEqualTo("hep:swapguard-sim");
        // The attack arrived, from its foreign GT, with the simulated capture time.
        assertThat(events.stream().map(MapEvent.class::cast)
                .filter(e -> e.opCode() == 2 && !e.calling().gtDigits().startsWith("62")).count()).isEqualTo(1);
    }
}
