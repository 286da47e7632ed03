package io.swapguard.event;

import java.util.Objects;

/**
 * One GSM MAP component seen on the wire, with what the probe could learn about it from its
 * TCAP dialogue. A result or error carries its invoke's operation code and the identities the
 * invoke named, so each event is a complete fact on its own ("MSISDN X is served by IMSI Y at
 * MSC Z" for a SendRoutingInfoForSM result).
 *
 * <p>Absent numbers are {@code -1} (point codes, transaction ids, invoke id, codes) or {@code 0}
 * (application context); absent objects are {@code null}.
 *
 * @param captureNanos capture time, ns since the epoch
 * @param tapId the tap or link
 * @param opc M3UA originating point code
 * @param dpc M3UA destination point code
 * @param calling SCCP calling party
 * @param called SCCP called party
 * @param tcapType the TCAP message that carried the component
 * @param otid TCAP originating transaction id
 * @param dtid TCAP destination transaction id
 * @param applicationContext MAP application context (the {@code x} of {@code 0.4.0.0.1.0.x.v}), 0 if unknown
 * @param applicationContextVersion MAP version (the {@code v}), 0 if unknown
 * @param component the TCAP component type
 * @param invokeId the component's invoke id
 * @param opCode MAP local operation code, -1 when no invoke could be matched
 * @param errorCode MAP error code of a ReturnError; for a Reject, problem type × 256 + problem code;
 *        for an Abort, the abort cause
 * @param imsi the subscriber's SIM
 * @param msisdn the subscriber's number
 * @param imei the handset (IMEI or IMEISV)
 * @param mscNumber MSC number (E.164 digits)
 * @param vlrNumber VLR number
 * @param sgsnNumber SGSN number
 * @param hlrNumber HLR number
 * @param smscAddress service centre address
 * @param roamingNumber MSRN of a SendRoutingInfo result: where the call is routed to now
 * @param ssCode supplementary service code (0x21 CFU, 0x29 CFB, 0x2A CFNRy, 0x2B CFNRc, ...), -1 if none
 * @param forwardedToNumber the call forwarding destination, digits
 * @param equipmentStatus CheckIMEI result: 0 white, 1 black, 2 grey; -1 if none
 * @param sms the short message of an MO/MT-ForwardSM
 * @param ussdString the decoded USSD string of a processUnstructuredSS request
 * @param partial the parameter could not be decoded in full (the reason is counted): what is here was
 *        read from its BER leniently (see docs/probe.md, "Lenient extraction")
 */
public record MapEvent(long captureNanos, String tapId, int opc, int dpc, SccpAddress calling,
        SccpAddress called, TcapMessageType tcapType, long otid, long dtid, int applicationContext,
        int applicationContextVersion, ComponentType component, int invokeId, int opCode, int errorCode,
        Imsi imsi, Msisdn msisdn, Imei imei, String mscNumber, String vlrNumber, String sgsnNumber,
        String hlrNumber, String smscAddress, String roamingNumber, int ssCode, String forwardedToNumber, int equipmentStatus,
        ShortMessage sms, String ussdString, boolean partial) implements SignalEvent {

    @Override
    public EventType type() {
        return EventType.MAP;
    }

    public static final int MAX_NUMBER_DIGITS = 32;
    public static final int MAX_USSD_LENGTH = 182;

    public MapEvent {
        Objects.requireNonNull(tapId, "tapId");
        Objects.requireNonNull(tcapType, "tcapType");
        Objects.requireNonNull(component, "component");
        if (tapId.length() > MAX_TAP_ID_LENGTH) {
            throw new IllegalArgumentException("tap id longer than " + MAX_TAP_ID_LENGTH);
        }
        range("opc", opc, -1, 0xFFFFFF);
        range("dpc", dpc, -1, 0xFFFFFF);
        if (otid < -1 || otid > 0xFFFFFFFFL || dtid < -1 || dtid > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("TCAP transaction ids are at most 4 octets");
        }
        range("applicationContext", applicationContext, 0, 255);
        range("applicationContextVersion", applicationContextVersion, 0, 255);
        range("invokeId", invokeId, -1, 255);
        range("opCode", opCode, -1, 255);
        range("errorCode", errorCode, -1, 0xFFFF);
        range("ssCode", ssCode, -1, 255);
        range("equipmentStatus", equipmentStatus, -1, 2);
        number("mscNumber", mscNumber);
        number("vlrNumber", vlrNumber);
        number("sgsnNumber", sgsnNumber);
        number("hlrNumber", hlrNumber);
        number("smscAddress", smscAddress);
        number("roamingNumber", roamingNumber);
        number("forwardedToNumber", forwardedToNumber);
        if (ussdString != null && ussdString.length() > MAX_USSD_LENGTH) {
            throw new IllegalArgumentException("USSD string longer than " + MAX_USSD_LENGTH);
        }
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
        }
    }

    private static void number(String name, String digits) {
        if (digits == null) {
            return;
        }
        if (digits.isEmpty() || digits.length() > MAX_NUMBER_DIGITS) {
            throw new IllegalArgumentException(name + " must have 1.." + MAX_NUMBER_DIGITS + " digits");
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new IllegalArgumentException(name + " digit '" + c + "' is not BCD");
            }
        }
    }

    /** The operation named by {@link #opCode()}. */
    public MapOperation operation() {
        return MapOperation.of(opCode);
    }

    /**
     * The operation's TS 29.002 name as of its MAP version: code 46 is forwardSM in MAP v1/v2 and
     * mo-forwardSM in v3; "op#N" for a code without a name, "" when there is no operation.
     */
    public String operationName() {
        if (opCode < 0) {
            return "";
        }
        if (opCode == MapOperation.MO_FORWARD_SM.code() && applicationContextVersion > 0
                && applicationContextVersion < 3) {
            return "forwardSM";
        }
        MapOperation op = operation();
        return op == MapOperation.UNKNOWN ? "op#" + opCode : op.asn1Name();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this event's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Compact and log-safe: identities print masked (see {@link SubscriberMasking}). */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(128);
        s.append("MapEvent{").append(opCode < 0 ? "(no operation)" : operationName())
                .append(' ').append(component).append(" in ").append(tcapType)
                .append(" calling=[").append(calling).append("] called=[").append(called).append(']');
        if (imsi != null) {
            s.append(" imsi=").append(imsi);
        }
        if (msisdn != null) {
            s.append(" msisdn=").append(msisdn);
        }
        if (imei != null) {
            s.append(" imei=").append(imei);
        }
        if (errorCode >= 0) {
            s.append(" error=").append(errorCode);
        }
        if (partial) {
            s.append(" partial");
        }
        return s.append('}').toString();
    }

    /** Builds a {@link MapEvent}; every field starts absent. */
    public static final class Builder {
        private long captureNanos;
        private String tapId = "";
        private int opc = -1;
        private int dpc = -1;
        private SccpAddress calling;
        private SccpAddress called;
        private TcapMessageType tcapType = TcapMessageType.BEGIN;
        private long otid = -1;
        private long dtid = -1;
        private int applicationContext;
        private int applicationContextVersion;
        private ComponentType component = ComponentType.INVOKE;
        private int invokeId = -1;
        private int opCode = -1;
        private int errorCode = -1;
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
        private boolean partial;

        Builder() {
        }

        Builder(MapEvent e) {
            captureNanos = e.captureNanos;
            tapId = e.tapId;
            opc = e.opc;
            dpc = e.dpc;
            calling = e.calling;
            called = e.called;
            tcapType = e.tcapType;
            otid = e.otid;
            dtid = e.dtid;
            applicationContext = e.applicationContext;
            applicationContextVersion = e.applicationContextVersion;
            component = e.component;
            invokeId = e.invokeId;
            opCode = e.opCode;
            errorCode = e.errorCode;
            imsi = e.imsi;
            msisdn = e.msisdn;
            imei = e.imei;
            mscNumber = e.mscNumber;
            vlrNumber = e.vlrNumber;
            sgsnNumber = e.sgsnNumber;
            hlrNumber = e.hlrNumber;
            smscAddress = e.smscAddress;
            roamingNumber = e.roamingNumber;
            ssCode = e.ssCode;
            forwardedToNumber = e.forwardedToNumber;
            equipmentStatus = e.equipmentStatus;
            sms = e.sms;
            ussdString = e.ussdString;
            partial = e.partial;
        }

        public Builder captureNanos(long v) { captureNanos = v; return this; }
        public Builder tapId(String v) { tapId = v; return this; }
        public Builder opc(int v) { opc = v; return this; }
        public Builder dpc(int v) { dpc = v; return this; }
        public Builder calling(SccpAddress v) { calling = v; return this; }
        public Builder called(SccpAddress v) { called = v; return this; }
        public Builder tcapType(TcapMessageType v) { tcapType = v; return this; }
        public Builder otid(long v) { otid = v; return this; }
        public Builder dtid(long v) { dtid = v; return this; }
        public Builder applicationContext(int v) { applicationContext = v; return this; }
        public Builder applicationContextVersion(int v) { applicationContextVersion = v; return this; }
        public Builder component(ComponentType v) { component = v; return this; }
        public Builder invokeId(int v) { invokeId = v; return this; }
        public Builder opCode(int v) { opCode = v; return this; }
        public Builder operation(MapOperation v) { opCode = v.code(); return this; }
        public Builder errorCode(int v) { errorCode = v; return this; }
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
        public Builder partial(boolean v) { partial = v; return this; }

        // Reads of what is set so far, so decoders can join facts without building the event.
        public Imsi imsi() { return imsi; }
        public Msisdn msisdn() { return msisdn; }
        public Imei imei() { return imei; }
        public String mscNumber() { return mscNumber; }
        public String vlrNumber() { return vlrNumber; }
        public String sgsnNumber() { return sgsnNumber; }
        public String smscAddress() { return smscAddress; }
        public int ssCode() { return ssCode; }
        public String forwardedToNumber() { return forwardedToNumber; }

        public MapEvent build() {
            return new MapEvent(captureNanos, tapId, opc, dpc, calling, called, tcapType, otid, dtid,
                    applicationContext, applicationContextVersion, component, invokeId, opCode, errorCode,
                    imsi, msisdn, imei, mscNumber, vlrNumber, sgsnNumber, hlrNumber, smscAddress, roamingNumber, ssCode,
                    forwardedToNumber, equipmentStatus, sms, ussdString, partial);
        }
    }
}
