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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * BSS/CRM provisioning records as CSV, the export format swapguard reads (and the simulator
 * writes): one header line, then one record per line, fields never quoted.
 *
 * <pre>time,kind,msisdn,imsi,previous_imsi,imei,channel,reference
 * 2026-11-29T08:12:00Z,simReplacement,6281100000017,510100000000017,510109000000017,,store-JKT-017,ORD-1</pre>
 *
 * {@code time} is ISO-8601 UTC (the record's own event time), {@code kind} one of activation,
 * simReplacement, portIn, portOut, deactivation, deviceRegistration; empty fields are absent. A
 * BSS's own export is read through a {@link ProvisioningCsvLayout} (columns by header name, any
 * order, another delimiter, time format and zone, its own words for the kinds).
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
     * Reads every record of {@code in} in swapguard's own layout; see
     * {@link #read(BufferedReader, String, String, ProvisioningCsvLayout, Consumer, Consumer)}.
     */
    public static long read(BufferedReader in, String source, String tapId, Consumer<ProvisioningEvent> onRecord,
            Consumer<BadRecordException> onBadLine) throws IOException {
        return read(in, source, tapId, ProvisioningCsvLayout.SWAPGUARD, onRecord, onBadLine);
    }

    /**
     * Reads every record of {@code in} laid out as {@code layout}; a bad line is reported to
     * {@code onBadLine} (with file, line number and column) and skipped, so one typo in a BSS export
     * loses one record, not the file. A header without a column the layout names refuses the file.
     */
    public static long read(BufferedReader in, String source, String tapId, ProvisioningCsvLayout layout,
            Consumer<ProvisioningEvent> onRecord, Consumer<BadRecordException> onBadLine) throws IOException {
        String header = in.readLine();
        if (header == null) {
            return 0;
        }
        if (!header.isEmpty() && header.charAt(0) == '\uFEFF') {
            header = header.substring(1); // a byte order mark, as spreadsheet exports write
        }
        List<String> names;
        try {
            names = fields(header, layout.delimiter());
        } catch (IllegalArgumentException e) {
            throw new BadRecordException(source, 1, "header: " + e.getMessage());
        }
        Map<ProvisioningCsvLayout.Field, Integer> at = new EnumMap<>(ProvisioningCsvLayout.Field.class);
        for (ProvisioningCsvLayout.Field field : ProvisioningCsvLayout.Field.values()) {
            String column = layout.columns().get(field);
            if (column == null) {
                continue;
            }
            int i = indexOf(names, column);
            if (i < 0) {
                throw new BadRecordException(source, 1, "header has no column '" + column + "' (the "
                        + field.key() + " field); its columns are " + names);
            }
            at.put(field, i);
        }
        java.util.function.Function<String, Instant> time = layout.timeReader();
        long lineNo = 1;
        long records = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                onRecord.accept(parse(line, tapId, source, lineNo, layout, time, at, names));
                records++;
            } catch (BadRecordException e) {
                onBadLine.accept(e);
            }
        }
        return records;
    }

    private static int indexOf(List<String> names, String column) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(column.strip())) {
                return i;
            }
        }
        return -1;
    }

    static ProvisioningEvent parse(String line, String tapId, String source, long lineNo) throws BadRecordException {
        ProvisioningCsvLayout layout = ProvisioningCsvLayout.SWAPGUARD;
        Map<ProvisioningCsvLayout.Field, Integer> at = new EnumMap<>(ProvisioningCsvLayout.Field.class);
        for (ProvisioningCsvLayout.Field f : ProvisioningCsvLayout.Field.values()) {
            at.put(f, f.ordinal());
        }
        return parse(line, tapId, source, lineNo, layout, layout.timeReader(), at, List.of(HEADER.split(",")));
    }

    private static ProvisioningEvent parse(String line, String tapId, String source, long lineNo,
            ProvisioningCsvLayout layout, java.util.function.Function<String, Instant> time,
            Map<ProvisioningCsvLayout.Field, Integer> at, List<String> names)
            throws BadRecordException {
        if (line.length() > 4096) {
            throw new BadRecordException(source, lineNo, "line longer than 4096 characters");
        }
        List<String> f;
        try {
            f = fields(line, layout.delimiter());
        } catch (IllegalArgumentException e) {
            throw new BadRecordException(source, lineNo, e.getMessage());
        }
        if (f.size() != names.size()) {
            throw new BadRecordException(source, lineNo, "expected " + names.size() + " fields, found " + f.size());
        }
        Row row = new Row(f, at, names, source, lineNo);
        Instant when = row.get(ProvisioningCsvLayout.Field.TIME, time);
        ProvisioningEvent.Kind kind = row.get(ProvisioningCsvLayout.Field.KIND, layout::kind);
        Msisdn msisdn = row.get(ProvisioningCsvLayout.Field.MSISDN, v -> Msisdn.of(v.strip()));
        Imsi imsi = row.get(ProvisioningCsvLayout.Field.IMSI, v -> Imsi.of(v.strip()));
        Imsi previous = row.get(ProvisioningCsvLayout.Field.PREVIOUS_IMSI, v -> Imsi.of(v.strip()));
        Imei imei = row.get(ProvisioningCsvLayout.Field.IMEI, v -> Imei.of(v.strip()));
        String channel = row.get(ProvisioningCsvLayout.Field.CHANNEL, String::strip);
        String reference = row.get(ProvisioningCsvLayout.Field.REFERENCE, String::strip);
        try {
            return new ProvisioningEvent(EventTime.nanos(when), tapId, kind, msisdn, imsi, previous, imei,
                    channel == null ? "" : channel, reference == null ? "" : reference);
        } catch (IllegalArgumentException e) {
            throw new BadRecordException(source, lineNo, e.getMessage());
        }
    }

    /** One line's fields, read by the layout's columns; an error names the column. */
    private record Row(List<String> fields, Map<ProvisioningCsvLayout.Field, Integer> at, List<String> names,
            String source, long lineNo) {

        <T> T get(ProvisioningCsvLayout.Field field, java.util.function.Function<String, T> read)
                throws BadRecordException {
            Integer i = at.get(field);
            if (i == null || fields.get(i).isBlank()) {
                if (field == ProvisioningCsvLayout.Field.TIME || field == ProvisioningCsvLayout.Field.KIND
                        || field == ProvisioningCsvLayout.Field.MSISDN) {
                    throw new BadRecordException(source, lineNo, "column " + (i == null ? field.key() : names.get(i))
                            + ": the " + field.key() + " is empty");
                }
                return null;
            }
            try {
                return read.apply(fields.get(i));
            } catch (IllegalArgumentException e) {
                throw new BadRecordException(source, lineNo, "column " + names.get(i) + ": " + e.getMessage());
            }
        }
    }

    /**
     * A line's fields: split on the delimiter, a field in double quotes may hold the delimiter and
     * {@code ""} for a quote (RFC 4180, one line per record).
     */
    static List<String> fields(String line, char delimiter) {
        List<String> out = new ArrayList<>(8);
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean closed = false; // a quoted field ended: only blanks may come before the delimiter
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c != '"') {
                    f.append(c);
                } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else {
                    quoted = false;
                    closed = true;
                }
            } else if (c == delimiter) {
                out.add(closed ? f.toString() : f.toString().strip());
                f.setLength(0);
                closed = false;
            } else if (closed) {
                if (!Character.isWhitespace(c)) {
                    throw new IllegalArgumentException("text after the closing quote of field " + (out.size() + 1));
                }
            } else if (c == '"' && f.toString().isBlank()) {
                quoted = true;
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed");
        }
        out.add(closed ? f.toString() : f.toString().strip());
        return out;
    }
}
