package io.swapguard.taps;

import io.swapguard.event.ComponentType;
import io.swapguard.event.Imsi;
import io.swapguard.event.MapEvent;
import io.swapguard.event.Msisdn;
import io.swapguard.event.SccpAddress;
import io.swapguard.event.TcapMessageType;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.smpp.SmppFrameDecoder;
import io.swapguard.taps.diameter.DiameterTap;
import io.swapguard.taps.smpp.SmppStreams;
import io.swapguard.taps.tcp.TcpStreams;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.frame.FrameDecoder;
import io.swapguard.ss7.frame.IpPacket;
import io.swapguard.ss7.m2ua.M2uaDecoder;
import io.swapguard.ss7.m3ua.M3uaData;
import io.swapguard.ss7.m3ua.M3uaDecoder;
import io.swapguard.ss7.sua.SuaDecoder;
import io.swapguard.ss7.map.MapDecoder;
import io.swapguard.ss7.map.MapParameter;
import io.swapguard.ss7.sccp.SccpDecoder;
import io.swapguard.ss7.sccp.SccpMessage;
import io.swapguard.ss7.sctp.SctpDecoder;
import io.swapguard.ss7.sctp.SctpFlow;
import io.swapguard.ss7.tcap.TcapComponent;
import io.swapguard.ss7.tcap.TcapDecoder;
import io.swapguard.ss7.tcap.TcapMessage;
import io.swapguard.taps.DialogueTracker;

/**
 * The probe's decoding path, one layer after the other: captured frame → IP → SCTP → M3UA (PPID 3)
 * or M2UA (PPID 2) → SCCP → TCAP → MAP → {@link MapEvent}, or SCTP → SUA (PPID 4) → TCAP → MAP, IP → TCP → SMPP → SMPP events on the SMSC's links
 * ({@link SmppStreams}), and IP → SCTP (PPID 46) or TCP → Diameter → Diameter events ({@link DiameterTap}). Each layer is its own decoder; this class only wires them,
 * joins answers to requests through the {@link DialogueTracker}, counts what every layer did,
 * and quarantines malformed input. Nothing thrown by a decoder leaves it.
 *
 * <p>Not thread-safe: one pipeline per input thread (reassembly and dialogue state are per pipeline).
 */
public final class ProbePipeline {

    static final Rejection NOT_SCTP = Rejection.ignore(Layer.IP, "not-sctp");
    static final Rejection NOT_SCCP = Rejection.ignore(Layer.M3UA, "not-sccp");
    static final Rejection M2UA_NOT_SCCP = Rejection.ignore(Layer.M2UA, "not-sccp");
    static final Rejection NO_COMPONENTS = Rejection.ignore(Layer.TCAP, "no-components");
    static final Rejection NON_MAP = Rejection.ignore(Layer.TCAP, "non-map-application-context");
    static final Rejection UNKNOWN_TRANSACTION = Rejection.ignore(Layer.TCAP, "unknown-transaction");
    static final Rejection SERVICE_MESSAGE = Rejection.ignore(Layer.SCCP, "service-message");
    static final Rejection INTERNAL = Rejection.of(Layer.MAP, "internal-error");
    static final Rejection OTHER_TCP_PORT = Rejection.ignore(Layer.TCP, "not-tapped-port");

    private final DecodeCounters counters;
    private final EventSink sink;
    private final Quarantine quarantine;
    private final SctpDecoder sctp;
    private final SccpDecoder sccp;
    private final DialogueTracker dialogues;
    private final SmppStreams smpp;
    private final DiameterTap diameter;
    private final IpPacket ip = new IpPacket();

    // The input being decoded (single-threaded), so nested callbacks can stamp events.
    private String tapId = "";
    private long captureNanos;
    private Rejection firstMalformed;

    public ProbePipeline(ProbeSettings settings, DecodeCounters counters, EventSink sink, Quarantine quarantine) {
        this.counters = counters;
        this.sink = sink;
        this.quarantine = quarantine;
        this.sctp = new SctpDecoder(new int[] {SctpDecoder.PPID_M3UA, SctpDecoder.PPID_M2UA, SctpDecoder.PPID_SUA,
                SctpDecoder.PPID_DIAMETER}, settings.verifySctpChecksum(),
                settings.maxSctpFlows(), counters);
        this.sccp = new SccpDecoder(settings.maxSegmentedMessages(), counters);
        this.dialogues = new DialogueTracker(settings.maxDialogues(), settings.dialogueIdleTimeout().toNanos());
        this.smpp = settings.smppPorts().isEmpty() ? null : new SmppStreams(settings.smppPorts(),
                settings.maxSmppFlows(), SmppFrameDecoder.DEFAULT_MAX_PDU, counters, sink::accept);
        this.diameter = new DiameterTap(settings.diameterPorts(), settings.maxSmppFlows(), settings.maxDialogues(),
                settings.dialogueIdleTimeout().toNanos(), counters, sink::accept);
    }

    /** Diameter requests waiting for their answer. */
    public int pendingDiameterRequests() {
        return diameter.pendingRequests();
    }

    public DecodeCounters counters() {
        return counters;
    }

    public DialogueTracker dialogues() {
        return dialogues;
    }

    /** SCTP association directions currently tracked (at most {@link ProbeSettings#maxSctpFlows()}). */
    public int trackedSctpFlows() {
        return sctp.trackedFlows();
    }

    /** One captured frame (pcap/pcapng record). Malformed frames go to the quarantine. */
    public void frame(String tap, long timestampNanos, int linkType, byte[] b, int offset, int length) {
        begin(tap, timestampNanos);
        counters.countFrame(length);
        try {
            FrameDecoder.decode(linkType, b, offset, length, ip);
            counters.countDecoded(Layer.IP);
            if (ip.protocol() == FrameDecoder.PROTOCOL_TCP && (smpp != null || diameter.streams() != null)) {
                TcpStreams tcp = smpp != null && smpp.streams().accepts(b, ip.payloadOffset(), ip.payloadLength())
                        ? smpp.streams()
                        : diameter.streams() != null && diameter.streams().accepts(b, ip.payloadOffset(),
                                ip.payloadLength()) ? diameter.streams() : null;
                if (tcp == null) {
                    throw OTHER_TCP_PORT;
                }
                tcp.segment(tap, timestampNanos, ip.srcHigh(), ip.srcLow(), ip.dstHigh(), ip.dstLow(), b,
                        ip.payloadOffset(), ip.payloadLength());
            } else if (ip.protocol() != FrameDecoder.PROTOCOL_SCTP) {
                throw NOT_SCTP;
            } else {
                sctp.decode(timestampNanos, ip.srcHigh(), ip.srcLow(), ip.dstHigh(), ip.dstLow(), b,
                        ip.payloadOffset(), ip.payloadLength(), this::sctpUserMessage);
                counters.countDecoded(Layer.SCTP);
            }
        } catch (Rejection r) {
            reject(r);
        } catch (EventSink.Failed stop) {
            throw stop;
        } catch (RuntimeException bug) {
            reject(INTERNAL);
        }
        if (firstMalformed != null && quarantine != null) {
            quarantine.keep(timestampNanos, linkType, b, offset, length, firstMalformed);
        }
    }

    /**
     * One M3UA message from a capture agent (HEP), with the agent's capture time. Returns the first
     * malformed-input rejection met, or null, so the caller can quarantine its own datagram. The caller
     * counts the datagram it came in ({@link DecodeCounters#countFrame}).
     */
    public Rejection m3ua(String tap, long timestampNanos, byte[] b, int offset, int length) {
        begin(tap, timestampNanos);
        try {
            m3uaMessage(b, offset, length);
        } catch (Rejection r) {
            reject(r);
        } catch (EventSink.Failed stop) {
            throw stop;
        } catch (RuntimeException bug) {
            reject(INTERNAL);
        }
        return firstMalformed;
    }

    private void begin(String tap, long timestampNanos) {
        this.tapId = tap;
        this.captureNanos = timestampNanos;
        this.firstMalformed = null;
    }

    private void reject(Rejection r) {
        counters.count(r);
        if (r.malformed() && firstMalformed == null) {
            firstMalformed = r;
        }
    }

    private void sctpUserMessage(SctpFlow flow, int stream, long ppid, byte[] b, int offset, int length) {
        try {
            switch ((int) ppid) {
                case SctpDecoder.PPID_DIAMETER -> diameter.message(tapId, captureNanos, b, offset, length);
                case SctpDecoder.PPID_M2UA -> m2uaMessage(b, offset, length);
                case SctpDecoder.PPID_SUA -> suaMessage(b, offset, length);
                default -> m3uaMessage(b, offset, length);
            }
        } catch (Rejection r) {
            reject(r); // one bad message does not stop the rest of the packet
        }
    }

    private void m3uaMessage(byte[] b, int offset, int length) {
        M3uaData data = M3uaDecoder.decode(b, offset, length);
        counters.countDecoded(Layer.M3UA);
        if (data.serviceIndicator() != M3uaData.SI_SCCP) {
            throw NOT_SCCP;
        }
        sccpMessage(data);
    }

    private void m2uaMessage(byte[] b, int offset, int length) {
        M3uaData data = M2uaDecoder.decode(b, offset, length);
        counters.countDecoded(Layer.M2UA);
        if (data.serviceIndicator() != M3uaData.SI_SCCP) {
            throw M2UA_NOT_SCCP; // link test (SLTM), network management (SNM), ISUP
        }
        sccpMessage(data);
    }

    /** SUA carries no MTP3: the point codes are those the SUA addresses name, or -1. */
    private void suaMessage(byte[] b, int offset, int length) {
        SccpMessage cl = SuaDecoder.decode(b, offset, length);
        counters.countDecoded(Layer.SUA);
        SccpMessage message = sccp.reassembled(cl, captureNanos);
        if (message.isService()) {
            throw SERVICE_MESSAGE; // a CLDR: returned undelivered, not a second observation
        }
        tcap(message.calling().pointCode(), message.called().pointCode(), message);
    }

    private void sccpMessage(M3uaData data) {
        SccpMessage message = sccp.decode(data.buffer(), data.offset(), data.length(), captureNanos);
        counters.countDecoded(Layer.SCCP);
        if (message.isService()) {
            // A UDTS/XUDTS returns a message that could not be delivered; its data is the original
            // TCAP message and is still worth decoding, but it is not a second observation of it.
            throw SERVICE_MESSAGE;
        }
        tcap(data.opc(), data.dpc(), message);
    }

    private void tcap(int opc, int dpc, SccpMessage sccpMessage) {
        TcapMessage m = TcapDecoder.decode(sccpMessage.buffer(), sccpMessage.offset(), sccpMessage.length());
        counters.countDecoded(Layer.TCAP);
        SccpAddress calling = sccpMessage.calling();
        SccpAddress called = sccpMessage.called();
        DialogueTracker.Dialogue d = dialogues.onMessage(m, calling, called, captureNanos);
        if (m.nonMapContext() || (d != null && d.applicationContext() < 0)) {
            if (d != null && m.type() != TcapMessageType.CONTINUE) {
                dialogues.ended(d);
            }
            throw NON_MAP;
        }
        if (d == null && m.type() != TcapMessageType.BEGIN && m.type() != TcapMessageType.UNIDIRECTIONAL) {
            counters.count(UNKNOWN_TRANSACTION); // still decoded and journalled, without the join
        }
        int ac = d != null ? d.applicationContext() : m.applicationContext();
        int version = d != null ? d.applicationContextVersion() : m.applicationContextVersion();
        if (m.components().isEmpty()) {
            if (m.type() == TcapMessageType.ABORT) {
                MapEvent.Builder e = base(opc, dpc, calling, called, m, ac, version).component(ComponentType.NONE)
                        .errorCode(m.abortCause() >= 0 ? m.abortCause() : -1);
                MapEvent aborted = d == null ? null : d.lastOpenInvoke();
                if (aborted != null) {
                    e.opCode(aborted.opCode()); // what the abort cut short
                    joinFrom(aborted, e);
                }
                joinSubscriber(d, e);
                emit(e.build());
            } else {
                counters.count(NO_COMPONENTS);
            }
        }
        for (TcapComponent c : m.components()) {
            component(opc, dpc, calling, called, m, d, ac, version, c);
        }
        if (d != null && (m.type() == TcapMessageType.END || m.type() == TcapMessageType.ABORT
                || m.type() == TcapMessageType.UNIDIRECTIONAL)) {
            dialogues.ended(d);
        }
    }

    private void component(int opc, int dpc, SccpAddress calling, SccpAddress called, TcapMessage m,
            DialogueTracker.Dialogue d, int ac, int version, TcapComponent c) {
        MapEvent.Builder e = base(opc, dpc, calling, called, m, ac, version).component(c.type()).invokeId(c.invokeId());
        MapEvent invoke = d == null || c.type() == ComponentType.INVOKE ? null : d.invoke(c.invokeId());
        int opCode = c.opCode() >= 0 ? c.opCode() : invoke != null ? invoke.opCode() : -1;
        e.opCode(opCode);
        if (c.type() == ComponentType.RETURN_ERROR) {
            e.errorCode(c.errorCode());
        } else if (c.type() == ComponentType.REJECT) {
            e.errorCode(c.problem());
        }
        if (c.hasParameter() && opCode >= 0) {
            decodeParameter(opCode, c, version, e);
        }
        if (invoke != null) {
            joinFrom(invoke, e);
        }
        joinSubscriber(d, e);
        MapEvent event = e.build();
        if (d != null) {
            if (c.type() == ComponentType.INVOKE) {
                dialogues.onInvoke(d, event);
            } else {
                dialogues.noteSubscriber(d, event);
                if (c.type() != ComponentType.RETURN_RESULT_NOT_LAST) {
                    dialogues.answered(d, c.invokeId());
                }
            }
        }
        emit(event);
    }

    private void decodeParameter(int opCode, TcapComponent c, int version, MapEvent.Builder e) {
        MapParameter.Builder p = new MapParameter.Builder();
        try {
            MapDecoder.decode(opCode, c.type(), version, c.buffer(), c.parameterOffset(), c.parameterLength(), p);
            counters.countDecoded(Layer.MAP);
        } catch (Rejection r) {
            // The event is still journalled with its operation, addresses and the identities the
            // parameter plainly carries, marked partial: nothing tshark shows is lost.
            reject(r);
            e.partial(true);
        }
        fill(e, p.build());
    }

    /** The MAP codec's facts into the event. */
    private static void fill(MapEvent.Builder e, MapParameter p) {
        if (p.imsi() != null) e.imsi(p.imsi());
        if (p.msisdn() != null) e.msisdn(p.msisdn());
        if (p.imei() != null) e.imei(p.imei());
        if (p.mscNumber() != null) e.mscNumber(p.mscNumber());
        if (p.vlrNumber() != null) e.vlrNumber(p.vlrNumber());
        if (p.sgsnNumber() != null) e.sgsnNumber(p.sgsnNumber());
        if (p.hlrNumber() != null) e.hlrNumber(p.hlrNumber());
        if (p.smscAddress() != null) e.smscAddress(p.smscAddress());
        if (p.roamingNumber() != null) e.roamingNumber(p.roamingNumber());
        if (p.ssCode() >= 0) e.ssCode(p.ssCode());
        if (p.forwardedToNumber() != null) e.forwardedToNumber(p.forwardedToNumber());
        if (p.equipmentStatus() >= 0) e.equipmentStatus(p.equipmentStatus());
        if (p.sms() != null) e.sms(p.sms());
        if (p.ussdString() != null) e.ussdString(p.ussdString());
    }

    private MapEvent.Builder base(int opc, int dpc, SccpAddress calling, SccpAddress called, TcapMessage m, int ac,
            int version) {
        return MapEvent.builder().captureNanos(captureNanos).tapId(tapId).opc(opc).dpc(dpc)
                .calling(calling).called(called).tcapType(m.type()).otid(m.otid()).dtid(m.dtid())
                .applicationContext(Math.max(ac, 0)).applicationContextVersion(Math.max(version, 0));
    }

    /** A result, error or reject carries what its invoke said, unless it says otherwise itself. */
    private static void joinFrom(MapEvent invoke, MapEvent.Builder e) {
        MapEvent.Builder have = e;
        if (have.imsi() == null && invoke.imsi() != null) e.imsi(invoke.imsi());
        if (have.msisdn() == null && invoke.msisdn() != null) e.msisdn(invoke.msisdn());
        if (have.imei() == null && invoke.imei() != null) e.imei(invoke.imei());
        if (have.mscNumber() == null && invoke.mscNumber() != null) e.mscNumber(invoke.mscNumber());
        if (have.vlrNumber() == null && invoke.vlrNumber() != null) e.vlrNumber(invoke.vlrNumber());
        if (have.sgsnNumber() == null && invoke.sgsnNumber() != null) e.sgsnNumber(invoke.sgsnNumber());
        if (have.smscAddress() == null && invoke.smscAddress() != null) e.smscAddress(invoke.smscAddress());
        if (have.ssCode() < 0 && invoke.ssCode() >= 0) e.ssCode(invoke.ssCode());
        if (have.forwardedToNumber() == null && invoke.forwardedToNumber() != null) {
            e.forwardedToNumber(invoke.forwardedToNumber());
        }
    }

    /**
     * Fills in the subscriber from the dialogue: an InsertSubscriberData names no IMSI when the
     * UpdateLocation of its dialogue did; SS and USSD operations name the subscriber only in MAP-OPEN.
     */
    private static void joinSubscriber(DialogueTracker.Dialogue d, MapEvent.Builder e) {
        if (d == null) {
            return;
        }
        MapEvent.Builder have = e;
        MapEvent s = d.subscriber();
        if (have.imsi() == null) {
            if (s != null && s.imsi() != null) {
                e.imsi(s.imsi());
            } else if (d.destinationReference() != null && Imsi.isValid(d.destinationReference())) {
                e.imsi(new Imsi(d.destinationReference()));
            }
        }
        if (have.msisdn() == null) {
            if (s != null && s.msisdn() != null) {
                e.msisdn(s.msisdn());
            } else if (d.applicationContext() == 19 && d.originatingReference() != null
                    && Msisdn.isValid(d.originatingReference())) {
                e.msisdn(new Msisdn(d.originatingReference())); // networkUnstructuredSs: MSISDN of the sender
            }
        }
    }

    private void emit(MapEvent e) {
        counters.countMapMessage(e.opCode(), e.component());
        try {
            sink.accept(e);
        } catch (EventSink.Failed stop) {
            throw stop;
        } catch (RuntimeException cannotKeep) {
            // Not a decoding problem: the event is lost, and so would every later one be.
            throw new EventSink.Failed("cannot keep events: " + cannotKeep.getMessage(), cannotKeep);
        }
    }
}
