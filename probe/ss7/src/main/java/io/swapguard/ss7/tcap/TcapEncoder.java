package io.swapguard.ss7.tcap;

import io.swapguard.ss7.ber.Ber;
import io.swapguard.ss7.ber.BerWriter;
import io.swapguard.ss7.map.Tbcd;
import java.util.List;

/**
 * Builds ITU TCAP messages (Q.773) carrying MAP: the encoding side of {@link TcapDecoder}, for
 * the simulator and tests. Transaction ids are written as four octets.
 */
public final class TcapEncoder {

    /** A component to encode; {@code parameter} is a complete BER element or null. */
    public record Component(int kind, int invokeId, int opCode, int errorCode, int problemType, int problemCode,
            byte[] parameter) {

        static final int INVOKE = 1;
        static final int RESULT_LAST = 2;
        static final int ERROR = 3;
        static final int REJECT = 4;
        static final int RESULT_NOT_LAST = 7;

        public static Component invoke(int invokeId, int opCode, byte[] parameter) {
            return new Component(INVOKE, invokeId, opCode, -1, -1, -1, parameter);
        }

        public static Component resultLast(int invokeId, int opCode, byte[] parameter) {
            return new Component(RESULT_LAST, invokeId, opCode, -1, -1, -1, parameter);
        }

        public static Component resultNotLast(int invokeId, int opCode, byte[] parameter) {
            return new Component(RESULT_NOT_LAST, invokeId, opCode, -1, -1, -1, parameter);
        }

        public static Component error(int invokeId, int errorCode, byte[] parameter) {
            return new Component(ERROR, invokeId, -1, errorCode, -1, -1, parameter);
        }

        public static Component reject(int invokeId, int problemType, int problemCode) {
            return new Component(REJECT, invokeId, -1, -1, problemType, problemCode, null);
        }
    }

    /**
     * The dialogue portion of a message: AARQ (in a Begin) or AARE (in the first Continue/End), with
     * the MAP application context and optional MAP-OPEN references.
     */
    public record Dialogue(boolean request, int acId, int acVersion, String destinationReference,
            String originatingReference) {

        public static Dialogue aarq(int acId, int acVersion) {
            return new Dialogue(true, acId, acVersion, null, null);
        }

        public static Dialogue aarq(int acId, int acVersion, String destinationReference, String originatingReference) {
            return new Dialogue(true, acId, acVersion, destinationReference, originatingReference);
        }

        public static Dialogue aare(int acId, int acVersion) {
            return new Dialogue(false, acId, acVersion, null, null);
        }
    }

    private TcapEncoder() {
    }

    public static byte[] begin(long otid, Dialogue dialogue, List<Component> components) {
        return message(0x62, otid, -1, dialogue, components);
    }

    public static byte[] continueMessage(long otid, long dtid, Dialogue dialogue, List<Component> components) {
        return message(0x65, otid, dtid, dialogue, components);
    }

    public static byte[] end(long dtid, Dialogue dialogue, List<Component> components) {
        return message(0x64, -1, dtid, dialogue, components);
    }

    /** A provider abort with a P-Abort cause. */
    public static byte[] abort(long dtid, int cause) {
        BerWriter w = new BerWriter();
        w.begin(0x67);
        w.primitive(0x49, tid(dtid));
        w.integer(0x4A, cause);
        w.end();
        return w.toByteArray();
    }

    private static byte[] message(int tag, long otid, long dtid, Dialogue dialogue, List<Component> components) {
        BerWriter w = new BerWriter();
        w.begin(tag);
        if (otid >= 0) {
            w.primitive(0x48, tid(otid));
        }
        if (dtid >= 0) {
            w.primitive(0x49, tid(dtid));
        }
        if (dialogue != null) {
            dialoguePortion(w, dialogue);
        }
        if (components != null && !components.isEmpty()) {
            w.begin(0x6C);
            for (Component c : components) {
                component(w, c);
            }
            w.end();
        }
        w.end();
        return w.toByteArray();
    }

    private static void dialoguePortion(BerWriter w, Dialogue d) {
        w.begin(0x6B);
        w.begin(Ber.EXTERNAL);
        w.oid(Ber.OID, 0, 0, 17, 773, 1, 1, 1); // dialogue-as-id
        w.begin(0xA0);
        if (d.request()) {
            w.begin(0x60); // AARQ
            w.primitive(0x80, new byte[] {0x07, (byte) 0x80}); // protocol-version: version1
            w.begin(0xA1);
            w.oid(Ber.OID, 0, 4, 0, 0, 1, 0, d.acId(), d.acVersion());
            w.end();
            if (d.destinationReference() != null || d.originatingReference() != null) {
                w.begin(0xBE); // user-information
                w.begin(Ber.EXTERNAL);
                w.oid(Ber.OID, 0, 4, 0, 0, 1, 1, 1, 1); // map-DialogueAS
                w.begin(0xA0);
                w.begin(0xA0); // map-open
                if (d.destinationReference() != null) {
                    w.primitive(0x80, Tbcd.isdnAddress(d.destinationReference()));
                }
                if (d.originatingReference() != null) {
                    w.primitive(0x81, Tbcd.isdnAddress(d.originatingReference()));
                }
                w.end().end().end().end();
            }
            w.end();
        } else {
            w.begin(0x61); // AARE
            w.primitive(0x80, new byte[] {0x07, (byte) 0x80});
            w.begin(0xA1);
            w.oid(Ber.OID, 0, 4, 0, 0, 1, 0, d.acId(), d.acVersion());
            w.end();
            w.begin(0xA2);
            w.integer(Ber.INTEGER, 0); // accepted
            w.end();
            w.begin(0xA3);
            w.begin(0xA1); // dialogue-service-user
            w.integer(Ber.INTEGER, 0); // null
            w.end();
            w.end();
            w.end();
        }
        w.end(); // [0]
        w.end(); // EXTERNAL
        w.end(); // dialogue portion
    }

    private static void component(BerWriter w, Component c) {
        w.begin(0xA0 | c.kind());
        switch (c.kind()) {
            case Component.INVOKE -> {
                w.integer(Ber.INTEGER, (byte) c.invokeId());
                w.integer(Ber.INTEGER, c.opCode());
                if (c.parameter() != null) {
                    w.raw(c.parameter());
                }
            }
            case Component.RESULT_LAST, Component.RESULT_NOT_LAST -> {
                w.integer(Ber.INTEGER, (byte) c.invokeId());
                if (c.parameter() != null) {
                    w.begin(Ber.SEQUENCE);
                    w.integer(Ber.INTEGER, c.opCode());
                    w.raw(c.parameter());
                    w.end();
                }
            }
            case Component.ERROR -> {
                w.integer(Ber.INTEGER, (byte) c.invokeId());
                w.integer(Ber.INTEGER, c.errorCode());
                if (c.parameter() != null) {
                    w.raw(c.parameter());
                }
            }
            case Component.REJECT -> {
                if (c.invokeId() < 0) {
                    w.primitive(Ber.NULL, new byte[0]);
                } else {
                    w.integer(Ber.INTEGER, (byte) c.invokeId());
                }
                w.integer(0x80 | c.problemType(), c.problemCode());
            }
            default -> throw new IllegalArgumentException("component kind " + c.kind());
        }
        w.end();
    }

    private static byte[] tid(long id) {
        return new byte[] {(byte) (id >> 24), (byte) (id >> 16), (byte) (id >> 8), (byte) id};
    }
}
