package io.swapguard.taps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.ber.BerReader;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mobicents.protocols.asn.AsnInputStream;

/**
 * The BER cursor (X.690) on encodings written here octet by octet: tag numbers in one and several
 * octets, every length form, indefinite lengths and their nesting limit, integers, and each way an
 * element can be cut or overstated; jSS7's own ASN.1 reader reads the same octets as the oracle
 * for tags and lengths.
 */
class BerReaderTest {

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    private static BerReader reader(byte[] b) {
        return BerReader.of(Layer.TCAP, b, 0, b.length);
    }

    private static String reason(byte[] b) {
        try {
            BerReader r = reader(b);
            while (r.next()) {
                if (r.constructed() && !r.indefinite()) {
                    BerReader in = r.enter();
                    while (in.next()) {
                        // contents
                    }
                }
            }
        } catch (Rejection e) {
            assertThat(e.layer()).isEqualTo(Layer.TCAP);
            return e.reason();
        }
        return "accepted";
    }

    @Test
    void tagsInOneAndSeveralOctetsAsJss7ReadsThem() throws Exception {
        for (String element : List.of("02 01 05", "9F 1F 01 AA", "BF 81 48 03 02 01 07", "9F FF FF 7F 00", "5F 20 00",
                "A1 00", "E2 02 05 00", "04 81 80 " + "00".repeat(128), "04 82 01 00 " + "11".repeat(256))) {
            byte[] b = hex(element);
            BerReader r = reader(b);
            assertThat(r.next()).as(element).isTrue();
            AsnInputStream oracle = new AsnInputStream(b);
            int tag = oracle.readTag();
            int length = oracle.readLength();
            assertThat(r.tagNumber()).as("tag of %s", element).isEqualTo(tag);
            assertThat(r.tagClass()).as("class of %s", element).isEqualTo(oracle.getTagClass());
            assertThat(r.constructed()).as("form of %s", element).isEqualTo(!oracle.isTagPrimitive());
            assertThat(r.valueLength()).as("length of %s", element).isEqualTo(length);
            assertThat(r.valueOffset()).as("contents of %s", element).isEqualTo(oracle.position());
            assertThat(r.elementOffset()).isZero();
            assertThat(r.elementLength()).isEqualTo(b.length);
            assertThat(r.identifier()).isEqualTo(b[0] & 0xFF);
            assertThat(r.hasMore()).isFalse();
            assertThat(r.next()).isFalse();
        }
        BerReader nested = reader(hex("BF 81 48 03 02 01 07"));
        nested.next();
        assertThat(nested.is(2, 200)).isTrue();
        assertThat(nested.is(2, 72)).isFalse();
        BerReader in = nested.enter();
        assertThat(in.next()).isTrue();
        assertThat(in.integer()).isEqualTo(7);
        assertThat(reason(hex("9F 81 81 81 01 00"))).as("a tag number in 4 octets").isEqualTo("ber-bad-tag");
    }

    @Test
    void lengthsInEveryFormAndEveryOverstatement() {
        BerReader three = reader(hex("04 83 01 00 00 " + "22".repeat(65_536)));
        assertThat(three.next()).isTrue();
        assertThat(three.valueLength()).isEqualTo(65_536);
        assertThat(three.valueOffset()).isEqualTo(5);
        assertThat(reason(hex("04 84 00 00 00 01 00"))).as("4 length octets").isEqualTo("ber-bad-length");
        assertThat(reason(hex("04 82 01"))).as("length octets cut").isEqualTo("ber-truncated");
        assertThat(reason(hex("04 02 01"))).as("contents shorter than said").isEqualTo("ber-truncated");
        assertThat(reason(hex("04 81 02 01"))).isEqualTo("ber-truncated");
        assertThat(reason(hex("04"))).as("no length at all").isEqualTo("ber-truncated");
        assertThat(reason(hex("9F 81"))).as("tag cut").isEqualTo("ber-truncated");
        assertThat(reason(hex("04 01 01 04 00"))).as("an exact fit, then an empty one").isEqualTo("accepted");
        assertThat(reason(hex("30 03 02 02 01"))).as("an inner element past its parent").isEqualTo("ber-truncated");
    }

    @Test
    void indefiniteLengthsEndAtTheirEndOfContents() {
        byte[] b = hex("30 80 02 01 01 A1 80 02 01 02 00 00 00 00 02 01 03");
        BerReader r = reader(b);
        assertThat(r.next()).isTrue();
        assertThat(r.indefinite()).isTrue();
        assertThat(r.valueOffset()).isEqualTo(2);
        assertThat(r.valueLength()).isEqualTo(10);
        assertThat(r.elementLength()).isEqualTo(14);
        BerReader in = r.enter();
        assertThat(in.next()).isTrue();
        assertThat(in.integer()).isEqualTo(1);
        assertThat(in.next()).isTrue();
        assertThat(in.indefinite()).isTrue();
        assertThat(in.valueLength()).isEqualTo(3);
        assertThat(in.next()).isFalse();
        assertThat(r.next()).isTrue();
        assertThat(r.indefinite()).isFalse();
        assertThat(r.integer()).isEqualTo(3);
        assertThat(r.next()).isFalse();
        // An end-of-contents where the parent was indefinite ends the level.
        BerReader eoc = reader(hex("00 00 02 01 01"));
        assertThat(eoc.next()).isFalse();
        assertThat(eoc.hasMore()).isFalse();

        assertThat(reason(hex("04 80 00 00"))).as("indefinite primitive").isEqualTo("ber-bad-length");
        assertThat(reason(hex("30 80 02 01 01"))).as("no end-of-contents").isEqualTo("ber-truncated");
        assertThat(reason(hex("30 80 00"))).as("half an end-of-contents").isEqualTo("ber-truncated");
        String deep = "30 80 ".repeat(BerReader.MAX_DEPTH) + "00 00 ".repeat(BerReader.MAX_DEPTH);
        assertThat(reason(hex(deep))).as("nested to the limit").isEqualTo("accepted");
        String deeper = "30 80 ".repeat(BerReader.MAX_DEPTH + 1) + "00 00 ".repeat(BerReader.MAX_DEPTH + 1);
        assertThat(reason(hex(deeper))).as("one deeper").isEqualTo("ber-too-deep");
    }

    @Test
    void integersAreSignedBigEndianOfOneToEightOctets() {
        for (Object[] c : new Object[][] {{"02 01 FF", -1L}, {"02 02 01 00", 256L}, {"02 02 FF 7F", -129L},
                {"02 03 01 02 03", 0x010203L}, {"02 08 7F FF FF FF FF FF FF FF", Long.MAX_VALUE},
                {"02 08 80 00 00 00 00 00 00 00", Long.MIN_VALUE}}) {
            BerReader r = reader(hex((String) c[0]));
            r.next();
            assertThat(r.integer()).as((String) c[0]).isEqualTo(c[1]);
        }
        BerReader nine = reader(hex("02 09 01 00 00 00 00 00 00 00 00"));
        nine.next();
        assertThatThrownBy(nine::integer).isInstanceOf(Rejection.class).hasFieldOrPropertyWithValue("reason", "ber-bad-length");
        BerReader empty = reader(hex("02 00"));
        empty.next();
        assertThatThrownBy(empty::integer).isInstanceOf(Rejection.class);
        BerReader constructed = reader(hex("22 03 02 01 01"));
        constructed.next();
        assertThatThrownBy(constructed::integer).isInstanceOf(Rejection.class);
        BerReader primitive = reader(hex("04 01 01"));
        primitive.next();
        assertThatThrownBy(primitive::enter).isInstanceOf(Rejection.class).hasFieldOrPropertyWithValue("reason", "ber-bad-tag");
    }

    @Test
    void aSliceOutsideTheBufferIsAProgrammingError() {
        assertThatThrownBy(() -> BerReader.of(Layer.MAP, new byte[4], 2, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BerReader.of(Layer.MAP, new byte[4], -1, 1)).isInstanceOf(IllegalArgumentException.class);
        BerReader mid = BerReader.of(Layer.MAP, hex("FF 02 01 09 FF"), 1, 3);
        assertThat(mid.next()).isTrue();
        assertThat(mid.integer()).isEqualTo(9);
        assertThat(mid.elementOffset()).isEqualTo(1);
        assertThat(mid.next()).isFalse();
    }
}
