package io.swapguard.smpp;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The text of an SMPP message, as the verdict reads it: the content (short_message, or the
 * message_payload TLV), its user data header when esm_class says there is one, and the characters
 * by data_coding. Concatenation is told by the UDH (8- and 16-bit references) or the sar_* TLVs.
 */
public final class SmsText {

    /**
     * The GSM 03.38 default alphabet, one septet per octet (how SMPP carries data_coding 0), as
     * unicode.org's GSM0338 mapping has it (0x09 is Ç; 23.038 allows showing it as ç).
     */
    private static final char[] GSM = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà").toCharArray();
    private static final char ESCAPE = 0x1B;

    /**
     * @param text the characters, null for binary content (8-bit data, or an alphabet not read)
     * @param reference the concatenated message's reference (UDH or sar_msg_ref_num), -1 when single
     * @param total its number of segments, 1 when single
     * @param sequence this segment's number from 1
     */
    public record Content(String text, int reference, int total, int sequence) {
        public boolean concatenated() {
            return total > 1;
        }
    }

    private SmsText() {
    }

    /** The content of a submit_sm or deliver_sm. */
    public static Content of(SmppBody.ShortMessage m) {
        return of(m.esmClass(), m.dataCoding(), m.shortMessage(), m.tlvs());
    }

    /** The content of a data_sm (its message_payload). */
    public static Content of(SmppBody.DataSm m) {
        return of(m.esmClass(), m.dataCoding(), new byte[0], m.tlvs());
    }

    /** The content of a submit_multi (the same for every destination). */
    public static Content of(SmppBody.SubmitMulti m) {
        return of(m.esmClass(), m.dataCoding(), m.shortMessage(), m.tlvs());
    }

    static Content of(int esmClass, int dataCoding, byte[] shortMessage, List<Tlv> tlvs) {
        byte[] content = shortMessage;
        int ref = -1, total = 1, seq = 1;
        for (Tlv t : tlvs) {
            switch (t.tag()) {
                case Tlv.MESSAGE_PAYLOAD -> content = t.value();
                case Tlv.SAR_MSG_REF_NUM -> ref = (int) t.unsigned();
                case Tlv.SAR_TOTAL_SEGMENTS -> total = (int) Math.max(1, t.unsigned());
                case Tlv.SAR_SEGMENT_SEQNUM -> seq = (int) Math.max(1, t.unsigned());
                default -> { }
            }
        }
        int offset = 0;
        if ((esmClass & 0x40) != 0 && content.length > 0) { // UDHI: a user data header first
            int udhl = content[0] & 0xFF;
            int end = Math.min(content.length, 1 + udhl);
            for (int i = 1; i + 1 < end; ) {
                int iei = content[i] & 0xFF;
                int len = content[i + 1] & 0xFF;
                if (i + 2 + len > end) {
                    break;
                }
                if (iei == 0x00 && len == 3) {
                    ref = content[i + 2] & 0xFF;
                    total = Math.max(1, content[i + 3] & 0xFF);
                    seq = Math.max(1, content[i + 4] & 0xFF);
                } else if (iei == 0x08 && len == 4) {
                    ref = ((content[i + 2] & 0xFF) << 8) | (content[i + 3] & 0xFF);
                    total = Math.max(1, content[i + 4] & 0xFF);
                    seq = Math.max(1, content[i + 5] & 0xFF);
                }
                i += 2 + len;
            }
            offset = end;
        }
        return new Content(text(dataCoding, content, offset), total > 1 ? ref : -1, total, seq);
    }

    /** The characters of {@code octets[offset..]} in the alphabet data_coding names; null when binary. */
    static String text(int dataCoding, byte[] octets, int offset) {
        int n = octets.length - offset;
        return switch (alphabet(dataCoding)) {
            case GSM7 -> gsm7(octets, offset);
            case ASCII -> new String(octets, offset, n, StandardCharsets.US_ASCII);
            case LATIN1 -> new String(octets, offset, n, StandardCharsets.ISO_8859_1);
            case CYRILLIC -> new String(octets, offset, n, Charset.forName("ISO-8859-5"));
            case HEBREW -> new String(octets, offset, n, Charset.forName("ISO-8859-8"));
            case UCS2 -> new String(octets, offset, n - (n & 1), StandardCharsets.UTF_16BE);
            case BINARY -> null;
        };
    }

    enum Alphabet { GSM7, ASCII, LATIN1, CYRILLIC, HEBREW, UCS2, BINARY }

    /**
     * SMPP 3.4 5.2.19 for 0x00-0x0F; above that the coding groups of 3GPP TS 23.038, 4, which
     * SMSCs pass through to the handset, so the gate reads the text the handset will show. The
     * group that marks a message for automatic deletion (01xx) is coded like the general group
     * (00xx): an OTP in it is as readable as any other. Compressed text cannot be read here.
     * Reserved codings are read as the default alphabet, as 23.038 tells receivers to.
     */
    static Alphabet alphabet(int dcs) {
        switch (dcs) {
            case 0x00: return Alphabet.GSM7;
            case 0x01: return Alphabet.ASCII;
            case 0x03: return Alphabet.LATIN1;
            case 0x06: return Alphabet.CYRILLIC;
            case 0x07: return Alphabet.HEBREW;
            case 0x08: return Alphabet.UCS2;
            default: break;
        }
        if (dcs < 0x10) { // SMPP's own: 8-bit data, and character sets (JIS, KS C 5601, ...) not read
            return Alphabet.BINARY;
        }
        int group = dcs >> 4;
        if (group < 0x8) { // 00xx general data coding, 01xx the same marked for automatic deletion
            if ((dcs & 0x20) != 0) {
                return Alphabet.BINARY; // compressed
            }
            return switch ((dcs >> 2) & 0x3) {
                case 1 -> Alphabet.BINARY;
                case 2 -> Alphabet.UCS2;
                default -> Alphabet.GSM7; // 00, and 11 reserved
            };
        }
        if (group == 0xF) { // data coding / message class: bit 2, 8-bit
            return (dcs & 0x04) == 0 ? Alphabet.GSM7 : Alphabet.BINARY;
        }
        // 1110 message waiting in UCS2; 1100, 1101 message waiting in GSM 7-bit; 1000-1011 reserved
        return group == 0xE ? Alphabet.UCS2 : Alphabet.GSM7;
    }

    /** Unpacked septets, the escape to the extension table included; octets above 0x7F are not GSM and read as '?'. */
    static String gsm7(byte[] b, int offset) {
        StringBuilder s = new StringBuilder(b.length - offset);
        for (int i = offset; i < b.length; i++) {
            int c = b[i] & 0xFF;
            if (c > 0x7F) {
                s.append('?');
            } else if (c == ESCAPE) {
                s.append(i + 1 < b.length ? extension(b[++i] & 0x7F) : ' '); // a last escape: a space
            } else {
                s.append(GSM[c]);
            }
        }
        return s.toString();
    }

    private static char extension(int c) {
        return switch (c) {
            case 0x0A -> '\f';
            case 0x14 -> '^';
            case 0x28 -> '{';
            case 0x29 -> '}';
            case 0x2F -> '\\';
            case 0x3C -> '[';
            case 0x3D -> '~';
            case 0x3E -> ']';
            case 0x40 -> '|';
            case 0x65 -> '€';
            default -> ' '; // an escape to nothing: shown as a space (23.038: the receiver shows a space)
        };
    }
}
