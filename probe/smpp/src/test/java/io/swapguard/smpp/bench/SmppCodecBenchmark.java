package io.swapguard.smpp.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.swapguard.smpp.SmppCodec;
import io.swapguard.smpp.SmppPdu;
import io.swapguard.smpp.SmsText;
import io.swapguard.smpp.SmppBody;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.DefaultDecomposer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gate's hot path per submit_sm: decode, read the text, encode; jsmpp's decomposer on the same
 * bytes is the baseline of the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SmppCodecBenchmark {

    byte[] wire;
    SmppPdu pdu;
    ByteBuf out = Unpooled.buffer(512);
    final DefaultDecomposer jsmpp = new DefaultDecomposer();

    @Setup
    public void setUp() throws Exception {
        wire = new DefaultComposer().submitSm(7, "", (byte) 5, (byte) 0, "BCA", (byte) 1, (byte) 1, "6281100000003",
                (byte) 0, (byte) 0, (byte) 0, "", "", (byte) 1, (byte) 0, (byte) 0, (byte) 0,
                "Kode OTP Anda 123456. Jangan berikan kode ini kepada siapa pun.".getBytes(StandardCharsets.US_ASCII),
                new OptionalParameter.OctetString((short) 0x0204, new byte[] {0, 7}));
        pdu = SmppCodec.decode(Unpooled.wrappedBuffer(wire));
    }

    @Benchmark
    public SmppPdu decode() throws Exception {
        return SmppCodec.decode(Unpooled.wrappedBuffer(wire));
    }

    @Benchmark
    public String decodeAndReadText() throws Exception {
        return SmsText.of((SmppBody.ShortMessage) SmppCodec.decode(Unpooled.wrappedBuffer(wire)).body()).text();
    }

    @Benchmark
    public int encode() {
        out.clear();
        SmppCodec.encode(pdu.withSequence(8), out);
        return out.readableBytes();
    }

    @Benchmark
    public Object jsmppDecompose() throws Exception {
        return jsmpp.submitSm(wire);
    }
}
