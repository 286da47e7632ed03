package io.swapguard.sim;

import io.swapguard.event.EventTime;
import io.swapguard.event.Imei;
import io.swapguard.event.Imsi;
import io.swapguard.event.Msisdn;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.event.SccpAddress;
import io.swapguard.ss7.map.MapEncoder;
import io.swapguard.ss7.wire.MapConversations;
import io.swapguard.ss7.wire.SigtranLink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Plays a population of subscribers over simulated time as MAP signalling on one SIGTRAN link (the
 * capture point of the home network's STP) and, for the LTE share of the population, S6a, S13, S6c
 * and SGd Diameter on an association beside it (the DRA), with BSS provisioning records and attacks
 * injected at chosen times. Everything follows from the seed: same settings, same bytes.
 *
 * <p>Each subscriber has one pending activity in a heap ordered by time; popping it plays the
 * activity's MAP dialogues and schedules the next one (exponential gaps, rates per day). The
 * population is held in arrays, so a million subscribers fit in a few tens of megabytes.
 */
public final class Simulator {

    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long DAY = 86_400 * SECOND;

    /** An attack to inject: what, when (after the start) and on whom (subscriber index). */
    public record Injection(FraudKind kind, Duration at, int subscriber) {
    }

    /**
     * Everything a run depends on.
     *
     * @param warmup every subscriber attaches once, at a random time inside this window, before
     *        anything else happens to them: the baseline a detector learns first
     * @param bankedShare the share of subscribers who are customers of one of the banks
     * @param lteShare the share of subscribers with LTE phones: they attach over S6a (one attach in
     *        eight falls back to 2G/3G and MAP), get SMS over SGd, and are attacked over Diameter
     */
    public record Settings(int subscribers, long seed, Instant start, Duration duration, Duration warmup,
            HomeNetwork home, List<RoamingPartner> partners, List<Bank> banks, SubscriberRates rates,
            double bankedShare, List<Injection> frauds, double lteShare) {

        /** A 2G/3G-only population (no LTE share). */
        public Settings(int subscribers, long seed, Instant start, Duration duration, Duration warmup, HomeNetwork home,
                List<RoamingPartner> partners, List<Bank> banks, SubscriberRates rates, double bankedShare,
                List<Injection> frauds) {
            this(subscribers, seed, start, duration, warmup, home, partners, banks, rates, bankedShare, frauds, 0);
        }

        public Settings {
            if (!(lteShare >= 0 && lteShare <= 1)) {
                throw new IllegalArgumentException("the LTE share must be between 0 and 1, got " + lteShare);
            }
            if (subscribers < 1 || subscribers > 100_000_000) {
                throw new IllegalArgumentException("subscribers must be 1..100,000,000, got " + subscribers);
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration must be positive");
            }
            if (warmup.isNegative() || warmup.compareTo(duration) > 0) {
                throw new IllegalArgumentException("warmup must be between 0 and the duration");
            }
            for (Injection f : frauds) {
                if (f.subscriber() < 0 || f.subscriber() >= subscribers) {
                    throw new IllegalArgumentException("fraud " + f.kind() + " names subscriber " + f.subscriber()
                            + " but the population is 0.." + (subscribers - 1));
                }
                if (f.at().compareTo(warmup) < 0 || f.at().compareTo(duration) >= 0) {
                    throw new IllegalArgumentException("fraud " + f.kind() + " at +" + f.at()
                            + " must come after the warmup (" + warmup + ") and before the end (" + duration + ")");
                }
            }
            frauds = frauds.stream().sorted(Comparator.comparing(Injection::at)).toList();
        }

        public static Settings of(int subscribers, long seed, Instant start, Duration duration, List<Injection> frauds) {
            HomeNetwork home = HomeNetwork.defaults();
            return new Settings(subscribers, seed, start, duration, Duration.ofMinutes(Math.min(60,
                    Math.max(1, duration.toMinutes() / 4))), home, RoamingPartner.defaults(), Bank.defaults(home),
                    SubscriberRates.defaults(), 0.3, frauds);
        }

        public Settings withLteShare(double share) {
            return new Settings(subscribers, seed, start, duration, warmup, home, partners, banks, rates, bankedShare,
                    frauds, share);
        }
    }

    /** What a run produced. */
    public record Summary(int subscribers, long activities, long mapMessages, long provisioningRecords, int frauds,
            Instant end, long diameterMessages) {
    }

    /**
     * One injected attack, as the ground truth records it.
     *
     * @param signalling where it was played: {@code map} (SS7) or {@code diameter} (LTE)
     * @param attackerHost the attacker's Diameter Origin-Host, for attacks from a foreign realm
     */
    public record Truth(FraudKind kind, int subscriber, String msisdn, String imsi, String newImsi, String imei,
            String newImei, long timeNanos, long endNanos, List<Long> frames, String attackerGt, String senderId,
            String detail, String signalling, String attackerHost) {
    }

    // Device models (TACs) handed out to the population; fraudsters bring their own.
    private static final String[] TACS = {"35332509", "35209900", "35391110", "35875309", "35699311", "86891503",
        "01332700", "35445406"};
    private static final String[] FRAUD_TACS = {"86753109", "86072204", "35164810"};

    private static final byte HOME = 0;
    private static final byte OUTBOUND = 1;
    private static final byte ABROAD = 2;
    private static final byte INBOUND = 3;

    private final Settings s;
    private final SigtranLink link;
    private final Consumer<ProvisioningEvent> provisioning;
    private final Consumer<Truth> truth;
    private final MapConversations map;
    private final DiameterConversations diameter;
    private final DiameterConversations.Peer hss;
    private final DiameterConversations.Peer eir;
    private final SplittableRandom random;
    private final HomeNetwork home;
    private final SccpAddress hlr;
    private final int homeVlrs;

    // The population, one slot per subscriber.
    private final byte[] simGeneration;
    private final byte[] deviceModel;
    private final byte[] deviceGeneration;
    private final short[] vlr; // -1 never attached, 0..homeVlrs-1 home, 1000+p partner p
    private final byte[] state;
    private final long[] returnAt;
    private final byte[] trip;
    private final boolean[] fraudDevice;
    private final boolean[] onLte; // the last attach was over S6a: SMS go over SGd to the MME

    // Min-heap of (time, subscriber): each subscriber's next activity.
    private final long[] heapTime;
    private final int[] heapSub;
    private int heapSize;

    private long activities;
    private long provisioningRecords;
    private int fraudsPlayed;
    private int orderNumber = 1;

    /** Attacks played, each with the frames the link has put it on so far (the tag is that list). */
    private final List<Truth> pendingTruth = new ArrayList<>();
    private final List<List<Long>> pendingFrames = new ArrayList<>();

    public Simulator(Settings settings, SigtranLink link, Consumer<ProvisioningEvent> provisioning,
            Consumer<Truth> truth) {
        this.s = settings;
        this.link = link;
        link.tagListener((tag, frame) -> {
            @SuppressWarnings("unchecked")
            List<Long> frames = (List<Long>) tag;
            frames.add(frame);
        });
        this.provisioning = provisioning;
        this.truth = truth;
        this.random = new SplittableRandom(settings.seed());
        this.map = new MapConversations(link, 0x1000_0000L + (settings.seed() & 0xFFFFFF), 30_000_000L);
        this.home = settings.home();
        this.hlr = MapConversations.gt(home.hlrGt(), SccpAddress.SSN_HLR);
        this.homeVlrs = home.vlrGts().size();
        this.diameter = new DiameterConversations(link, 0x2000_0000L + (settings.seed() & 0xFFFFFF), 20_000_000L);
        this.hss = new DiameterConversations.Peer("hss1." + home.realm(), home.realm());
        this.eir = new DiameterConversations.Peer("eir1." + home.realm(), home.realm());
        int n = settings.subscribers();
        simGeneration = new byte[n];
        deviceModel = new byte[n];
        deviceGeneration = new byte[n];
        vlr = new short[n];
        state = new byte[n];
        returnAt = new long[n];
        trip = new byte[n];
        fraudDevice = new boolean[n];
        onLte = new boolean[n];
        heapTime = new long[n];
        heapSub = new int[n];
    }

    private long startNanos() {
        return s.start().getEpochSecond() * SECOND + s.start().getNano();
    }

    /** Runs the whole span; {@code progress} is told the simulated time now and then. */
    /** TCAP messages longer than {@code bytes} go as segmented XUDT of that size (0: UDT, the default). */
    public Simulator segmentAbove(int bytes) {
        if (bytes < 0 || bytes > 250) {
            throw new IllegalArgumentException("segment size must be 0 (off) or 1..250 bytes, got " + bytes);
        }
        map.segmentAbove(bytes);
        return this;
    }

    public Summary run(LongConsumerWithMessages progress) {
        long start = startNanos();
        long end = start + s.duration().toNanos();
        long warmup = Math.max(1, s.warmup().toNanos());
        for (int i = 0; i < s.subscribers(); i++) {
            deviceModel[i] = (byte) random.nextInt(TACS.length);
            vlr[i] = -1;
            push(start + (long) (random.nextDouble() * warmup), i);
        }
        int nextFraud = 0;
        long lastReport = 0;
        while (heapSize > 0) {
            long t = heapTime[0];
            if (nextFraud < s.frauds().size()) {
                Injection f = s.frauds().get(nextFraud);
                long ft = start + f.at().toNanos();
                if (ft <= t) {
                    link.advanceTo(ft);
                    fraud(f, ft);
                    nextFraud++;
                    continue;
                }
            }
            if (t >= end) {
                break;
            }
            link.advanceTo(t); // everything sent for earlier times goes on the wire before this
            int i = heapSub[0];
            popMin();
            long next = activity(i, t);
            if (next < end) {
                push(next, i);
            }
            activities++;
            if (progress != null && (activities & 0x3FF) == 0 && t - lastReport > SECOND) {
                progress.report(t - start, end - start, link.tcapMessages());
                lastReport = t;
            }
        }
        while (nextFraud < s.frauds().size()) {
            Injection f = s.frauds().get(nextFraud++);
            link.advanceTo(start + f.at().toNanos());
            fraud(f, start + f.at().toNanos());
        }
        link.flush();
        for (int k = 0; k < pendingTruth.size(); k++) {
            Truth t = pendingTruth.get(k);
            List<Long> frames = pendingFrames.get(k);
            truth.accept(new Truth(t.kind(), t.subscriber(), t.msisdn(), t.imsi(), t.newImsi(), t.imei(), t.newImei(),
                    t.timeNanos(), t.endNanos(), List.copyOf(frames), t.attackerGt(), t.senderId(), t.detail(),
                    t.signalling(), t.attackerHost()));
        }
        if (progress != null) {
            progress.report(end - start, end - start, link.tcapMessages());
        }
        return new Summary(s.subscribers(), activities, link.tcapMessages(), provisioningRecords, fraudsPlayed,
                EventTime.instant(end), link.diameterMessages());
    }

    /** Progress callback: simulated nanos done, of total, MAP messages so far. */
    @FunctionalInterface
    public interface LongConsumerWithMessages {
        void report(long doneNanos, long totalNanos, long mapMessages);
    }

    // ---- identities

    String msisdn(int i) {
        String n = Integer.toString(i);
        return home.msisdnPrefix() + "0".repeat(13 - home.msisdnPrefix().length() - n.length()) + n;
    }

    /** MCC-MNC, the subscriber index in nine digits, the SIM generation last (so masked IMSIs differ). */
    String imsi(int i) {
        String n = Integer.toString(i);
        return home.mccMnc() + "0".repeat(9 - n.length()) + n + simGeneration[i];
    }

    /** The 15-digit IMEI (with Luhn digit) of subscriber {@code i}'s current handset. */
    String imei(int i) {
        String tac = fraudDevice[i] ? FRAUD_TACS[i % FRAUD_TACS.length] : TACS[deviceModel[i]];
        long serial = (i * 7L + deviceGeneration[i] * 1_000_003L) % 1_000_000;
        String serialDigits = Long.toString(serial);
        String body = tac + "0".repeat(6 - serialDigits.length()) + serialDigits;
        return body + new Imei(body).checkDigit();
    }

    /** Subscriber {@code i} has an LTE phone (a hash of the index, independent of {@link #banked}). */
    private boolean lte(int i) {
        return s.lteShare() > 0 && ((i * 0x85EBCA6BL >>> 11) & 0xFFFF) < s.lteShare() * 0x10000;
    }

    /** The MME serving subscriber {@code i} (at home, one per MSC/VLR area; abroad, the partner's). */
    private DiameterConversations.Peer mme(int i) {
        short v = vlr[i];
        String realm = v >= 1000 ? partner(v).realm() : home.realm();
        return new DiameterConversations.Peer("mme" + (v >= 1000 ? 1 + i % 5 : v + 1) + "." + realm, realm);
    }

    /** The PLMN the subscriber's serving node is in. */
    private String servingPlmn(int i) {
        return vlr[i] >= 1000 ? partner(vlr[i]).mccMnc() : home.mccMnc();
    }

    /** A home SMSC as a Diameter node (SGd/S6c); its SC-Address is its GT. */
    private DiameterConversations.Peer smsc(String gt) {
        return new DiameterConversations.Peer("smsc" + gt.substring(gt.length() - 3) + "." + home.realm(), home.realm());
    }

    private boolean banked(int i) {
        return ((i * 2654435761L) & 0xFFFF) < s.bankedShare() * 0x10000;
    }

    private Bank bankOf(int i) {
        return s.banks().get(Math.floorMod(i * 31, s.banks().size()));
    }

    private String vlrNumber(int i) {
        short v = vlr[i];
        return v >= 1000 ? partner(v).gt(100 + (i % 5)) : home.vlrGts().get(v);
    }

    private String mscNumber(int i) {
        short v = vlr[i];
        return v >= 1000 ? partner(v).gt(200 + (i % 5)) : HomeNetwork.mscOf(home.vlrGts().get(v));
    }

    private RoamingPartner partner(short v) {
        return s.partners().get(v - 1000);
    }

    private static SccpAddress gt(String digits, int ssn) {
        return MapConversations.gt(digits, ssn);
    }

    // ---- benign life

    private long activity(int i, long t) {
        if (vlr[i] < 0) {
            vlr[i] = (short) random.nextInt(homeVlrs);
            attach(i, t, true);
            return t + gap(i);
        }
        switch (state[i]) {
            case OUTBOUND -> {
                vlr[i] = (short) (1000 + trip[i]);
                state[i] = ABROAD;
                attach(i, t, false);
                returnAt[i] = t + (1 + random.nextInt(7)) * DAY;
                if (random.nextInt(4) == 0) {
                    forwardAbroad(i, t + (5 + random.nextInt(55)) * MINUTE);
                }
                return t + gap(i);
            }
            case INBOUND -> {
                vlr[i] = (short) random.nextInt(homeVlrs);
                state[i] = HOME;
                attach(i, t, true);
                return t + gap(i);
            }
            case ABROAD -> {
                if (t >= returnAt[i]) {
                    state[i] = INBOUND;
                    return t + travelTime(s.partners().get(trip[i]));
                }
            }
            default -> {
                if (vlr[i] >= 1000) {
                    // An SS7 attacker moved the subscriber abroad in the HLR; the phone, at home,
                    // registers again at its next activity.
                    vlr[i] = (short) random.nextInt(homeVlrs);
                    attach(i, t, true);
                    return t + gap(i);
                }
            }
        }
        SubscriberRates r = s.rates();
        boolean banked = banked(i);
        double pick = random.nextDouble() * r.total(banked);
        if ((pick -= r.locationUpdates()) < 0) {
            if (state[i] == HOME && random.nextInt(4) == 0) {
                vlr[i] = (short) random.nextInt(homeVlrs); // moved to another city
            }
            attach(i, t, state[i] == HOME && random.nextInt(3) == 0);
        } else if ((pick -= r.smsIn()) < 0) {
            int from = random.nextInt(s.subscribers());
            deliver(i, t, home.smscGts().get(0), msisdn(from), false, Texts.personal(random));
        } else if ((pick -= r.smsOut()) < 0) {
            map.mobileOriginatedSms(t, true, gt(mscNumber(i), SccpAddress.SSN_MSC),
                    gt(home.smscGts().get(0), SccpAddress.SSN_MSC), smsVersion(), msisdn(i),
                    home.smscGts().get(0), msisdn(random.nextInt(s.subscribers())), Texts.personal(random));
        } else if (banked && (pick -= r.bankOtp()) < 0) {
            Bank b = bankOf(i);
            deliver(i, t, b.authorisedSmscGts().get(random.nextInt(b.authorisedSmscGts().size())), b.senderId(), true,
                    Texts.otp(random, b));
        } else if (banked && (pick -= r.bankOther()) < 0) {
            if (random.nextInt(3) == 0) {
                String brand = Texts.BRANDS[random.nextInt(Texts.BRANDS.length)];
                deliver(i, t, home.smscGts().get(random.nextInt(home.smscGts().size())), brand, true,
                        Texts.brandNotice(random, brand));
            } else {
                Bank b = bankOf(i);
                deliver(i, t, b.authorisedSmscGts().get(0), b.senderId(), true, Texts.notice(random, b));
            }
        } else if ((pick -= r.travel()) < 0) {
            if (state[i] == HOME) {
                trip[i] = (byte) random.nextInt(s.partners().size());
                state[i] = OUTBOUND;
                return t + travelTime(s.partners().get(trip[i]));
            }
        } else if ((pick -= r.deviceUpgrade()) < 0) {
            deviceGeneration[i]++;
            if (random.nextBoolean()) {
                deviceModel[i] = (byte) random.nextInt(TACS.length);
            }
            // A new handset is registered to its owner (IMEI registration, as Indonesia's CEIR requires).
            provisioning.accept(new ProvisioningEvent(t, "bss", ProvisioningEvent.Kind.DEVICE_REGISTRATION,
                    Msisdn.of(msisdn(i)), Imsi.of(imsi(i)), null, Imei.of(imei(i)), "ceir", "IMEI-" + orderNumber++));
            provisioningRecords++;
            attach(i, t + MINUTE, state[i] == HOME);
        } else if ((pick -= r.simReplacement()) < 0) {
            if (state[i] == HOME && simGeneration[i] < 8) {
                simReplacement(i, t, "store-" + (100 + random.nextInt(400)), Duration.ofMinutes(1 + random.nextInt(30)));
            }
        } else {
            if (state[i] == HOME) {
                int ss = random.nextBoolean() ? 0x21 : 0x2B; // CFU or CFNRc
                map.supplementaryService(t, true, gt(vlrNumber(i), SccpAddress.SSN_VLR), hlr, 2, 10,
                        MapEncoder.registerSs(ss, msisdn(random.nextInt(s.subscribers()))), imsi(i), vlrNumber(i));
            } else if (state[i] == ABROAD) {
                forwardAbroad(i, t);
            }
        }
        return t + gap(i);
    }

    /**
     * A roamer sets call forwarding to a local number of the country it is in, from the VLR
     * serving it there (registerSS, then activateSS for CFU); a bank customer then often gets an
     * OTP, logging in from abroad. Neither is a takeover.
     */
    private void forwardAbroad(int i, long t) {
        if (onLte[i]) {
            return; // attached over S6a: no MSC/VLR of the visited network knows it over MAP
        }
        RoamingPartner p = s.partners().get(trip[i]);
        String local = p.countryCode() + "8" + (1_000_000 + random.nextInt(9_000_000));
        int ss = random.nextBoolean() ? 0x21 : 0x2A; // CFU, or CFB
        SccpAddress servingVlr = gt(vlrNumber(i), SccpAddress.SSN_VLR);
        long next = map.supplementaryService(t, true, servingVlr, hlr, 2, 10, MapEncoder.registerSs(ss, local), imsi(i),
                vlrNumber(i));
        if (ss == 0x21) {
            next = map.supplementaryService(next + 5 * SECOND, true, servingVlr, hlr, 2, 12,
                    MapEncoder.activateSs(0x21), imsi(i), vlrNumber(i));
        }
        if (banked(i) && random.nextBoolean()) {
            Bank b = bankOf(i);
            deliver(i, next + (10 + random.nextInt(50)) * MINUTE,
                    b.authorisedSmscGts().get(random.nextInt(b.authorisedSmscGts().size())), b.senderId(), true,
                    Texts.otp(random, b));
        }
    }

    private long gap(int i) {
        double perDay = s.rates().total(banked(i));
        double days = -Math.log(1 - random.nextDouble()) / perDay;
        return Math.max(SECOND, (long) (days * DAY));
    }

    private long travelTime(RoamingPartner p) {
        return p.travelTime().toNanos() + (long) (random.nextDouble() * p.travelTime().toNanos() / 2);
    }

    /**
     * A location update at the subscriber's VLR: SendAuthenticationInfo, UpdateLocation with the
     * HLR's InsertSubscriberData (IMEISV in v3), CancelLocation to the VLR it left, and CheckIMEI.
     */
    private void attach(int i, long t, boolean checkImei) {
        if (lte(i) && random.nextInt(8) != 0) {
            attachOverS6a(i, t, imei(i), checkImei);
            return;
        }
        onLte[i] = false; // 2G/3G coverage: the same SIM and handset over MAP
        String vlrNumber = vlrNumber(i);
        SccpAddress vlrGt = gt(vlrNumber, SccpAddress.SSN_VLR);
        long next = map.request(t, true, vlrGt, hlr, 14, 3, 56, MapEncoder.sendAuthenticationInfo(3, imsi(i)), null,
                null, null);
        updateLocation(i, next, vlrGt, vlrNumber, imei(i), true, checkImei);
    }

    /**
     * An LTE attach at the MME: AIR/AIA, ULR (Terminal-Information with the IMEI when {@code imei}
     * is given) and ULA with the MSISDN, and an S13 ME-Identity-Check at home when {@code checkImei}.
     */
    private long attachOverS6a(int i, long t, String imei, boolean checkImei) {
        DiameterConversations.Peer mme = mme(i);
        String plmn = servingPlmn(i);
        String imei14 = imei == null ? null : imei.substring(0, 14);
        long next = diameter.authenticationInformation(t, mme, hss, plmn, imsi(i));
        next = diameter.updateLocation(next, mme, hss, plmn, imsi(i), imei14, msisdn(i));
        if (checkImei && imei14 != null && vlr[i] < 1000) {
            next = diameter.meIdentityCheck(next, mme, eir, imsi(i), imei14);
        }
        onLte[i] = true;
        return next;
    }

    private long updateLocation(int i, long t, SccpAddress vlrGt, String vlrNumber, String imei, boolean withImeisv,
            boolean checkImei) {
        String imeisv = withImeisv && imei != null ? imei.substring(0, 14) + "03" : null;
        long next = map.updateLocation(t, true, vlrGt, hlr, 3, imsi(i), msisdn(i), vlrNumber, mscNumber(i), imeisv,
                home.hlrGt());
        if (checkImei && imei != null && vlr[i] < 1000) {
            next = map.request(next, true, gt(mscNumber(i), SccpAddress.SSN_MSC), gt(home.eirGt(), SccpAddress.SSN_EIR),
                    MapConversations.AC_EQUIPMENT_MNGT, 3, 43, MapEncoder.checkImei(3, imei),
                    MapEncoder.checkImeiResult(3, 0), null, null);
        }
        return next;
    }

    /**
     * An SMS from a home SMSC to subscriber {@code i}: on LTE, SRR/SRA over S6c and TFR over SGd to
     * the MME; otherwise SRI-SM and MT-ForwardSM to the serving MSC.
     */
    private long deliver(int i, long t, String smscGt, String sender, boolean alphanumeric, String text) {
        if (onLte[i]) {
            DiameterConversations.Peer smsc = smsc(smscGt);
            long next = diameter.smsRouting(t, smsc, hss, msisdn(i), imsi(i), mme(i));
            return diameter.mtForwardShortMessage(next, smsc, mme(i), imsi(i), smscGt,
                    MapEncoder.Sms.of(sender, alphanumeric, text));
        }
        return deliverOverMap(i, t, smscGt, sender, alphanumeric, text);
    }

    /** SRI-SM from the SMSC, then MT-ForwardSM to the serving MSC (SMS over SGs for an LTE phone). */
    private long deliverOverMap(int i, long t, String smscGt, String sender, boolean alphanumeric, String text) {
        return deliverOverMap(i, t, smscGt, smscGt, sender, alphanumeric, text);
    }

    /** The same with {@code serviceCentre} as the SM-RP-OA the SMSC at {@code smscGt} claims. */
    private long deliverOverMap(int i, long t, String smscGt, String serviceCentre, String sender,
            boolean alphanumeric, String text) {
        return map.mobileTerminatedSms(t, true, gt(smscGt, SccpAddress.SSN_MSC), hlr, gt(mscNumber(i), SccpAddress.SSN_MSC),
                smsVersion(), msisdn(i), serviceCentre, imsi(i), mscNumber(i),
                MapEncoder.Sms.of(sender, alphanumeric, text));
    }

    /**
     * The MAP version of a short message dialogue: networks still carry v1 (no dialogue portion,
     * forwardSM) and v2 beside v3; one in sixteen v1, three in sixteen v2.
     */
    private int smsVersion() {
        int r = random.nextInt(16);
        return r == 0 ? 1 : r < 4 ? 2 : 3;
    }

    private void simReplacement(int i, long t, String channel, Duration untilAttach) {
        String before = imsi(i);
        simGeneration[i]++;
        provisioning.accept(new ProvisioningEvent(t, "bss", ProvisioningEvent.Kind.SIM_REPLACEMENT,
                Msisdn.of(msisdn(i)), Imsi.of(imsi(i)), Imsi.of(before), null, channel, "ORD-" + orderNumber++));
        provisioningRecords++;
        attach(i, t + untilAttach.toNanos(), true);
    }

    // ---- attacks

    private void fraud(Injection f, long t) {
        int i = f.subscriber();
        if (vlr[i] < 0) {
            vlr[i] = 0; // attached at the first home VLR if the warmup had not reached them yet
        }
        List<Long> tag = new ArrayList<>();
        link.tag(tag);
        String msisdn = msisdn(i);
        String imsiBefore = imsi(i);
        String imeiBefore = imei(i);
        RoamingPartner attacker = s.partners().get(random.nextInt(s.partners().size()));
        Bank bank = bankOf(i);
        long end;
        String attackerGt = null;
        String sender = null;
        String detail;
        // An LTE subscriber is attacked over Diameter where the attack has a Diameter form; call
        // forwarding (held in the HLR) and SMS from interconnect SMSCs stay on MAP for everyone.
        boolean lte = lte(i) && f.kind() != FraudKind.CALL_FORWARDING_TAKEOVER && f.kind() != FraudKind.ILLEGAL_MASKING
                && f.kind() != FraudKind.LOOKALIKE_SENDER && f.kind() != FraudKind.SMS_FAKING;
        String attackerHost = null;
        switch (f.kind()) {
            case SIM_SWAP, SIM_SWAP_ODD_RECORD, SIM_AND_DEVICE_SWAP -> {
                // The attacker's SIM: a generation no store replacement reaches (a second attack on
                // the same number must still change the IMSI).
                simGeneration[i] = (byte) (simGeneration[i] == 9 ? 8 : 9);
                if (f.kind() == FraudKind.SIM_SWAP_ODD_RECORD) {
                    // A replacement record exists, but from a channel a store never uses.
                    provisioning.accept(new ProvisioningEvent(t - 2 * MINUTE, "bss",
                            ProvisioningEvent.Kind.SIM_REPLACEMENT, Msisdn.of(msisdn), Imsi.of(imsi(i)),
                            Imsi.of(imsiBefore), null, "web-selfcare", "WEB-" + orderNumber++));
                    provisioningRecords++;
                }
                if (f.kind() == FraudKind.SIM_AND_DEVICE_SWAP) {
                    fraudDevice[i] = true;
                    deviceGeneration[i]++;
                }
                vlr[i] = (short) random.nextInt(homeVlrs);
                // The new SIM attaches; with a device swap the new handset is reported (IMEISV and
                // CheckIMEI, or Terminal-Information and an S13 ME-Identity-Check).
                boolean device = f.kind() == FraudKind.SIM_AND_DEVICE_SWAP;
                long next;
                if (lte) {
                    next = attachOverS6a(i, t, device ? imei(i) : null, device);
                } else {
                    onLte[i] = false;
                    String vlrNumber = vlrNumber(i);
                    SccpAddress vlrGt = gt(vlrNumber, SccpAddress.SSN_VLR);
                    next = map.request(t, true, vlrGt, hlr, 14, 3, 56, MapEncoder.sendAuthenticationInfo(3, imsi(i)),
                            null, null, null);
                    next = updateLocation(i, next, vlrGt, vlrNumber, device ? imei(i) : null, device, device);
                }
                sender = bank.senderId();
                end = deliver(i, next + (2 + random.nextInt(8)) * MINUTE,
                        bank.authorisedSmscGts().get(0), sender, true, Texts.otp(random, bank));
                detail = f.kind() == FraudKind.SIM_SWAP_ODD_RECORD ? "provisioning record from web self-care"
                        : device ? "new SIM in a new handset, no provisioning record" : "new SIM, no provisioning record";
            }
            case DEVICE_SWAP -> {
                fraudDevice[i] = true;
                deviceGeneration[i]++;
                if (lte) {
                    end = attachOverS6a(i, t, imei(i), true);
                } else {
                    onLte[i] = false;
                    String vlrNumber = vlrNumber(i);
                    SccpAddress vlrGt = gt(vlrNumber, SccpAddress.SSN_VLR);
                    long next = map.request(t, true, vlrGt, hlr, 14, 3, 56,
                            MapEncoder.sendAuthenticationInfo(3, imsi(i)), null, null, null);
                    end = updateLocation(i, next, vlrGt, vlrNumber, imei(i), true, vlr[i] < 1000);
                }
                detail = "same SIM in a new handset";
            }
            case SS7_INTERCEPTION -> {
                if (lte) {
                    // The S6a form (FS.19): learn the IMSI and serving MME with an S6c SRR, then an
                    // ULR from the attacker's MME with no AIR first, claiming another partner's
                    // PLMN; the bank's OTP is then sent over SGd to the attacker's MME.
                    RoamingPartner claimed = s.partners().get((s.partners().indexOf(attacker) + 1) % s.partners().size());
                    DiameterConversations.Peer router = new DiameterConversations.Peer("smsrouter." + attacker.realm(),
                            attacker.realm());
                    DiameterConversations.Peer fake = new DiameterConversations.Peer("mme666." + attacker.realm(),
                            attacker.realm());
                    attackerHost = fake.host();
                    long next = diameter.smsRouting(t, router, hss, msisdn, imsi(i), mme(i));
                    next = diameter.updateLocation(next + 20 * SECOND, fake, hss, claimed.mccMnc(), imsi(i), null, msisdn);
                    vlr[i] = (short) (1000 + s.partners().indexOf(attacker));
                    onLte[i] = true;
                    sender = bank.senderId();
                    String smscGt = bank.authorisedSmscGts().get(0);
                    DiameterConversations.Peer smsc = smsc(smscGt);
                    next = diameter.smsRouting(next + (1 + random.nextInt(4)) * MINUTE, smsc, hss, msisdn, imsi(i), fake);
                    end = diameter.mtForwardShortMessage(next, smsc, fake, imsi(i), smscGt,
                            MapEncoder.Sms.of(sender, true, Texts.otp(random, bank)));
                    detail = "SRR and Update-Location-Request from " + attacker.country() + " claiming "
                            + claimed.country() + " while the subscriber is at home";
                    break;
                }
                attackerGt = attacker.gt(666);
                // Half the time the UpdateLocation claims one of the partner's real VLRs but comes
                // from another of its nodes (its SMSC): a GT mismatch within one partner.
                boolean partnerNode = random.nextBoolean();
                String attackerVlr = partnerNode ? attacker.gt(100 + i % 5) : attacker.gt(667);
                String ulCalling = partnerNode ? attacker.gt(900) : attackerVlr;
                SccpAddress atk = gt(attackerGt, SccpAddress.SSN_MSC);
                // 1. learn the IMSI and serving MSC with SRI-SM, as an SMSC abroad would
                long next = map.request(t, false, atk, hlr, MapConversations.AC_SHORT_MSG_GATEWAY, 3, 45,
                        MapEncoder.sendRoutingInfoForSm(msisdn, attackerGt),
                        MapEncoder.sendRoutingInfoForSmResult(imsi(i), mscNumber(i), false), null, null);
                // 2. claim the subscriber with UpdateLocation from a fake VLR, no authentication first
                next = map.updateLocation(next + 20 * SECOND, false, gt(ulCalling, SccpAddress.SSN_VLR), hlr, 3,
                        imsi(i), msisdn, attackerVlr, attackerVlr, null, home.hlrGt());
                vlr[i] = (short) (1000 + s.partners().indexOf(attacker));
                // 3. the bank's OTP is now routed to the attacker's MSC
                sender = bank.senderId();
                String smsc = bank.authorisedSmscGts().get(0);
                end = map.mobileTerminatedSms(next + (1 + random.nextInt(4)) * MINUTE, true,
                        gt(smsc, SccpAddress.SSN_MSC), hlr, gt(attackerVlr, SccpAddress.SSN_MSC), 3, msisdn, smsc,
                        imsi(i), attackerVlr, MapEncoder.Sms.of(sender, true, Texts.otp(random, bank)));
                detail = "SRI-SM and UpdateLocation from " + attacker.country() + " while the subscriber is at home"
                        + (partnerNode ? ", sent by the partner's SMSC " + ulCalling + " for its VLR " + attackerVlr : "");
                onLte[i] = false;
            }
            case CALL_FORWARDING_TAKEOVER -> {
                attackerGt = attacker.gt(555);
                String forwardTo = attacker.countryCode() + "7700" + (100000 + random.nextInt(900000));
                SccpAddress atk = gt(attackerGt, SccpAddress.SSN_VLR);
                long next = map.supplementaryService(t, false, atk, hlr, 2, 10, MapEncoder.registerSs(0x21, forwardTo),
                        imsi(i), attackerGt);
                next = map.supplementaryService(next + 5 * SECOND, false, atk, hlr, 2, 12, MapEncoder.activateSs(0x21),
                        imsi(i), attackerGt);
                // The bank's voice OTP call: the GMSC asks the HLR where to route and is told to forward abroad.
                end = map.request(next + (2 + random.nextInt(8)) * MINUTE, true,
                        gt(HomeNetwork.mscOf(home.vlrGts().get(0)), SccpAddress.SSN_MSC), hlr,
                        MapConversations.AC_LOCATION_INFO_RETRIEVAL, 3, 22,
                        MapEncoder.sendRoutingInfo(3, msisdn, HomeNetwork.mscOf(home.vlrGts().get(0))),
                        MapEncoder.sendRoutingInfoResult(3, imsi(i), null, forwardTo), null, null);
                detail = "CFU to " + forwardTo + " registered and activated from " + attacker.country();
            }
            case ILLEGAL_MASKING -> {
                attackerGt = attacker.gt(900);
                sender = bank.senderId();
                end = deliverOverMap(i, t, attackerGt, sender, true, Texts.phishing(random, bank));
                detail = bank.senderId() + " arriving from an SMSC in " + attacker.country();
            }
            case SMS_FAKING -> {
                attackerGt = attacker.gt(901);
                sender = bank.senderId();
                String claimed = bank.authorisedSmscGts().get(0);
                end = deliverOverMap(i, t, attackerGt, claimed, sender, true, Texts.phishing(random, bank));
                detail = bank.senderId() + " from " + attacker.country() + " claiming the bank's SMSC " + claimed;
            }
            case LOOKALIKE_SENDER -> {
                sender = Texts.lookalike(bank.senderId());
                String smsc = home.smscGts().get(home.smscGts().size() - 1);
                attackerGt = smsc;
                end = deliverOverMap(i, t, smsc, sender, true, Texts.phishing(random, bank));
                detail = "'" + sender + "' imitating " + bank.senderId();
            }
            case CATEGORY1_PROBING -> {
                if (lte) {
                    // FS.19 location tracking: an Insert-Subscriber-Data asking for the UE's
                    // location, sent from a foreign realm as if from the HSS.
                    DiameterConversations.Peer fakeHss = new DiameterConversations.Peer("hss1." + attacker.realm(),
                            attacker.realm());
                    attackerHost = fakeHss.host();
                    end = diameter.insertSubscriberDataLocation(t, true, fakeHss, mme(i), imsi(i));
                    detail = "IDR asking for the location, from " + attacker.country();
                    break;
                }
                attackerGt = attacker.gt(147);
                SccpAddress scf = gt(attackerGt, SccpAddress.SSN_GSMSCF);
                SccpAddress atkMsc = gt(attacker.gt(148), SccpAddress.SSN_MSC);
                long next = map.request(t, false, scf, hlr, MapConversations.AC_ANY_TIME_INFO_ENQUIRY, 3, 71,
                        MapEncoder.anyTimeInterrogation(msisdn, false, attackerGt),
                        MapEncoder.anyTimeInterrogationResult(vlrNumber(i), mscNumber(i), null), null, null);
                next = map.request(next + 2 * SECOND, false, atkMsc, hlr, MapConversations.AC_IMSI_RETRIEVAL, 2, 58,
                        MapEncoder.sendImsi(msisdn), MapEncoder.sendImsiResult(imsi(i)), null, null);
                end = map.request(next + 2 * SECOND, false, atkMsc, hlr, MapConversations.AC_LOCATION_INFO_RETRIEVAL, 3,
                        22, MapEncoder.sendRoutingInfo(3, msisdn, attacker.gt(148)),
                        MapEncoder.sendRoutingInfoResult(3, imsi(i), "62811009" + (1000 + random.nextInt(9000)), null),
                        null, null);
                detail = "ATI, SendIMSI and SRI from " + attacker.country();
            }
            default -> throw new IllegalStateException(f.kind().toString());
        }
        link.tag(null);
        fraudsPlayed++;
        Truth record = new Truth(f.kind(), i, msisdn, imsiBefore, imsi(i).equals(imsiBefore) ? null : imsi(i),
                imeiBefore, imei(i).equals(imeiBefore) ? null : imei(i), t, end, List.of(), attackerGt, sender, detail,
                lte ? "diameter" : "map", attackerHost);
        pendingTruth.add(record);
        pendingFrames.add(tag);
    }

    // ---- heap

    private void push(long t, int sub) {
        int k = heapSize++;
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (heapTime[parent] <= t) {
                break;
            }
            heapTime[k] = heapTime[parent];
            heapSub[k] = heapSub[parent];
            k = parent;
        }
        heapTime[k] = t;
        heapSub[k] = sub;
    }

    private void popMin() {
        int n = --heapSize;
        if (n == 0) {
            return;
        }
        long t = heapTime[n];
        int sub = heapSub[n];
        int k = 0;
        while (true) {
            int child = 2 * k + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && heapTime[child + 1] < heapTime[child]) {
                child++;
            }
            if (heapTime[child] >= t) {
                break;
            }
            heapTime[k] = heapTime[child];
            heapSub[k] = heapSub[child];
            k = child;
        }
        heapTime[k] = t;
        heapSub[k] = sub;
    }
}
