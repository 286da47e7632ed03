package io.swapguard.journal;

import io.swapguard.event.ComponentType;
import io.swapguard.event.EventRecord;
import io.swapguard.event.Imei;
import io.swapguard.event.Imsi;
import io.swapguard.event.MapEvent;
import io.swapguard.event.MapOperation;
import io.swapguard.event.Msisdn;
import io.swapguard.event.ShortMessage;
import io.swapguard.event.SignalEvent;
import io.swapguard.event.SmsAddress;
import io.swapguard.event.TcapMessageType;
import io.swapguard.event.TestEvents;
import io.swapguard.event.codec.EventCodec;
import io.swapguard.event.codec.RecordBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Journal append and tail rates for a realistic mix of MAP events, each next to its baseline in
 * the same run: Chronicle Queue moving the same bytes without our codec. The ratio is what the
 * event schema costs. See docs/benchmarks.md for the command and the figures.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JournalBenchmark {

    /** A mix like a busy STP link: location updates, subscriber data, SMS routing and delivery. */
    static SignalEvent[] realisticMix() {
        MapEvent base = TestEvents.fullMapEvent();
        SignalEvent[] mix = new SignalEvent[8];
        for (int i = 0; i < mix.length; i++) {
            MapEvent.Builder b = MapEvent.builder().captureNanos(TestEvents.T0 + i * 1_000_000L).tapId("stp-a/link-3")
                    .opc(1234).dpc(5678).calling(base.calling()).called(base.called())
                    .otid(0x1000 + i).applicationContext(1).applicationContextVersion(3).invokeId(1)
                    .imsi(Imsi.of("51010987654" + (3210 + i)));
            mix[i] = switch (i % 4) {
                case 0 -> b.operation(MapOperation.UPDATE_LOCATION).tcapType(TcapMessageType.BEGIN)
                        .vlrNumber("6281100101").mscNumber("6281100102").imei(Imei.of("3533250912345678")).build();
                case 1 -> b.operation(MapOperation.INSERT_SUBSCRIBER_DATA).tcapType(TcapMessageType.CONTINUE).dtid(7)
                        .msisdn(Msisdn.of("628123456" + (7890 + i))).build();
                case 2 -> b.operation(MapOperation.SEND_ROUTING_INFO_FOR_SM).tcapType(TcapMessageType.END)
                        .component(ComponentType.RETURN_RESULT_LAST).otid(-1).dtid(0x1000 + i)
                        .msisdn(Msisdn.of("628123456" + (7890 + i))).mscNumber("6281100102").smscAddress("6281100900")
                        .build();
                default -> b.operation(MapOperation.MT_FORWARD_SM).tcapType(TcapMessageType.BEGIN)
                        .smscAddress("6281100900")
                        .sms(ShortMessage.single(ShortMessage.Type.DELIVER, SmsAddress.alphanumeric("BCA"), null, 0,
                                "Kode OTP Anda 4839" + i + "0. JANGAN BERIKAN kode ini kepada siapapun."))
                        .build();
            };
        }
        return mix;
    }

    static byte[][] encode(SignalEvent[] events) {
        byte[][] out = new byte[events.length][];
        for (int i = 0; i < events.length; i++) {
            RecordBuffer b = new RecordBuffer();
            EventCodec.encode(events[i], b);
            out[i] = b.toByteArray();
        }
        return out;
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @State(Scope.Thread)
    public static class Append {
        Path dir;
        Journal journal;
        JournalAppender appender;
        SignalEvent[] events = realisticMix();
        byte[][] records = encode(events);
        RecordBuffer buffer = new RecordBuffer();
        int i;

        @Setup(Level.Iteration)
        public void open() throws IOException {
            dir = Files.createTempDirectory("swapguard-bench-append");
            journal = Journal.open(JournalSettings.of(dir));
            appender = journal.appender();
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException {
            appender.close();
            journal.close();
            delete(dir);
        }
    }

    /** Encode an event and append it. */
    @Benchmark
    public long append(Append s) {
        return s.appender.append(s.events[s.i++ & 7]);
    }

    /** Baseline: append the same, already encoded bytes (Chronicle Queue alone). */
    @Benchmark
    public long appendPreEncodedBytes(Append s) {
        byte[] r = s.records[s.i++ & 7];
        return s.appender.appendRecord(r, r.length);
    }

    /** The codec alone, no I/O. */
    @Benchmark
    public int encodeOnly(Append s) {
        s.buffer.clear();
        EventCodec.encode(s.events[s.i++ & 7], s.buffer);
        return s.buffer.length();
    }

    /** The decoder alone, no I/O. */
    @Benchmark
    public SignalEvent decodeOnly(Append s) {
        byte[] r = s.records[s.i++ & 7];
        return EventCodec.decode(r, 0, r.length);
    }

    @State(Scope.Thread)
    public static class Tail {
        static final int PRELOADED = 2_000_000;
        Path dir;
        Journal journal;
        JournalTailer tailer;
        SingleChronicleQueue rawQueue;
        ExcerptTailer rawTailer;
        byte[] scratch = new byte[1024];

        @Setup(Level.Trial)
        public void fill() throws IOException {
            dir = Files.createTempDirectory("swapguard-bench-tail");
            journal = Journal.open(JournalSettings.of(dir));
            SignalEvent[] events = realisticMix();
            try (JournalAppender a = journal.appender()) {
                for (int i = 0; i < PRELOADED; i++) {
                    a.append(events[i & 7]);
                }
            }
            tailer = journal.anonymousTailer();
            rawQueue = SingleChronicleQueueBuilder.binary(dir.toFile()).build();
            rawTailer = rawQueue.createTailer();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            tailer.close();
            journal.close();
            rawTailer.close();
            rawQueue.close();
            delete(dir);
        }
    }

    /** Read and decode the next event, from the start again at the end. */
    @Benchmark
    public SignalEvent tail(Tail s) {
        EventRecord r = s.tailer.next();
        if (r == null) {
            s.tailer.toStart();
            r = s.tailer.next();
        }
        return r.event();
    }

    /** Baseline: Chronicle Queue hands over the same records' bytes, no decoding. */
    @Benchmark
    public int tailBytesOnly(Tail s) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (DocumentContext dc = s.rawTailer.readingDocument()) {
                if (dc.isPresent()) {
                    int n = (int) dc.wire().bytes().readRemaining();
                    dc.wire().bytes().read(s.scratch, 0, n);
                    return n;
                }
            }
            s.rawTailer.toStart();
        }
        throw new IllegalStateException("empty journal");
    }
}
