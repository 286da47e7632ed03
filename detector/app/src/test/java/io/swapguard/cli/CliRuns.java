package io.swapguard.cli;

/** The command line for tests in other packages. */
public final class CliRuns {

    private CliRuns() {
    }

    public record Result(int exitCode, String out, String err) {
    }

    /** An event as one line of text, as the CLI prints it (for comparing decodings). */
    public static String eventLine(io.swapguard.event.SignalEvent e) {
        return EventText.line(e);
    }

    /**
     * Writes the demo's traffic (its population and attacks, starting at {@code start}) into
     * {@code dir} as signalling.pcap, provisioning.csv and ground-truth.jsonl, and its banks as a
     * sender registry in senders.yaml beside them; returns the registry.
     */
    public static java.nio.file.Path demoTraffic(java.nio.file.Path dir, java.time.Instant start)
            throws java.io.IOException {
        io.swapguard.sim.Simulator.Settings s = DemoCommand.simulate(dir, start, 0);
        return DemoCommand.writeRegistry(dir.resolveSibling("senders.yaml"), s.banks());
    }

    public static Result run(String... args) {
        CliRun r = CliRun.of(args);
        return new Result(r.exitCode(), r.out(), r.err());
    }
}
