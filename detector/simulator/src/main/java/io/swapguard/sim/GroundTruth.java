package io.swapguard.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.swapguard.event.EventTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The ground-truth file of a simulation (JSON lines, docs/simulator.md): one object per injected
 * attack with its kind, victim, time and the frames that carry it.
 */
public final class GroundTruth {

    private static final JsonFactory JSON = new JsonFactory();

    private GroundTruth() {
    }

    public static void write(Simulator.Truth t, Writer out) {
        try {
            JsonGenerator g = JSON.createGenerator(out);
            g.writeStartObject();
            g.writeStringField("kind", t.kind().wireName());
            g.writeNumberField("subscriber", t.subscriber());
            g.writeStringField("msisdn", t.msisdn());
            g.writeStringField("imsi", t.imsi());
            if (t.newImsi() != null) g.writeStringField("newImsi", t.newImsi());
            g.writeStringField("imei", t.imei());
            if (t.newImei() != null) g.writeStringField("newImei", t.newImei());
            g.writeStringField("time", iso(t.timeNanos()));
            g.writeNumberField("timeNanos", t.timeNanos());
            g.writeStringField("endTime", iso(t.endNanos()));
            g.writeNumberField("endNanos", t.endNanos());
            g.writeArrayFieldStart("frames");
            for (long f : t.frames()) {
                g.writeNumber(f);
            }
            g.writeEndArray();
            if (t.attackerGt() != null) g.writeStringField("attackerGt", t.attackerGt());
            if (t.attackerHost() != null) g.writeStringField("attackerHost", t.attackerHost());
            if (t.senderId() != null) g.writeStringField("senderId", t.senderId());
            g.writeStringField("signalling", t.signalling());
            g.writeStringField("detail", t.detail());
            g.writeEndObject();
            g.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String iso(long nanos) {
        return EventTime.instant(nanos).toString();
    }
}
