package io.swapguard.ss7.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.Imsi;
import io.swapguard.event.Msisdn;
import io.swapguard.event.ShortMessage;
import io.swapguard.event.SmsAddress;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * SMS TPDUs (TS 23.040 §9.2) written octet by octet, as Diameter SGd and MAP's SM-RP-UI carry
 * them, read through {@link MapDecoder#tpdu}: each kind, each alphabet, both concatenation
 * headers (checked against tshark), and what is not a TPDU; and {@link MapParameter.Builder}'s two ways of merging facts.
 */
class ShortMessageTpduTest {

    /** GSM 7-bit default alphabet for plain ASCII letters, digits and space, packed LSB first (23.038 §6.1.2.1.1). */
    static byte[] packed(String text, int fillBits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int acc = 0;
        int bits = fillBits;
        for (char c : text.toCharArray()) {
            acc |= (c & 0x7F) << bits;
            bits += 7;
            while (bits >= 8) {
                out.write(acc & 0xFF);
                acc >>>= 8;
                bits -= 8;
            }
        }
        if (bits > 0) {
            out.write(acc & 0xFF);
        }
        return out.toByteArray();
    }

    /** An address field (§9.1.2.5): digit count, TON/NPI, semi-octets. */
    static byte[] address(String digits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(digits.length());
        out.write(0x91);
        for (int i = 0; i < digits.length(); i += 2) {
            int lo = digits.charAt(i) - '0';
            int hi = i + 1 < digits.length() ? digits.charAt(i + 1) - '0' : 0x0F;
            out.write(hi << 4 | lo);
        }
        return out.toByteArray();
    }

    static final byte[] TIMESTAMP = {0x62, 0x21, 0x60, 0x22, 0x03, 0x54, 0x00}; // 2026-12-06 22:30:45 +0

    static byte[] deliver(int firstOctet, int dcs, int udl, byte[] ud) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstOctet);
        out.writeBytes(address("6281100900"));
        out.write(0x00); // TP-PID
        out.write(dcs);
        out.writeBytes(TIMESTAMP);
        out.write(udl);
        out.writeBytes(ud);
        return out.toByteArray();
    }

    @Test
    void aDeliverInTheDefaultAlphabet() {
        String text = "Your OTP is 123456";
        ShortMessage sm = MapDecoder.tpdu(deliver(0x04, 0x00, text.length(), packed(text, 0)), false, null);
        assertThat(sm.type()).isEqualTo(ShortMessage.Type.DELIVER);
        assertThat(sm.originator()).isEqualTo(SmsAddress.international("6281100900"));
        assertThat(sm.destination()).isNull();
        assertThat(sm.dataCoding()).isZero();
        assertThat(sm.text()).isEqualTo(text);
        assertThat(sm.concatReference()).isEqualTo(-1);
        assertThat(sm.concatPart()).isZero();
        assertThat(sm.concatTotal()).isZero();
    }

    @Test
    void aSubmitInUcs2TakesTheSubscriberAsItsSender() {
        String text = "Kode OTP Anda 654321 — jangan berikan";
        byte[] ud = text.getBytes(StandardCharsets.UTF_16BE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x01); // SMS-SUBMIT, no validity period
        out.write(0x2A); // TP-MR
        out.writeBytes(address("6281234567890"));
        out.write(0x00);
        out.write(0x08); // UCS2
        out.write(ud.length);
        out.writeBytes(ud);
        byte[] submit = out.toByteArray();
        ShortMessage sm = MapDecoder.tpdu(submit, true, "6281299999999");
        assertThat(sm.type()).isEqualTo(ShortMessage.Type.SUBMIT);
        assertThat(sm.originator()).isEqualTo(SmsAddress.international("6281299999999"));
        assertThat(sm.destination()).isEqualTo(SmsAddress.international("6281234567890"));
        assertThat(sm.dataCoding()).isEqualTo(8);
        assertThat(sm.text()).isEqualTo(text);
        assertThat(MapDecoder.tpdu(submit, true, null).originator()).as("no subscriber known").isNull();
        assertThat(MapDecoder.tpdu(deliver(0x04, 0, 2, packed("Hi", 0)), false, "6281299999999").originator())
                .as("an MT message keeps its own originator").isEqualTo(SmsAddress.international("6281100900"));
    }

    @Test
    void bothConcatenationHeadersAreRead() throws Exception {
        byte[] udh8 = {0x05, 0x00, 0x03, 0x7A, 0x02, 0x01};
        String text = "part one";
        byte[] body = packed(text, 1); // the 6-octet header is followed by one fill bit
        byte[] ud = new byte[udh8.length + body.length];
        System.arraycopy(udh8, 0, ud, 0, udh8.length);
        System.arraycopy(body, 0, ud, udh8.length, body.length);
        ShortMessage sm = MapDecoder.tpdu(deliver(0x44, 0x00, 7 + text.length(), ud), false, null);
        assertThat(sm.concatReference()).isEqualTo(0x7A);
        assertThat(sm.concatTotal()).isEqualTo(2);
        assertThat(sm.concatPart()).isEqualTo(1);
        assertThat(sm.text()).isEqualTo(text);
        assertThat(tshark(deliver(0x44, 0x00, 7 + text.length(), ud))).isEqualTo("122\t2\t1");

        byte[] udh16 = {0x06, 0x08, 0x04, (byte) 0xBE, (byte) 0xEF, (byte) 0xFF, (byte) 0xFE};
        byte[] ucs2 = "dua".getBytes(StandardCharsets.UTF_16BE);
        byte[] ud16 = new byte[udh16.length + ucs2.length];
        System.arraycopy(udh16, 0, ud16, 0, udh16.length);
        System.arraycopy(ucs2, 0, ud16, udh16.length, ucs2.length);
        byte[] deliver16 = deliver(0x44, 0x08, ud16.length, ud16);
        ShortMessage two = MapDecoder.tpdu(deliver16, false, null);
        assertThat(two.concatReference()).as("a 16-bit reference, most significant octet first").isEqualTo(0xBEEF);
        assertThat(tshark(deliver16)).as("tshark reads the same reference, total and part").isEqualTo("48879\t255\t254");
        assertThat(two.concatTotal()).isEqualTo(0xFF);
        assertThat(two.concatPart()).isEqualTo(0xFE);
        assertThat(two.text()).isEqualTo("dua");

        ShortMessage noIndicator = MapDecoder.tpdu(deliver(0x04, 0x08, ud16.length, ud16), false, null);
        assertThat(noIndicator.concatReference()).as("a header without TP-UDHI is text, not a header").isEqualTo(-1);
    }

    /** tshark's gsm_sms dissector on the TPDU alone (a pcap of link type USER0): id, parts, part. */
    static String tshark(byte[] tpdu) throws Exception {
        Path pcap = Files.createTempFile("tpdu", ".pcap");
        try {
            ByteBuffer b = ByteBuffer.allocate(24 + 16 + tpdu.length).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(147);
            b.putInt(0).putInt(0).putInt(tpdu.length).putInt(tpdu.length).put(tpdu);
            Files.write(pcap, b.array());
            Process p = new ProcessBuilder("tshark", "-o", "uat:user_dlts:\"User 0 (DLT=147)\",\"gsm_sms\",\"0\",\"\",\"0\",\"\"",
                    "-r", pcap.toString(), "-T", "fields", "-e", "gsm_sms.udh.mm.msg_id", "-e", "gsm_sms.udh.mm.msg_parts",
                    "-e", "gsm_sms.udh.mm.msg_part").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(p.waitFor()).as("tshark exit").isZero();
            return out;
        } finally {
            Files.deleteIfExists(pcap);
        }
    }

    @Test
    void eightBitDataIsNotTextAndOtherKindsAreNamed() {
        ShortMessage binary = MapDecoder.tpdu(deliver(0x04, 0x04, 3, new byte[] {1, 2, 3}), false, null);
        assertThat(binary.text()).isNull();
        assertThat(binary.dataCoding()).isEqualTo(4);
        byte[] report = {0x02, 0x2A, 0x0A, (byte) 0x91, 0x26, 0x18, 0x21, 0x43, 0x65, 0x62, 0x21, 0x60, 0x22, 0x03, 0x54,
            0x00, 0x62, 0x21, 0x60, 0x22, 0x03, 0x55, 0x00, 0x00};
        ShortMessage status = MapDecoder.tpdu(report, false, null);
        assertThat(status.type()).isEqualTo(ShortMessage.Type.STATUS_REPORT);
        assertThat(status.text()).isNull();
        assertThat(MapDecoder.tpdu(new byte[] {0x04}, false, null)).as("cut after the first octet").isNull();
        assertThat(MapDecoder.tpdu(new byte[] {0x04, 0x0A, (byte) 0x91, 0x26}, false, null)).as("cut in the address").isNull();
    }

    @Test
    void aBuilderTakesOverOrFillsIn() {
        MapParameter all = new MapParameter.Builder().imsi(new Imsi("510100123456789")).msisdn(new Msisdn("6281234567890"))
                .imei(new io.swapguard.event.Imei("35693803564380")).mscNumber("1").vlrNumber("2").sgsnNumber("3")
                .hlrNumber("4").smscAddress("5").roamingNumber("6").ssCode(0x21).forwardedToNumber("7")
                .equipmentStatus(2).sms(ShortMessage.single(ShortMessage.Type.OTHER, null, null, 0, null))
                .ussdString("*123#").build();
        MapParameter other = new MapParameter.Builder().imsi(new Imsi("510109999999999")).msisdn(new Msisdn("6289999999999"))
                .imei(new io.swapguard.event.Imei("11111111111111")).mscNumber("91").vlrNumber("92").sgsnNumber("93")
                .hlrNumber("94").smscAddress("95").roamingNumber("96").ssCode(0).forwardedToNumber("97")
                .equipmentStatus(0).sms(ShortMessage.single(ShortMessage.Type.DELIVER, null, null, 0, "x"))
                .ussdString("#").build();
        MapParameter empty = new MapParameter.Builder().build();
        assertThat(empty.ssCode()).isEqualTo(-1);
        assertThat(empty.equipmentStatus()).isEqualTo(-1);

        assertThat(new MapParameter.Builder().with(all).build()).isEqualTo(all);
        assertThat(new MapParameter.Builder().with(all).with(empty).build()).as("absent facts take nothing away").isEqualTo(all);
        assertThat(new MapParameter.Builder().with(all).with(other).build()).as("every fact taken over, codes 0 too")
                .isEqualTo(other);
        assertThat(new MapParameter.Builder().fillIn(all).build()).isEqualTo(all);
        assertThat(new MapParameter.Builder().with(all).fillIn(other).build()).as("nothing held is replaced").isEqualTo(all);
        assertThat(new MapParameter.Builder().with(empty).fillIn(empty).build()).isEqualTo(empty);
    }
}
