package io.swapguard.engine.senders;

import java.text.Normalizer;

/** Folding of sender IDs that are made to look like others, and a bounded edit distance. */
final class Lookalikes {

    private Lookalikes() {
    }

    /**
     * Upper case, accents removed, confusable characters folded to the Latin letter they imitate,
     * everything but letters removed: "8CA", "B.C.A", "ВСА" (Cyrillic) all become "BCA".
     */
    static String canonical(String id) {
        String s = Normalizer.normalize(id, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = fold(s.charAt(i));
            if (c >= 'A' && c <= 'Z') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static char fold(char c) {
        char u = Character.toUpperCase(c);
        return switch (u) {
            case '0' -> 'O';
            case '1', 'L' -> c == 'l' || c == '1' ? 'I' : 'L'; // lower-case l and 1 pass for I
            case '3' -> 'E';
            case '4' -> 'A';
            case '5' -> 'S';
            case '6' -> 'G';
            case '7' -> 'T';
            case '8' -> 'B';
            case '\u0410', '\u0391' -> 'A'; // Cyrillic А, Greek Α
            case '\u0412', '\u0392' -> 'B'; // Cyrillic В, Greek Β
            case '\u0421' -> 'C';           // Cyrillic С
            case '\u0415', '\u0395' -> 'E';
            case '\u041D', '\u0397' -> 'H';
            case '\u0406', '\u0399' -> 'I';
            case '\u041A', '\u039A' -> 'K';
            case '\u041C', '\u039C' -> 'M';
            case '\u041E', '\u039F' -> 'O';
            case '\u0420', '\u03A1' -> 'P';
            case '\u0422', '\u03A4' -> 'T';
            case '\u0425', '\u03A7' -> 'X';
            case '\u0423', '\u03A5' -> 'Y';
            default -> u; // anything else that is not A-Z is dropped by canonical()
        };
    }

    /** Levenshtein distance, giving up (returning max + 1) once it exceeds {@code max}. */
    static int distance(String a, String b, int max) {
        if (Math.abs(a.length() - b.length()) > max) {
            return max + 1;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int best = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                best = Math.min(best, cur[j]);
            }
            if (best > max) {
                return max + 1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
