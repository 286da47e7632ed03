package io.swapguard.taps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.swapguard.event.GlobalTitle;
import io.swapguard.event.SccpAddress;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.sccp.SccpAddressCodec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Called and calling party addresses written octet by octet from ITU-T Q.713 §3.4: the address
 * indicator's bits, a 14-bit ITU point code least significant octet first, the SSN, and each of
 * the four global title forms with its BCD digits; and every way one can be short or unreadable.
 */
class SccpAddressTest {

    private static SccpAddress decode(int... octets) {
        byte[] b = new byte[octets.length + 3];
        for (int i = 0; i < octets.length; i++) {
            b[i + 2] = (byte) octets[i];
        }
        return SccpAddressCodec.decode(b, 2, octets.length); // not at 0: offsets are honoured
    }

    private static String refused(int... octets) {
        Throwable t = catchThrowable(() -> decode(octets));
        assertThat(t).as(Arrays.toString(octets)).isInstanceOf(Rejection.class);
        assertThat(((Rejection) t).layer()).isEqualTo(Layer.SCCP);
        return ((Rejection) t).reason();
    }

    @Test
    void theAddressIndicatorSaysWhatFollows() {
        assertThat(decode(0x43, 0x2A, 0x15, 0x08)).as("PC and SSN, route on SSN")
                .isEqualTo(new SccpAddress(false, 0x152A, 8, null));
        assertThat(decode(0x01, 0xFF, 0xFF)).as("a PC alone, its two spare bits dropped, route on GT")
                .isEqualTo(new SccpAddress(true, 0x3FFF, 0, null));
        assertThat(decode(0x02, 0x93)).as("an SSN alone").isEqualTo(new SccpAddress(true, -1, 147, null));
        assertThat(decode(0x40)).as("nothing but the indicator").isEqualTo(new SccpAddress(false, -1, 0, null));
        assertThat(decode(0x80 | 0x42, 0x06).ssn()).as("bit 8 is reserved for national use").isEqualTo(6);
    }

    @Test
    void eachGlobalTitleFormIsRead() {
        // GTI 1: odd indicator and nature of address in one octet.
        assertThat(decode(0x04, 0x84, 0x21, 0x43, 0x05).globalTitle())
                .isEqualTo(new GlobalTitle(1, 0, 0, 4, "12345"));
        assertThat(decode(0x04, 0x04).globalTitle()).as("no digits").isEqualTo(new GlobalTitle(1, 0, 0, 4, ""));
        assertThat(decode(0x04, 0x03, 0x21, 0x43).globalTitle())
                .isEqualTo(new GlobalTitle(1, 0, 0, 3, "1234"));
        // GTI 2: a translation type only; an odd count shows as a filler nibble, dropped.
        assertThat(decode(0x08, 0x07, 0x21, 0xF3).globalTitle()).isEqualTo(new GlobalTitle(2, 7, 0, 0, "123"));
        assertThat(decode(0x08, 0x07, 0x21, 0x43).globalTitle()).isEqualTo(new GlobalTitle(2, 7, 0, 0, "1234"));
        assertThat(decode(0x08, 0x00).globalTitle().digits()).isEmpty();
        // GTI 3: translation type, numbering plan and encoding scheme (1 odd, 2 even).
        assertThat(decode(0x0C, 0x00, 0x71, 0x15, 0x10, 0xF0).globalTitle())
                .as("E.214, odd: the last nibble is filler").isEqualTo(new GlobalTitle(3, 0, 7, 0, "51010"));
        assertThat(decode(0x0C, 0x05, 0x12, 0x15, 0x10).globalTitle()).isEqualTo(new GlobalTitle(3, 5, 1, 0, "5101"));
        // GTI 4: as GTI 3, then the nature of address (bit 8 spare).
        assertThat(decode(0x12, 0x06, 0x00, 0x12, 0x84, 0x26, 0x18, 0x01, 0x00, 0x10).globalTitle())
                .isEqualTo(new GlobalTitle(4, 0, 1, 4, "6281100001"));
        assertThat(decode(0x12, 0x06, 0x00, 0x11, 0x04, 0x26, 0x18, 0x01, 0x00, 0x00))
                .isEqualTo(new SccpAddress(true, -1, 6, new GlobalTitle(4, 0, 1, 4, "628110000")));
        assertThat(decode(0x11, 0x34, 0x12, 0x00, 0x12, 0x04, 0xBA, 0xDC).globalTitle().digits())
                .as("with a PC first; BCD's spare values read as hex letters").isEqualTo("abcd");
    }

    @Test
    void aGlobalTitleOfAtMostThirtyTwoDigitsIsRead() {
        int[] sixteen = new int[5 + 16];
        int[] seventeen = new int[5 + 17];
        for (int[] a : new int[][] {sixteen, seventeen}) {
            a[0] = 0x10;
            a[1] = 0;
            a[2] = 0x12;
            a[3] = 0x04;
            Arrays.fill(a, 4, a.length, 0x11);
        }
        assertThat(decode(Arrays.copyOf(sixteen, 4 + 16)).globalTitle().digits()).hasSize(32);
        assertThat(refused(Arrays.copyOf(seventeen, 4 + 17))).isEqualTo("bad-global-title");
        int[] oddThirtyThree = Arrays.copyOf(seventeen, 4 + 17);
        oddThirtyThree[2] = 0x11;
        assertThat(refused(oddThirtyThree)).as("33 digits").isEqualTo("bad-global-title");
    }

    @Test
    void aShortOrUnreadableAddressIsRefused() {
        assertThat(refused()).isEqualTo("bad-address");
        assertThat(refused(0x01, 0x2A)).as("half a point code").isEqualTo("bad-address");
        assertThat(refused(0x03, 0x2A, 0x15)).as("a point code, no SSN").isEqualTo("bad-address");
        assertThat(refused(0x02)).as("no SSN").isEqualTo("bad-address");
        assertThat(refused(0x04)).as("GTI 1 without its octet").isEqualTo("bad-global-title");
        assertThat(refused(0x08)).as("GTI 2 without its octet").isEqualTo("bad-global-title");
        assertThat(refused(0x0C, 0x00)).as("GTI 3 without NP/ES").isEqualTo("bad-global-title");
        assertThat(refused(0x10, 0x00, 0x12)).as("GTI 4 without NAI").isEqualTo("bad-global-title");
        assertThat(decode(0x10, 0x00, 0x12, 0x04).globalTitle().digits()).as("GTI 4 with no digits").isEmpty();
        assertThat(decode(0x0C, 0x00, 0x12).globalTitle().digits()).as("GTI 3 with no digits").isEmpty();
        assertThat(refused(0x0C, 0x00, 0x11)).as("odd, yet no digit at all").isEqualTo("bad-global-title");
        for (int es : new int[] {0, 3, 4, 15}) {
            assertThat(refused(0x10, 0x00, 0x10 | es, 0x04, 0x21)).as("encoding scheme %d", es)
                    .isEqualTo("bad-global-title");
        }
        for (int gti = 5; gti < 16; gti++) {
            assertThat(refused(gti << 2, 0, 0x12, 0x04, 0x21)).as("GTI %d", gti).isEqualTo("bad-global-title");
        }
    }
}
