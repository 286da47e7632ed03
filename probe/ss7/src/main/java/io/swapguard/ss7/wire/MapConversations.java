package io.swapguard.ss7.wire;

import io.swapguard.event.GlobalTitle;
import io.swapguard.event.SccpAddress;
import io.swapguard.ss7.map.MapEncoder;
import io.swapguard.ss7.tcap.TcapEncoder.Component;
import io.swapguard.ss7.tcap.TcapEncoder.Dialogue;
import io.swapguard.ss7.tcap.TcapEncoder;
import java.util.List;

/**
 * Whole MAP procedures as they cross a SIGTRAN link: each method plays the TCAP dialogue of one
 * procedure (Begin with the application context, Continue/End answers, results joined by invoke
 * id) between two network elements named by their global titles. The traffic simulator and the
 * probe's tests speak through this class.
 *
 * <p>Node A of the link is whoever is given as {@code fromA}; messages from the other node travel
 * B→A. Timestamps advance by {@code stepNanos} between messages.
 */
public final class MapConversations {

    // MAP application contexts (TS 29.002 §17.3.2), the x of 0.4.0.0.1.0.x.v
    public static final int AC_NETWORK_LOC_UP = 1;
    public static final int AC_LOCATION_CANCELLATION = 2;
    public static final int AC_LOCATION_INFO_RETRIEVAL = 5;
    public static final int AC_EQUIPMENT_MNGT = 13;
    public static final int AC_INFO_RETRIEVAL = 14;
    public static final int AC_SUBSCRIBER_DATA_MNGT = 16;
    public static final int AC_NETWORK_FUNCTIONAL_SS = 18;
    public static final int AC_NETWORK_UNSTRUCTURED_SS = 19;
    public static final int AC_SHORT_MSG_GATEWAY = 20;
    public static final int AC_SHORT_MSG_MO_RELAY = 21;
    public static final int AC_SHORT_MSG_MT_RELAY = 25;
    public static final int AC_IMSI_RETRIEVAL = 26;
    public static final int AC_MS_PURGING = 27;
    public static final int AC_SUBSCRIBER_INFO_ENQUIRY = 28;
    public static final int AC_ANY_TIME_INFO_ENQUIRY = 29;
    public static final int AC_GPRS_LOCATION_UPDATE = 32;

    private final SigtranLink link;
    private final long stepNanos;
    private long tid;
    private int segmentSize;

    public MapConversations(SigtranLink link, long firstTid, long stepNanos) {
        this.link = link;
        this.tid = firstTid;
        this.stepNanos = stepNanos;
    }

    /** Larger messages go as segmented XUDTs of this size (0: UDT). */
    public MapConversations segmentAbove(int size) {
        this.segmentSize = size;
        return this;
    }

    public SigtranLink link() {
        return link;
    }

    public static SccpAddress gt(String digits, int ssn) {
        return SccpAddress.gt(GlobalTitle.e164(digits), ssn);
    }

    private long nextTid() {
        tid = (tid + 1) & 0xFFFFFFFFL;
        return tid;
    }

    private void send(long t, boolean fromA, SccpAddress to, SccpAddress from, byte[] tcap) {
        int seg = segmentSize > 0 && tcap.length > segmentSize ? segmentSize : 0;
        link.send(t, fromA, to, from, tcap, seg);
    }

    /** A two-message dialogue: Begin(invoke) then End(result or nothing). Returns the time after. */
    public long request(long t, boolean initiatorIsA, SccpAddress initiator, SccpAddress responder, int ac, int version,
            int opCode, byte[] argument, byte[] result, String destinationReference, String originatingReference) {
        long otid = nextTid();
        Dialogue aarq = version >= 2 ? Dialogue.aarq(ac, version, destinationReference, originatingReference) : null;
        send(t, initiatorIsA, responder, initiator,
                TcapEncoder.begin(otid, aarq, List.of(Component.invoke(1, opCode, argument))));
        long rtid = nextTid();
        Dialogue aare = version >= 2 ? Dialogue.aare(ac, version) : null;
        List<Component> answer = result == null ? List.of() : List.of(Component.resultLast(1, opCode, result));
        send(t + stepNanos, !initiatorIsA, initiator, responder, TcapEncoder.end(otid, aare, answer));
        return t + 2 * stepNanos;
    }

    /**
     * Like {@link #request} but the responder first answers with a Continue (AARE and a
     * ReturnResultNotLast), as long results do, then ends with the last result.
     */
    public long requestInTwoParts(long t, boolean initiatorIsA, SccpAddress initiator, SccpAddress responder, int ac,
            int version, int opCode, byte[] argument, byte[] partialResult, byte[] lastResult) {
        long otid = nextTid();
        send(t, initiatorIsA, responder, initiator,
                TcapEncoder.begin(otid, Dialogue.aarq(ac, version), List.of(Component.invoke(1, opCode, argument))));
        long rtid = nextTid();
        send(t + stepNanos, !initiatorIsA, initiator, responder, TcapEncoder.continueMessage(rtid, otid,
                Dialogue.aare(ac, version), List.of(Component.resultNotLast(1, opCode, partialResult))));
        send(t + 2 * stepNanos, initiatorIsA, responder, initiator,
                TcapEncoder.continueMessage(otid, rtid, null, List.of()));
        send(t + 3 * stepNanos, !initiatorIsA, initiator, responder,
                TcapEncoder.end(otid, null, List.of(Component.resultLast(1, opCode, lastResult))));
        return t + 4 * stepNanos;
    }

    /** A dialogue answered with a ReturnError (e.g. absentSubscriberSM = 6, unknownSubscriber = 1). */
    public long requestWithError(long t, boolean initiatorIsA, SccpAddress initiator, SccpAddress responder, int ac,
            int version, int opCode, byte[] argument, int errorCode) {
        long otid = nextTid();
        send(t, initiatorIsA, responder, initiator,
                TcapEncoder.begin(otid, Dialogue.aarq(ac, version), List.of(Component.invoke(1, opCode, argument))));
        send(t + stepNanos, !initiatorIsA, initiator, responder,
                TcapEncoder.end(otid, Dialogue.aare(ac, version), List.of(Component.error(1, errorCode, null))));
        return t + 2 * stepNanos;
    }

    /** A dialogue whose invoke is rejected (problem type 1 = invoke, code 1 = unrecognized operation). */
    public long requestRejected(long t, boolean initiatorIsA, SccpAddress initiator, SccpAddress responder, int ac,
            int version, int opCode, byte[] argument, int problemType, int problemCode) {
        long otid = nextTid();
        send(t, initiatorIsA, responder, initiator,
                TcapEncoder.begin(otid, Dialogue.aarq(ac, version), List.of(Component.invoke(1, opCode, argument))));
        send(t + stepNanos, !initiatorIsA, initiator, responder,
                TcapEncoder.end(otid, null, List.of(Component.reject(1, problemType, problemCode))));
        return t + 2 * stepNanos;
    }

    /** A dialogue aborted by the provider (P-Abort cause, e.g. 1 = unrecognizedTransactionID). */
    public long requestAborted(long t, boolean initiatorIsA, SccpAddress initiator, SccpAddress responder, int ac,
            int version, int opCode, byte[] argument, int cause) {
        long otid = nextTid();
        send(t, initiatorIsA, responder, initiator,
                TcapEncoder.begin(otid, Dialogue.aarq(ac, version), List.of(Component.invoke(1, opCode, argument))));
        send(t + stepNanos, !initiatorIsA, initiator, responder, TcapEncoder.abort(otid, cause));
        return t + 2 * stepNanos;
    }

    /**
     * Location update: VLR → HLR UpdateLocation (Begin), HLR → VLR InsertSubscriberData (Continue,
     * with the AARE), VLR → HLR ISD result (Continue), HLR → VLR UpdateLocation result (End).
     */
    public long updateLocation(long t, boolean vlrIsA, SccpAddress vlrGt, SccpAddress hlrGt, int version, String imsi,
            String msisdn, String vlrNumber, String mscNumber, String imeisv, String hlrNumber) {
        long vlrTid = nextTid();
        long hlrTid = nextTid();
        send(t, vlrIsA, hlrGt, vlrGt, TcapEncoder.begin(vlrTid, Dialogue.aarq(AC_NETWORK_LOC_UP, version),
                List.of(Component.invoke(1, 2, MapEncoder.updateLocation(version, imsi, mscNumber, vlrNumber,
                        version >= 3 ? imeisv : null)))));
        send(t + stepNanos, !vlrIsA, vlrGt, hlrGt, TcapEncoder.continueMessage(hlrTid, vlrTid,
                Dialogue.aare(AC_NETWORK_LOC_UP, version),
                List.of(Component.invoke(1, 7, MapEncoder.insertSubscriberData(version, null, msisdn)))));
        send(t + 2 * stepNanos, vlrIsA, hlrGt, vlrGt, TcapEncoder.continueMessage(vlrTid, hlrTid, null,
                List.of(Component.resultLast(1, 7, null))));
        send(t + 3 * stepNanos, !vlrIsA, vlrGt, hlrGt, TcapEncoder.end(vlrTid, null,
                List.of(Component.resultLast(1, 2, MapEncoder.updateLocationResult(version, hlrNumber)))));
        return t + 4 * stepNanos;
    }

    /** SMS to a subscriber: SMSC(GMSC) → HLR SRI-SM and its result, then SMSC → MSC MT-ForwardSM. */
    public long mobileTerminatedSms(long t, boolean smscIsA, SccpAddress smscGt, SccpAddress hlrGt, SccpAddress mscGt,
            int version, String msisdn, String smscAddress, String imsi, String mscNumber, MapEncoder.Sms sms) {
        long next = request(t, smscIsA, smscGt, hlrGt, AC_SHORT_MSG_GATEWAY, version, 45,
                MapEncoder.sendRoutingInfoForSm(msisdn, smscAddress),
                MapEncoder.sendRoutingInfoForSmResult(imsi, mscNumber, false), null, null);
        byte[] fsm = version >= 3 ? MapEncoder.mtForwardSm(imsi, smscAddress, sms)
                : MapEncoder.forwardSmMt(imsi, smscAddress, sms);
        int op = version >= 3 ? 44 : 46;
        int ac = version >= 3 ? AC_SHORT_MSG_MT_RELAY : AC_SHORT_MSG_MO_RELAY; // v2: shortMsgRelayContext
        return request(next, smscIsA, smscGt, mscGt, ac, version, op, fsm, null, null, null);
    }

    /** MO SMS: MSC → SMSC MO-ForwardSM (v3) or forwardSM (v2) with an SMS-SUBMIT. */
    public long mobileOriginatedSms(long t, boolean mscIsA, SccpAddress mscGt, SccpAddress smscGt, int version,
            String msisdn, String smscAddress, String destination, String text) {
        byte[] arg = version >= 3 ? MapEncoder.moForwardSm(msisdn, smscAddress, destination, text)
                : MapEncoder.forwardSmMo(msisdn, smscAddress, destination, text);
        return request(t, mscIsA, mscGt, smscGt, AC_SHORT_MSG_MO_RELAY, version, version >= 3 ? 46 : 46, arg, null,
                null, null);
    }

    /** Supplementary service operation from a VLR (or an interconnect GT) to the HLR, naming the IMSI in MAP-OPEN. */
    public long supplementaryService(long t, boolean fromA, SccpAddress from, SccpAddress hlrGt, int version, int opCode,
            byte[] argument, String imsi, String vlrNumber) {
        return request(t, fromA, from, hlrGt, AC_NETWORK_FUNCTIONAL_SS, version, opCode, argument, null, imsi,
                vlrNumber);
    }
}
