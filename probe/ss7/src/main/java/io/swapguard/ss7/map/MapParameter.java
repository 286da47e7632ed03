package io.swapguard.ss7.map;

import io.swapguard.event.Imei;
import io.swapguard.event.Imsi;
import io.swapguard.event.Msisdn;
import io.swapguard.event.ShortMessage;

/**
 * What one MAP operation's argument or result carried that swapguard uses: the identities, the
 * network nodes, the supplementary service, the short message. The codec's own message type: the
 * taps join it with its SCCP, TCAP and dialogue context into an event.
 *
 * <p>Absent objects are {@code null}, absent codes {@code -1}.
 */
public record MapParameter(Imsi imsi, Msisdn msisdn, Imei imei, String mscNumber, String vlrNumber,
        String sgsnNumber, String hlrNumber, String smscAddress, String roamingNumber, int ssCode,
        String forwardedToNumber, int equipmentStatus, ShortMessage sms, String ussdString) {

    /** USSD strings are cut to this many characters (the journal's bound). */
    public static final int MAX_USSD_LENGTH = io.swapguard.event.MapEvent.MAX_USSD_LENGTH;

    /** Node numbers longer than this are not numbers (the journal's bound). */
    public static final int MAX_NUMBER_DIGITS = io.swapguard.event.MapEvent.MAX_NUMBER_DIGITS;

    /**
     * Collects a parameter's facts as the decoder finds them, so what was read before a damaged
     * part is kept when the rest is refused. Not thread-safe.
     */
    public static final class Builder {
        private Imsi imsi;
        private Msisdn msisdn;
        private Imei imei;
        private String mscNumber;
        private String vlrNumber;
        private String sgsnNumber;
        private String hlrNumber;
        private String smscAddress;
        private String roamingNumber;
        private int ssCode = -1;
        private String forwardedToNumber;
        private int equipmentStatus = -1;
        private ShortMessage sms;
        private String ussdString;

        public Builder imsi(Imsi v) { imsi = v; return this; }
        public Builder msisdn(Msisdn v) { msisdn = v; return this; }
        public Builder imei(Imei v) { imei = v; return this; }
        public Builder mscNumber(String v) { mscNumber = v; return this; }
        public Builder vlrNumber(String v) { vlrNumber = v; return this; }
        public Builder sgsnNumber(String v) { sgsnNumber = v; return this; }
        public Builder hlrNumber(String v) { hlrNumber = v; return this; }
        public Builder smscAddress(String v) { smscAddress = v; return this; }
        public Builder roamingNumber(String v) { roamingNumber = v; return this; }
        public Builder ssCode(int v) { ssCode = v; return this; }
        public Builder forwardedToNumber(String v) { forwardedToNumber = v; return this; }
        public Builder equipmentStatus(int v) { equipmentStatus = v; return this; }
        public Builder sms(ShortMessage v) { sms = v; return this; }
        public Builder ussdString(String v) { ussdString = v; return this; }

        /** Takes every fact {@code p} has over what this builder holds. */
        public Builder with(MapParameter p) {
            if (p.imsi() != null) imsi = p.imsi();
            if (p.msisdn() != null) msisdn = p.msisdn();
            if (p.imei() != null) imei = p.imei();
            if (p.mscNumber() != null) mscNumber = p.mscNumber();
            if (p.vlrNumber() != null) vlrNumber = p.vlrNumber();
            if (p.sgsnNumber() != null) sgsnNumber = p.sgsnNumber();
            if (p.hlrNumber() != null) hlrNumber = p.hlrNumber();
            if (p.smscAddress() != null) smscAddress = p.smscAddress();
            if (p.roamingNumber() != null) roamingNumber = p.roamingNumber();
            if (p.ssCode() >= 0) ssCode = p.ssCode();
            if (p.forwardedToNumber() != null) forwardedToNumber = p.forwardedToNumber();
            if (p.equipmentStatus() >= 0) equipmentStatus = p.equipmentStatus();
            if (p.sms() != null) sms = p.sms();
            if (p.ussdString() != null) ussdString = p.ussdString();
            return this;
        }

        /** Takes the facts of {@code p} this builder does not hold yet. */
        public Builder fillIn(MapParameter p) {
            if (imsi == null) imsi = p.imsi();
            if (msisdn == null) msisdn = p.msisdn();
            if (imei == null) imei = p.imei();
            if (mscNumber == null) mscNumber = p.mscNumber();
            if (vlrNumber == null) vlrNumber = p.vlrNumber();
            if (sgsnNumber == null) sgsnNumber = p.sgsnNumber();
            if (hlrNumber == null) hlrNumber = p.hlrNumber();
            if (smscAddress == null) smscAddress = p.smscAddress();
            if (roamingNumber == null) roamingNumber = p.roamingNumber();
            if (ssCode < 0) ssCode = p.ssCode();
            if (forwardedToNumber == null) forwardedToNumber = p.forwardedToNumber();
            if (equipmentStatus < 0) equipmentStatus = p.equipmentStatus();
            if (sms == null) sms = p.sms();
            if (ussdString == null) ussdString = p.ussdString();
            return this;
        }

        public MapParameter build() {
            return new MapParameter(imsi, msisdn, imei, mscNumber, vlrNumber, sgsnNumber, hlrNumber, smscAddress,
                    roamingNumber, ssCode, forwardedToNumber, equipmentStatus, sms, ussdString);
        }
    }
}
