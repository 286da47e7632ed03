package io.swapguard.event;

import java.util.List;
import java.util.Objects;

/**
 * One Diameter message seen on an S6a/S6d, S13, S6c or SGd link, with what the probe could learn
 * about it from its request. An answer joined to its request (by Hop-by-Hop and End-to-End
 * identifiers) carries the request's identities, and its destination is the request's origin, so
 * each answer is a complete fact on its own ("IMSI X attached from MME M in realm R with IMEI I,
 * accepted by the HSS").
 *
 * <p>Absent numbers are {@code -1}; absent objects are {@code null}.
 *
 * @param captureNanos capture time, ns since the epoch
 * @param tapId the tap or link
 * @param applicationId the header's Application-ID (16777251 S6a/S6d, 16777252 S13, 16777312 S6c, 16777313 SGd)
 * @param commandCode the command code (316 Update-Location, ...)
 * @param request the R bit: a request, else an answer
 * @param hopByHop the Hop-by-Hop identifier
 * @param endToEnd the End-to-End identifier
 * @param resultCode Result-Code, or the Experimental-Result-Code of an Experimental-Result; -1 if none
 * @param originHost Origin-Host (for an answer: the node that answered)
 * @param originRealm Origin-Realm
 * @param destinationHost Destination-Host; for a joined answer, the request's Origin-Host
 * @param destinationRealm Destination-Realm; for a joined answer, the request's Origin-Realm
 * @param routeRecords Route-Record AVPs in message order (the relays and edge agents it crossed), at most {@link #MAX_ROUTE_RECORDS}
 * @param imsi User-Name (the IMSI on S6a/S13/SGd), or the User-Name in an S6c User-Identifier
 * @param msisdn MSISDN (from Subscription-Data, User-Identifier or the AVP itself)
 * @param imei the handset from Terminal-Information (IMEI, with Software-Version as IMEISV)
 * @param visitedPlmnId Visited-PLMN-Id as MCC and MNC digits, e.g. {@code 23415}
 * @param ratType RAT-Type (1004 EUTRAN, 1000 UTRAN, 1001 GERAN, ...), -1 if none
 * @param commandFlags the command's own flags AVP: ULR-Flags, ULA-Flags, IDR-Flags, NOR-Flags,
 *        CLR-Flags, DSR-Flags, PUR-Flags; -1 if none
 * @param cancellationType Cancellation-Type of a CLR, -1 if none
 * @param equipmentStatus Equipment-Status of an ECA (0 whitelisted, 1 blacklisted, 2 greylisted), -1 if none
 * @param servingNode where the subscriber is served: the MME-Name or SGSN-Name of an S6c Serving-Node,
 *        else its MSC or SGSN number
 * @param smscAddress SC-Address (E.164 digits) on SGd/S6c
 * @param sms the short message of an SGd MO/MT-Forward-Short-Message (SM-RP-UI)
 */
public record DiameterEvent(long captureNanos, String tapId, long applicationId, int commandCode, boolean request,
        long hopByHop, long endToEnd, int resultCode, String originHost, String originRealm, String destinationHost,
        String destinationRealm, List<String> routeRecords, Imsi imsi, Msisdn msisdn, Imei imei,
        String visitedPlmnId, int ratType, int commandFlags, int cancellationType, int equipmentStatus,
        String servingNode, String smscAddress, ShortMessage sms) implements SignalEvent {

    /** Longest DiameterIdentity kept (an FQDN is at most 255 octets). */
    public static final int MAX_IDENTITY_LENGTH = 255;
    public static final int MAX_ROUTE_RECORDS = 8;

    @Override
    public EventType type() {
        return EventType.DIAMETER;
    }

    public DiameterEvent {
        tapId = ProvisioningEvent.bounded("tapId", tapId, MAX_TAP_ID_LENGTH);
        if (applicationId < 0 || applicationId > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("application id must be 0..2^32-1, got " + applicationId);
        }
        if (commandCode < 0 || commandCode > 0xFFFFFF) {
            throw new IllegalArgumentException("command code must be 0..2^24-1, got " + commandCode);
        }
        if (hopByHop < 0 || hopByHop > 0xFFFFFFFFL || endToEnd < 0 || endToEnd > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("Hop-by-Hop and End-to-End identifiers are 32-bit unsigned");
        }
        if (resultCode < -1 || ratType < -1 || commandFlags < -1 || cancellationType < -1) {
            throw new IllegalArgumentException("absent numbers are -1");
        }
        if (equipmentStatus < -1 || equipmentStatus > 2) {
            throw new IllegalArgumentException("equipment status must be -1..2, got " + equipmentStatus);
        }
        identity("originHost", originHost);
        identity("originRealm", originRealm);
        identity("destinationHost", destinationHost);
        identity("destinationRealm", destinationRealm);
        identity("servingNode", servingNode);
        routeRecords = routeRecords == null ? List.of() : List.copyOf(routeRecords);
        if (routeRecords.size() > MAX_ROUTE_RECORDS) {
            throw new IllegalArgumentException("more than " + MAX_ROUTE_RECORDS + " route records");
        }
        routeRecords.forEach(r -> identity("routeRecord", r));
        if (visitedPlmnId != null && !Digits.valid(visitedPlmnId, 5, 6)) {
            throw new IllegalArgumentException("visited PLMN id must be 5 or 6 digits");
        }
        if (smscAddress != null && !Digits.valid(smscAddress, 1, MapEvent.MAX_NUMBER_DIGITS)) {
            throw new IllegalArgumentException("SC address must be 1.." + MapEvent.MAX_NUMBER_DIGITS + " digits");
        }
    }

    private static void identity(String name, String value) {
        if (value != null && (value.isEmpty() || value.length() > MAX_IDENTITY_LENGTH)) {
            throw new IllegalArgumentException(name + " must have 1.." + MAX_IDENTITY_LENGTH + " characters");
        }
    }

    /** The command named by {@link #commandCode()}. */
    public DiameterCommand command() {
        return DiameterCommand.of(commandCode);
    }

    /** ULR, ULA, ...; "cmd#N" (with R or A) for a code without a name. */
    public String commandName() {
        DiameterCommand c = command();
        return c == DiameterCommand.UNKNOWN ? "cmd#" + commandCode + (request ? "R" : "A") : c.abbreviation(request);
    }

    /** An answer with a 2xxx result (DIAMETER_SUCCESS, DIAMETER_LIMITED_SUCCESS). */
    public boolean success() {
        return !request && resultCode >= 2000 && resultCode < 3000;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Compact and log-safe: identities print masked (see {@link SubscriberMasking}). */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(128).append("DiameterEvent{").append(commandName())
                .append(" app=").append(applicationId).append(" from=").append(originHost).append('@')
                .append(originRealm);
        if (imsi != null) s.append(" imsi=").append(imsi);
        if (msisdn != null) s.append(" msisdn=").append(msisdn);
        if (imei != null) s.append(" imei=").append(imei);
        if (resultCode >= 0) s.append(" result=").append(resultCode);
        return s.append('}').toString();
    }

    /** Builds a {@link DiameterEvent}; every field starts absent. */
    public static final class Builder {
        private long captureNanos;
        private String tapId = "";
        private long applicationId;
        private int commandCode;
        private boolean request = true;
        private long hopByHop;
        private long endToEnd;
        private int resultCode = -1;
        private String originHost;
        private String originRealm;
        private String destinationHost;
        private String destinationRealm;
        private List<String> routeRecords = List.of();
        private Imsi imsi;
        private Msisdn msisdn;
        private Imei imei;
        private String visitedPlmnId;
        private int ratType = -1;
        private int commandFlags = -1;
        private int cancellationType = -1;
        private int equipmentStatus = -1;
        private String servingNode;
        private String smscAddress;
        private ShortMessage sms;

        Builder() {
        }

        Builder(DiameterEvent e) {
            captureNanos = e.captureNanos;
            tapId = e.tapId;
            applicationId = e.applicationId;
            commandCode = e.commandCode;
            request = e.request;
            hopByHop = e.hopByHop;
            endToEnd = e.endToEnd;
            resultCode = e.resultCode;
            originHost = e.originHost;
            originRealm = e.originRealm;
            destinationHost = e.destinationHost;
            destinationRealm = e.destinationRealm;
            routeRecords = e.routeRecords;
            imsi = e.imsi;
            msisdn = e.msisdn;
            imei = e.imei;
            visitedPlmnId = e.visitedPlmnId;
            ratType = e.ratType;
            commandFlags = e.commandFlags;
            cancellationType = e.cancellationType;
            equipmentStatus = e.equipmentStatus;
            servingNode = e.servingNode;
            smscAddress = e.smscAddress;
            sms = e.sms;
        }

        public Builder captureNanos(long v) { captureNanos = v; return this; }
        public Builder tapId(String v) { tapId = v; return this; }
        public Builder applicationId(long v) { applicationId = v; return this; }
        public Builder commandCode(int v) { commandCode = v; return this; }
        public Builder request(boolean v) { request = v; return this; }
        public Builder hopByHop(long v) { hopByHop = v; return this; }
        public Builder endToEnd(long v) { endToEnd = v; return this; }
        public Builder resultCode(int v) { resultCode = v; return this; }
        public Builder originHost(String v) { originHost = v; return this; }
        public Builder originRealm(String v) { originRealm = v; return this; }
        public Builder destinationHost(String v) { destinationHost = v; return this; }
        public Builder destinationRealm(String v) { destinationRealm = v; return this; }
        public Builder routeRecords(List<String> v) { routeRecords = v; return this; }
        public Builder imsi(Imsi v) { imsi = v; return this; }
        public Builder msisdn(Msisdn v) { msisdn = v; return this; }
        public Builder imei(Imei v) { imei = v; return this; }
        public Builder visitedPlmnId(String v) { visitedPlmnId = v; return this; }
        public Builder ratType(int v) { ratType = v; return this; }
        public Builder commandFlags(int v) { commandFlags = v; return this; }
        public Builder cancellationType(int v) { cancellationType = v; return this; }
        public Builder equipmentStatus(int v) { equipmentStatus = v; return this; }
        public Builder servingNode(String v) { servingNode = v; return this; }
        public Builder smscAddress(String v) { smscAddress = v; return this; }
        public Builder sms(ShortMessage v) { sms = v; return this; }

        public boolean isRequest() { return request; }
        public Imsi imsi() { return imsi; }
        public Msisdn msisdn() { return msisdn; }
        public Imei imei() { return imei; }
        public String originHost() { return originHost; }
        public String destinationHost() { return destinationHost; }
        public String destinationRealm() { return destinationRealm; }
        public String visitedPlmnId() { return visitedPlmnId; }
        public int ratType() { return ratType; }

        public DiameterEvent build() {
            return new DiameterEvent(captureNanos, tapId, applicationId, commandCode, request, hopByHop, endToEnd,
                    resultCode, originHost, originRealm, destinationHost, destinationRealm, routeRecords, imsi, msisdn,
                    imei, visitedPlmnId, ratType, commandFlags, cancellationType, equipmentStatus, servingNode,
                    smscAddress, sms);
        }
    }
}
