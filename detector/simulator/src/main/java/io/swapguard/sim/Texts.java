package io.swapguard.sim;

import java.util.SplittableRandom;

/** The words of simulated SMS: OTPs and notices in Indonesian and English, personal messages, phishing. */
final class Texts {

    private static final String[] PERSONAL = {"on my way", "see you at 8", "ok", "sudah sampai?", "nanti aku telepon",
        "terima kasih!", "call me back", "happy birthday!", "jangan lupa bawa payung", "meeting moved to 3pm"};

    /**
     * Unregistered brands that send A2P notices on the home aggregators. Some look like bank IDs
     * at a glance (BRIGHT starts with BRI, BCAF and BNIS add a letter): honest traffic that the
     * lookalike rule must leave alone.
     */
    static final String[] BRANDS = {"TOKOPEDIA", "SHOPEE", "GRAB", "BRIGHT", "BLIBLI", "BPJS", "BCAF", "BNIS", "DANA"};

    private Texts() {
    }

    static String code(SplittableRandom r) {
        return String.format("%06d", r.nextInt(1_000_000));
    }

    static String otp(SplittableRandom r, Bank b) {
        String code = code(r);
        return switch (r.nextInt(3)) {
            case 0 -> "Kode OTP Anda " + code + ". JANGAN BERIKAN kode ini kepada siapapun.";
            case 1 -> b.senderId() + ": kode verifikasi " + code + " berlaku 5 menit. Jangan berikan kepada siapapun.";
            default -> "Your " + b.senderId() + " one-time password is " + code + ". Do not share it with anyone.";
        };
    }

    static String notice(SplittableRandom r, Bank b) {
        return switch (r.nextInt(3)) {
            case 0 -> b.senderId() + ": Transaksi Rp" + (10 + r.nextInt(990)) + ".000 berhasil. Terima kasih.";
            case 1 -> "Promo " + b.senderId() + ": cashback 20% hari ini. Info 1500" + (100 + r.nextInt(800));
            default -> b.senderId() + ": your statement is ready in the app.";
        };
    }

    static String brandNotice(SplittableRandom r, String brand) {
        return switch (r.nextInt(3)) {
            case 0 -> brand + ": pesanan Anda sedang dikirim. Lacak di aplikasi.";
            case 1 -> "Promo " + brand + " " + (10 + r.nextInt(80)) + "% hari ini saja!";
            default -> brand + ": your receipt for Rp" + (10 + r.nextInt(990)) + ".000 is in the app.";
        };
    }

    static String personal(SplittableRandom r) {
        return PERSONAL[r.nextInt(PERSONAL.length)];
    }

    static String phishing(SplittableRandom r, Bank b) {
        return b.senderId() + ": Akun Anda diblokir. Verifikasi sekarang di http://" + b.senderId().toLowerCase()
                + "-verifikasi.example/" + code(r);
    }

    /** A lookalike of a sender ID a GSM 7-bit TP-OA can carry: a digit for a letter, or a suffix. */
    static String lookalike(String id) {
        if (id.startsWith("B")) {
            return "8" + id.substring(1);
        }
        if (id.contains("I")) {
            return id.replaceFirst("I", "1");
        }
        if (id.contains("O")) {
            return id.replaceFirst("O", "0");
        }
        return id + "-ID";
    }
}
