package io.swapguard.engine.senders;

import io.swapguard.engine.InvalidSettingException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Registered A2P sender IDs (alphanumeric and short codes) with their owner and the routes they
 * are authorised on: anything else carrying a registered ID is illegal masking, and IDs that
 * imitate one are lookalikes. Loaded from YAML (conf/senders.yaml documents the format).
 */
public final class SenderRegistry {

    /** The file: a list of senders. */
    public record File(List<Sender> senders) {
        public File {
            senders = senders == null ? List.of() : List.copyOf(senders);
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < senders.size(); i++) {
                Integer first = seen.putIfAbsent(key(senders.get(i).id()), i);
                if (first != null) {
                    throw new InvalidSettingException("senders", "sender ID '" + senders.get(i).id()
                            + "' is registered twice (entries " + (first + 1) + " and " + (i + 1) + "): keep one");
                }
            }
        }
    }

    /**
     * One registered sender.
     *
     * @param id the sender ID as it appears in TP-OA / SMPP source_addr
     * @param owner who it belongs to
     * @param otp whether its messages include one-time passwords
     * @param smscGts SS7: service centres its MT-ForwardSM may come from
     * @param esmeAccounts SMPP: system_ids of the ESMEs authorised to submit it
     * @param international may it arrive from abroad (a foreign SMSC)
     * @param otpWindow overrides the OTP guard's window for this sender
     */
    public record Sender(String id, String owner, Boolean otp, List<String> smscGts, List<String> esmeAccounts,
            Boolean international, Duration otpWindow) {
        public Sender {
            if (id == null || id.isBlank() || id.length() > 16) {
                throw new InvalidSettingException("id", "must be 1..16 characters");
            }
            owner = owner == null ? "" : owner;
            otp = otp == null || otp;
            smscGts = smscGts == null ? List.of() : List.copyOf(smscGts);
            esmeAccounts = esmeAccounts == null ? List.of() : List.copyOf(esmeAccounts);
            international = international != null && international;
        }
    }

    private final Map<String, Sender> byKey;
    private final List<Sender> senders;
    private final Map<String, Sender> byCanonical;

    public SenderRegistry(List<Sender> senders) {
        this.senders = List.copyOf(senders);
        this.byKey = new HashMap<>();
        this.byCanonical = new HashMap<>();
        for (Sender s : senders) {
            byKey.put(key(s.id()), s);
            byCanonical.put(Lookalikes.canonical(s.id()), s);
        }
    }

    private static final SenderRegistry EMPTY = new SenderRegistry(List.of());

    /** The registry with no senders (one instance: callers that cache per registry keep their cache). */
    public static SenderRegistry empty() {
        return EMPTY;
    }

    static String key(String id) {
        return id.strip().toUpperCase(Locale.ROOT);
    }

    /** The sender registered under exactly this ID (case-insensitive), or null. */
    public Sender registered(String id) {
        return id == null ? null : byKey.get(key(id));
    }

    /**
     * Words fraudsters add to a registered ID without a separator ("MYBCA", "BCAID"). A bare
     * prefix or suffix test would flag honest brands that merely start with one ("BRIGHT" and BRI).
     */
    private static final List<String> AFFIXES = List.of("ID", "INFO", "OTP", "MY", "BANK", "CS", "SMS", "ALERT",
            "NOTIF", "OFFICIAL", "CARE", "HELP", "SECURE", "VERIFY");

    /** Edit distance is only meaningful for longer IDs: BCA, BNI and BRI are one edit apart. */
    static final int MIN_LENGTH_FOR_EDIT_DISTANCE = 5;

    /**
     * The registered sender {@code id} imitates, or null when it imitates none (or is registered):
     * <ul>
     *   <li>the same after folding confusable characters (8/B, 0/O, 1/l/I, Cyrillic and Greek
     *       look-alike letters) and dropping punctuation: "8CA", "B.C.A", Cyrillic "ВСА";
     *   <li>a registered ID as one word of several: "BCA-ID", "INFO BCA";
     *   <li>a registered ID with a typical word glued on: "MYBCA", "BCAOTP";
     *   <li>within {@code maxDistance} edits of a registered ID of at least
     *       {@value #MIN_LENGTH_FOR_EDIT_DISTANCE} letters: "MANDlRl", "GOPAAY".
     * </ul>
     */
    public Sender imitated(String id, int maxDistance) {
        if (id == null || id.isBlank() || registered(id) != null) {
            return null;
        }
        String c = Lookalikes.canonical(id);
        Sender exact = byCanonical.get(c);
        if (exact != null) {
            return exact;
        }
        String[] words = id.split("[^\\p{L}\\p{N}]+");
        if (words.length > 1) {
            for (String word : words) {
                Sender s = word.isEmpty() ? null : byCanonical.get(Lookalikes.canonical(word));
                if (s != null) {
                    return s;
                }
            }
        }
        for (String affix : AFFIXES) {
            Sender s = c.startsWith(affix) ? byCanonical.get(c.substring(affix.length()))
                    : c.endsWith(affix) ? byCanonical.get(c.substring(0, c.length() - affix.length())) : null;
            if (s != null) {
                return s;
            }
        }
        for (Sender s : senders) {
            String r = Lookalikes.canonical(s.id());
            if (r.length() >= MIN_LENGTH_FOR_EDIT_DISTANCE && Lookalikes.distance(c, r, maxDistance) <= maxDistance) {
                return s;
            }
        }
        return null;
    }

    public List<Sender> senders() {
        return senders;
    }
}
