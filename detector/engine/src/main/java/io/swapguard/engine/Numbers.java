package io.swapguard.engine;

import io.swapguard.event.Imei;
import io.swapguard.event.Imsi;
import io.swapguard.event.Msisdn;
import io.swapguard.event.SubscriberMasking;

/** Identities as the state keeps them (longs) and as alert text shows them (always masked). */
public final class Numbers {

    private Numbers() {
    }

    public static long asLong(Imsi imsi) {
        return Long.parseLong(imsi.digits());
    }

    public static long asLong(Msisdn msisdn) {
        return Long.parseLong(msisdn.digits());
    }

    /** The 14-digit device identity (TAC + serial) of an IMEI or IMEISV. */
    public static long imei14(Imei imei) {
        return Long.parseLong(imei.imei14());
    }

    /** A node number as a long, 0 when it is not all decimal digits (TBCD hex digits) or too long. */
    public static long gtLong(String digits) {
        if (digits == null || digits.isEmpty() || digits.length() > 18) {
            return 0;
        }
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    public static String mask(long imsi) {
        return imsi == 0 ? "(none)" : SubscriberMasking.masked(Long.toString(imsi));
    }

    /** Identities in alert text are always masked: stored text must not depend on the log settings. */
    public static String num(long digits) {
        return SubscriberMasking.masked(Long.toString(digits));
    }

    public static String num(Msisdn m) {
        return SubscriberMasking.masked(m.digits());
    }

    public static String num(Imsi i) {
        return SubscriberMasking.masked(i.digits());
    }

    public static String num(Imei i) {
        return i.tac() + "*".repeat(i.digits().length() - 8);
    }
}
