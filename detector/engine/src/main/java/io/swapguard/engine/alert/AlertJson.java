package io.swapguard.engine.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.swapguard.event.AlertEvent;
import io.swapguard.event.EventTime;
import io.swapguard.event.LowerCamel;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** An alert as the JSON object written to the alerts file and POSTed to the webhook (docs/rules.md). */
public final class AlertJson {

    private static final JsonFactory JSON = new JsonFactory();

    private AlertJson() {
    }

    /** The alert as one JSON object; {@code masked} masks the MSISDN and IMSI fields. */
    public static String of(AlertEvent a, boolean masked) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", a.id());
            fields(a, masked, g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The alert's fields after {@code id}, into an object already started (journal tail --json shares them). */
    public static void fields(AlertEvent a, boolean masked, JsonGenerator g) throws IOException {
        g.writeStringField("rule", a.rule());
        g.writeStringField("severity", LowerCamel.of(a.severity()));
        g.writeStringField("time", iso(a.captureNanos()));
        g.writeNumberField("timeNanos", a.captureNanos());
        g.writeStringField("msisdn", masked ? a.msisdn().toString() : a.msisdn().digits());
        if (a.imsi() != null) {
            g.writeStringField("imsi", masked ? a.imsi().toString() : a.imsi().digits());
        }
        g.writeStringField("title", a.title());
        if (a.monitored()) {
            g.writeBooleanField("monitored", true); // a rule in monitor mode: what it would alert
        }
        g.writeNumberField("sourceIndex", a.sourceIndex());
        g.writeNumberField("ordinal", a.ordinal());
        g.writeArrayFieldStart("evidence");
        for (AlertEvent.Evidence e : a.evidence()) {
            g.writeStartObject();
            if (e.index() >= 0) {
                g.writeNumberField("index", e.index());
            }
            if (e.timeNanos() != 0) {
                g.writeStringField("time", iso(e.timeNanos()));
            }
            g.writeStringField("text", e.text());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static String iso(long nanos) {
        return EventTime.instant(nanos).toString();
    }
}
