package io.swapguard.cli;

import io.swapguard.event.ProvisioningEvent;
import io.swapguard.sim.FraudKind;
import io.swapguard.sim.GroundTruth;
import io.swapguard.sim.HepStream;
import io.swapguard.sim.Simulator;
import io.swapguard.ss7.pcap.LinkType;
import io.swapguard.ss7.pcap.PcapWriter;
import io.swapguard.ss7.sctp.SctpDecoder;
import io.swapguard.ss7.wire.SigtranLink;
import io.swapguard.taps.bss.ProvisioningCsv;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Generates realistic SS7 and LTE Diameter signalling of a subscriber population with fraud",
            "injected at chosen times: a pcap (or a live HEPv3 stream of the SS7 part), the BSS provisioning records",
            "(CSV) and the ground truth of every attack (JSON lines). Same seed, same bytes. See docs/simulator.md."},
        footer = {"", "Fraud kinds: simSwap, simSwapOddRecord, deviceSwap, simAndDeviceSwap, ss7Interception,",
            "callForwardingTakeover, illegalMasking, lookalikeSender, category1Probing.",
            "Example: swapguard simulate --subscribers 10000 --duration 1d --fraud simSwap@6h:17 --out sim/"})
final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--subscribers", paramLabel = "N", defaultValue = "1000", description = "Population size. Default: ${DEFAULT-VALUE}.")
    int subscribers;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "6h", description = "Simulated time span. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--start", paramLabel = "TIME", defaultValue = "2026-11-29T00:00:00Z",
            description = "Simulated start (ISO-8601 UTC). Default: ${DEFAULT-VALUE}.")
    Instant start;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--warmup", paramLabel = "DURATION",
            description = "Everyone attaches once within this window first (default: a quarter of the span, at most 1h).")
    Duration warmup;

    @Option(names = "--lte-share", paramLabel = "FRACTION",
            description = "Share of subscribers with LTE phones (S6a attach, SMS over SGd, attacks over Diameter);"
                    + " 0 for a 2G/3G-only population. Default: 0.5, or 0 with --hep.")
    Double lteShare;

    @Option(names = "--fraud", paramLabel = "KIND@AT:SUBSCRIBER",
            description = "Inject an attack, e.g. simSwap@6h:17 (at 6h after the start, on subscriber 17). Repeatable.")
    List<String> frauds = new ArrayList<>();

    @Option(names = "--random-frauds", paramLabel = "N", defaultValue = "0",
            description = "Also inject N attacks of every kind in turn at random times and subscribers.")
    int randomFrauds;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
            description = "Output directory: signalling.pcap, provisioning.csv, ground-truth.jsonl.")
    Path out;

    @Option(names = "--bundle", paramLabel = "N", defaultValue = "2",
            description = "Up to N MAP messages per SCTP packet in one direction. Default: ${DEFAULT-VALUE}.")
    int bundle;

    @Option(names = "--retransmit-every", paramLabel = "N", defaultValue = "0",
            description = "Send every N-th SCTP packet twice (0: never).")
    int retransmitEvery;

    @Option(names = "--segment-above", paramLabel = "BYTES", defaultValue = "0",
            description = "Send TCAP messages longer than this as segmented XUDT of this size (0: UDT). Default: 0.")
    int segmentAbove;

    @Option(names = "--link-type", paramLabel = "TYPE", defaultValue = "ethernet",
            description = "pcap link type: ethernet, sll, sll2, raw. Default: ${DEFAULT-VALUE}.")
    String linkType;

    @Option(names = "--vlan", paramLabel = "ID", description = "Tag Ethernet frames with this VLAN id.")
    Integer vlan;

    @Option(names = "--side-links", paramLabel = "ADAPTATIONS", split = ",", defaultValue = "m2ua,sua",
            description = "More SS7 associations beside the M3UA one, each its own SCTP ports, with node pairs spread"
                    + " over all of them: m3ua, m2ua, sua, or none. Not with --hep (HEP carries M3UA)."
                    + " Default: ${DEFAULT-VALUE}.")
    List<String> sideLinks = new ArrayList<>();

    @Option(names = "--hep", paramLabel = "HOST:PORT", description = "Send a live HEPv3 stream instead of writing a pcap.")
    String hep;

    @Option(names = "--rate", paramLabel = "MSGS_PER_S", defaultValue = "0",
            description = "With --hep: MAP messages per second of wall time (0: as fast as possible).")
    int rate;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Show a progress bar on stderr (--no-progress to hide).")
    boolean progress;

    @Option(names = "--force", description = "Overwrite the simulation already in --out.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
        }
        for (String f : List.of("ground-truth.jsonl", "signalling.pcap", "provisioning.csv")) {
            if (!force && Files.exists(out.resolve(f))) {
                throw new IllegalArgumentException("--out " + out + " already holds a simulation (" + f
                        + "): give another folder, or --force to overwrite it");
            }
        }
        Files.createDirectories(out);
        Simulator.Settings base = Simulator.Settings.of(subscribers, seed, start, duration, List.of());
        Duration warm = warmup != null ? warmup : base.warmup();
        List<Simulator.Injection> injections = new ArrayList<>();
        for (String f : frauds) {
            injections.add(parseFraud(f));
        }
        Simulator.Settings withWarmup = new Simulator.Settings(subscribers, seed, start, duration, warm, base.home(),
                base.partners(), base.banks(), base.rates(), base.bankedShare(), List.of());
        if (randomFrauds > 0) {
            injections.addAll(randomInjections(withWarmup));
        }
        if (hep != null && lteShare != null && lteShare > 0) {
            throw new IllegalArgumentException("--hep streams the SS7 link only: --lte-share must be 0 with it"
                    + " (the LTE share's Diameter goes into a pcap)");
        }
        double lte = lteShare != null ? lteShare : hep != null ? 0 : 0.5;
        Simulator.Settings settings = new Simulator.Settings(subscribers, seed, start, duration, warm, base.home(),
                base.partners(), base.banks(), base.rates(), base.bankedShare(), injections, lte);

        PrintWriter err = spec.commandLine().getErr();
        Path pcapFile = out.resolve("signalling.pcap");
        long began = System.nanoTime();
        Simulator.Summary summary;
        long[] frames = new long[1];
        try (BufferedWriter csv = Files.newBufferedWriter(out.resolve("provisioning.csv"));
                BufferedWriter truth = Files.newBufferedWriter(out.resolve("ground-truth.jsonl"))) {
            ProvisioningCsv.writeHeader(csv);
            java.util.function.Consumer<ProvisioningEvent> bss = e -> {
                try {
                    ProvisioningCsv.write(e, csv);
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            };
            Progress bar = progress ? new Progress(err, began) : null;
            if (hep != null) {
                int colon = hep.lastIndexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("--hep must be HOST:PORT, got '" + hep + "'");
                }
                InetSocketAddress target = new InetSocketAddress(hep.substring(0, colon),
                        Integer.parseInt(hep.substring(colon + 1)));
                try (HepStream stream = new HepStream(target, rate, 1, "swapguard-sim")) {
                    SigtranLink link = SigtranLink.m3uaOnly(stream, SigtranLink.Endpoint.of("10.10.0.1", 2905, 1001),
                            SigtranLink.Endpoint.of("10.10.0.2", 2905, 2002));
                    summary = new Simulator(settings, link, bss, t -> GroundTruth.write(t, truth))
                            .segmentAbove(segmentAbove).run(bar == null ? null : bar::report);
                    frames[0] = stream.sent();
                }
            } else {
                int lt = switch (linkType) {
                    case "ethernet" -> LinkType.ETHERNET;
                    case "sll" -> LinkType.LINUX_SLL;
                    case "sll2" -> LinkType.LINUX_SLL2;
                    case "raw" -> LinkType.RAW;
                    default -> throw new IllegalArgumentException("--link-type must be ethernet, sll, sll2 or raw");
                };
                SigtranLink.Options options = SigtranLink.Options.ethernet().withLinkType(lt).withBundle(Math.max(1, bundle))
                        .withRetransmitEvery(retransmitEvery);
                if (vlan != null) {
                    options = options.withVlans(vlan);
                }
                options = options.withSideLinks(sideLinkPpids());
                try (PcapWriter w = PcapWriter.create(pcapFile, lt)) {
                    SigtranLink link = new SigtranLink((ts, t, f) -> {
                        w.write(ts, f);
                        frames[0]++;
                    }, options, SigtranLink.Endpoint.of("10.10.0.1", 2905, 1001),
                            SigtranLink.Endpoint.of("10.10.0.2", 2905, 2002));
                    summary = new Simulator(settings, link, bss, t -> GroundTruth.write(t, truth))
                            .segmentAbove(segmentAbove).run(bar == null ? null : bar::report);
                }
            }
            if (bar != null) {
                bar.done();
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        PrintWriter o = spec.commandLine().getOut();
        o.printf("simulated %,d subscribers over %s from %s (seed %d)%n", summary.subscribers(), duration, start, seed);
        o.printf("%,d activities, %,d MAP and %,d Diameter messages in %,d %s, %,d provisioning records, %d attacks%n",
                summary.activities(), summary.mapMessages(), summary.diameterMessages(), frames[0],
                hep != null ? "HEP datagrams" : "frames", summary.provisioningRecords(), summary.frauds());
        o.printf("generated in %.1f s: %,.0f messages/s%n", seconds,
                (summary.mapMessages() + summary.diameterMessages()) / seconds);
        o.printf("output: %s%n", hep != null ? "HEP to " + hep : pcapFile);
        o.printf("        %s%n        %s%n", out.resolve("provisioning.csv"), out.resolve("ground-truth.jsonl"));
        o.flush();
        return ExitCode.OK;
    }

    private int[] sideLinkPpids() {
        if (sideLinks.size() == 1 && sideLinks.get(0).equals("none")) {
            return new int[0];
        }
        return sideLinks.stream().mapToInt(a -> switch (a) {
            case "m3ua" -> SctpDecoder.PPID_M3UA;
            case "m2ua" -> SctpDecoder.PPID_M2UA;
            case "sua" -> SctpDecoder.PPID_SUA;
            default -> throw new IllegalArgumentException("--side-links: '" + a + "' is not m3ua, m2ua, sua or none");
        }).toArray();
    }

    private List<Simulator.Injection> randomInjections(Simulator.Settings s) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
        List<Simulator.Injection> list = new ArrayList<>();
        FraudKind[] kinds = FraudKind.values();
        long span = s.duration().minus(s.warmup()).toMillis();
        for (int k = 0; k < randomFrauds; k++) {
            list.add(new Simulator.Injection(kinds[k % kinds.length],
                    s.warmup().plusMillis((long) (r.nextDouble() * span * 0.95)), r.nextInt(s.subscribers())));
        }
        return list;
    }

    static Simulator.Injection parseFraud(String spec) {
        int at = spec.indexOf('@');
        int colon = spec.lastIndexOf(':');
        if (at < 0 || colon < at) {
            throw new IllegalArgumentException("--fraud must be KIND@AT:SUBSCRIBER (e.g. simSwap@6h:17), got '" + spec + "'");
        }
        FraudKind kind = FraudKind.parse(spec.substring(0, at));
        Duration when = io.swapguard.config.DurationSetting.parse(spec.substring(at + 1, colon));
        int subscriber;
        try {
            subscriber = Integer.parseInt(spec.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--fraud " + spec + ": subscriber must be a number");
        }
        return new Simulator.Injection(kind, when, subscriber);
    }

    /** A one-line progress bar on stderr. */
    static final class Progress {
        private final PrintWriter err;
        private final long began;

        Progress(PrintWriter err, long began) {
            this.err = err;
            this.began = began;
        }

        void report(long done, long total, long messages) {
            double f = total == 0 ? 1 : (double) done / total;
            int bars = (int) (f * 30);
            double elapsed = (System.nanoTime() - began) / 1e9;
            double eta = f > 0 ? elapsed / f - elapsed : 0;
            err.printf("\rsimulate [%s%s] %3.0f%%  %,d MAP msgs  %,.0f/s  ETA %.0fs   ", "#".repeat(bars),
                    "-".repeat(30 - bars), f * 100, messages, messages / Math.max(elapsed, 1e-3), eta);
            err.flush();
        }

        void done() {
            err.println();
            err.flush();
        }
    }
}
