package io.swapguard.sim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What banks and aggregators submit over SMPP, with the verdict each message must get (ground
 * truth): OTPs and notices in Indonesian and English, long messages in concatenated GSM 7-bit
 * and UCS2 segments with the code in the last one, a registered sender ID from an account not
 * authorised for it, lookalike and confusable sender IDs (Cyrillic "ВСА" in UTF-8), and OTPs to
 * the numbers the SS7 scenarios swapped, hijacked or forwarded.
 */
public final class SmppTraffic {

    /** The account of a bulk aggregator no bank authorised. */
    public static final String BULK_ACCOUNT = "cheap-bulk";

    /**
     * One message as an ESME submits it.
     *
     * @param account the ESME's system_id
     * @param sender source_addr (alphanumeric)
     * @param destination dest_addr, international digits
     * @param dataCoding 0 (SMSC default alphabet, GSM 7-bit) or 8 (UCS2)
     * @param segments short_message of each submit_sm: one, or several with a concatenation UDH (esm_class 0x40)
     * @param text the whole text
     * @param block whether the gate must stop it
     * @param rule the rule that must stop it ("" when it must pass)
     * @param kind what it is, for reports
     */
    public record Submission(String account, String sender, String destination, int dataCoding, List<byte[]> segments,
            String text, boolean block, String rule, String kind) {

        public boolean concatenated() {
            return segments.size() > 1;
        }
    }

    private SmppTraffic() {
    }

    /**
     * {@code count} ordinary messages to {@code subscribers}, then one of each attack per entry of
     * {@code victims} (number → the rule its risk comes from), in a seeded order.
     */
    public static List<Submission> of(List<Bank> banks, List<String> subscribers, Map<String, String> victims,
            long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Submission> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Bank b = banks.get(r.nextInt(banks.size()));
            String to = subscribers.get(r.nextInt(subscribers.size()));
            switch (r.nextInt(6)) {
                case 0, 1 -> out.add(single(b, to, Texts.otp(r, b), false, "", "otp"));
                case 2 -> out.add(single(b, to, Texts.notice(r, b), false, "", "notice"));
                case 3 -> out.add(gsm7Long(b, to, r, false, "", "long-otp-gsm7"));
                case 4 -> out.add(ucs2Long(b, to, r, false, "", "long-otp-ucs2"));
                default -> out.add(new Submission(BULK_ACCOUNT, Texts.BRANDS[r.nextInt(Texts.BRANDS.length)], to, 0,
                        List.of(gsm7("Promo hari ini: diskon " + (10 + r.nextInt(80)) + "%")), "", false, "",
                        "bulk"));
            }
        }
        for (Map.Entry<String, String> v : victims.entrySet()) {
            Bank b = banks.get(r.nextInt(banks.size()));
            String victim = v.getKey();
            out.add(single(b, victim, Texts.otp(r, b), true, v.getValue(), "otp-to-victim"));
            out.add(single(b, victim, Texts.notice(r, b), false, "", "notice-to-victim"));
            out.add(gsm7Long(b, victim, r, true, v.getValue(), "long-otp-gsm7-to-victim"));
            out.add(ucs2Long(b, victim, r, true, v.getValue(), "long-otp-ucs2-to-victim"));
        }
        Bank target = banks.get(0);
        String someone = subscribers.get(r.nextInt(subscribers.size()));
        String phishing = Texts.phishing(r, target);
        out.add(new Submission(BULK_ACCOUNT, target.senderId(), someone, 0, List.of(gsm7(phishing)), phishing, true,
                "illegalMasking", "masking"));
        String lookalike = Texts.lookalike(target.senderId());
        out.add(new Submission(BULK_ACCOUNT, lookalike, someone, 0, List.of(gsm7(phishing)), phishing, true,
                "lookalikeSender", "lookalike"));
        String confusable = confusable(target.senderId());
        out.add(new Submission(BULK_ACCOUNT, confusable, someone, 0, List.of(gsm7(phishing)), phishing, true,
                "lookalikeSender", "confusable"));
        return out;
    }

    /** The ID in Cyrillic capitals where they look Latin (В С А Е Н К М О Р Т Х). */
    static String confusable(String id) {
        String latin = "ABCEHKMOPTX";
        String cyrillic = "\u0410\u0412\u0421\u0415\u041D\u041A\u041C\u041E\u0420\u0422\u0425";
        StringBuilder s = new StringBuilder();
        for (char c : id.toCharArray()) {
            int i = latin.indexOf(c);
            s.append(i >= 0 ? cyrillic.charAt(i) : c);
        }
        return s.toString();
    }

    private static Submission single(Bank b, String to, String text, boolean block, String rule, String kind) {
        return new Submission(b.esmeAccount(), b.senderId(), to, 0, List.of(gsm7(text)), text, block, rule, kind);
    }

    /** A long OTP in two GSM 7-bit segments, the code only in the second. */
    private static Submission gsm7Long(Bank b, String to, SplittableRandom r, boolean block, String rule, String kind) {
        String first = b.senderId() + ": Demi keamanan akun Anda, jangan pernah memberikan kode ini kepada siapa pun,"
                + " termasuk petugas bank. Kode";
        String second = " OTP Anda: " + Texts.code(r) + ". Berlaku 5 menit.";
        int ref = r.nextInt(256);
        return new Submission(b.esmeAccount(), b.senderId(), to, 0,
                List.of(udh(ref, 1, 2, gsm7(first)), udh(ref, 2, 2, gsm7(second))), first + second, block, rule, kind);
    }

    /** A long OTP in two UCS2 segments (with an emoji, which forces UCS2), the code only in the second. */
    private static Submission ucs2Long(Bank b, String to, SplittableRandom r, boolean block, String rule, String kind) {
        String first = "\uD83D\uDD12 " + b.senderId() + ": jangan berikan kode ini kepada siapa pun.";
        String second = " Your code: " + Texts.code(r);
        int ref = r.nextInt(256);
        return new Submission(b.esmeAccount(), b.senderId(), to, 8,
                List.of(udh(ref, 1, 2, first.getBytes(StandardCharsets.UTF_16BE)),
                        udh(ref, 2, 2, second.getBytes(StandardCharsets.UTF_16BE))), first + second, block, rule, kind);
    }

    /** Text in the SMSC default alphabet, one octet per character (SMPP's unpacked GSM 7-bit; ASCII letters and digits). */
    static byte[] gsm7(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A segment with an 8-bit-reference concatenation UDH (3GPP TS 23.040 9.2.3.24.1). */
    static byte[] udh(int ref, int part, int total, byte[] content) {
        return ByteBuffer.allocate(6 + content.length).put(new byte[] {5, 0, 3, (byte) ref, (byte) total, (byte) part})
                .put(content).array();
    }
}
