package io.swapguard.diameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.event.DiameterCommand;
import io.swapguard.event.DiameterEvent;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DiameterCodecTest {

    /** Written by hand from RFC 6733 §3 and §4.1, not by our writer: a DWR with a base and a vendor AVP. */
    static final byte[] HAND_BUILT = HexFormat.of().parseHex(""
            + "01000034" // version 1, length 52
            + "80000118" // R bit, command 280 (Device-Watchdog)
            + "00000000" // application 0
            + "00000001" // hop-by-hop
            + "00000002" // end-to-end
            + "00000108" + "4000000d" + "612e622e63" + "000000" // Origin-Host, M, 13 octets "a.b.c", padding
            + "00000408" + "c0000010" + "000028af" + "000003ec"); // RAT-Type, V+M, 16 octets, 3GPP, 1004

    @Test
    void readsAHandBuiltMessage() {
        DiameterMessage m = DiameterCodec.decode(HAND_BUILT);
        assertThat(m.isRequest()).isTrue();
        assertThat(m.commandCode()).isEqualTo(280);
        assertThat(m.applicationId()).isZero();
        assertThat(m.hopByHop()).isEqualTo(1);
        assertThat(m.endToEnd()).isEqualTo(2);
        assertThat(m.length()).isEqualTo(52);
        assertThat(m.avps()).hasSize(2);
        assertThat(m.avp(AvpCode.ORIGIN_HOST, 0).utf8()).isEqualTo("a.b.c");
        assertThat(m.avp(AvpCode.ORIGIN_HOST, 0).isMandatory()).isTrue();
        Avp rat = m.avp(AvpCode.RAT_TYPE, AvpCode.VENDOR_3GPP);
        assertThat(rat.unsigned32()).isEqualTo(1004);
        assertThat(rat.vendorId()).isEqualTo(10415);
        assertThat(m.avp(AvpCode.RAT_TYPE, 0)).as("the vendor is part of the AVP's name").isNull();
    }

    @Test
    void writerAndDecoderAgree() {
        byte[] ulr = DiameterWriter.request(316, DiameterCommand.APP_S6A, 0xFFFFFFFFL, 0x80000000L)
                .base(AvpCode.ORIGIN_HOST, "mme.example").base(AvpCode.USER_NAME, "001010123456789")
                .vendorGroup(AvpCode.TERMINAL_INFORMATION, t -> t.vendor(AvpCode.IMEI, "35332509123456")
                        .vendor(AvpCode.SOFTWARE_VERSION, "07"))
                .vendor(AvpCode.VISITED_PLMN_ID, DiameterWriter.plmnId("310410")).toBytes();
        DiameterMessage m = DiameterCodec.decode(ulr);
        assertThat(m.hopByHop()).isEqualTo(0xFFFFFFFFL);
        assertThat(m.endToEnd()).isEqualTo(0x80000000L);
        DiameterEvent.Builder b = DiameterEvent.builder();
        DiameterFacts.Result r = DiameterFacts.read(m, b);
        DiameterEvent e = b.build();
        assertThat(r.problem()).isNull();
        assertThat(e.imsi().digits()).isEqualTo("001010123456789");
        assertThat(e.imei().digits()).as("IMEI and software version make the IMEISV").isEqualTo("3533250912345607");
        assertThat(e.visitedPlmnId()).isEqualTo("310410");
        assertThat(e.commandName()).isEqualTo("ULR");
    }

    @Test
    void everyDamageHasItsReason() {
        assertReason(Arrays.copyOf(HAND_BUILT, 19), "shorter-than-header");
        assertReason(with(HAND_BUILT, 0, 2), "unsupported-version");
        assertReason(Arrays.copyOf(HAND_BUILT, 48), "length-mismatch");
        byte[] unaligned = Arrays.copyOf(HAND_BUILT, 50);
        unaligned[3] = 50;
        assertReason(unaligned, "length-not-multiple-of-4");
        assertReason(with(HAND_BUILT, 27, 200), "avp-overruns-message"); // Origin-Host claims 200 octets
        assertReason(with(HAND_BUILT, 27, 4), "avp-shorter-than-header");
        assertReason(with(HAND_BUILT, 43, 8), "avp-shorter-than-header"); // a vendor AVP needs 12
        byte[] big = DiameterWriter.request(316, 0, 1, 1).base(AvpCode.SESSION_ID, new byte[70_000]).toBytes();
        assertReason(big, "message-too-long");
    }

    @Test
    void groupsNestOnlySoDeep() {
        byte[] inner = DiameterWriter.group().base(AvpCode.USER_NAME, "x").toBytes();
        byte[] data = Arrays.copyOfRange(inner, DiameterCodec.HEADER_LENGTH, inner.length);
        for (int i = 0; i < DiameterCodec.MAX_DEPTH + 1; i++) {
            byte[] g = DiameterWriter.group().avp(AvpCode.SUBSCRIPTION_DATA, Avp.FLAG_VENDOR, AvpCode.VENDOR_3GPP, data)
                    .toBytes();
            data = Arrays.copyOfRange(g, DiameterCodec.HEADER_LENGTH, g.length);
        }
        byte[] m = DiameterWriter.request(316, 0, 1, 1).avp(AvpCode.SUBSCRIPTION_DATA, Avp.FLAG_VENDOR,
                AvpCode.VENDOR_3GPP, data).toBytes();
        Avp top = DiameterCodec.decode(m).avps().get(0);
        assertThatThrownBy(() -> {
            Avp a = top;
            while (true) {
                a = a.group().get(0);
            }
        }).isInstanceOf(DiameterDecodeException.class).hasMessage("groups-nested-too-deep");
        assertThat(top.member(AvpCode.USER_NAME, 0)).isNull();
    }

    @Test
    void damagedValuesAreLeftOutAndTheRestIsRead() {
        byte[] m = DiameterWriter.answer(316, DiameterCommand.APP_S6A, 5, 6)
                .base(AvpCode.ORIGIN_HOST, "hss.example")
                .base(AvpCode.RESULT_CODE, new byte[] {0, 0, 7}) // 3 octets for an Unsigned32
                .base(AvpCode.USER_NAME, "not-an-imsi")
                .vendor(AvpCode.MSISDN, new byte[] {0x26, (byte) 0xA8}) // a nibble above 9
                .vendor(AvpCode.EQUIPMENT_STATUS, 7)
                .vendor(AvpCode.VISITED_PLMN_ID, new byte[] {1, 2})
                .vendor(AvpCode.CANCELLATION_TYPE, 2).toBytes();
        DiameterEvent.Builder b = DiameterEvent.builder();
        DiameterFacts.Result r = DiameterFacts.read(DiameterCodec.decode(m), b);
        DiameterEvent e = b.build();
        assertThat(r.problem()).isEqualTo("bad-unsigned32-length");
        assertThat(e.resultCode()).isEqualTo(-1);
        assertThat(e.imsi()).isNull();
        assertThat(e.msisdn()).isNull();
        assertThat(e.equipmentStatus()).isEqualTo(-1);
        assertThat(e.visitedPlmnId()).isNull();
        assertThat(e.originHost()).isEqualTo("hss.example");
        assertThat(e.cancellationType()).isEqualTo(2);
    }

    @Test
    void tbcdNumbersOddAndEven() {
        for (String digits : new String[] {"6281234567890", "447700900123"}) {
            byte[] m = DiameterWriter.request(8388647, DiameterCommand.APP_S6C, 1, 1)
                    .vendor(AvpCode.MSISDN, DiameterWriter.tbcd(digits))
                    .vendor(AvpCode.SC_ADDRESS, DiameterWriter.tbcd(digits)).toBytes();
            DiameterEvent.Builder b = DiameterEvent.builder();
            DiameterFacts.read(DiameterCodec.decode(m), b);
            assertThat(b.build().msisdn().digits()).isEqualTo(digits);
            assertThat(b.build().smscAddress()).isEqualTo(digits);
        }
    }

    @Test
    void plausibleHeadersForFraming() {
        assertThat(DiameterCodec.plausibleLength(HAND_BUILT, 0, HAND_BUILT.length, 65_536)).isEqualTo(52);
        assertThat(DiameterCodec.plausibleLength(HAND_BUILT, 1, HAND_BUILT.length, 65_536)).isEqualTo(-1);
        assertThat(DiameterCodec.plausibleLength(with(HAND_BUILT, 4, 0x81), 0, HAND_BUILT.length, 65_536))
                .as("reserved flag bits set").isEqualTo(-1);
        assertThat(DiameterCodec.plausibleLength(HAND_BUILT, 0, HAND_BUILT.length, 40)).isEqualTo(-1);
    }

    @Test
    void boundsHoldExactlyAtTheirLimits() {
        // a message of exactly the maximum is read; one more 4 octets is refused
        byte[] atMax = DiameterWriter.request(316, 0, 1, 1).base(AvpCode.SESSION_ID, new byte[1000 - 28]).toBytes();
        assertThat(atMax).hasSize(1000);
        assertThat(DiameterCodec.decode(atMax, 0, atMax.length, 1000).length()).isEqualTo(1000);
        assertThatThrownBy(() -> DiameterCodec.decode(atMax, 0, atMax.length, 996)).hasMessage("message-too-long");
        // lengths past 255 and 65,535 octets survive the round trip (all three length octets used)
        byte[] big = DiameterWriter.request(316, 0, 1, 1).base(AvpCode.SESSION_ID, new byte[70_000]).toBytes();
        DiameterMessage m = DiameterCodec.decode(big, 0, big.length, 1 << 20);
        assertThat(m.length()).isEqualTo(big.length);
        assertThat(m.avps().get(0).dataLength()).isEqualTo(70_000);
        // at most MAX_AVPS in one list
        DiameterWriter many = DiameterWriter.request(316, 0, 1, 1);
        for (int i = 0; i < DiameterCodec.MAX_AVPS; i++) {
            many.base(AvpCode.USER_NAME, new byte[0]);
        }
        assertThat(DiameterCodec.decode(many.toBytes()).avps()).hasSize(DiameterCodec.MAX_AVPS);
        assertReason(many.base(AvpCode.USER_NAME, new byte[0]).toBytes(), "too-many-avps");
        // a group whose last member comes without its padding (seen from some stacks) is read
        byte[] member = {0, 0, 0, 1, 0x40, 0, 0, 13, 'a', 'b', 'c', 'd', 'e'}; // User-Name "abcde", no padding
        byte[] grouped = DiameterWriter.request(316, 0, 1, 1).avp(AvpCode.USER_IDENTIFIER, Avp.FLAG_VENDOR,
                AvpCode.VENDOR_3GPP, member).toBytes();
        Avp group = DiameterCodec.decode(grouped).avps().get(0);
        assertThat(group.group()).hasSize(1);
        assertThat(group.member(AvpCode.USER_NAME, 0).utf8()).isEqualTo("abcde");
        // a header of 20 octets with no AVPs is a message
        byte[] bare = Arrays.copyOf(HAND_BUILT, 20);
        bare[3] = 20;
        assertThat(DiameterCodec.decode(bare).avps()).isEmpty();
        assertThat(DiameterCodec.plausibleLength(bare, 0, 20, 20)).isEqualTo(20);
        assertThat(DiameterCodec.plausibleLength(bare, 0, 19, 20)).as("the header not all there").isEqualTo(-1);
        byte[] sixteen = bare.clone();
        sixteen[3] = 16;
        assertThat(DiameterCodec.plausibleLength(sixteen, 0, 20, 20)).isEqualTo(-1);
    }

    @Test
    void flagsAndTypedValues() {
        byte[] answer = DiameterWriter.answer(316, 1, 2, 3)
                .avp(AvpCode.RESULT_CODE, 0, 0, new byte[] {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF})
                .toBytes();
        DiameterMessage m = DiameterCodec.decode(answer);
        assertThat(m.isRequest()).isFalse();
        assertThat(m.applicationId()).isEqualTo(1);
        Avp a = m.avps().get(0);
        assertThat(a.isMandatory()).as("written without the M bit").isFalse();
        assertThat(a.unsigned32()).isEqualTo(0xDEADBEEFL);
        assertThat(a.octet(3)).isEqualTo(0xEF);
        assertThatThrownBy(() -> a.octet(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> a.octet(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(a.octets()).containsExactly(0xDE, 0xAD, 0xBE, 0xEF);
        assertThat(a.toString()).isEqualTo("Avp{268, 4 octets}");
        Avp rat = DiameterCodec.decode(HAND_BUILT).avps().get(1);
        assertThat(rat.toString()).isEqualTo("Avp{1032/10415, 4 octets}");
        assertThat(DiameterCodec.decode(HAND_BUILT).toString()).isEqualTo("DiameterMessage{280R app=0 hbh=1 e2e=2, 2 AVPs}");
        assertThat(m.toString()).startsWith("DiameterMessage{316A");
        assertThat(DiameterWriter.plmnId("310415")).containsExactly(0x13, 0x50, 0x14);
        assertThat(DiameterWriter.tbcd("12345")).containsExactly(0x21, 0x43, 0xF5);
    }

    static byte[] with(byte[] b, int at, int value) {
        byte[] c = b.clone();
        c[at] = (byte) value;
        return c;
    }

    static void assertReason(byte[] message, String reason) {
        assertThatThrownBy(() -> DiameterCodec.decode(message)).isInstanceOf(DiameterDecodeException.class)
                .hasMessage(reason);
    }
}
