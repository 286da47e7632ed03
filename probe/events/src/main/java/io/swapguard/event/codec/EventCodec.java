package io.swapguard.event.codec;

import io.swapguard.event.AlertEvent;
import io.swapguard.event.ComponentType;
import io.swapguard.event.DiameterEvent;
import io.swapguard.event.GlobalTitle;
import io.swapguard.event.Imei;
import io.swapguard.event.Imsi;
import io.swapguard.event.MapEvent;
import io.swapguard.event.Msisdn;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.event.SccpAddress;
import io.swapguard.event.ShortMessage;
import io.swapguard.event.SignalEvent;
import io.swapguard.event.SmppEvent;
import io.swapguard.event.SmsAddress;
import io.swapguard.event.TcapMessageType;

/**
 * The binary schema of journal records (documented in docs/architecture.md, "Journal schema").
 *
 * <p>Every record starts with the schema version and the event type, so a reader that meets a
 * record from a newer writer stops with {@link UnsupportedSchemaException} instead of misreading
 * it. Optional fields are announced by a presence bitmap; numbers are varints, digit strings are
 * packed BCD. A CRC-32C of everything before it ends the record, so damage on disk is detected
 * rather than read as a different event. Decoding trusts nothing in the record: every length is
 * checked before use and any inconsistency is an {@link EventDecodeException}.
 */
public final class EventCodec {

    /**
     * The schema version this build writes and the newest it reads. v2 added the SMPP event
     * (type 4), v3 the Diameter event (type 5), v4 the partial mark of a MAP event and the monitor
     * mark of an alert; older records read the same as before.
     */
    public static final int SCHEMA_VERSION = 4;

    static final int CRC_BYTES = 4;
    static final int TYPE_MAP = 1;
    static final int TYPE_PROVISIONING = 2;
    static final int TYPE_ALERT = 3;
    static final int TYPE_SMPP = 4;
    static final int TYPE_DIAMETER = 5;

    // MapEvent presence bits, in field order.
    private static final int OPC = 1;
    private static final int DPC = 1 << 1;
    private static final int CALLING = 1 << 2;
    private static final int CALLED = 1 << 3;
    private static final int OTID = 1 << 4;
    private static final int DTID = 1 << 5;
    private static final int AC = 1 << 6;
    private static final int INVOKE_ID = 1 << 7;
    private static final int OP_CODE = 1 << 8;
    private static final int ERROR = 1 << 9;
    private static final int IMSI = 1 << 10;
    private static final int MSISDN = 1 << 11;
    private static final int IMEI = 1 << 12;
    private static final int MSC = 1 << 13;
    private static final int VLR = 1 << 14;
    private static final int SGSN = 1 << 15;
    private static final int HLR = 1 << 16;
    private static final int SMSC = 1 << 17;
    private static final int SS_CODE = 1 << 18;
    private static final int FORWARDED_TO = 1 << 19;
    private static final int EQUIPMENT_STATUS = 1 << 20;
    private static final int SMS = 1 << 21;
    private static final int USSD = 1 << 22;
    private static final int ROAMING_NUMBER = 1 << 23;
    /** Schema v4: the event's identities were read leniently (no value, the bit is the fact). */
    private static final int PARTIAL = 1 << 24;
    private static final int MAP_KNOWN_BITS_V3 = (1 << 24) - 1;
    private static final int MAP_KNOWN_BITS = (1 << 25) - 1;

    private static final TcapMessageType[] TCAP_TYPES = TcapMessageType.values();
    private static final ComponentType[] COMPONENT_TYPES = ComponentType.values();
    private static final ShortMessage.Type[] SMS_TYPES = ShortMessage.Type.values();
    private static final ProvisioningEvent.Kind[] PROVISIONING_KINDS = ProvisioningEvent.Kind.values();

    private EventCodec() {
    }

    /** Appends the record for {@code event} to {@code out}. */
    public static void encode(SignalEvent event, RecordBuffer out) {
        int start = out.length();
        out.u8(SCHEMA_VERSION);
        switch (event.type()) {
            case MAP -> {
                out.u8(TYPE_MAP);
                encodeMap((MapEvent) event, out);
            }
            case PROVISIONING -> {
                out.u8(TYPE_PROVISIONING);
                encodeProvisioning((ProvisioningEvent) event, out);
            }
            case ALERT -> {
                out.u8(TYPE_ALERT);
                encodeAlert((AlertEvent) event, out);
            }
            case SMPP -> {
                out.u8(TYPE_SMPP);
                encodeSmpp((SmppEvent) event, out);
            }
            case DIAMETER -> {
                out.u8(TYPE_DIAMETER);
                encodeDiameter((DiameterEvent) event, out);
            }
        }
        out.crc32c(start);
    }

    /** Reads one whole record; trailing bytes are an error. */
    public static SignalEvent decode(byte[] bytes, int offset, int length) {
        if (length < 1) {
            throw new EventDecodeException("empty record");
        }
        int version = bytes[offset] & 0xFF;
        if (version == 0) {
            throw new EventDecodeException("schema version 0 is not valid (zeroed or foreign record)");
        }
        if (version > SCHEMA_VERSION) {
            throw new UnsupportedSchemaException(version);
        }
        if (length < 1 + 1 + CRC_BYTES) {
            throw new EventDecodeException("record of " + length + " bytes is too short");
        }
        int bodyLength = length - CRC_BYTES;
        if (RecordBuffer.crc32c(bytes, offset, bodyLength) != RecordReader.crcAt(bytes, offset + bodyLength)) {
            throw new EventDecodeException("checksum mismatch: the record is damaged");
        }
        RecordReader in = new RecordReader(bytes, offset + 1, bodyLength - 1);
        int type = in.u8("event type");
        SignalEvent event;
        try {
            event = switch (type) {
                case TYPE_MAP -> decodeMap(in, version);
                case TYPE_PROVISIONING -> decodeProvisioning(in);
                case TYPE_ALERT -> decodeAlert(in, version);
                case TYPE_SMPP -> {
                    if (version < 2) {
                        throw new EventDecodeException("event type 4 (SMPP) in a schema v" + version + " record");
                    }
                    yield decodeSmpp(in);
                }
                case TYPE_DIAMETER -> {
                    if (version < 3) {
                        throw new EventDecodeException("event type 5 (Diameter) in a schema v" + version + " record");
                    }
                    yield decodeDiameter(in);
                }
                default -> throw new EventDecodeException("unknown event type " + type);
            };
        } catch (IllegalArgumentException | NullPointerException e) {
            // A value the event types refuse: the record is corrupt, not the reader.
            throw new EventDecodeException("invalid field value: " + e.getMessage(), e);
        }
        if (in.remaining() != 0) {
            throw new EventDecodeException(in.remaining() + " unexpected bytes after the event");
        }
        return event;
    }

    public static SignalEvent decode(byte[] record) {
        return decode(record, 0, record.length);
    }

    private static void encodeMap(MapEvent e, RecordBuffer out) {
        out.i64(e.captureNanos());
        out.string(e.tapId());
        int p = 0;
        p |= e.opc() >= 0 ? OPC : 0;
        p |= e.dpc() >= 0 ? DPC : 0;
        p |= e.calling() != null ? CALLING : 0;
        p |= e.called() != null ? CALLED : 0;
        p |= e.otid() >= 0 ? OTID : 0;
        p |= e.dtid() >= 0 ? DTID : 0;
        p |= e.applicationContext() > 0 || e.applicationContextVersion() > 0 ? AC : 0;
        p |= e.invokeId() >= 0 ? INVOKE_ID : 0;
        p |= e.opCode() >= 0 ? OP_CODE : 0;
        p |= e.errorCode() >= 0 ? ERROR : 0;
        p |= e.imsi() != null ? IMSI : 0;
        p |= e.msisdn() != null ? MSISDN : 0;
        p |= e.imei() != null ? IMEI : 0;
        p |= e.mscNumber() != null ? MSC : 0;
        p |= e.vlrNumber() != null ? VLR : 0;
        p |= e.sgsnNumber() != null ? SGSN : 0;
        p |= e.hlrNumber() != null ? HLR : 0;
        p |= e.smscAddress() != null ? SMSC : 0;
        p |= e.ssCode() >= 0 ? SS_CODE : 0;
        p |= e.forwardedToNumber() != null ? FORWARDED_TO : 0;
        p |= e.equipmentStatus() >= 0 ? EQUIPMENT_STATUS : 0;
        p |= e.sms() != null ? SMS : 0;
        p |= e.ussdString() != null ? USSD : 0;
        p |= e.roamingNumber() != null ? ROAMING_NUMBER : 0;
        p |= e.partial() ? PARTIAL : 0;
        out.varint(p);
        out.u8(e.tcapType().ordinal());
        out.u8(e.component().ordinal());
        if ((p & OPC) != 0) out.varint(e.opc());
        if ((p & DPC) != 0) out.varint(e.dpc());
        if ((p & CALLING) != 0) address(e.calling(), out);
        if ((p & CALLED) != 0) address(e.called(), out);
        if ((p & OTID) != 0) out.varint(e.otid());
        if ((p & DTID) != 0) out.varint(e.dtid());
        if ((p & AC) != 0) {
            out.u8(e.applicationContext());
            out.u8(e.applicationContextVersion());
        }
        if ((p & INVOKE_ID) != 0) out.u8(e.invokeId());
        if ((p & OP_CODE) != 0) out.u8(e.opCode());
        if ((p & ERROR) != 0) out.varint(e.errorCode());
        if ((p & IMSI) != 0) out.digits(e.imsi().digits());
        if ((p & MSISDN) != 0) out.digits(e.msisdn().digits());
        if ((p & IMEI) != 0) out.digits(e.imei().digits());
        if ((p & MSC) != 0) out.digits(e.mscNumber());
        if ((p & VLR) != 0) out.digits(e.vlrNumber());
        if ((p & SGSN) != 0) out.digits(e.sgsnNumber());
        if ((p & HLR) != 0) out.digits(e.hlrNumber());
        if ((p & SMSC) != 0) out.digits(e.smscAddress());
        if ((p & SS_CODE) != 0) out.u8(e.ssCode());
        if ((p & FORWARDED_TO) != 0) out.digits(e.forwardedToNumber());
        if ((p & EQUIPMENT_STATUS) != 0) out.u8(e.equipmentStatus());
        if ((p & SMS) != 0) shortMessage(e.sms(), out);
        if ((p & USSD) != 0) out.string(e.ussdString());
        if ((p & ROAMING_NUMBER) != 0) out.digits(e.roamingNumber());
    }

    private static MapEvent decodeMap(RecordReader in, int version) {
        MapEvent.Builder b = MapEvent.builder();
        b.captureNanos(in.i64("capture time"));
        b.tapId(in.string("tap id", SignalEvent.MAX_TAP_ID_LENGTH * 4));
        int p = (int) in.varint("presence bits", Integer.MAX_VALUE);
        int known = version < 4 ? MAP_KNOWN_BITS_V3 : MAP_KNOWN_BITS;
        if ((p & ~known) != 0) {
            throw new EventDecodeException("unknown presence bits 0x" + Integer.toHexString(p & ~known));
        }
        b.partial((p & PARTIAL) != 0);
        b.tcapType(enumAt(TCAP_TYPES, in.u8("TCAP type"), "TCAP type"));
        b.component(enumAt(COMPONENT_TYPES, in.u8("component type"), "component type"));
        if ((p & OPC) != 0) b.opc((int) in.varint("OPC", 0xFFFFFF));
        if ((p & DPC) != 0) b.dpc((int) in.varint("DPC", 0xFFFFFF));
        if ((p & CALLING) != 0) b.calling(address(in, "calling party"));
        if ((p & CALLED) != 0) b.called(address(in, "called party"));
        if ((p & OTID) != 0) b.otid(in.varint("otid", 0xFFFFFFFFL));
        if ((p & DTID) != 0) b.dtid(in.varint("dtid", 0xFFFFFFFFL));
        if ((p & AC) != 0) {
            b.applicationContext(in.u8("application context"));
            b.applicationContextVersion(in.u8("application context version"));
        }
        if ((p & INVOKE_ID) != 0) b.invokeId(in.u8("invoke id"));
        if ((p & OP_CODE) != 0) b.opCode(in.u8("operation code"));
        if ((p & ERROR) != 0) b.errorCode((int) in.varint("error code", 0xFFFF));
        if ((p & IMSI) != 0) b.imsi(new Imsi(in.digits("IMSI", Imsi.MAX_DIGITS)));
        if ((p & MSISDN) != 0) b.msisdn(new Msisdn(in.digits("MSISDN", Msisdn.MAX_DIGITS)));
        if ((p & IMEI) != 0) b.imei(new Imei(in.digits("IMEI", 16)));
        if ((p & MSC) != 0) b.mscNumber(in.digits("MSC number", MapEvent.MAX_NUMBER_DIGITS));
        if ((p & VLR) != 0) b.vlrNumber(in.digits("VLR number", MapEvent.MAX_NUMBER_DIGITS));
        if ((p & SGSN) != 0) b.sgsnNumber(in.digits("SGSN number", MapEvent.MAX_NUMBER_DIGITS));
        if ((p & HLR) != 0) b.hlrNumber(in.digits("HLR number", MapEvent.MAX_NUMBER_DIGITS));
        if ((p & SMSC) != 0) b.smscAddress(in.digits("SMSC address", MapEvent.MAX_NUMBER_DIGITS));
        if ((p & SS_CODE) != 0) b.ssCode(in.u8("SS code"));
        if ((p & FORWARDED_TO) != 0) b.forwardedToNumber(in.digits("forwarded-to number", MapEvent.MAX_NUMBER_DIGITS));
        if ((p & EQUIPMENT_STATUS) != 0) b.equipmentStatus(in.u8("equipment status"));
        if ((p & SMS) != 0) b.sms(shortMessage(in));
        if ((p & USSD) != 0) b.ussdString(in.string("USSD string", MapEvent.MAX_USSD_LENGTH * 4));
        if ((p & ROAMING_NUMBER) != 0) b.roamingNumber(in.digits("roaming number", MapEvent.MAX_NUMBER_DIGITS));
        return b.build();
    }

    private static void address(SccpAddress a, RecordBuffer out) {
        GlobalTitle gt = a.globalTitle();
        int flags = (a.routeOnGt() ? 1 : 0) | (a.pointCode() >= 0 ? 2 : 0) | (gt != null ? 4 : 0);
        out.u8(flags);
        if (a.pointCode() >= 0) {
            out.varint(a.pointCode());
        }
        out.u8(a.ssn());
        if (gt != null) {
            out.u8(gt.indicator());
            out.u8(gt.translationType());
            out.u8(gt.numberingPlan());
            out.u8(gt.natureOfAddress());
            out.digits(gt.digits());
        }
    }

    private static SccpAddress address(RecordReader in, String field) {
        int flags = in.u8(field + " flags");
        if ((flags & ~7) != 0) {
            throw new EventDecodeException(field + " has unknown flags 0x" + Integer.toHexString(flags));
        }
        int pc = (flags & 2) != 0 ? (int) in.varint(field + " point code", 0xFFFFFF) : -1;
        int ssn = in.u8(field + " SSN");
        GlobalTitle gt = null;
        if ((flags & 4) != 0) {
            int gti = in.u8(field + " GTI");
            int tt = in.u8(field + " TT");
            int np = in.u8(field + " NP");
            int nai = in.u8(field + " NAI");
            gt = new GlobalTitle(gti, tt, np, nai, in.digits(field + " GT digits", GlobalTitle.MAX_DIGITS));
        }
        return new SccpAddress((flags & 1) != 0, pc, ssn, gt);
    }

    private static void shortMessage(ShortMessage sm, RecordBuffer out) {
        out.u8(sm.type().ordinal());
        int flags = (sm.originator() != null ? 1 : 0) | (sm.destination() != null ? 2 : 0)
                | (sm.text() != null ? 4 : 0) | (sm.isPart() ? 8 : 0);
        out.u8(flags);
        if (sm.originator() != null) smsAddress(sm.originator(), out);
        if (sm.destination() != null) smsAddress(sm.destination(), out);
        out.u8(sm.dataCoding());
        if (sm.text() != null) out.string(sm.text());
        if (sm.isPart()) {
            out.varint(sm.concatReference());
            out.u8(sm.concatPart());
            out.u8(sm.concatTotal());
        }
    }

    private static ShortMessage shortMessage(RecordReader in) {
        ShortMessage.Type type = enumAt(SMS_TYPES, in.u8("SMS type"), "SMS type");
        int flags = in.u8("SMS flags");
        if ((flags & ~15) != 0) {
            throw new EventDecodeException("SMS has unknown flags 0x" + Integer.toHexString(flags));
        }
        SmsAddress orig = (flags & 1) != 0 ? smsAddress(in, "SMS originator") : null;
        SmsAddress dest = (flags & 2) != 0 ? smsAddress(in, "SMS destination") : null;
        int dcs = in.u8("SMS data coding");
        String text = (flags & 4) != 0 ? in.string("SMS text", ShortMessage.MAX_TEXT_LENGTH * 4) : null;
        int ref = -1;
        int part = 0;
        int total = 0;
        if ((flags & 8) != 0) {
            ref = (int) in.varint("SMS concatenation reference", 0xFFFF);
            part = in.u8("SMS part number");
            total = in.u8("SMS part count");
        }
        return new ShortMessage(type, orig, dest, dcs, text, ref, part, total);
    }

    private static void smsAddress(SmsAddress a, RecordBuffer out) {
        out.u8(a.typeOfNumber() << 4 | a.numberingPlan());
        out.string(a.value());
    }

    private static SmsAddress smsAddress(RecordReader in, String field) {
        int tonNpi = in.u8(field + " TON/NPI");
        return new SmsAddress(tonNpi >> 4, tonNpi & 0xF, in.string(field, SmsAddress.MAX_LENGTH * 4));
    }

    private static void encodeProvisioning(ProvisioningEvent e, RecordBuffer out) {
        out.i64(e.captureNanos());
        out.string(e.tapId());
        out.u8(e.kind().ordinal());
        out.digits(e.msisdn().digits());
        int p = (e.imsi() != null ? 1 : 0) | (e.previousImsi() != null ? 2 : 0) | (e.imei() != null ? 4 : 0);
        out.u8(p);
        if (e.imsi() != null) out.digits(e.imsi().digits());
        if (e.previousImsi() != null) out.digits(e.previousImsi().digits());
        if (e.imei() != null) out.digits(e.imei().digits());
        out.string(e.channel());
        out.string(e.reference());
    }

    private static ProvisioningEvent decodeProvisioning(RecordReader in) {
        long time = in.i64("capture time");
        String tap = in.string("tap id", SignalEvent.MAX_TAP_ID_LENGTH * 4);
        ProvisioningEvent.Kind kind = enumAt(PROVISIONING_KINDS, in.u8("provisioning kind"), "provisioning kind");
        Msisdn msisdn = new Msisdn(in.digits("MSISDN", Msisdn.MAX_DIGITS));
        int p = in.u8("provisioning presence bits");
        if ((p & ~7) != 0) {
            throw new EventDecodeException("unknown provisioning presence bits 0x" + Integer.toHexString(p));
        }
        Imsi imsi = (p & 1) != 0 ? new Imsi(in.digits("IMSI", Imsi.MAX_DIGITS)) : null;
        Imsi previous = (p & 2) != 0 ? new Imsi(in.digits("previous IMSI", Imsi.MAX_DIGITS)) : null;
        Imei imei = (p & 4) != 0 ? new Imei(in.digits("IMEI", 16)) : null;
        String channel = in.string("channel", ProvisioningEvent.MAX_TEXT_LENGTH * 4);
        String reference = in.string("reference", ProvisioningEvent.MAX_TEXT_LENGTH * 4);
        return new ProvisioningEvent(time, tap, kind, msisdn, imsi, previous, imei, channel, reference);
    }

    private static final AlertEvent.Severity[] SEVERITIES = AlertEvent.Severity.values();

    private static void encodeAlert(AlertEvent e, RecordBuffer out) {
        out.i64(e.captureNanos());
        out.string(e.tapId());
        out.string(e.rule());
        out.u8(e.severity().ordinal());
        out.digits(e.msisdn().digits());
        out.u8((e.imsi() != null ? 1 : 0) | (e.monitored() ? 2 : 0));
        if (e.imsi() != null) out.digits(e.imsi().digits());
        out.string(e.title());
        out.varint(e.sourceIndex() < 0 ? 0 : e.sourceIndex() + 1);
        out.u8(e.ordinal());
        out.u8(e.evidence().size());
        for (AlertEvent.Evidence ev : e.evidence()) {
            out.varint(ev.index() < 0 ? 0 : ev.index() + 1);
            out.i64(ev.timeNanos());
            out.string(ev.text());
        }
    }

    private static AlertEvent decodeAlert(RecordReader in, int version) {
        long time = in.i64("capture time");
        String tap = in.string("tap id", SignalEvent.MAX_TAP_ID_LENGTH * 4);
        String rule = in.string("rule", 64 * 4);
        AlertEvent.Severity severity = enumAt(SEVERITIES, in.u8("severity"), "severity");
        Msisdn msisdn = new Msisdn(in.digits("MSISDN", Msisdn.MAX_DIGITS));
        int p = in.u8("alert presence bits");
        if ((p & ~(version < 4 ? 1 : 3)) != 0) { // v4: bit 1, monitor mode
            throw new EventDecodeException("unknown alert presence bits 0x" + Integer.toHexString(p));
        }
        Imsi imsi = (p & 1) != 0 ? new Imsi(in.digits("IMSI", Imsi.MAX_DIGITS)) : null;
        String title = in.string("title", AlertEvent.MAX_TEXT * 4);
        long source = in.varint("source index", Long.MAX_VALUE) - 1;
        int ordinal = in.u8("ordinal");
        int n = in.u8("evidence count");
        if (n > AlertEvent.MAX_EVIDENCE) {
            throw new EventDecodeException("alert has " + n + " pieces of evidence, at most " + AlertEvent.MAX_EVIDENCE);
        }
        java.util.List<AlertEvent.Evidence> evidence = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long index = in.varint("evidence index", Long.MAX_VALUE) - 1;
            long t = in.i64("evidence time");
            evidence.add(new AlertEvent.Evidence(index, t, in.string("evidence text", AlertEvent.MAX_TEXT * 4)));
        }
        return new AlertEvent(time, tap, rule, severity, msisdn, imsi, title, evidence, source, ordinal, (p & 2) != 0);
    }

    private static final SmppEvent.Command[] SMPP_COMMANDS = SmppEvent.Command.values();
    private static final SmppEvent.Decision[] SMPP_DECISIONS = SmppEvent.Decision.values();

    private static void encodeSmpp(SmppEvent e, RecordBuffer out) {
        out.i64(e.captureNanos());
        out.string(e.tapId());
        out.u8(e.command().ordinal());
        out.string(e.account());
        shortMessage(e.sms(), out);
        out.u8(e.decision().ordinal());
        out.string(e.rule());
        out.string(e.reason());
        out.varint(e.commandStatus() + 1L);
        out.varint(e.decisionNanos() + 1);
    }

    private static SmppEvent decodeSmpp(RecordReader in) {
        long time = in.i64("capture time");
        String tap = in.string("tap id", SignalEvent.MAX_TAP_ID_LENGTH * 4);
        SmppEvent.Command command = enumAt(SMPP_COMMANDS, in.u8("SMPP command"), "SMPP command");
        String account = in.string("ESME account", SmppEvent.MAX_ACCOUNT_LENGTH * 4);
        ShortMessage sms = shortMessage(in);
        SmppEvent.Decision decision = enumAt(SMPP_DECISIONS, in.u8("SMPP decision"), "SMPP decision");
        String rule = in.string("rule", 64 * 4);
        String reason = in.string("reason", SmppEvent.MAX_TEXT_LENGTH * 4);
        int status = (int) (in.varint("command status", 0x80000000L) - 1);
        long took = in.varint("decision time", Long.MAX_VALUE) - 1;
        return new SmppEvent(time, tap, command, account, sms, decision, rule, reason, status, took);
    }

    // DiameterEvent presence bits, in field order.
    private static final int D_RESULT = 1;
    private static final int D_ORIGIN_HOST = 1 << 1;
    private static final int D_ORIGIN_REALM = 1 << 2;
    private static final int D_DEST_HOST = 1 << 3;
    private static final int D_DEST_REALM = 1 << 4;
    private static final int D_ROUTE = 1 << 5;
    private static final int D_IMSI = 1 << 6;
    private static final int D_MSISDN = 1 << 7;
    private static final int D_IMEI = 1 << 8;
    private static final int D_PLMN = 1 << 9;
    private static final int D_RAT = 1 << 10;
    private static final int D_FLAGS = 1 << 11;
    private static final int D_CANCELLATION = 1 << 12;
    private static final int D_EQUIPMENT = 1 << 13;
    private static final int D_SERVING = 1 << 14;
    private static final int D_SMSC = 1 << 15;
    private static final int D_SMS = 1 << 16;
    private static final int D_REQUEST = 1 << 17;
    private static final int DIAMETER_KNOWN_BITS = (1 << 18) - 1;
    private static final int IDENTITY_BYTES = DiameterEvent.MAX_IDENTITY_LENGTH * 4;

    private static void encodeDiameter(DiameterEvent e, RecordBuffer out) {
        out.i64(e.captureNanos());
        out.string(e.tapId());
        int p = 0;
        p |= e.resultCode() >= 0 ? D_RESULT : 0;
        p |= e.originHost() != null ? D_ORIGIN_HOST : 0;
        p |= e.originRealm() != null ? D_ORIGIN_REALM : 0;
        p |= e.destinationHost() != null ? D_DEST_HOST : 0;
        p |= e.destinationRealm() != null ? D_DEST_REALM : 0;
        p |= !e.routeRecords().isEmpty() ? D_ROUTE : 0;
        p |= e.imsi() != null ? D_IMSI : 0;
        p |= e.msisdn() != null ? D_MSISDN : 0;
        p |= e.imei() != null ? D_IMEI : 0;
        p |= e.visitedPlmnId() != null ? D_PLMN : 0;
        p |= e.ratType() >= 0 ? D_RAT : 0;
        p |= e.commandFlags() >= 0 ? D_FLAGS : 0;
        p |= e.cancellationType() >= 0 ? D_CANCELLATION : 0;
        p |= e.equipmentStatus() >= 0 ? D_EQUIPMENT : 0;
        p |= e.servingNode() != null ? D_SERVING : 0;
        p |= e.smscAddress() != null ? D_SMSC : 0;
        p |= e.sms() != null ? D_SMS : 0;
        p |= e.request() ? D_REQUEST : 0;
        out.varint(p);
        out.varint(e.applicationId());
        out.varint(e.commandCode());
        out.varint(e.hopByHop());
        out.varint(e.endToEnd());
        if ((p & D_RESULT) != 0) out.varint(e.resultCode());
        if ((p & D_ORIGIN_HOST) != 0) out.string(e.originHost());
        if ((p & D_ORIGIN_REALM) != 0) out.string(e.originRealm());
        if ((p & D_DEST_HOST) != 0) out.string(e.destinationHost());
        if ((p & D_DEST_REALM) != 0) out.string(e.destinationRealm());
        if ((p & D_ROUTE) != 0) {
            out.u8(e.routeRecords().size());
            for (String r : e.routeRecords()) {
                out.string(r);
            }
        }
        if ((p & D_IMSI) != 0) out.digits(e.imsi().digits());
        if ((p & D_MSISDN) != 0) out.digits(e.msisdn().digits());
        if ((p & D_IMEI) != 0) out.digits(e.imei().digits());
        if ((p & D_PLMN) != 0) out.digits(e.visitedPlmnId());
        if ((p & D_RAT) != 0) out.varint(e.ratType());
        if ((p & D_FLAGS) != 0) out.varint(e.commandFlags());
        if ((p & D_CANCELLATION) != 0) out.varint(e.cancellationType());
        if ((p & D_EQUIPMENT) != 0) out.u8(e.equipmentStatus());
        if ((p & D_SERVING) != 0) out.string(e.servingNode());
        if ((p & D_SMSC) != 0) out.digits(e.smscAddress());
        if ((p & D_SMS) != 0) shortMessage(e.sms(), out);
    }

    private static DiameterEvent decodeDiameter(RecordReader in) {
        DiameterEvent.Builder b = DiameterEvent.builder();
        b.captureNanos(in.i64("capture time"));
        b.tapId(in.string("tap id", SignalEvent.MAX_TAP_ID_LENGTH * 4));
        int p = (int) in.varint("presence bits", Integer.MAX_VALUE);
        if ((p & ~DIAMETER_KNOWN_BITS) != 0) {
            throw new EventDecodeException("unknown presence bits 0x" + Integer.toHexString(p & ~DIAMETER_KNOWN_BITS));
        }
        b.request((p & D_REQUEST) != 0);
        b.applicationId(in.varint("application id", 0xFFFFFFFFL));
        b.commandCode((int) in.varint("command code", 0xFFFFFF));
        b.hopByHop(in.varint("hop-by-hop id", 0xFFFFFFFFL));
        b.endToEnd(in.varint("end-to-end id", 0xFFFFFFFFL));
        if ((p & D_RESULT) != 0) b.resultCode((int) in.varint("result code", Integer.MAX_VALUE));
        if ((p & D_ORIGIN_HOST) != 0) b.originHost(in.string("origin host", IDENTITY_BYTES));
        if ((p & D_ORIGIN_REALM) != 0) b.originRealm(in.string("origin realm", IDENTITY_BYTES));
        if ((p & D_DEST_HOST) != 0) b.destinationHost(in.string("destination host", IDENTITY_BYTES));
        if ((p & D_DEST_REALM) != 0) b.destinationRealm(in.string("destination realm", IDENTITY_BYTES));
        if ((p & D_ROUTE) != 0) {
            int n = in.u8("route record count");
            if (n > DiameterEvent.MAX_ROUTE_RECORDS) {
                throw new EventDecodeException(n + " route records, at most " + DiameterEvent.MAX_ROUTE_RECORDS);
            }
            String[] routes = new String[n];
            for (int i = 0; i < n; i++) {
                routes[i] = in.string("route record", IDENTITY_BYTES);
            }
            b.routeRecords(java.util.List.of(routes));
        }
        if ((p & D_IMSI) != 0) b.imsi(new Imsi(in.digits("IMSI", Imsi.MAX_DIGITS)));
        if ((p & D_MSISDN) != 0) b.msisdn(new Msisdn(in.digits("MSISDN", Msisdn.MAX_DIGITS)));
        if ((p & D_IMEI) != 0) b.imei(new Imei(in.digits("IMEI", 16)));
        if ((p & D_PLMN) != 0) b.visitedPlmnId(in.digits("visited PLMN id", 6));
        if ((p & D_RAT) != 0) b.ratType((int) in.varint("RAT type", Integer.MAX_VALUE));
        if ((p & D_FLAGS) != 0) b.commandFlags((int) in.varint("command flags", Integer.MAX_VALUE));
        if ((p & D_CANCELLATION) != 0) b.cancellationType((int) in.varint("cancellation type", Integer.MAX_VALUE));
        if ((p & D_EQUIPMENT) != 0) b.equipmentStatus(in.u8("equipment status"));
        if ((p & D_SERVING) != 0) b.servingNode(in.string("serving node", IDENTITY_BYTES));
        if ((p & D_SMSC) != 0) b.smscAddress(in.digits("SC address", MapEvent.MAX_NUMBER_DIGITS));
        if ((p & D_SMS) != 0) b.sms(shortMessage(in));
        return b.build();
    }

    private static <E extends Enum<E>> E enumAt(E[] values, int ordinal, String field) {
        if (ordinal >= values.length) {
            throw new EventDecodeException(field + " " + ordinal + " is not defined");
        }
        return values[ordinal];
    }
}
