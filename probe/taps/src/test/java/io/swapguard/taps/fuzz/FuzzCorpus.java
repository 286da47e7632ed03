package io.swapguard.taps.fuzz;

import io.swapguard.ss7.hep.HepEncoder;
import io.swapguard.ss7.pcap.LinkType;
import io.swapguard.ss7.sctp.SctpDecoder;
import io.swapguard.ss7.wire.SigtranLink;
import io.swapguard.testkit.SampleTraffic;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the fuzz targets' seed corpus from {@link SampleTraffic} (seeded, so the corpus is
 * reproducible): {@code mvn -pl probe/taps exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.swapguard.taps.fuzz.FuzzCorpus}.
 */
public final class FuzzCorpus {

    private FuzzCorpus() {
    }

    public static void main(String[] args) throws IOException {
        Path base = Path.of(args.length > 0 ? args[0] : "probe/src/test/resources/io/swapguard/probe/fuzz/ProbeFuzzTestInputs");
        Path frames = Files.createDirectories(base.resolve("frameToMapEvents"));
        Path hep = Files.createDirectories(base.resolve("hepDatagram"));
        int[] linkTypes = {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.RAW, LinkType.IPV4,
            LinkType.IPV6};
        SigtranLink.Options[] options = {SigtranLink.Options.ethernet().withVlans(7),
            SigtranLink.Options.ethernet().withLinkType(LinkType.LINUX_SLL).withBundle(3),
            SigtranLink.Options.ethernet().withLinkType(LinkType.LINUX_SLL2).withMaxDataChunk(80),
            SigtranLink.Options.ethernet().withLinkType(LinkType.RAW),
            SigtranLink.Options.ethernet().withLinkType(LinkType.IPV4),
            SigtranLink.Options.ethernet().withLinkType(LinkType.IPV6).withIpv6(true)};
        for (int k = 0; k < options.length; k++) {
            List<byte[]> out = new ArrayList<>();
            int selector = k;
            SigtranLink link = SigtranLink.between((ts, lt, f) -> {
                byte[] seed = new byte[f.length + 1];
                seed[0] = (byte) selector;
                System.arraycopy(f, 0, seed, 1, f.length);
                out.add(seed);
            }, options[k], 1, 2);
            SampleTraffic.play(link, 1_780_000_000_000_000_000L, 11 + k, k % 2 == 0 ? 3 : 2, k == 4 ? 60 : 0);
            // A handful per variant keeps the corpus small and varied.
            for (int i = 0; i < out.size(); i += Math.max(1, out.size() / 6)) {
                Files.write(frames.resolve(String.format("lt%d-%03d", linkTypes[k], i)), out.get(i));
            }
        }
        // M2UA and SUA links (ethernet, selector 0; one DATA chunk per packet, so the message is at a fixed offset).
        Path adaptations = Files.createDirectories(base.resolve("sigtranAdaptation"));
        int[] ppids = {SctpDecoder.PPID_M2UA, SctpDecoder.PPID_SUA};
        for (int ppid : ppids) {
            String name = ppid == SctpDecoder.PPID_M2UA ? "m2ua" : "sua";
            List<byte[]> out = new ArrayList<>();
            List<byte[]> messages = new ArrayList<>();
            SigtranLink link = SigtranLink.between((ts, lt, f) -> {
                byte[] seed = new byte[f.length + 1];
                System.arraycopy(f, 0, seed, 1, f.length);
                out.add(seed);
                messages.add(java.util.Arrays.copyOfRange(f, 14 + 20 + 12 + 16, f.length));
            }, SigtranLink.Options.ethernet().withAdaptation(ppid), 1, 2);
            SampleTraffic.play(link, 1_780_000_000_000_000_000L, 21 + ppid, 3, ppid == SctpDecoder.PPID_M2UA ? 60 : 0);
            for (int i = 0; i < out.size(); i += Math.max(1, out.size() / 6)) {
                Files.write(frames.resolve(String.format("%s-%03d", name, i)), out.get(i));
                byte[] m = messages.get(i);
                byte[] seed = new byte[m.length + 1];
                seed[0] = (byte) (ppid == SctpDecoder.PPID_M2UA ? 0 : 1);
                System.arraycopy(m, 0, seed, 1, m.length);
                Files.write(adaptations.resolve(String.format("%s-%03d", name, i)), seed);
            }
        }
        InetAddress a = InetAddress.getByName("10.0.0.1");
        InetAddress b = InetAddress.getByName("10.0.0.2");
        List<byte[]> m3ua = new ArrayList<>();
        SigtranLink link = SigtranLink.between((ts, lt, f) -> m3ua.add(java.util.Arrays.copyOfRange(f, 14 + 20 + 12 + 16,
                f.length)), SigtranLink.Options.ethernet(), 1, 2);
        SampleTraffic.play(link, 1_780_000_000_000_000_000L, 5, 3, 0);
        for (int i = 0; i < m3ua.size(); i += 8) {
            Files.write(hep.resolve(String.format("hep-%03d", i)),
                    HepEncoder.m3ua(1_780_000_000_000_000_000L, a, b, 2905, 2905, 7, "fuzz", m3ua.get(i)));
        }
    }
}
