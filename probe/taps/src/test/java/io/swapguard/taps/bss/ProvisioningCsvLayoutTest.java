package io.swapguard.taps.bss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.event.EventTime;
import io.swapguard.event.ProvisioningEvent;
import io.swapguard.taps.bss.ProvisioningCsvLayout.Field;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BSS exports in their own layouts: columns by name, other delimiters, local times, their own words. */
class ProvisioningCsvLayoutTest {

    /** An Indonesian BSS's export: semicolons, its own column names and order, local Jakarta time. */
    static final ProvisioningCsvLayout BSS = new ProvisioningCsvLayout(';', Map.of(Field.TIME, "TGL_TRANSAKSI",
            Field.KIND, "JENIS", Field.MSISDN, "MSISDN", Field.IMSI, "IMSI_BARU", Field.PREVIOUS_IMSI, "IMSI_LAMA",
            Field.CHANNEL, "KANAL", Field.REFERENCE, "NO_ORDER"), "dd/MM/yyyy HH:mm:ss", ZoneId.of("Asia/Jakarta"),
            Map.of("GANTI KARTU", ProvisioningEvent.Kind.SIM_REPLACEMENT, "AKTIVASI", ProvisioningEvent.Kind.ACTIVATION));

    final List<ProvisioningEvent> records = new ArrayList<>();
    final List<String> bad = new ArrayList<>();

    long read(String csv, ProvisioningCsvLayout layout) throws Exception {
        return ProvisioningCsv.read(new BufferedReader(new StringReader(csv)), "bss.csv", "bss-csv", layout,
                records::add, e -> bad.add(e.getMessage()));
    }

    @Test
    void aBssExportIsReadByItsColumnNamesInItsOwnWords() throws Exception {
        long n = read("""
                \uFEFFNO_ORDER;KANAL;JENIS;CATATAN;MSISDN;IMSI_LAMA;IMSI_BARU;TGL_TRANSAKSI
                ORD-1;gerai-JKT-017;Ganti Kartu;"hilang; dilaporkan ""polisi""\";6281100000017;510100000000017;510109000000017;29/11/2026 15:12:00
                ORD-2;web;AKTIVASI;;6281100000018;;510100000000018;30/11/2026 07:00:05
                """, BSS);
        assertThat(bad).isEmpty();
        assertThat(n).isEqualTo(2);
        ProvisioningEvent swap = records.get(0);
        assertThat(swap.kind()).isEqualTo(ProvisioningEvent.Kind.SIM_REPLACEMENT);
        assertThat(swap.msisdn().digits()).isEqualTo("6281100000017");
        assertThat(swap.imsi().digits()).isEqualTo("510109000000017");
        assertThat(swap.previousImsi().digits()).isEqualTo("510100000000017");
        assertThat(swap.channel()).isEqualTo("gerai-JKT-017");
        assertThat(swap.reference()).isEqualTo("ORD-1");
        // 15:12 in Jakarta (UTC+7) is 08:12 UTC.
        assertThat(swap.captureNanos()).isEqualTo(EventTime.nanos(Instant.parse("2026-11-29T08:12:00Z")));
        assertThat(records.get(1).kind()).isEqualTo(ProvisioningEvent.Kind.ACTIVATION);
        assertThat(records.get(1).previousImsi()).isNull();
        assertThat(records.get(1).imei()).as("a field the layout has no column for").isNull();
    }

    @Test
    void aBadRowIsNamedByFileLineAndColumnAndTheOthersAreKept() throws Exception {
        long n = read("""
                TGL_TRANSAKSI;JENIS;MSISDN;IMSI_BARU;IMSI_LAMA;KANAL;NO_ORDER
                32/11/2026 15:12:00;GANTI KARTU;6281100000017;510109000000017;;toko;A
                29/11/2026 15:12:00;PINDAH;6281100000018;;;toko;B
                29/11/2026 15:12:00;AKTIVASI;62-811;;;toko;C
                29/11/2026 15:12:00;AKTIVASI;6281100000019;;;toko
                29/11/2026 15:12:00;AKTIVASI;;;;toko;E
                29/11/2026 15:12:00;AKTIVASI;6281100000020;;;toko;F
                """, BSS);
        assertThat(n).isEqualTo(1);
        assertThat(records.get(0).msisdn().digits()).isEqualTo("6281100000020");
        assertThat(bad).hasSize(5);
        assertThat(bad.get(0)).startsWith("bss.csv:2: column TGL_TRANSAKSI: time '32/11/2026 15:12:00' is not in the"
                + " format 'dd/MM/yyyy HH:mm:ss' (Asia/Jakarta)");
        assertThat(bad.get(1)).startsWith("bss.csv:3: column JENIS: kind 'PINDAH' is not one of aktivasi, ganti kartu,"
                + " activation");
        assertThat(bad.get(2)).startsWith("bss.csv:4: column MSISDN: ");
        assertThat(bad.get(3)).isEqualTo("bss.csv:5: expected 7 fields, found 6");
        assertThat(bad.get(4)).isEqualTo("bss.csv:6: column MSISDN: the msisdn is empty");
    }

    @Test
    void aHeaderWithoutAColumnTheLayoutNamesRefusesTheFileNamingIt() {
        assertThatThrownBy(() -> read("TGL;JENIS;MSISDN\n", BSS)).isInstanceOf(ProvisioningCsv.BadRecordException.class)
                .hasMessageStartingWith("bss.csv:1: header has no column 'TGL_TRANSAKSI' (the time field); its"
                        + " columns are [TGL, JENIS, MSISDN]");
    }

    @Test
    void epochTimesAndSwapguardsOwnKindNamesWorkInAnyLayout() throws Exception {
        ProvisioningCsvLayout epoch = new ProvisioningCsvLayout('|', Map.of(Field.TIME, "ts", Field.KIND, "type",
                Field.MSISDN, "number"), "epochSeconds", null, Map.of());
        read("ts|type|number\n1780000000|simReplacement|6281100000017\n1780000001|portin|6281100000018\n", epoch);
        assertThat(bad).isEmpty();
        assertThat(records).extracting(ProvisioningEvent::kind)
                .containsExactly(ProvisioningEvent.Kind.SIM_REPLACEMENT, ProvisioningEvent.Kind.PORT_IN);
        assertThat(records.get(0).captureNanos()).isEqualTo(1_780_000_000L * 1_000_000_000L);
        assertThat(records.get(0).channel()).isEmpty();
    }

    @Test
    void swapguardsOwnLayoutReadsItsHeaderInAnyOrder() throws Exception {
        read("kind,time,msisdn,imsi,previous_imsi,imei,channel,reference\n"
                + "simReplacement,2026-11-29T08:12:00Z,6281100000017,510109000000017,,,store-1,R\n",
                ProvisioningCsvLayout.SWAPGUARD);
        assertThat(bad).isEmpty();
        assertThat(records).singleElement().satisfies(r -> assertThat(r.channel()).isEqualTo("store-1"));
    }

    @Test
    void aLayoutThatCannotWorkIsRefusedWithTheReason() {
        Map<Field, String> minimal = Map.of(Field.TIME, "t", Field.KIND, "k", Field.MSISDN, "m");
        assertThatThrownBy(() -> new ProvisioningCsvLayout(':', minimal, null, null, Map.of()))
                .hasMessageContaining("delimiter");
        assertThatThrownBy(() -> new ProvisioningCsvLayout(',', Map.of(Field.TIME, "t", Field.KIND, "k"), null, null,
                Map.of())).hasMessage("columns.msisdn is required");
        assertThatThrownBy(() -> new ProvisioningCsvLayout(',', minimal, "dd/MM/yyyy {HH}", null, Map.of()))
                .hasMessageContaining("timeFormat 'dd/MM/yyyy {HH}'");
        assertThatThrownBy(() -> Field.of("previous_imsi")).hasMessageContaining("'previous_imsi' is no field");
        assertThat(ProvisioningCsv.fields("a, \"b,c\" ,\"d\"\"e\"", ',')).containsExactly("a", "b,c", "d\"e");
        assertThatThrownBy(() -> ProvisioningCsv.fields("a,\"b", ',')).hasMessageContaining("not closed");
    }
}
