package io.swapguard.smpp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes SMPP 3.4 PDUs (section 4), never trusting a length: every C-Octet string has
 * its field's maximum and must end within it, every count and TLV length is checked against what
 * is left of the PDU, and a PDU must be used up exactly.
 */
public final class SmppCodec {

    /** The header: command_length, command_id, command_status, sequence_number. */
    public static final int HEADER_LENGTH = 16;

    private SmppCodec() {
    }

    /**
     * Reads one whole PDU (its command_length octets, header included).
     *
     * @throws SmppDecodeException with the status to answer
     */
    public static SmppPdu decode(ByteBuf pdu) throws SmppDecodeException {
        int length = pdu.readableBytes();
        if (length < HEADER_LENGTH) {
            throw new SmppDecodeException(SmppStatus.ESME_RINVCMDLEN, "invalid-command-length", 0, 0,
                    length + " octets, less than a header");
        }
        int start = pdu.readerIndex();
        int declared = pdu.getInt(start);
        int commandId = pdu.getInt(start + 4);
        int status = pdu.getInt(start + 8);
        int sequence = pdu.getInt(start + 12);
        if (declared != length) {
            throw new SmppDecodeException(SmppStatus.ESME_RINVCMDLEN, "invalid-command-length", commandId, sequence,
                    "command_length " + declared + " for a PDU of " + length);
        }
        SmppCommand command = SmppCommand.of(commandId);
        if (command == null) {
            throw new SmppDecodeException(SmppStatus.ESME_RINVCMDID, "unknown-command", commandId, sequence,
                    String.format("command_id 0x%08x", commandId));
        }
        Reader r = new Reader(pdu.slice(start + HEADER_LENGTH, length - HEADER_LENGTH), commandId, sequence);
        SmppBody body = body(command, status, r);
        if (r.in.isReadable()) {
            throw r.error(SmppStatus.ESME_RINVCMDLEN, "trailing-octets", r.in.readableBytes() + " octets after the body");
        }
        pdu.skipBytes(length);
        return new SmppPdu(command, status, sequence, body);
    }

    private static SmppBody body(SmppCommand c, int status, Reader r) throws SmppDecodeException {
        // A response with an error may come without its body (SMPP 3.4, 3.3.1; most SMSCs do so).
        if (c.isResponse() && status != SmppStatus.ESME_ROK && !r.in.isReadable()) {
            return SmppBody.Empty.INSTANCE;
        }
        return switch (c) {
            case BIND_RECEIVER, BIND_TRANSMITTER, BIND_TRANSCEIVER -> new SmppBody.Bind(
                    r.cstring(16, "system_id", SmppStatus.ESME_RINVSYSID),
                    r.cstring(9, "password", SmppStatus.ESME_RINVPASWD),
                    r.cstring(13, "system_type", SmppStatus.ESME_RINVSYSID), r.u8("interface_version"),
                    r.u8("addr_ton"), r.u8("addr_npi"), r.cstring(41, "address_range", SmppStatus.ESME_RINVSRCADR));
            case BIND_RECEIVER_RESP, BIND_TRANSMITTER_RESP, BIND_TRANSCEIVER_RESP -> new SmppBody.BindResp(
                    r.cstring(16, "system_id", SmppStatus.ESME_RINVSYSID), r.tlvs());
            case OUTBIND -> new SmppBody.Outbind(r.cstring(16, "system_id", SmppStatus.ESME_RINVSYSID),
                    r.cstring(9, "password", SmppStatus.ESME_RINVPASWD));
            case SUBMIT_SM, DELIVER_SM -> {
                String serviceType = r.cstring(6, "service_type", SmppStatus.ESME_RINVSERTYP);
                SmppAddress source = r.address(21, "source_addr", SmppStatus.ESME_RINVSRCADR);
                SmppAddress destination = r.address(21, "destination_addr", SmppStatus.ESME_RINVDSTADR);
                Tail t = r.tail();
                yield new SmppBody.ShortMessage(serviceType, source, destination, t.esm, t.pid, t.priority, t.schedule,
                        t.validity, t.registered, t.replace, t.coding, t.defaultId, t.sm, r.tlvs());
            }
            case DATA_SM -> new SmppBody.DataSm(r.cstring(6, "service_type", SmppStatus.ESME_RINVSERTYP),
                    r.address(65, "source_addr", SmppStatus.ESME_RINVSRCADR),
                    r.address(65, "destination_addr", SmppStatus.ESME_RINVDSTADR), r.u8("esm_class"),
                    r.u8("registered_delivery"), r.u8("data_coding"), r.tlvs());
            case SUBMIT_MULTI -> {
                String serviceType = r.cstring(6, "service_type", SmppStatus.ESME_RINVSERTYP);
                SmppAddress source = r.address(21, "source_addr", SmppStatus.ESME_RINVSRCADR);
                int count = r.u8("number_of_dests");
                if (count == 0) {
                    throw r.error(SmppStatus.ESME_RINVNUMDESTS, "no-destinations", "number_of_dests 0");
                }
                List<SmppBody.MultiDestination> dests = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    int flag = r.u8("dest_flag");
                    if (flag == 1) {
                        dests.add(new SmppBody.MultiDestination(r.address(21, "destination_addr",
                                SmppStatus.ESME_RINVDSTADR), null));
                    } else if (flag == 2) {
                        dests.add(new SmppBody.MultiDestination(null, r.cstring(21, "dl_name",
                                SmppStatus.ESME_RINVDSTADR)));
                    } else {
                        throw r.error(SmppStatus.ESME_RINVDSTADR, "bad-dest-flag", "dest_flag " + flag);
                    }
                }
                Tail t = r.tail();
                yield new SmppBody.SubmitMulti(serviceType, source, dests, t.esm, t.pid, t.priority, t.schedule,
                        t.validity, t.registered, t.replace, t.coding, t.defaultId, t.sm, r.tlvs());
            }
            case SUBMIT_SM_RESP, DATA_SM_RESP, DELIVER_SM_RESP -> new SmppBody.MessageIdResp(
                    r.cstring(65, "message_id", SmppStatus.ESME_RINVMSGID), r.tlvs());
            case SUBMIT_MULTI_RESP -> {
                String id = r.cstring(65, "message_id", SmppStatus.ESME_RINVMSGID);
                int count = r.u8("no_unsuccess");
                List<SmppBody.Unsuccessful> failed = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    failed.add(new SmppBody.Unsuccessful(r.address(21, "destination_addr", SmppStatus.ESME_RINVDSTADR),
                            r.u32("error_status_code")));
                }
                yield new SmppBody.SubmitMultiResp(id, failed);
            }
            case QUERY_SM -> new SmppBody.QuerySm(r.cstring(65, "message_id", SmppStatus.ESME_RINVMSGID),
                    r.address(21, "source_addr", SmppStatus.ESME_RINVSRCADR));
            case QUERY_SM_RESP -> new SmppBody.QuerySmResp(r.cstring(65, "message_id", SmppStatus.ESME_RINVMSGID),
                    r.cstring(17, "final_date", SmppStatus.ESME_RINVEXPIRY), r.u8("message_state"), r.u8("error_code"));
            case CANCEL_SM -> new SmppBody.CancelSm(r.cstring(6, "service_type", SmppStatus.ESME_RINVSERTYP),
                    r.cstring(65, "message_id", SmppStatus.ESME_RINVMSGID),
                    r.address(21, "source_addr", SmppStatus.ESME_RINVSRCADR),
                    r.address(21, "destination_addr", SmppStatus.ESME_RINVDSTADR));
            case REPLACE_SM -> {
                String id = r.cstring(65, "message_id", SmppStatus.ESME_RINVMSGID);
                SmppAddress source = r.address(21, "source_addr", SmppStatus.ESME_RINVSRCADR);
                String schedule = r.cstring(17, "schedule_delivery_time", SmppStatus.ESME_RINVSCHED);
                String validity = r.cstring(17, "validity_period", SmppStatus.ESME_RINVEXPIRY);
                int registered = r.u8("registered_delivery");
                int defaultId = r.u8("sm_default_msg_id");
                yield new SmppBody.ReplaceSm(id, source, schedule, validity, registered, defaultId,
                        r.octets(r.u8("sm_length"), "short_message", SmppStatus.ESME_RINVMSGLEN));
            }
            case ALERT_NOTIFICATION -> new SmppBody.AlertNotification(
                    r.address(65, "source_addr", SmppStatus.ESME_RINVSRCADR),
                    r.address(65, "esme_addr", SmppStatus.ESME_RINVDSTADR), r.tlvs());
            case GENERIC_NACK, UNBIND, UNBIND_RESP, ENQUIRE_LINK, ENQUIRE_LINK_RESP, CANCEL_SM_RESP, REPLACE_SM_RESP ->
                SmppBody.Empty.INSTANCE;
        };
    }

    /** Writes a PDU, its command_length included. */
    public static void encode(SmppPdu p, ByteBuf out) {
        int start = out.writerIndex();
        out.writeInt(0).writeInt(p.command().id()).writeInt(p.status()).writeInt(p.sequence());
        SmppBody body = p.body();
        if (body instanceof SmppBody.Empty) {
            // nothing after the header
        } else if (body instanceof SmppBody.Bind b) {
            cstring(out, b.systemId(), 16);
            cstring(out, b.password(), 9);
            cstring(out, b.systemType(), 13);
            out.writeByte(b.interfaceVersion()).writeByte(b.addrTon()).writeByte(b.addrNpi());
            cstring(out, b.addressRange(), 41);
        } else if (body instanceof SmppBody.BindResp b) {
            cstring(out, b.systemId(), 16);
            tlvs(out, b.tlvs());
        } else if (body instanceof SmppBody.Outbind b) {
            cstring(out, b.systemId(), 16);
            cstring(out, b.password(), 9);
        } else if (body instanceof SmppBody.ShortMessage m) {
            cstring(out, m.serviceType(), 6);
            address(out, m.source(), 21);
            address(out, m.destination(), 21);
            tail(out, m.esmClass(), m.protocolId(), m.priorityFlag(), m.scheduleDeliveryTime(), m.validityPeriod(),
                    m.registeredDelivery(), m.replaceIfPresent(), m.dataCoding(), m.smDefaultMsgId(), m.shortMessage());
            tlvs(out, m.tlvs());
        } else if (body instanceof SmppBody.DataSm d) {
            cstring(out, d.serviceType(), 6);
            address(out, d.source(), 65);
            address(out, d.destination(), 65);
            out.writeByte(d.esmClass()).writeByte(d.registeredDelivery()).writeByte(d.dataCoding());
            tlvs(out, d.tlvs());
        } else if (body instanceof SmppBody.SubmitMulti m) {
            cstring(out, m.serviceType(), 6);
            address(out, m.source(), 21);
            out.writeByte(m.destinations().size());
            for (SmppBody.MultiDestination d : m.destinations()) {
                if (d.address() != null) {
                    out.writeByte(1);
                    address(out, d.address(), 21);
                } else {
                    out.writeByte(2);
                    cstring(out, d.distributionList(), 21);
                }
            }
            tail(out, m.esmClass(), m.protocolId(), m.priorityFlag(), m.scheduleDeliveryTime(), m.validityPeriod(),
                    m.registeredDelivery(), m.replaceIfPresent(), m.dataCoding(), m.smDefaultMsgId(), m.shortMessage());
            tlvs(out, m.tlvs());
        } else if (body instanceof SmppBody.MessageIdResp m) {
            cstring(out, m.messageId(), 65);
            tlvs(out, m.tlvs());
        } else if (body instanceof SmppBody.SubmitMultiResp m) {
            cstring(out, m.messageId(), 65);
            out.writeByte(m.unsuccessful().size());
            for (SmppBody.Unsuccessful u : m.unsuccessful()) {
                address(out, u.address(), 21);
                out.writeInt(u.errorStatus());
            }
        } else if (body instanceof SmppBody.QuerySm q) {
            cstring(out, q.messageId(), 65);
            address(out, q.source(), 21);
        } else if (body instanceof SmppBody.QuerySmResp q) {
            cstring(out, q.messageId(), 65);
            cstring(out, q.finalDate(), 17);
            out.writeByte(q.messageState()).writeByte(q.errorCode());
        } else if (body instanceof SmppBody.CancelSm c) {
            cstring(out, c.serviceType(), 6);
            cstring(out, c.messageId(), 65);
            address(out, c.source(), 21);
            address(out, c.destination(), 21);
        } else if (body instanceof SmppBody.ReplaceSm m) {
            cstring(out, m.messageId(), 65);
            address(out, m.source(), 21);
            cstring(out, m.scheduleDeliveryTime(), 17);
            cstring(out, m.validityPeriod(), 17);
            out.writeByte(m.registeredDelivery()).writeByte(m.smDefaultMsgId());
            byte[] sm = m.shortMessage();
            out.writeByte(sm.length).writeBytes(sm);
        } else if (body instanceof SmppBody.AlertNotification a) {
            address(out, a.source(), 65);
            address(out, a.esme(), 65);
            tlvs(out, a.tlvs());
        }
        out.setInt(start, out.writerIndex() - start);
    }

    /** What submit_sm, deliver_sm and submit_multi share after their addresses (SMPP 3.4, 4.4.1). */
    private record Tail(int esm, int pid, int priority, String schedule, String validity, int registered, int replace,
            int coding, int defaultId, byte[] sm) {
    }

    private static void tail(ByteBuf out, int esm, int pid, int priority, String schedule, String validity,
            int registered, int replace, int coding, int defaultId, byte[] sm) {
        out.writeByte(esm).writeByte(pid).writeByte(priority);
        cstring(out, schedule, 17);
        cstring(out, validity, 17);
        out.writeByte(registered).writeByte(replace).writeByte(coding).writeByte(defaultId);
        out.writeByte(sm.length).writeBytes(sm);
    }

    private static void cstring(ByteBuf out, String s, int max) {
        byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.ISO_8859_1);
        if (b.length >= max) {
            throw new IllegalArgumentException("'" + s + "' does not fit a C-Octet string of " + max);
        }
        out.writeBytes(b).writeByte(0);
    }

    private static void address(ByteBuf out, SmppAddress a, int max) {
        SmppAddress x = a == null ? new SmppAddress(0, 0, "") : a;
        out.writeByte(x.ton()).writeByte(x.npi());
        cstring(out, x.address(), max);
    }

    private static void tlvs(ByteBuf out, List<Tlv> tlvs) {
        for (Tlv t : tlvs) {
            byte[] v = t.value();
            out.writeShort(t.tag()).writeShort(v.length).writeBytes(v);
        }
    }

    /** Reads a body, each field within what is left and its own maximum. */
    private static final class Reader {
        final ByteBuf in;
        final int commandId;
        final int sequence;

        Reader(ByteBuf in, int commandId, int sequence) {
            this.in = in;
            this.commandId = commandId;
            this.sequence = sequence;
        }

        SmppDecodeException error(int status, String reason, String detail) {
            return new SmppDecodeException(status, reason, commandId, sequence, detail);
        }

        int u8(String field) throws SmppDecodeException {
            if (!in.isReadable()) {
                throw error(SmppStatus.ESME_RINVCMDLEN, "truncated-body", "the PDU ends before " + field);
            }
            return in.readUnsignedByte();
        }

        int u32(String field) throws SmppDecodeException {
            if (in.readableBytes() < 4) {
                throw error(SmppStatus.ESME_RINVCMDLEN, "truncated-body", "the PDU ends in " + field);
            }
            return in.readInt();
        }

        /** A C-Octet string of at most {@code max} octets, its NUL included. */
        String cstring(int max, String field, int status) throws SmppDecodeException {
            int from = in.readerIndex();
            int limit = Math.min(max, in.readableBytes());
            int nul = -1;
            if (in.hasArray()) { // the usual case: scan the array, no per-byte bounds checks
                byte[] a = in.array();
                int base = in.arrayOffset() + from;
                for (int i = 0; i < limit; i++) {
                    if (a[base + i] == 0) {
                        nul = i;
                        break;
                    }
                }
                if (nul >= 0) {
                    in.readerIndex(from + nul + 1);
                    return nul == 0 ? "" : new String(a, base, nul, StandardCharsets.ISO_8859_1);
                }
            } else {
                int at = in.indexOf(from, from + limit, (byte) 0);
                if (at >= 0) {
                    String str = in.toString(from, at - from, StandardCharsets.ISO_8859_1);
                    in.readerIndex(at + 1);
                    return str;
                }
            }
            if (limit < max) {
                throw error(SmppStatus.ESME_RINVCMDLEN, "truncated-body", "the PDU ends in " + field);
            }
            throw error(status, field + "-too-long", field + " has no NUL within " + max + " octets");
        }

        Tail tail() throws SmppDecodeException {
            return new Tail(u8("esm_class"), u8("protocol_id"), u8("priority_flag"),
                    cstring(17, "schedule_delivery_time", SmppStatus.ESME_RINVSCHED),
                    cstring(17, "validity_period", SmppStatus.ESME_RINVEXPIRY), u8("registered_delivery"),
                    u8("replace_if_present_flag"), u8("data_coding"), u8("sm_default_msg_id"),
                    octets(u8("sm_length"), "short_message", SmppStatus.ESME_RINVMSGLEN));
        }

        SmppAddress address(int max, String field, int status) throws SmppDecodeException {
            int ton = u8(field + "_ton");
            int npi = u8(field + "_npi");
            return new SmppAddress(ton, npi, cstring(max, field, status));
        }

        byte[] octets(int n, String field, int status) throws SmppDecodeException {
            if (in.readableBytes() < n) {
                throw error(status, field + "-past-end", field + " of " + n + " octets, " + in.readableBytes() + " left");
            }
            byte[] b = new byte[n];
            in.readBytes(b);
            return b;
        }

        /** The optional parameters to the end of the PDU. */
        List<Tlv> tlvs() throws SmppDecodeException {
            List<Tlv> out = new ArrayList<>();
            while (in.isReadable()) {
                if (in.readableBytes() < 4) {
                    throw error(SmppStatus.ESME_RINVOPTPARSTREAM, "truncated-tlv", in.readableBytes()
                            + " octets left, less than a TLV header");
                }
                int tag = in.readUnsignedShort();
                int len = in.readUnsignedShort();
                if (in.readableBytes() < len) {
                    throw error(SmppStatus.ESME_RINVPARLEN, "tlv-past-end", String.format(
                            "TLV 0x%04x of %d octets, %d left", tag, len, in.readableBytes()));
                }
                byte[] v = new byte[len];
                in.readBytes(v);
                out.add(new Tlv(tag, v));
            }
            return out;
        }
    }
}
