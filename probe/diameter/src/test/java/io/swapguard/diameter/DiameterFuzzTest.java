package io.swapguard.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.swapguard.event.DiameterEvent;

/**
 * Jazzer target for the decoder and the fact reader: any input is either a message (whose facts
 * build a valid event) or a {@link DiameterDecodeException}; nothing else escapes. In the normal
 * run the seed corpus (src/test/resources/.../DiameterFuzzTestInputs) is replayed.
 */
class DiameterFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) {
        DiameterMessage m;
        try {
            m = DiameterCodec.decode(input, 0, input.length, DiameterCodec.DEFAULT_MAX_MESSAGE);
        } catch (DiameterDecodeException rejected) {
            assertThat(rejected.reason()).matches("[a-z0-9-]+");
            return;
        }
        assertThat(m.length()).isEqualTo(input.length);
        DiameterEvent.Builder b = DiameterEvent.builder();
        DiameterFacts.Result r = DiameterFacts.read(m, b);
        assertThat(b.build()).isNotNull();
        if (r.problem() != null) {
            assertThat(r.problem()).matches("[a-z0-9-]+");
        }
        for (Avp a : m.avps()) {
            try {
                a.group();
            } catch (DiameterDecodeException notAGroup) {
                assertThat(notAGroup.reason()).matches("[a-z0-9-]+");
            }
        }
    }
}
