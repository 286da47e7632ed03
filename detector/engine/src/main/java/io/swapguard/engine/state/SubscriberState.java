package io.swapguard.engine.state;

import io.swapguard.engine.rules.RuleId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the detector knows about one subscriber (one MSISDN), as a mutable working copy
 * that is read from and written back to the {@link SubscriberStore}. Numbers are kept as longs
 * (MSISDN, IMSI and IMEI are at most 15 digits); times are event times in ns since the epoch,
 * 0 when unknown. Histories are bounded: the newest {@link #MAX_HISTORY} changes are kept.
 */
public final class SubscriberState {

    public static final int MAX_HISTORY = 8;
    static final int FORMAT = 6;
    /** The format before the incidents ({@link #incidentCount}); still read. */
    static final int FORMAT_5 = 5;
    /** The format before {@link #lastSaiGt} and {@link #lastAirTime}; still read. */
    static final int FORMAT_4 = 4;
    /** The format before {@link #cfActive}; still read. */
    static final int FORMAT_3 = 3;
    /** The format before {@link #indexedImsi}; still read. */
    static final int FORMAT_2 = 2;

    /** {@link #cfActive} bits: the forwarding services in effect. */
    public static final int CF_UNCONDITIONAL = 1, CF_BUSY = 2, CF_NO_REPLY = 4, CF_NOT_REACHABLE = 8;

    /** What changed the SIM behind the number. */
    public enum SimSource { SIGNALLING, PROVISIONING }

    /** Why the subscriber is at risk (for the OTP guard), newest first. */
    public enum RiskKind { NONE, SIM_SWAP, PROVISIONED_SWAP, LOCATION_HIJACK, CALL_FORWARDING }

    /**
     * One SIM change.
     *
     * @param trusted the change is backed by a trusted provisioning record
     * @param channel the provisioning channel, "" for signalling
     * @param index journal index of the evidence
     */
    public record SimChange(long timeNanos, long oldImsi, long newImsi, SimSource source, boolean trusted,
            String channel, long index) {
    }

    /** One handset change: 14-digit device identities (TAC + serial). */
    public record DeviceChange(long timeNanos, long oldImei, long newImei, boolean registered, long index) {
    }

    public long msisdn;
    /** Journal index of the last event applied: replaying an older one changes nothing. */
    public long lastIndex = -1;
    public long firstSeen;
    public long activation;
    public long portedAt;

    public long imsi;
    public long imsiSince;
    public final List<SimChange> sims = new ArrayList<>();

    public long imei;
    public long imeiSince;
    public final List<DeviceChange> devices = new ArrayList<>();
    public long registeredImei;
    public long registeredAt;

    public long vlr;
    public long msc;
    public long sgsn;
    public boolean abroad;
    public long locationTime;
    public long lastHomePresence;
    /** The last MAP SendAuthenticationInfo for the IMSI, and the calling GT that sent it (0: none or PC-routed). */
    public long lastSaiTime;
    public long lastSaiGt;
    /** The last S6a Authentication-Information-Request, and the PLMN it was for (Visited-PLMN-Id, 0: unknown). */
    public long lastAirTime;
    public long lastAirPlmn;

    public int cfSsCode = -1;
    public long cfTo;
    public long cfTime;
    public long cfFromGt;
    public boolean cfRisky;
    /**
     * The call forwardings in effect ({@code CF_*} bits), from registerSS/activateSS/eraseSS/
     * deactivateSS and from what SendRoutingInfo results showed (the Call Forwarding Signal API).
     */
    public int cfActive;

    public long lastOtpTime;
    public String lastOtpSender = "";

    /**
     * The IMSI the last applied event pointed at this number in the IMSI index, 0 if none: written
     * with the state, before the index, so that a crash between the two is redone on recovery
     * ({@link SubscriberStore}).
     */
    public long indexedImsi;

    public RiskKind riskKind = RiskKind.NONE;
    public long riskTime;
    public long riskIndex;

    /** Last alert time per rule (index = {@link RuleId#ordinal()}), for de-duplication. */
    public final long[] lastAlert = new long[RuleId.values().length];

    /*
     * The open incident per rule (index = RuleId.ordinal()): the signs of one attack after its
     * first alert, which join it instead of alerting again (Change.followUp). Open while
     * incidentCount > 0 and the last sign is recent (detector.incidents.window).
     */
    /** Signs in the rule's incident so far (the opening alert is the first), 0 when none is open. */
    public final int[] incidentCount = new int[RuleId.values().length];
    /** Event time of the incident's latest sign. */
    public final long[] incidentLast = new long[RuleId.values().length];
    /** The journal index of the event whose alert opened the incident, and that alert's ordinal. */
    public final long[] incidentIndex = new long[RuleId.values().length];
    public final int[] incidentOrdinal = new int[RuleId.values().length];
    /** The highest severity alerted in the incident ({@code Severity.ordinal()}): only a higher one alerts again. */
    public final int[] incidentSeverity = new int[RuleId.values().length];

    public SubscriberState(long msisdn) {
        this.msisdn = msisdn;
    }

    public void addSim(SimChange c) {
        sims.add(c);
        if (sims.size() > MAX_HISTORY) {
            sims.remove(0);
        }
    }

    public void addDevice(DeviceChange c) {
        devices.add(c);
        if (devices.size() > MAX_HISTORY) {
            devices.remove(0);
        }
    }

    /** The latest SIM change, or null. */
    public SimChange latestSimChange() {
        return sims.isEmpty() ? null : sims.get(sims.size() - 1);
    }

    /** The latest handset change, or null. */
    public DeviceChange latestDeviceChange() {
        return devices.isEmpty() ? null : devices.get(devices.size() - 1);
    }

    // ---- binary form (the store's value)

    /*
     * Compact because it is the detector's memory (10M subscribers): numbers as unsigned varints
     * (absent = 0 = one byte), times as zig-zag varints relative to firstSeen (a day in ns is 7
     * bytes, not 8; absent is one byte). A typical subscriber is about 110 bytes (docs/benchmarks.md).
     */

    public byte[] encode() {
        Writer w = new Writer(160 + sims.size() * 48 + devices.size() * 40);
        w.out[w.n++] = (byte) FORMAT;
        w.varint(msisdn);
        w.varint(lastIndex + 1);
        w.varint(firstSeen);
        long base = firstSeen;
        w.time(activation, base).time(portedAt, base);
        w.varint(imsi).time(imsiSince, base);
        w.varint(sims.size());
        for (SimChange c : sims) {
            w.time(c.timeNanos(), base).varint(c.oldImsi()).varint(c.newImsi())
                    .varint(c.source().ordinal() | (c.trusted() ? 2 : 0)).varint(c.index() + 1).string(c.channel());
        }
        w.varint(imei).time(imeiSince, base);
        w.varint(devices.size());
        for (DeviceChange c : devices) {
            w.time(c.timeNanos(), base).varint(c.oldImei()).varint(c.newImei()).varint(c.registered() ? 1 : 0)
                    .varint(c.index() + 1);
        }
        w.varint(registeredImei).time(registeredAt, base);
        w.varint(vlr).varint(msc).varint(sgsn).varint(abroad ? 1 : 0).time(locationTime, base)
                .time(lastHomePresence, base).time(lastSaiTime, base);
        w.varint(cfSsCode + 1).varint(cfTo).time(cfTime, base).varint(cfFromGt).varint(cfRisky ? 1 : 0);
        w.time(lastOtpTime, base).string(lastOtpSender);
        w.varint(riskKind.ordinal()).time(riskTime, base).varint(riskIndex);
        w.varint(lastAlert.length);
        for (long t : lastAlert) {
            w.time(t, base);
        }
        w.varint(indexedImsi);
        w.varint(cfActive);
        w.varint(lastSaiGt).time(lastAirTime, base).varint(lastAirPlmn);
        int open = 0;
        for (int c : incidentCount) {
            open += c > 0 ? 1 : 0;
        }
        w.varint(open); // sparse: most subscribers never had one
        for (int i = 0; i < incidentCount.length; i++) {
            if (incidentCount[i] > 0) {
                w.varint(i).varint(incidentCount[i]).time(incidentLast[i], base).varint(incidentIndex[i] + 1)
                        .varint(incidentOrdinal[i]).varint(incidentSeverity[i]);
            }
        }
        return java.util.Arrays.copyOf(w.out, w.n);
    }

    /**
     * Reads a stored state. A damaged value is an {@link IllegalStateException} (the store then
     * starts the subscriber afresh rather than stop the detector).
     */
    public static SubscriberState decode(byte[] bytes) {
        try {
            Reader r = new Reader(bytes);
            int format = bytes[r.n++];
            if (format < FORMAT_2 || format > FORMAT) {
                throw new IllegalStateException("subscriber state format " + format + ", this swapguard reads "
                        + FORMAT_2 + " to " + FORMAT);
            }
            SubscriberState s = new SubscriberState(r.varint());
            s.lastIndex = r.varint() - 1;
            s.firstSeen = r.varint();
            long base = s.firstSeen;
            s.activation = r.time(base);
            s.portedAt = r.time(base);
            s.imsi = r.varint();
            s.imsiSince = r.time(base);
            int sims = r.count();
            for (int i = 0; i < sims; i++) {
                long t = r.time(base);
                long oldImsi = r.varint();
                long newImsi = r.varint();
                int flags = (int) r.varint();
                long index = r.varint() - 1;
                s.sims.add(new SimChange(t, oldImsi, newImsi, SimSource.values()[flags & 1], (flags & 2) != 0,
                        r.string(), index));
            }
            s.imei = r.varint();
            s.imeiSince = r.time(base);
            int devices = r.count();
            for (int i = 0; i < devices; i++) {
                s.devices.add(new DeviceChange(r.time(base), r.varint(), r.varint(), r.varint() != 0, r.varint() - 1));
            }
            s.registeredImei = r.varint();
            s.registeredAt = r.time(base);
            s.vlr = r.varint();
            s.msc = r.varint();
            s.sgsn = r.varint();
            s.abroad = r.varint() != 0;
            s.locationTime = r.time(base);
            s.lastHomePresence = r.time(base);
            s.lastSaiTime = r.time(base);
            s.cfSsCode = (int) r.varint() - 1;
            s.cfTo = r.varint();
            s.cfTime = r.time(base);
            s.cfFromGt = r.varint();
            s.cfRisky = r.varint() != 0;
            s.lastOtpTime = r.time(base);
            s.lastOtpSender = r.string();
            long risk = r.varint();
            if (risk >= RiskKind.values().length) {
                throw new IllegalStateException("risk kind " + risk);
            }
            s.riskKind = RiskKind.values()[(int) risk];
            s.riskTime = r.time(base);
            s.riskIndex = r.varint();
            long alerts = r.varint();
            if (alerts > 64) {
                throw new IllegalStateException("alert times for " + alerts + " rules");
            }
            for (int i = 0; i < alerts; i++) {
                long t = r.time(base);
                if (i < s.lastAlert.length) {
                    s.lastAlert[i] = t; // a newer swapguard's extra rules are dropped
                }
            }
            if (format >= FORMAT_3) {
                s.indexedImsi = r.varint();
            }
            if (format >= FORMAT_4) {
                s.cfActive = (int) r.varint() & 0xF;
            }
            if (format >= FORMAT_5) {
                s.lastSaiGt = r.varint();
                s.lastAirTime = r.time(base);
                s.lastAirPlmn = r.varint();
            }
            if (format >= FORMAT) {
                long open = r.varint();
                if (open > 64) {
                    throw new IllegalStateException("incidents for " + open + " rules");
                }
                for (int i = 0; i < open; i++) {
                    long rule = r.varint();
                    long count = r.varint();
                    long last = r.time(base);
                    long index = r.varint() - 1;
                    long ordinal = r.varint();
                    long severity = r.varint();
                    if (count < 1 || count > Integer.MAX_VALUE || ordinal > 255 || severity > 3) {
                        throw new IllegalStateException("incident " + rule + " of " + count + " signs, ordinal "
                                + ordinal + ", severity " + severity);
                    }
                    if (rule < s.incidentCount.length) { // a newer swapguard's extra rules are dropped
                        int k = (int) rule;
                        s.incidentCount[k] = (int) count;
                        s.incidentLast[k] = last;
                        s.incidentIndex[k] = index;
                        s.incidentOrdinal[k] = (int) ordinal;
                        s.incidentSeverity[k] = (int) severity;
                    }
                }
            }
            return s;
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalStateException("subscriber state is truncated", e);
        }
    }

    private static final class Writer {
        byte[] out;
        int n;

        Writer(int capacity) {
            out = new byte[capacity];
        }

        private void room(int bytes) {
            if (n + bytes > out.length) {
                out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, n + bytes));
            }
        }

        /** Unsigned LEB128: seven bits a byte, low first. Negative values take 10 bytes (never stored here). */
        Writer varint(long v) {
            room(10);
            while ((v & ~0x7FL) != 0) {
                out[n++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out[n++] = (byte) v;
            return this;
        }

        /** 0 for "never", else the zig-zag distance from {@code base}, plus one. */
        Writer time(long t, long base) {
            if (t == 0) {
                return varint(0);
            }
            long d = t - base;
            return varint(((d << 1) ^ (d >> 63)) + 1);
        }

        Writer string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            int len = Math.min(utf8.length, MAX_STRING);
            while (len < utf8.length && (utf8[len] & 0xC0) == 0x80) {
                len--; // cut before a character, never inside one
            }
            varint(len);
            room(len);
            System.arraycopy(utf8, 0, out, n, len);
            n += len;
            return this;
        }
    }

    private static final int MAX_STRING = 64;

    private static final class Reader {
        final byte[] in;
        int n;

        Reader(byte[] in) {
            this.in = in;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = in[n++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new IllegalStateException("varint longer than 10 bytes");
        }

        long time(long base) {
            long z = varint();
            if (z == 0) {
                return 0;
            }
            z -= 1;
            return base + ((z >>> 1) ^ -(z & 1));
        }

        int count() {
            long c = varint();
            if (c > MAX_HISTORY) {
                throw new IllegalStateException("history of " + c + " entries");
            }
            return (int) c;
        }

        String string() {
            long len = varint();
            if (len > MAX_STRING) {
                throw new IllegalStateException("string of " + len + " bytes");
            }
            if (n + len > in.length) {
                throw new ArrayIndexOutOfBoundsException("string past the end");
            }
            String s = new String(in, n, (int) len, StandardCharsets.UTF_8);
            n += (int) len;
            return s;
        }
    }
}
