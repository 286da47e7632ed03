package io.swapguard.taps.bss;

import io.swapguard.event.EventTime;
import io.swapguard.event.Imei;
import io.swapguard.event.Imsi;
import io.swapguard.event.LowerCamel;
import io.swapguard.event.Msisdn;
import io.swapguard.event.ProvisioningEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * BSS/CRM provisioning records as CSV, the export format swapguard reads (and the simulator
 * writes): one header line, then one record per line, fields never quoted.
 *
 * <pre>time,kind,msisdn,imsi,previous_imsi,imei,channel,reference
 * 2026-11-29T08:12:00Z,simReplacement,6281100000017,510100000000017,510109000000017,,store-JKT-017,ORD-1</pre>
 *
 * {@code time} is ISO-8601 UTC (the record's own event time), {@code kind} one of activation,
 * simReplacement, portIn, portOut, deactivation, deviceRegistration; empty fields are absent.
 */
public final class ProvisioningCsv {

    public static final String HEADER = "time,kind,msisdn,imsi,previous_imsi,imei,channel,reference";

    private ProvisioningCsv() {
    }

    public static void writeHeader(Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
    }

    public static void write(ProvisioningEvent e, Writer out) throws IOException {
        long nanos = e.captureNanos();
        out.write(EventTime.instant(nanos).toString());
        out.write(',');
        out.write(LowerCamel.of(e.kind()));
        out.write(',');
        out.write(e.msisdn().digits());
        out.write(',');
        out.write(e.imsi() == null ? "" : e.imsi().digits());
        out.write(',');
        out.write(e.previousImsi() == null ? "" : e.previousImsi().digits());
        out.write(',');
        out.write(e.imei() == null ? "" : e.imei().digits());
        out.write(',');
        out.write(clean(e.channel()));
        out.write(',');
        out.write(clean(e.reference()));
        out.write('\n');
    }

    private static String clean(String s) {
        return s.replace(',', ' ').replace('\n', ' ');
    }

    /** A line that is not a valid record. */
    public static final class BadRecordException extends IOException {
        private static final long serialVersionUID = 1L;

        BadRecordException(String source, long line, String why) {
            super(source + ":" + line + ": " + why);
        }
    }

    /**
     * Reads every record of {@code in}; a bad line is reported to {@code onBadLine} (with file and
     * line number) and skipped, so one typo in a BSS export loses one record, not the file.
     */
    public static long read(BufferedReader in, String source, String tapId, Consumer<ProvisioningEvent> onRecord,
            Consumer<BadRecordException> onBadLine) throws IOException {
        String header = in.readLine();
        if (header == null) {
            return 0;
        }
        if (!header.strip().equals(HEADER)) {
            throw new BadRecordException(source, 1, "header must be '" + HEADER + "'");
        }
        long lineNo = 1;
        long records = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                onRecord.accept(parse(line, tapId, source, lineNo));
                records++;
            } catch (BadRecordException e) {
                onBadLine.accept(e);
            }
        }
        return records;
    }

    static ProvisioningEvent parse(String line, String tapId, String source, long lineNo) throws BadRecordException {
        if (line.length() > 1024) {
            throw new BadRecordException(source, lineNo, "line longer than 1024 characters");
        }
        String[] f = line.split(",", -1);
        if (f.length != 8) {
            throw new BadRecordException(source, lineNo, "expected 8 fields, found " + f.length);
        }
        try {
            Instant time = Instant.parse(f[0].strip());
            ProvisioningEvent.Kind kind = kind(f[1].strip());
            return new ProvisioningEvent(EventTime.nanos(time), tapId, kind,
                    Msisdn.of(f[2].strip()), f[3].isBlank() ? null : Imsi.of(f[3].strip()),
                    f[4].isBlank() ? null : Imsi.of(f[4].strip()), f[5].isBlank() ? null : Imei.of(f[5].strip()),
                    f[6].strip(), f[7].strip());
        } catch (DateTimeParseException e) {
            throw new BadRecordException(source, lineNo, "time '" + f[0] + "' is not ISO-8601 (2026-11-29T08:12:00Z)");
        } catch (IllegalArgumentException e) {
            throw new BadRecordException(source, lineNo, e.getMessage());
        }
    }

    private static ProvisioningEvent.Kind kind(String s) {
        for (ProvisioningEvent.Kind k : ProvisioningEvent.Kind.values()) {
            if (LowerCamel.of(k).equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("kind '" + s
                + "' is not one of activation, simReplacement, portIn, portOut, deactivation, deviceRegistration");
    }
}
