package io.swapguard.ss7.tcap;

import io.swapguard.event.TcapMessageType;
import java.util.List;

/**
 * A decoded ITU TCAP message (Q.773).
 *
 * @param otid originating transaction id, -1 when absent
 * @param dtid destination transaction id, -1 when absent
 * @param applicationContext MAP application context {@code x} of 0.4.0.0.1.0.x.v, 0 when the
 *        message has no dialogue portion, -1 when the context is not a MAP one (CAP, INAP, ...)
 * @param applicationContextVersion the {@code v}, 0 when unknown
 * @param dialoguePdu the dialogue PDU: AARQ, AARE, ABRT, or NONE
 * @param destinationReference MAP-OPEN destinationReference digits (usually the IMSI), or null
 * @param originatingReference MAP-OPEN originatingReference digits (often the MSISDN or a node), or null
 * @param abortCause P-Abort cause of a provider abort, -1 otherwise
 */
public record TcapMessage(TcapMessageType type, long otid, long dtid, int applicationContext,
        int applicationContextVersion, DialoguePdu dialoguePdu, String destinationReference,
        String originatingReference, int abortCause, List<TcapComponent> components) {

    public enum DialoguePdu { NONE, AARQ, AARE, ABRT }

    public boolean nonMapContext() {
        return applicationContext < 0;
    }
}
