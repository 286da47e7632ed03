package io.swapguard.taps.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.hep.HepDecoder;
import io.swapguard.ss7.m2ua.M2uaDecoder;
import io.swapguard.ss7.sua.SuaDecoder;
import io.swapguard.ss7.pcap.LinkType;
import io.swapguard.taps.ProbePipeline;
import io.swapguard.taps.ProbeSettings;
import java.time.Duration;

/**
 * Jazzer fuzz targets for everything that reads bytes from the wire. In the normal test run
 * (regression mode) each target replays its seed corpus in
 * src/test/resources/io/swapguard/probe/fuzz/ProbeFuzzTestInputs/; with JAZZER_FUZZ=1 it fuzzes
 * (see docs/probe.md). A target fails when anything escapes the decoders or memory runs out.
 */
class ProbeFuzzTest {

    private static final int[] LINK_TYPES = {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.RAW,
        LinkType.IPV4, LinkType.IPV6};

    // Small limits, so state bounds are reached while fuzzing.
    private static final ProbeSettings SETTINGS = new ProbeSettings(false, 64, 256, Duration.ofSeconds(5), 16);
    private static final ProbePipeline PIPELINE = new ProbePipeline(SETTINGS, new DecodeCounters(), e -> { }, null);
    private static long time = 1_780_000_000_000_000_000L;

    /** A captured frame through every layer to MAP events; the first byte picks the link type. */
    @FuzzTest(maxDuration = "30s")
    void frameToMapEvents(byte[] input) {
        if (input.length < 1) {
            return;
        }
        int linkType = LINK_TYPES[(input[0] & 0xFF) % LINK_TYPES.length];
        time += 1_000_000;
        // The pipeline catches every rejection itself; anything thrown here is a bug.
        PIPELINE.frame("fuzz", time, linkType, input, 1, input.length - 1);
    }

    /**
     * One M2UA (first byte even) or SUA (odd) message as an SCTP DATA chunk would deliver it: the
     * adaptation decoders on their own, for depth the frame target spends on lower layers.
     */
    @FuzzTest(maxDuration = "30s")
    void sigtranAdaptation(byte[] input) {
        if (input.length < 1) {
            return;
        }
        try {
            if ((input[0] & 1) == 0) {
                M2uaDecoder.decode(input, 1, input.length - 1);
            } else {
                SuaDecoder.decode(input, 1, input.length - 1);
            }
        } catch (Rejection expected) {
            // counted in production; the only exception allowed out of the decoder
        }
    }

    /** A HEPv3 datagram, then its M3UA payload through the pipeline. */
    @FuzzTest(maxDuration = "30s")
    void hepDatagram(byte[] input) {
        try {
            var hep = HepDecoder.decode(input, 0, input.length);
            time += 1_000_000;
            PIPELINE.m3ua("fuzz", time, hep.buffer(), hep.payloadOffset(), hep.payloadLength());
        } catch (Rejection expected) {
            // counted in production; the only exception allowed out of the decoder
        }
    }
}
