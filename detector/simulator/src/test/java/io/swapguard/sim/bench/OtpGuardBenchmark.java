package io.swapguard.sim.bench;

import io.swapguard.engine.Detector;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.otp.OtpGuard;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.EventRecord;
import io.swapguard.event.Msisdn;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The verdict the inline SMPP gate asks for every SMS: classify the text, look the recipient up,
 * apply the policy. The population is a day of simulated traffic; recipients cycle through it.
 * The baseline is the state lookup alone.
 *
 * <pre>
 * mvn -B -q -pl detector exec:exec@jmh -Djmh.args="OtpGuardBenchmark -prof gc"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OtpGuardBenchmark {

    static final String OTP = "Kode OTP Anda 483920. JANGAN BERIKAN kode ini kepada siapapun.";
    static final String NOTICE = "BCA: Transaksi Rp150.000 berhasil. Terima kasih.";

    private SubscriberStore store;
    private OtpGuard guard;
    private Msisdn[] recipients;
    private long now;
    private int next;

    @Setup
    public void populate() {
        List<EventRecord> day = SimulatedJournal.records(2_000, Duration.ofDays(1), 5);
        DetectorConfig config = DetectorConfig.defaults();
        store = SubscriberStore.inMemory(4_000);
        Detector detector = new Detector(config, store, io.swapguard.engine.TestSenders.shipped());
        day.forEach(detector::apply);
        guard = new OtpGuard(config.otpGuard(), store, detector::registry);
        recipients = new Msisdn[2_000];
        for (int i = 0; i < recipients.length; i++) {
            recipients[i] = Msisdn.of(Long.toString(6281100000000L + i));
        }
        now = day.get(day.size() - 1).event().captureNanos();
    }

    @TearDown
    public void close() {
        store.close();
    }

    private Msisdn recipient() {
        Msisdn m = recipients[next];
        next = next + 1 == recipients.length ? 0 : next + 1;
        return m;
    }

    @Benchmark
    public OtpGuard.Verdict verdictForAnOtp() {
        return guard.check(recipient(), "BCA", OTP, now);
    }

    @Benchmark
    public OtpGuard.Verdict verdictForANotice() {
        return guard.check(recipient(), "BCA", NOTICE, now);
    }

    @Benchmark
    public Object stateLookupOnly() {
        return store.get(Long.parseLong(recipient().digits()));
    }
}
