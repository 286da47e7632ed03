package io.swapguard.sim.bench;

import io.swapguard.engine.Detector;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.EventRecord;
import io.swapguard.event.MapEvent;
import io.swapguard.event.ProvisioningEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Correlation on one core: the simulator's background traffic for {@value #SUBSCRIBERS}
 * subscribers over a day (about {@value #EVENTS_ESTIMATE} events), decoded once in setup, applied
 * to a fresh subscriber store per invocation. The baseline is the state access alone: per event,
 * read the subscriber's state from the same store, decode it, encode it and write it back.
 *
 * <pre>
 * mvn -B -q -pl detector -am test-compile
 * mvn -B -q -pl detector exec:exec@jmh -Djmh.args="DetectorBenchmark -prof gc"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DetectorBenchmark {

    static final int SUBSCRIBERS = 5_000;
    static final int EVENTS_ESTIMATE = 200_000;
    /** Events per invocation: every benchmark method handles exactly this many. */
    static final int EVENTS = 150_000;

    private List<EventRecord> records;
    private long[] keys;
    private DetectorConfig config;
    private SenderRegistry registry;
    private SubscriberStore store;
    private SubscriberStore populated;

    @Setup(Level.Trial)
    public void simulate() {
        List<EventRecord> all = SimulatedJournal.records(SUBSCRIBERS, Duration.ofDays(1), 7);
        if (all.size() < EVENTS) {
            throw new IllegalStateException("only " + all.size() + " events simulated");
        }
        records = all.subList(0, EVENTS);
        config = new DetectorConfig(null, null, SUBSCRIBERS * 2, null, "", null, null, null, null, null, null);
        registry = io.swapguard.engine.TestSenders.shipped();
        // The baseline's keys: the subscriber each event is about, once the population is known.
        populated = SubscriberStore.inMemory(SUBSCRIBERS * 2);
        Detector d = new Detector(config, populated, registry);
        records.forEach(d::apply);
        keys = new long[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            keys[i] = subscriberOf(records.get(i));
        }
    }

    private long subscriberOf(EventRecord r) {
        if (r.event() instanceof ProvisioningEvent p) {
            return Long.parseLong(p.msisdn().digits());
        }
        MapEvent e = (MapEvent) r.event();
        if (e.msisdn() != null) {
            return Long.parseLong(e.msisdn().digits());
        }
        return e.imsi() == null ? 0 : populated.msisdnOf(Long.parseLong(e.imsi().digits()));
    }

    @Setup(Level.Invocation)
    public void freshStore() {
        store = SubscriberStore.inMemory(SUBSCRIBERS * 2);
    }

    @TearDown(Level.Invocation)
    public void closeStore() {
        store.close();
    }

    @TearDown(Level.Trial)
    public void closePopulated() {
        populated.close();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void correlate(Blackhole bh) {
        Detector d = new Detector(config, store, registry);
        for (EventRecord r : records) {
            bh.consume(d.apply(r));
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void stateAccessOnly(Blackhole bh) {
        for (long key : keys) {
            SubscriberState s = key == 0 ? null : populated.get(key);
            if (s != null) {
                populated.put(s);
            }
            bh.consume(s);
        }
    }
}
