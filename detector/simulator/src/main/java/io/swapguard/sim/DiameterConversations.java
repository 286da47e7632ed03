package io.swapguard.sim;

import io.swapguard.diameter.AvpCode;
import io.swapguard.diameter.DiameterWriter;
import io.swapguard.event.DiameterCommand;
import io.swapguard.ss7.map.MapEncoder;
import io.swapguard.ss7.wire.SigtranLink;
import java.util.function.Consumer;

/**
 * Whole Diameter procedures (S6a/S6d, S13, S6c, SGd) as a capture at the operator's DRA sees
 * them: each method sends a request and its answer, joined by Hop-by-Hop and End-to-End id, on
 * the link's Diameter association. Side A is the MMEs, SMSCs and the interconnect; side B the
 * HSS and EIR. Timestamps advance by {@code stepNanos} between messages.
 */
final class DiameterConversations {

    /** Auth-Session-State NO_STATE_MAINTAINED, as S6a/S13/S6c/SGd requests carry it. */
    private static final int NO_STATE_MAINTAINED = 1;
    private static final int DIAMETER_SUCCESS = 2001;
    /** RAT-Type EUTRAN (TS 29.212 §5.3.31). */
    private static final int EUTRAN = 1004;
    /** ULR-Flags: S6a/S6d indicator and initial attach (TS 29.272 §7.3.7). */
    private static final int ULR_FLAGS_ATTACH = 0x22;
    /** IDR-Flags: EPS location information requested, current location requested (§7.3.103). */
    private static final int IDR_FLAGS_LOCATION = 0x0C;

    private final SigtranLink link;
    private final long stepNanos;
    private long hopByHop;

    DiameterConversations(SigtranLink link, long firstId, long stepNanos) {
        this.link = link;
        this.hopByHop = firstId;
        this.stepNanos = stepNanos;
    }

    /** A Diameter node: its host (DiameterIdentity) and realm. */
    record Peer(String host, String realm) {
    }

    /** AIR/AIA: the MME asks the HSS for authentication vectors before it attaches the IMSI. */
    long authenticationInformation(long t, Peer mme, Peer hss, String visitedPlmn, String imsi) {
        return exchange(t, true, DiameterCommand.AUTHENTICATION_INFORMATION, DiameterCommand.APP_S6A, mme, hss,
                r -> r.base(AvpCode.USER_NAME, imsi).vendor(AvpCode.VISITED_PLMN_ID, DiameterWriter.plmnId(visitedPlmn)),
                a -> { });
    }

    /**
     * ULR/ULA: the MME registers the IMSI (with the handset's IMEI and software version when
     * {@code imei14} is given); the HSS answers with the Subscription-Data holding the MSISDN.
     */
    long updateLocation(long t, Peer mme, Peer hss, String visitedPlmn, String imsi, String imei14, String msisdn) {
        return exchange(t, true, DiameterCommand.UPDATE_LOCATION, DiameterCommand.APP_S6A, mme, hss, r -> {
            r.base(AvpCode.USER_NAME, imsi).vendor(AvpCode.RAT_TYPE, EUTRAN).vendor(AvpCode.ULR_FLAGS, ULR_FLAGS_ATTACH)
                    .vendor(AvpCode.VISITED_PLMN_ID, DiameterWriter.plmnId(visitedPlmn));
            if (imei14 != null) {
                r.vendorGroup(AvpCode.TERMINAL_INFORMATION, g -> g.vendor(AvpCode.IMEI, imei14)
                        .vendor(AvpCode.SOFTWARE_VERSION, "03"));
            }
        }, a -> a.vendor(AvpCode.ULA_FLAGS, 1)
                .vendorGroup(AvpCode.SUBSCRIPTION_DATA, g -> g.vendor(AvpCode.MSISDN, DiameterWriter.tbcd(msisdn))));
    }

    /** ECR/ECA over S13: the MME checks the handset with the EIR (equipment status 0, white-listed). */
    long meIdentityCheck(long t, Peer mme, Peer eir, String imsi, String imei14) {
        return exchange(t, true, DiameterCommand.ME_IDENTITY_CHECK, DiameterCommand.APP_S13, mme, eir,
                r -> r.vendorGroup(AvpCode.TERMINAL_INFORMATION, g -> g.vendor(AvpCode.IMEI, imei14)
                        .vendor(AvpCode.SOFTWARE_VERSION, "03")).base(AvpCode.USER_NAME, imsi),
                a -> a.vendor(AvpCode.EQUIPMENT_STATUS, 0));
    }

    /**
     * SRR/SRA over S6c: an SMSC (or an SMS router abroad) asks the HSS for the IMSI and the MME
     * serving {@code msisdn}.
     */
    long smsRouting(long t, Peer smsc, Peer hss, String msisdn, String imsi, Peer servingMme) {
        return exchange(t, true, DiameterCommand.SEND_ROUTING_INFO_FOR_SM, DiameterCommand.APP_S6C, smsc, hss,
                r -> r.vendor(AvpCode.MSISDN, DiameterWriter.tbcd(msisdn)),
                a -> a.base(AvpCode.USER_NAME, imsi).vendorGroup(AvpCode.SERVING_NODE, g -> g
                        .vendor(AvpCode.MME_NAME, servingMme.host()).vendor(AvpCode.MME_REALM, servingMme.realm())));
    }

    /** TFR/TFA over SGd: the SMSC delivers an SMS (SMS-DELIVER TPDU in SM-RP-UI) to the serving MME. */
    long mtForwardShortMessage(long t, Peer smsc, Peer mme, String imsi, String smscAddress, MapEncoder.Sms sms) {
        return exchange(t, true, DiameterCommand.MT_FORWARD_SHORT_MESSAGE, DiameterCommand.APP_SGD, smsc, mme,
                r -> r.base(AvpCode.USER_NAME, imsi).vendor(AvpCode.SC_ADDRESS, DiameterWriter.tbcd(smscAddress))
                        .vendor(AvpCode.SM_RP_UI, MapEncoder.smsDeliverTpdu(sms)),
                a -> { });
    }

    /** IDR/IDA: Insert-Subscriber-Data to the MME; with location flags, a request for where the UE is. */
    long insertSubscriberDataLocation(long t, boolean fromA, Peer from, Peer mme, String imsi) {
        return exchange(t, fromA, DiameterCommand.INSERT_SUBSCRIBER_DATA, DiameterCommand.APP_S6A, from, mme,
                r -> r.base(AvpCode.USER_NAME, imsi).vendor(AvpCode.IDR_FLAGS, IDR_FLAGS_LOCATION)
                        .vendorGroup(AvpCode.SUBSCRIPTION_DATA, g -> { }),
                a -> { });
    }

    private long exchange(long t, boolean requestFromA, DiameterCommand command, long application, Peer from, Peer to,
            Consumer<DiameterWriter> request, Consumer<DiameterWriter> answer) {
        long id = nextId();
        String session = from.host() + ";" + id;
        DiameterWriter req = DiameterWriter.request(command.code(), application, id, id)
                .base(AvpCode.SESSION_ID, session).base(AvpCode.AUTH_SESSION_STATE, NO_STATE_MAINTAINED)
                .base(AvpCode.ORIGIN_HOST, from.host()).base(AvpCode.ORIGIN_REALM, from.realm())
                .base(AvpCode.DESTINATION_HOST, to.host()).base(AvpCode.DESTINATION_REALM, to.realm());
        request.accept(req);
        DiameterWriter ans = DiameterWriter.answer(command.code(), application, id, id)
                .base(AvpCode.SESSION_ID, session).base(AvpCode.AUTH_SESSION_STATE, NO_STATE_MAINTAINED)
                .base(AvpCode.RESULT_CODE, DIAMETER_SUCCESS)
                .base(AvpCode.ORIGIN_HOST, to.host()).base(AvpCode.ORIGIN_REALM, to.realm());
        answer.accept(ans);
        link.sendDiameter(t, requestFromA, req.toBytes());
        link.sendDiameter(t + stepNanos, !requestFromA, ans.toBytes());
        return t + 2 * stepNanos;
    }

    private long nextId() {
        hopByHop = (hopByHop + 1) & 0xFFFFFFFFL;
        return hopByHop;
    }
}
