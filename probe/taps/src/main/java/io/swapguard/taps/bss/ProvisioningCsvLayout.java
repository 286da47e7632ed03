package io.swapguard.taps.bss;

import io.swapguard.event.LowerCamel;
import io.swapguard.event.ProvisioningEvent;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How one BSS/CRM exports provisioning records: the column of each field (by header name, in any
 * order, other columns ignored), the delimiter, the time format and zone, and the export's own
 * words for the record kinds. Every BSS has its own layout; {@link #SWAPGUARD} is swapguard's own
 * (the simulator writes it).
 *
 * @param delimiter the field separator (',' ';' '|' or tab); fields may be quoted with '"'
 * @param columns header name per field; {@link Field#TIME}, {@link Field#KIND} and {@link Field#MSISDN}
 *        are required, a field without a column is absent from every record
 * @param timeFormat {@code iso} (ISO-8601 with an offset or Z), {@code epochSeconds}, {@code epochMillis},
 *        or a {@link DateTimeFormatter} pattern such as {@code dd/MM/yyyy HH:mm:ss}
 * @param zone the zone of a pattern's local times
 * @param kinds the export's words for kinds (matched ignoring case), besides swapguard's own names
 */
public record ProvisioningCsvLayout(char delimiter, Map<Field, String> columns, String timeFormat, ZoneId zone,
        Map<String, ProvisioningEvent.Kind> kinds) {

    /** A provisioning record's fields, by their configuration names. */
    public enum Field {
        TIME("time"), KIND("kind"), MSISDN("msisdn"), IMSI("imsi"), PREVIOUS_IMSI("previousImsi"), IMEI("imei"),
        CHANNEL("channel"), REFERENCE("reference");

        private final String key;

        Field(String key) {
            this.key = key;
        }

        /** The name in {@code probe.provisioningLayout.columns}. */
        public String key() {
            return key;
        }

        public static Field of(String key) {
            for (Field f : values()) {
                if (f.key.equals(key)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("'" + key + "' is no field (time, kind, msisdn, imsi, previousImsi, imei,"
                    + " channel, reference)");
        }
    }

    /** swapguard's own layout: {@link ProvisioningCsv#HEADER}, ISO-8601 UTC times. */
    public static final ProvisioningCsvLayout SWAPGUARD = swapguard();

    public ProvisioningCsvLayout {
        if (delimiter != ',' && delimiter != ';' && delimiter != '|' && delimiter != '\t') {
            throw new IllegalArgumentException("delimiter must be one of , ; | or a tab");
        }
        columns = Map.copyOf(columns);
        for (Field required : new Field[] {Field.TIME, Field.KIND, Field.MSISDN}) {
            if (!columns.containsKey(required)) {
                throw new IllegalArgumentException("columns." + required.key() + " is required");
            }
        }
        timeFormat = timeFormat == null ? "iso" : timeFormat;
        zone = zone == null ? ZoneOffset.UTC : zone;
        if (!timeFormat.equals("iso") && !timeFormat.equals("epochSeconds") && !timeFormat.equals("epochMillis")) {
            try {
                DateTimeFormatter.ofPattern(timeFormat, Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("timeFormat '" + timeFormat + "' is not a date-time pattern: "
                        + e.getMessage());
            }
        }
        Map<String, ProvisioningEvent.Kind> words = new HashMap<>();
        kinds.forEach((word, kind) -> words.put(word.strip().toLowerCase(Locale.ROOT), kind));
        kinds = Map.copyOf(words);
    }

    private static ProvisioningCsvLayout swapguard() {
        Map<Field, String> c = new EnumMap<>(Field.class);
        c.put(Field.TIME, "time");
        c.put(Field.KIND, "kind");
        c.put(Field.MSISDN, "msisdn");
        c.put(Field.IMSI, "imsi");
        c.put(Field.PREVIOUS_IMSI, "previous_imsi");
        c.put(Field.IMEI, "imei");
        c.put(Field.CHANNEL, "channel");
        c.put(Field.REFERENCE, "reference");
        return new ProvisioningCsvLayout(',', c, "iso", ZoneOffset.UTC, Map.of());
    }

    /** Reads the record time a field holds; made once per file (a pattern is compiled here). */
    java.util.function.Function<String, Instant> timeReader() {
        DateTimeFormatter pattern = switch (timeFormat) {
            case "iso", "epochSeconds", "epochMillis" -> null;
            default -> DateTimeFormatter.ofPattern(timeFormat, Locale.ROOT).withZone(zone);
        };
        return value -> {
            String v = value.strip();
            try {
                switch (timeFormat) {
                    case "iso" -> {
                        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(v, Instant::from);
                    }
                    case "epochSeconds" -> {
                        return Instant.ofEpochSecond(Long.parseLong(v));
                    }
                    case "epochMillis" -> {
                        return Instant.ofEpochMilli(Long.parseLong(v));
                    }
                    default -> {
                        TemporalAccessor t = pattern.parse(v);
                        try {
                            return Instant.from(t);
                        } catch (DateTimeException local) {
                            return ZonedDateTime.of(LocalDateTime.from(t), zone).toInstant();
                        }
                    }
                }
            } catch (NumberFormatException | DateTimeException e) {
                throw new IllegalArgumentException("time '" + v + "' is not " + describeTimeFormat());
            }
        };
    }

    private String describeTimeFormat() {
        return switch (timeFormat) {
            case "iso" -> "ISO-8601 (2026-11-29T08:12:00Z)";
            case "epochSeconds" -> "seconds since the epoch";
            case "epochMillis" -> "milliseconds since the epoch";
            default -> "in the format '" + timeFormat + "' (" + zone + ")";
        };
    }

    /** The kind a field names: the export's word for it, or swapguard's name. */
    ProvisioningEvent.Kind kind(String value) {
        String v = value.strip();
        ProvisioningEvent.Kind k = kinds.get(v.toLowerCase(Locale.ROOT));
        if (k != null) {
            return k;
        }
        for (ProvisioningEvent.Kind own : ProvisioningEvent.Kind.values()) {
            if (LowerCamel.of(own).equalsIgnoreCase(v)) {
                return own;
            }
        }
        throw new IllegalArgumentException("kind '" + v + "' is not one of " + (kinds.isEmpty() ? ""
                : String.join(", ", new java.util.TreeSet<>(kinds.keySet())) + ", ")
                + "activation, simReplacement, portIn, portOut, deactivation, deviceRegistration");
    }
}
