package io.swapguard.gate;

import io.swapguard.event.SmppEvent;
import io.swapguard.event.SmsAddress;
import io.swapguard.smpp.SmppAddress;
import io.swapguard.smpp.SmppBody;
import io.swapguard.smpp.SmppPdu;
import io.swapguard.smpp.SmsText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the verdict reads from a submit_sm, data_sm, submit_multi or deliver_sm: the sender, the
 * destinations and the content (text and concatenation).
 */
record SubmittedMessage(SmppEvent.Command command, SmsAddress source, List<SmsAddress> destinations,
        int dataCoding, SmsText.Content content) {

    /** The message a PDU carries, or null for PDUs that carry none. */
    static SubmittedMessage of(SmppPdu p) {
        return switch (p.command()) {
            case SUBMIT_SM, DELIVER_SM -> {
                SmppBody.ShortMessage m = (SmppBody.ShortMessage) p.body();
                yield new SubmittedMessage(p.command() == io.swapguard.smpp.SmppCommand.SUBMIT_SM
                        ? SmppEvent.Command.SUBMIT_SM : SmppEvent.Command.DELIVER_SM, address(m.source()),
                        List.of(address(m.destination())), m.dataCoding(), SmsText.of(m));
            }
            case DATA_SM -> {
                SmppBody.DataSm m = (SmppBody.DataSm) p.body();
                yield new SubmittedMessage(SmppEvent.Command.DATA_SM, address(m.source()),
                        List.of(address(m.destination())), m.dataCoding(), SmsText.of(m));
            }
            case SUBMIT_MULTI -> {
                SmppBody.SubmitMulti m = (SmppBody.SubmitMulti) p.body();
                List<SmsAddress> to = new ArrayList<>(m.destinations().size());
                for (SmppBody.MultiDestination d : m.destinations()) {
                    // A distribution list names no one the gate can judge; the SMSC expands it.
                    to.add(d.address() != null ? address(d.address())
                            : new SmsAddress(SmsAddress.TON_ALPHANUMERIC, 0, clip(d.distributionList())));
                }
                yield new SubmittedMessage(SmppEvent.Command.SUBMIT_MULTI, address(m.source()), to, m.dataCoding(),
                        SmsText.of(m));
            }
            default -> null;
        };
    }

    /** A submission the ESME sends (deliver_sm comes from the SMSC). */
    boolean submission() {
        return command != SmppEvent.Command.DELIVER_SM;
    }

    /**
     * The address as the journal keeps it. SMPP strings are octets (read as Latin-1 to keep them);
     * an alphanumeric source_addr in UTF-8, as aggregators send Cyrillic or Greek sender IDs, is
     * read as the characters it spells, so "ВСА" is seen for what it imitates.
     */
    static SmsAddress address(SmppAddress a) {
        String v = a.address();
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) > 0x7F) {
                v = utf8OrAsIs(v);
                break;
            }
        }
        return new SmsAddress(a.ton() & 7, a.npi() > 15 ? 0 : a.npi(), clip(v));
    }

    private static String utf8OrAsIs(String latin1) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > SmsAddress.MAX_LENGTH ? s.substring(0, SmsAddress.MAX_LENGTH) : s;
    }
}
