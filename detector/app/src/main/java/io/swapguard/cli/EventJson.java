package io.swapguard.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.swapguard.engine.alert.AlertJson;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.DiameterEvent;
import io.swapguard.event.EventRecord;
import io.swapguard.event.EventTime;
import io.swapguard.event.GlobalTitle;
import io.swapguard.event.LowerCamel;
import io.swapguard.event.MapEvent;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.event.SmppEvent;
import io.swapguard.event.SccpAddress;
import io.swapguard.event.ShortMessage;
import io.swapguard.event.SmsAddress;
import io.swapguard.event.SubscriberMasking;
import io.swapguard.event.codec.EventCodec;
import io.swapguard.journal.JournalStats;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * One JSON object per journal record, as printed by {@code journal tail --json}. The field names
 * are a public interface (docs/journal-json.md); absent fields are left out, never null.
 */
public final class EventJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final boolean masked;

    /** @param masked print subscriber numbers and SMS digits masked */
    public EventJson(boolean masked) {
        this.masked = masked;
    }

    public String toJson(EventRecord record) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(record, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    void write(EventRecord record, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", record.index());
        g.writeNumberField("schema", EventCodec.SCHEMA_VERSION);
        long nanos = record.event().captureNanos();
        g.writeStringField("type", JournalStats.typeName(record.event()));
        g.writeStringField("captureTime", isoTime(nanos));
        g.writeNumberField("captureNanos", nanos);
        g.writeStringField("tap", record.event().tapId());
        switch (record.event().type()) {
            case MAP -> map((MapEvent) record.event(), g);
            case PROVISIONING -> provisioning((ProvisioningEvent) record.event(), g);
            case ALERT -> {
                AlertEvent e = (AlertEvent) record.event();
                g.writeStringField("id", e.id());
                AlertJson.fields(e, masked, g);
            }
            case SMPP -> smpp((SmppEvent) record.event(), g);
            case DIAMETER -> diameter((DiameterEvent) record.event(), g);
        }
        g.writeEndObject();
    }

    private void map(MapEvent e, JsonGenerator g) throws IOException {
        if (e.opc() >= 0) g.writeNumberField("opc", e.opc());
        if (e.dpc() >= 0) g.writeNumberField("dpc", e.dpc());
        address("calling", e.calling(), g);
        address("called", e.called(), g);
        g.writeStringField("tcap", LowerCamel.of(e.tcapType()));
        if (e.otid() >= 0) g.writeNumberField("otid", e.otid());
        if (e.dtid() >= 0) g.writeNumberField("dtid", e.dtid());
        if (e.applicationContext() > 0) g.writeNumberField("applicationContext", e.applicationContext());
        if (e.applicationContextVersion() > 0) g.writeNumberField("mapVersion", e.applicationContextVersion());
        g.writeStringField("component", LowerCamel.of(e.component()));
        if (e.invokeId() >= 0) g.writeNumberField("invokeId", e.invokeId());
        if (e.opCode() >= 0) {
            g.writeNumberField("opCode", e.opCode());
            g.writeStringField("operation", e.operationName());
        }
        if (e.errorCode() >= 0) g.writeNumberField("errorCode", e.errorCode());
        if (e.imsi() != null) g.writeStringField("imsi", masked ? e.imsi().toString() : e.imsi().digits());
        if (e.msisdn() != null) g.writeStringField("msisdn", masked ? e.msisdn().toString() : e.msisdn().digits());
        if (e.imei() != null) g.writeStringField("imei", masked ? e.imei().toString() : e.imei().digits());
        if (e.mscNumber() != null) g.writeStringField("mscNumber", e.mscNumber());
        if (e.vlrNumber() != null) g.writeStringField("vlrNumber", e.vlrNumber());
        if (e.sgsnNumber() != null) g.writeStringField("sgsnNumber", e.sgsnNumber());
        if (e.hlrNumber() != null) g.writeStringField("hlrNumber", e.hlrNumber());
        if (e.smscAddress() != null) g.writeStringField("smscAddress", e.smscAddress());
        if (e.roamingNumber() != null) g.writeStringField("roamingNumber", e.roamingNumber());
        if (e.ssCode() >= 0) g.writeNumberField("ssCode", e.ssCode());
        if (e.forwardedToNumber() != null) g.writeStringField("forwardedToNumber", number(e.forwardedToNumber()));
        if (e.equipmentStatus() >= 0) g.writeNumberField("equipmentStatus", e.equipmentStatus());
        if (e.sms() != null) sms(e.sms(), g);
        if (e.ussdString() != null) g.writeStringField("ussd", text(e.ussdString()));
        if (e.partial()) g.writeBooleanField("partial", true);
    }

    private void smpp(SmppEvent e, JsonGenerator g) throws IOException {
        g.writeStringField("command", e.command().smppName());
        if (!e.account().isEmpty()) g.writeStringField("account", e.account());
        sms(e.sms(), g);
        g.writeStringField("decision", LowerCamel.of(e.decision()));
        if (!e.rule().isEmpty()) g.writeStringField("rule", e.rule());
        if (!e.reason().isEmpty()) g.writeStringField("reason", e.reason());
        if (e.commandStatus() >= 0) g.writeNumberField("commandStatus", e.commandStatus());
        if (e.decisionNanos() >= 0) g.writeNumberField("decisionNanos", e.decisionNanos());
    }

    private void diameter(DiameterEvent e, JsonGenerator g) throws IOException {
        g.writeStringField("command", e.commandName());
        g.writeNumberField("commandCode", e.commandCode());
        g.writeNumberField("applicationId", e.applicationId());
        g.writeBooleanField("request", e.request());
        g.writeNumberField("hopByHop", e.hopByHop());
        g.writeNumberField("endToEnd", e.endToEnd());
        if (e.resultCode() >= 0) g.writeNumberField("resultCode", e.resultCode());
        if (e.originHost() != null) g.writeStringField("originHost", e.originHost());
        if (e.originRealm() != null) g.writeStringField("originRealm", e.originRealm());
        if (e.destinationHost() != null) g.writeStringField("destinationHost", e.destinationHost());
        if (e.destinationRealm() != null) g.writeStringField("destinationRealm", e.destinationRealm());
        if (!e.routeRecords().isEmpty()) {
            g.writeArrayFieldStart("routeRecords");
            for (String r : e.routeRecords()) {
                g.writeString(r);
            }
            g.writeEndArray();
        }
        if (e.imsi() != null) g.writeStringField("imsi", masked ? e.imsi().toString() : e.imsi().digits());
        if (e.msisdn() != null) g.writeStringField("msisdn", masked ? e.msisdn().toString() : e.msisdn().digits());
        if (e.imei() != null) g.writeStringField("imei", masked ? e.imei().toString() : e.imei().digits());
        if (e.visitedPlmnId() != null) g.writeStringField("visitedPlmnId", e.visitedPlmnId());
        if (e.ratType() >= 0) g.writeNumberField("ratType", e.ratType());
        if (e.commandFlags() >= 0) g.writeNumberField("commandFlags", e.commandFlags());
        if (e.cancellationType() >= 0) g.writeNumberField("cancellationType", e.cancellationType());
        if (e.equipmentStatus() >= 0) g.writeNumberField("equipmentStatus", e.equipmentStatus());
        if (e.servingNode() != null) g.writeStringField("servingNode", e.servingNode());
        if (e.smscAddress() != null) g.writeStringField("smscAddress", e.smscAddress());
        if (e.sms() != null) sms(e.sms(), g);
    }

    private void provisioning(ProvisioningEvent e, JsonGenerator g) throws IOException {
        g.writeStringField("kind", LowerCamel.of(e.kind()));
        g.writeStringField("msisdn", masked ? e.msisdn().toString() : e.msisdn().digits());
        if (e.imsi() != null) g.writeStringField("imsi", masked ? e.imsi().toString() : e.imsi().digits());
        if (e.previousImsi() != null) {
            g.writeStringField("previousImsi", masked ? e.previousImsi().toString() : e.previousImsi().digits());
        }
        if (e.imei() != null) g.writeStringField("imei", masked ? e.imei().toString() : e.imei().digits());
        if (!e.channel().isEmpty()) g.writeStringField("channel", e.channel());
        if (!e.reference().isEmpty()) g.writeStringField("reference", e.reference());
    }

    private static void address(String name, SccpAddress a, JsonGenerator g) throws IOException {
        if (a == null) {
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeBooleanField("routeOnGt", a.routeOnGt());
        if (a.pointCode() >= 0) g.writeNumberField("pc", a.pointCode());
        if (a.ssn() > 0) g.writeNumberField("ssn", a.ssn());
        GlobalTitle gt = a.globalTitle();
        if (gt != null) {
            g.writeStringField("gt", gt.digits());
            g.writeNumberField("gti", gt.indicator());
            g.writeNumberField("tt", gt.translationType());
            g.writeNumberField("np", gt.numberingPlan());
            g.writeNumberField("nai", gt.natureOfAddress());
        }
        g.writeEndObject();
    }

    private void sms(ShortMessage sm, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("sms");
        g.writeStringField("tpdu", LowerCamel.of(sm.type()));
        smsAddress("originator", sm.originator(), g);
        smsAddress("destination", sm.destination(), g);
        g.writeNumberField("dataCoding", sm.dataCoding());
        if (sm.text() != null) g.writeStringField("text", text(sm.text()));
        if (sm.isPart()) {
            g.writeNumberField("concatReference", sm.concatReference());
            g.writeNumberField("concatPart", sm.concatPart());
            g.writeNumberField("concatTotal", sm.concatTotal());
        }
        g.writeEndObject();
    }

    private void smsAddress(String name, SmsAddress a, JsonGenerator g) throws IOException {
        if (a == null) {
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeNumberField("ton", a.typeOfNumber());
        g.writeNumberField("npi", a.numberingPlan());
        g.writeStringField("value", a.isAlphanumeric() ? a.value() : number(a.value()));
        g.writeEndObject();
    }

    private String number(String digits) {
        return masked ? SubscriberMasking.number(digits) : digits;
    }

    private String text(String text) {
        return masked ? SubscriberMasking.text(text) : text;
    }

    static String isoTime(long nanos) {
        return EventTime.instant(nanos)
                .toString();
    }
}
