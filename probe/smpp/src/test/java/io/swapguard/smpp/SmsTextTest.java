package io.swapguard.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.restcomm.protocols.ss7.map.datacoding.GSMCharset;
import org.restcomm.protocols.ss7.map.smstpdu.DataCodingSchemeImpl;

/** The text the verdict reads: alphabets by data_coding, user data headers, concatenation, message_payload. */
class SmsTextTest {

    static SmppBody.ShortMessage sm(int esm, int dcs, byte[] content, List<Tlv> tlvs) {
        return new SmppBody.ShortMessage("", new SmppAddress(5, 0, "BCA"), new SmppAddress(1, 1, "6281100000003"), esm,
                0, 0, "", "", 0, 0, dcs, 0, content, tlvs);
    }

    @Test
    void theGsmDefaultAlphabetAndItsExtensionAreJss7s() {
        for (int septet = 0; septet < 128; septet++) {
            if (septet == 0x1B) {
                continue; // the escape
            }
            if (septet == 0x09) {
                // 23.038's capital C cedilla, which jSS7 maps to the small one (the note allows both)
                assertThat(SmsText.gsm7(new byte[] {0x09}, 0)).isEqualTo("Ç");
                assertThat((char) GSMCharset.BYTE_TO_CHAR_DefaultAlphabet[septet]).isEqualTo('ç');
                continue;
            }
            assertThat(SmsText.gsm7(new byte[] {(byte) septet}, 0)).as("septet 0x%02x", septet)
                    .isEqualTo(String.valueOf((char) GSMCharset.BYTE_TO_CHAR_DefaultAlphabet[septet]));
        }
        int[] ext = GSMCharset.BYTE_TO_CHAR_DefaultAlphabetExtentionTable;
        int compared = 0;
        for (int septet = 0; septet < 128; septet++) {
            if (ext[septet] > 0x20) { // the printable ones (0x0A and 0x0D are controls)
                compared++;
                assertThat(SmsText.gsm7(new byte[] {0x1B, (byte) septet}, 0)).as("escape 0x%02x", septet)
                        .isEqualTo(String.valueOf((char) ext[septet]));
            }
        }
        assertThat(compared).as("^ { } \\ [ ~ ] | €").isEqualTo(9);
    }

    @Test
    void alphabetsByDataCoding() {
        byte[] gsm = {0x4B, 0x6F, 0x64, 0x65, 0x20, 0x1B, 0x65, 0x35, 0x30}; // "Kode €50"
        assertThat(SmsText.of(sm(0, 0x00, gsm, List.of())).text()).isEqualTo("Kode €50");
        assertThat(SmsText.of(sm(0, 0xF0, gsm, List.of())).text()).as("GSM 7-bit, class 0").isEqualTo("Kode €50");
        assertThat(SmsText.of(sm(0, 0x11, gsm, List.of())).text()).as("general group, 7-bit").isEqualTo("Kode €50");
        String cyrillic = "Ваш код ВСА: 1234"; // Cyrillic letters that look like "BCA"
        assertThat(SmsText.of(sm(0, 0x08, cyrillic.getBytes(StandardCharsets.UTF_16BE), List.of())).text())
                .isEqualTo(cyrillic);
        assertThat(SmsText.of(sm(0, 0x18, cyrillic.getBytes(StandardCharsets.UTF_16BE), List.of())).text())
                .as("general group, UCS2").isEqualTo(cyrillic);
        assertThat(SmsText.of(sm(0, 0x06, cyrillic.getBytes(java.nio.charset.Charset.forName("ISO-8859-5")), List.of()))
                .text()).isEqualTo(cyrillic);
        String hebrew = "קוד 1234";
        assertThat(SmsText.of(sm(0, 0x07, hebrew.getBytes(java.nio.charset.Charset.forName("ISO-8859-8")), List.of()))
                .text()).isEqualTo(hebrew);
        assertThat(SmsText.of(sm(0, 0x03, "Código: 1234".getBytes(StandardCharsets.ISO_8859_1), List.of())).text())
                .isEqualTo("Código: 1234");
        assertThat(SmsText.of(sm(0, 0x01, "OTP 1234".getBytes(StandardCharsets.US_ASCII), List.of())).text())
                .isEqualTo("OTP 1234");
        assertThat(SmsText.of(sm(0, 0x04, new byte[] {1, 2, 3}, List.of())).text()).as("8-bit data").isNull();
        assertThat(SmsText.of(sm(0, 0xF4, new byte[] {1, 2, 3}, List.of())).text()).as("8-bit, class 0").isNull();
    }

    @Test
    void concatenationByUdhOrSarAndTheContentOfMessagePayload() {
        byte[] part = {0x05, 0x00, 0x03, 0x2A, 0x03, 0x02, 0x4F, 0x54, 0x50}; // 8-bit ref 42, 2 of 3, "OTP"
        SmsText.Content c = SmsText.of(sm(0x40, 0, part, List.of()));
        assertThat(c).isEqualTo(new SmsText.Content("OTP", 42, 3, 2));
        byte[] part16 = {0x06, 0x08, 0x04, 0x12, 0x34, 0x02, 0x01, 0, 0x4F, 0, 0x54}; // 16-bit ref 0x1234, 1 of 2, UCS2
        assertThat(SmsText.of(sm(0x40, 0x08, part16, List.of()))).isEqualTo(new SmsText.Content("OT", 0x1234, 2, 1));
        // an unknown IE before the concatenation one is skipped
        byte[] other = {0x09, 0x0A, 0x02, 0x00, 0x00, 0x00, 0x03, 0x07, 0x02, 0x02, 0x41};
        assertThat(SmsText.of(sm(0x40, 0, other, List.of()))).isEqualTo(new SmsText.Content("A", 7, 2, 2));
        // without UDHI the same octets are text
        assertThat(SmsText.of(sm(0, 0x04, part, List.of())).concatenated()).isFalse();
        SmsText.Content sar = SmsText.of(sm(0, 0, "segment".getBytes(StandardCharsets.US_ASCII), List.of(
                new Tlv(Tlv.SAR_MSG_REF_NUM, new byte[] {0x01, 0x02}), new Tlv(Tlv.SAR_TOTAL_SEGMENTS, new byte[] {4}),
                new Tlv(Tlv.SAR_SEGMENT_SEQNUM, new byte[] {3}))));
        assertThat(sar).isEqualTo(new SmsText.Content("segment", 0x0102, 4, 3));
        byte[] longText = "Kode OTP Anda 998877, berlaku 5 menit. Jangan berikan kode ini kepada siapa pun termasuk petugas bank."
                .repeat(3).getBytes(StandardCharsets.US_ASCII);
        SmsText.Content payload = SmsText.of(new SmppBody.DataSm("", new SmppAddress(5, 0, "BCA"),
                new SmppAddress(1, 1, "62811"), 0, 0, 0, List.of(new Tlv(Tlv.MESSAGE_PAYLOAD, longText))));
        assertThat(payload.text()).hasSize(longText.length).startsWith("Kode OTP Anda 998877");
        assertThat(payload.concatenated()).isFalse();
    }

    @Test
    void aBrokenHeaderLosesNoTextAndThrowsNothing() {
        byte[] udhlPastEnd = {0x30, 0x00, 0x03, 0x01};
        assertThat(SmsText.of(sm(0x40, 0, udhlPastEnd, List.of())).text()).isEmpty();
        byte[] ieLongerThanHeader = {0x03, 0x00, 0x09, 0x01, 0x41};
        assertThat(SmsText.of(sm(0x40, 0, ieLongerThanHeader, List.of()))).isEqualTo(new SmsText.Content("A", -1, 1, 1));
        assertThat(SmsText.of(sm(0x40, 0, new byte[0], List.of())).text()).isEmpty();
        assertThat(SmsText.gsm7(new byte[] {(byte) 0x80, 0x1B}, 0)).as("a non-septet and a last escape").isEqualTo("? ");
    }

    /**
     * Every data_coding above SMPP's own sixteen read the way jSS7 reads the GSM data coding scheme
     * (an independent reading of 23.038): 7-bit, UCS2, 8-bit (binary) and compressed (binary); where
     * jSS7 calls a coding reserved, 23.038 has receivers take the default alphabet.
     */
    @Test
    void everyGsmCodingGroupIsReadAsJss7ReadsIt() {
        for (int dcs = 0x10; dcs <= 0xFF; dcs++) {
            DataCodingSchemeImpl gsm = new DataCodingSchemeImpl(dcs);
            SmsText.Alphabet expected = gsm.getIsCompressed() ? SmsText.Alphabet.BINARY
                    : switch (gsm.getCharacterSet()) {
                        case GSM7, Reserved -> SmsText.Alphabet.GSM7;
                        case GSM8 -> SmsText.Alphabet.BINARY;
                        case UCS2 -> SmsText.Alphabet.UCS2;
                    };
            assertThat(SmsText.alphabet(dcs)).as("data_coding 0x%02x (%s)", dcs, gsm).isEqualTo(expected);
        }
    }

    @Test
    void anOtpMarkedForAutomaticDeletionIsReadLikeAnyOther() {
        String otp = "Kode OTP Anda 551204";
        assertThat(SmsText.of(sm(0, 0x48, otp.getBytes(StandardCharsets.UTF_16BE), List.of())).text()).isEqualTo(otp);
        assertThat(SmsText.of(sm(0, 0x40, "Kode 551204".getBytes(StandardCharsets.US_ASCII), List.of())).text())
                .isEqualTo("Kode 551204");
        assertThat(SmsText.of(sm(0, 0x44, new byte[] {1, 2}, List.of())).text()).as("8-bit").isNull();
        assertThat(SmsText.of(sm(0, 0x28, new byte[] {1, 2}, List.of())).text()).as("compressed").isNull();
        assertThat(SmsText.alphabet(0x0F)).as("SMPP reserved").isEqualTo(SmsText.Alphabet.BINARY);
        assertThat(SmsText.alphabet(0x05)).as("JIS, not read").isEqualTo(SmsText.Alphabet.BINARY);
    }

    @Test
    void anOddLastOctetOfUcs2IsDroppedNotMisread() {
        byte[] odd = {0, 'O', 0, 'T', 0x50};
        assertThat(SmsText.of(sm(0, 0x08, odd, List.of())).text()).isEqualTo("OT");
    }

    @Test
    void aHeaderWithOneOctetLeftOverEndsTheHeaderAndTheTextFollows() {
        // UDHL 4: one IE (0x0A, length 1) and a stray octet that cannot be an IE; then "A".
        byte[] content = {0x04, 0x0A, 0x01, 0x00, 0x7F, 0x41};
        assertThat(SmsText.of(sm(0x40, 0, content, List.of()))).isEqualTo(new SmsText.Content("A", -1, 1, 1));
        // The same header filling the whole message: no text, and nothing read past it.
        byte[] headerOnly = {0x04, 0x0A, 0x01, 0x00, 0x7F};
        assertThat(SmsText.of(sm(0x40, 0, headerOnly, List.of())).text()).isEmpty();
    }

    @Test
    void aReferenceWithASingleSegmentIsNoConcatenation() {
        SmsText.Content one = SmsText.of(sm(0, 0, "x".getBytes(StandardCharsets.US_ASCII), List.of(
                new Tlv(Tlv.SAR_MSG_REF_NUM, new byte[] {0, 5}), new Tlv(Tlv.SAR_TOTAL_SEGMENTS, new byte[] {1}))));
        assertThat(one).isEqualTo(new SmsText.Content("x", -1, 1, 1));
        assertThat(one.concatenated()).isFalse();
        SmsText.Content two = SmsText.of(sm(0, 0, "x".getBytes(StandardCharsets.US_ASCII), List.of(
                new Tlv(Tlv.SAR_MSG_REF_NUM, new byte[] {0, 5}), new Tlv(Tlv.SAR_TOTAL_SEGMENTS, new byte[] {2}))));
        assertThat(two.reference()).isEqualTo(5);
        assertThat(two.concatenated()).isTrue();
    }
}
