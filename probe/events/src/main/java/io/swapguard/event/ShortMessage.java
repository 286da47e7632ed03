package io.swapguard.event;

/**
 * The SMS carried by a MAP MO/MT-ForwardSM or an SMPP submit_sm/deliver_sm, decoded.
 *
 * @param type which TPDU (or SMPP PDU) carried it
 * @param originator the sender: TP-OA of an SMS-DELIVER, the MSISDN of an SMS-SUBMIT's sender,
 *        SMPP source_addr; null when the carrier did not say
 * @param destination the recipient: TP-DA of an SMS-SUBMIT, SMPP dest_addr; null when only the
 *        IMSI is known (MT-ForwardSM addresses the SIM, not the number)
 * @param dataCoding the TP-DCS / SMPP data_coding byte
 * @param text the decoded text (GSM 7-bit or UCS-2), or null for 8-bit binary data
 * @param concatReference concatenation reference from the UDH, -1 when the SMS is not a part
 * @param concatPart this part's sequence number (1-based), 0 when not a part
 * @param concatTotal number of parts, 0 when not a part
 */
public record ShortMessage(Type type, SmsAddress originator, SmsAddress destination, int dataCoding,
        String text, int concatReference, int concatPart, int concatTotal) {

    public static final int MAX_TEXT_LENGTH = 1024;

    /** Positions are written to the journal: append new constants, never reorder. */
    public enum Type {
        /** SC to MS: SMS-DELIVER (MT). */
        DELIVER,
        /** MS to SC: SMS-SUBMIT (MO). */
        SUBMIT,
        /** SC to MS: SMS-STATUS-REPORT. */
        STATUS_REPORT,
        /** Anything else (SMS-COMMAND, reserved types). */
        OTHER
    }

    public ShortMessage {
        if (type == null) {
            throw new IllegalArgumentException("short message type missing");
        }
        if (dataCoding < 0 || dataCoding > 255) {
            throw new IllegalArgumentException("data coding must be one byte, got " + dataCoding);
        }
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("text longer than " + MAX_TEXT_LENGTH);
        }
        if (concatReference < -1 || concatReference > 0xFFFF || concatPart < 0 || concatPart > 255
                || concatTotal < 0 || concatTotal > 255) {
            throw new IllegalArgumentException("concatenation fields out of range");
        }
    }

    /** A single-part message. */
    public static ShortMessage single(Type type, SmsAddress originator, SmsAddress destination,
            int dataCoding, String text) {
        return new ShortMessage(type, originator, destination, dataCoding, text, -1, 0, 0);
    }

    public boolean isPart() {
        return concatReference >= 0;
    }
}
