package io.swapguard.ss7.tcap;

import io.swapguard.event.ComponentType;
import io.swapguard.event.TcapMessageType;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.ber.Ber;
import io.swapguard.ss7.ber.BerReader;
import io.swapguard.ss7.map.Tbcd;
import java.util.ArrayList;
import java.util.List;

/**
 * ITU TCAP (Q.773) from BER: message type, transaction ids, the dialogue portion (application
 * context name, MAP-OPEN references, abort) and every component. Strict about structure, since
 * lengths come from the wire; lenient about optional parts a real network leaves out.
 */
public final class TcapDecoder {

    static final Rejection UNKNOWN_MESSAGE = Rejection.of(Layer.TCAP, "unknown-message-type");
    static final Rejection BAD_TRANSACTION_ID = Rejection.of(Layer.TCAP, "bad-transaction-id");
    static final Rejection MISSING_TRANSACTION_ID = Rejection.of(Layer.TCAP, "missing-transaction-id");
    static final Rejection BAD_COMPONENT = Rejection.of(Layer.TCAP, "bad-component");
    static final Rejection BAD_DIALOGUE = Rejection.of(Layer.TCAP, "bad-dialogue-portion");
    static final Rejection TOO_MANY_COMPONENTS = Rejection.of(Layer.TCAP, "too-many-components");
    static final Rejection ANSI = Rejection.ignore(Layer.TCAP, "ansi-tcap");

    /** More components than this in one message is not MAP traffic. */
    static final int MAX_COMPONENTS = 32;

    /** 0.4.0.0.1.0 — the MAP application contexts' prefix (x and v follow). */
    private static final byte[] MAP_AC_PREFIX = {0x04, 0x00, 0x00, 0x01, 0x00};
    /** 0.4.0.0.1.1.1.1 — map-DialogueAS, the abstract syntax of MAP-OPEN. */
    private static final byte[] MAP_DIALOGUE_AS = {0x04, 0x00, 0x00, 0x01, 0x01, 0x01, 0x01};

    private TcapDecoder() {
    }

    public static TcapMessage decode(byte[] b, int offset, int length) {
        BerReader top = BerReader.of(Layer.TCAP, b, offset, length);
        if (!top.next()) {
            throw UNKNOWN_MESSAGE;
        }
        if (top.tagClass() == Ber.CLASS_PRIVATE) {
            throw ANSI; // ANSI T1.114 TCAP uses private-class package types
        }
        if (top.tagClass() != Ber.CLASS_APPLICATION || !top.constructed()) {
            throw UNKNOWN_MESSAGE;
        }
        TcapMessageType type = switch (top.tagNumber()) {
            case 1 -> TcapMessageType.UNIDIRECTIONAL;
            case 2 -> TcapMessageType.BEGIN;
            case 4 -> TcapMessageType.END;
            case 5 -> TcapMessageType.CONTINUE;
            case 7 -> TcapMessageType.ABORT;
            default -> throw UNKNOWN_MESSAGE;
        };
        Builder m = new Builder(type);
        BerReader r = top.enter();
        while (r.next()) {
            if (r.tagClass() == Ber.CLASS_APPLICATION) {
                switch (r.tagNumber()) {
                    case 8 -> m.otid = transactionId(r);
                    case 9 -> m.dtid = transactionId(r);
                    case 10 -> m.abortCause = (int) (r.integer() & 0xFF);
                    case 11 -> dialoguePortion(r, m);
                    case 12 -> components(r, m);
                    default -> {
                        // unknown application element: skip, as Q.773 extensibility allows
                    }
                }
            }
        }
        boolean needsOtid = type == TcapMessageType.BEGIN || type == TcapMessageType.CONTINUE;
        boolean needsDtid = type == TcapMessageType.END || type == TcapMessageType.CONTINUE
                || type == TcapMessageType.ABORT;
        if ((needsOtid && m.otid < 0) || (needsDtid && m.dtid < 0)) {
            throw MISSING_TRANSACTION_ID;
        }
        return m.build();
    }

    private static long transactionId(BerReader r) {
        if (r.constructed() || r.valueLength() < 1 || r.valueLength() > 4) {
            throw BAD_TRANSACTION_ID;
        }
        return r.unsigned();
    }

    private static void dialoguePortion(BerReader portion, Builder m) {
        if (!portion.constructed()) {
            throw BAD_DIALOGUE;
        }
        BerReader ext = portion.enter();
        if (!ext.next() || !ext.is(Ber.CLASS_UNIVERSAL, 8) || !ext.constructed()) {
            throw BAD_DIALOGUE;
        }
        BerReader e = ext.enter();
        while (e.next()) {
            if (e.is(Ber.CLASS_CONTEXT, 0) && e.constructed()) {
                BerReader single = e.enter();
                if (!single.next() || single.tagClass() != Ber.CLASS_APPLICATION || !single.constructed()) {
                    throw BAD_DIALOGUE;
                }
                m.dialoguePdu = switch (single.tagNumber()) {
                    case 0 -> TcapMessage.DialoguePdu.AARQ;
                    case 1 -> TcapMessage.DialoguePdu.AARE;
                    case 4 -> TcapMessage.DialoguePdu.ABRT;
                    default -> throw BAD_DIALOGUE;
                };
                if (m.dialoguePdu != TcapMessage.DialoguePdu.ABRT) {
                    dialoguePdu(single.enter(), m);
                }
            }
        }
    }

    private static void dialoguePdu(BerReader pdu, Builder m) {
        while (pdu.next()) {
            if (pdu.is(Ber.CLASS_CONTEXT, 1) && pdu.constructed()) {
                BerReader name = pdu.enter();
                if (!name.next() || !name.is(Ber.CLASS_UNIVERSAL, 6)) {
                    throw BAD_DIALOGUE;
                }
                applicationContext(name, m);
            } else if (pdu.is(Ber.CLASS_CONTEXT, 30) && pdu.constructed()) {
                userInformation(pdu.enter(), m);
            }
        }
    }

    private static void applicationContext(BerReader oid, Builder m) {
        byte[] b = oid.buffer();
        int p = oid.valueOffset();
        if (oid.valueLength() == 7 && startsWith(b, p, MAP_AC_PREFIX)
                && b[p + 5] >= 0 && b[p + 6] >= 0) {
            m.acId = b[p + 5];
            m.acVersion = b[p + 6];
        } else {
            m.acId = -1; // CAP, INAP or another user of TCAP
        }
    }

    /** user-information: EXTERNALs; the one in map-DialogueAS may carry MAP-OPEN references. */
    private static void userInformation(BerReader info, Builder m) {
        while (info.next()) {
            if (!info.is(Ber.CLASS_UNIVERSAL, 8) || !info.constructed()) {
                continue;
            }
            BerReader ext = info.enter();
            boolean mapDialogue = false;
            while (ext.next()) {
                if (ext.is(Ber.CLASS_UNIVERSAL, 6)) {
                    mapDialogue = ext.valueLength() == MAP_DIALOGUE_AS.length
                            && startsWith(ext.buffer(), ext.valueOffset(), MAP_DIALOGUE_AS);
                } else if (mapDialogue && ext.is(Ber.CLASS_CONTEXT, 0) && ext.constructed()) {
                    BerReader pdu = ext.enter();
                    if (pdu.next() && pdu.is(Ber.CLASS_CONTEXT, 0) && pdu.constructed()) { // map-open
                        BerReader open = pdu.enter();
                        while (open.next()) {
                            if (open.is(Ber.CLASS_CONTEXT, 0) && !open.constructed()) {
                                m.destinationReference = Tbcd.addressDigits(open.buffer(), open.valueOffset(), open.valueLength());
                            } else if (open.is(Ber.CLASS_CONTEXT, 1) && !open.constructed()) {
                                m.originatingReference = Tbcd.addressDigits(open.buffer(), open.valueOffset(), open.valueLength());
                            }
                        }
                    }
                }
            }
        }
    }

    private static void components(BerReader portion, Builder m) {
        if (!portion.constructed()) {
            throw BAD_COMPONENT;
        }
        BerReader r = portion.enter();
        while (r.next()) {
            if (m.components.size() >= MAX_COMPONENTS) {
                throw TOO_MANY_COMPONENTS;
            }
            if (r.tagClass() != Ber.CLASS_CONTEXT || !r.constructed()) {
                throw BAD_COMPONENT;
            }
            m.components.add(switch (r.tagNumber()) {
                case 1 -> invoke(r.enter());
                case 2 -> result(ComponentType.RETURN_RESULT_LAST, r.enter());
                case 7 -> result(ComponentType.RETURN_RESULT_NOT_LAST, r.enter());
                case 3 -> error(r.enter());
                case 4 -> reject(r.enter());
                default -> throw BAD_COMPONENT;
            });
        }
    }

    private static TcapComponent invoke(BerReader c) {
        int invokeId = invokeId(c);
        int linkedId = -1;
        if (!c.next()) {
            throw BAD_COMPONENT;
        }
        if (c.is(Ber.CLASS_CONTEXT, 0) && !c.constructed()) {
            linkedId = smallInt(c);
            if (!c.next()) {
                throw BAD_COMPONENT;
            }
        }
        int opCode = operationCode(c);
        int paramOffset = 0;
        int paramLength = 0;
        if (c.next()) {
            paramOffset = c.elementOffset();
            paramLength = c.elementLength();
        }
        return new TcapComponent(ComponentType.INVOKE, invokeId, linkedId, opCode, -1, -1, c.buffer(), paramOffset,
                paramLength);
    }

    private static TcapComponent result(ComponentType type, BerReader c) {
        int invokeId = invokeId(c);
        int opCode = -1;
        int paramOffset = 0;
        int paramLength = 0;
        if (c.next()) {
            if (!c.is(Ber.CLASS_UNIVERSAL, 16) || !c.constructed()) {
                throw BAD_COMPONENT;
            }
            BerReader seq = c.enter();
            if (seq.next()) {
                opCode = operationCode(seq);
                if (seq.next()) {
                    paramOffset = seq.elementOffset();
                    paramLength = seq.elementLength();
                }
            }
        }
        return new TcapComponent(type, invokeId, -1, opCode, -1, -1, c.buffer(), paramOffset, paramLength);
    }

    private static TcapComponent error(BerReader c) {
        int invokeId = invokeId(c);
        if (!c.next()) {
            throw BAD_COMPONENT;
        }
        int errorCode = c.is(Ber.CLASS_UNIVERSAL, 2) ? (int) (c.integer() & 0xFFFF) : -1; // global error codes: -1
        int paramOffset = 0;
        int paramLength = 0;
        if (c.next()) {
            paramOffset = c.elementOffset();
            paramLength = c.elementLength();
        }
        return new TcapComponent(ComponentType.RETURN_ERROR, invokeId, -1, -1, errorCode, -1, c.buffer(),
                paramOffset, paramLength);
    }

    private static TcapComponent reject(BerReader c) {
        if (!c.next()) {
            throw BAD_COMPONENT;
        }
        int invokeId = -1;
        if (c.is(Ber.CLASS_UNIVERSAL, 2)) {
            invokeId = smallInt(c);
        } else if (!c.is(Ber.CLASS_UNIVERSAL, 5)) {
            throw BAD_COMPONENT;
        }
        if (!c.next() || c.tagClass() != Ber.CLASS_CONTEXT || c.tagNumber() > 3) {
            throw BAD_COMPONENT;
        }
        int problem = c.tagNumber() << 8 | (int) (c.integer() & 0xFF);
        return new TcapComponent(ComponentType.REJECT, invokeId, -1, -1, -1, problem, c.buffer(), 0, 0);
    }

    private static int invokeId(BerReader c) {
        if (!c.next() || !c.is(Ber.CLASS_UNIVERSAL, 2)) {
            throw BAD_COMPONENT;
        }
        return smallInt(c);
    }

    /** Invoke ids are -128..127 on the wire; the event schema stores them as 0..255. */
    private static int smallInt(BerReader c) {
        long v = c.integer();
        if (v < -128 || v > 255) {
            throw BAD_COMPONENT;
        }
        return (int) (v & 0xFF);
    }

    private static int operationCode(BerReader c) {
        if (c.is(Ber.CLASS_UNIVERSAL, 2)) {
            long v = c.integer();
            return v >= 0 && v <= 255 ? (int) v : -1;
        }
        if (c.is(Ber.CLASS_UNIVERSAL, 6)) {
            return -1; // global operation code: not MAP
        }
        throw BAD_COMPONENT;
    }

    private static boolean startsWith(byte[] b, int p, byte[] prefix) {
        if (p + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[p + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static final class Builder {
        final TcapMessageType type;
        long otid = -1;
        long dtid = -1;
        int acId;
        int acVersion;
        TcapMessage.DialoguePdu dialoguePdu = TcapMessage.DialoguePdu.NONE;
        String destinationReference;
        String originatingReference;
        int abortCause = -1;
        final List<TcapComponent> components = new ArrayList<>(2);

        Builder(TcapMessageType type) {
            this.type = type;
        }

        TcapMessage build() {
            return new TcapMessage(type, otid, dtid, acId, acVersion, dialoguePdu, destinationReference,
                    originatingReference, abortCause, List.copyOf(components));
        }
    }
}
