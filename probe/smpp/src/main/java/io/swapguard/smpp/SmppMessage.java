package io.swapguard.smpp;

import io.swapguard.event.ShortMessage;
import io.swapguard.event.SmppEvent;
import io.swapguard.event.SmsAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A submit_sm, data_sm, submit_multi or deliver_sm in the event model's terms: the sender, the
 * destinations and the content (text and concatenation), as the gate judges it and the passive
 * tap journals it.
 */
public record SmppMessage(SmppEvent.Command command, SmsAddress source, List<SmsAddress> destinations,
        int dataCoding, SmsText.Content content) {

    /** The message a PDU carries, or null for PDUs that carry none. */
    public static SmppMessage of(SmppPdu p) {
        return switch (p.command()) {
            case SUBMIT_SM, DELIVER_SM -> {
                SmppBody.ShortMessage m = (SmppBody.ShortMessage) p.body();
                yield new SmppMessage(p.command() == SmppCommand.SUBMIT_SM
                        ? SmppEvent.Command.SUBMIT_SM : SmppEvent.Command.DELIVER_SM, address(m.source()),
                        List.of(address(m.destination())), m.dataCoding(), SmsText.of(m));
            }
            case DATA_SM -> {
                SmppBody.DataSm m = (SmppBody.DataSm) p.body();
                yield new SmppMessage(SmppEvent.Command.DATA_SM, address(m.source()),
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
                yield new SmppMessage(SmppEvent.Command.SUBMIT_MULTI, address(m.source()), to, m.dataCoding(),
                        SmsText.of(m));
            }
            default -> null;
        };
    }

    /** The event record of this message to one of its destinations, its text clipped to what an event holds. */
    public ShortMessage event(SmsAddress to, String wholeText, boolean judgedWhole) {
        String t = wholeText == null || wholeText.length() <= ShortMessage.MAX_TEXT_LENGTH ? wholeText
                : wholeText.substring(0, ShortMessage.MAX_TEXT_LENGTH);
        ShortMessage.Type type = submission() ? ShortMessage.Type.SUBMIT : ShortMessage.Type.DELIVER;
        if (!content.concatenated()) {
            return ShortMessage.single(type, source, to, dataCoding, t);
        }
        // A concatenated message judged whole is part 0 of its total; a segment seen alone is its own part.
        return new ShortMessage(type, source, to, dataCoding, t, Math.max(0, Math.min(0xFFFF, content.reference())),
                judgedWhole ? 0 : Math.min(255, content.sequence()), Math.min(255, content.total()));
    }

    /**
     * A message the SMSC accepted, as kept for a later replace_sm: what that needs (sender,
     * destinations, data_coding), without the text.
     */
    public static SmppMessage accepted(SmppEvent.Command command, SmsAddress source, List<SmsAddress> destinations,
            int dataCoding) {
        return new SmppMessage(command, source, destinations, dataCoding, NO_TEXT);
    }

    private static final SmsText.Content NO_TEXT = new SmsText.Content("", 0, 1, 0);

    /**
     * A replace_sm of {@code original}: its new text (in the original's data_coding, as SMPP has
     * replace_sm keep it) to the original's destinations.
     */
    public static SmppMessage replacing(SmppPdu replace, SmppMessage original) {
        SmppBody.ReplaceSm r = (SmppBody.ReplaceSm) replace.body();
        SmsAddress from = r.source().address().isEmpty() ? original.source() : address(r.source());
        return new SmppMessage(SmppEvent.Command.REPLACE_SM, from, original.destinations(), original.dataCoding(),
                SmsText.of(0, original.dataCoding(), r.shortMessage(), List.of()));
    }

    /** A submission the ESME sends (deliver_sm comes from the SMSC). */
    public boolean submission() {
        return command != SmppEvent.Command.DELIVER_SM;
    }

    /**
     * The address as the journal keeps it. SMPP strings are octets (read as Latin-1 to keep them);
     * an alphanumeric source_addr in UTF-8, as aggregators send Cyrillic or Greek sender IDs, is
     * read as the characters it spells, so "ВСА" is seen for what it imitates.
     */
    public static SmsAddress address(SmppAddress a) {
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
