package io.swapguard.event.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.event.AlertEvent;
import io.swapguard.event.ComponentType;
import io.swapguard.event.MapEvent;
import io.swapguard.event.SignalEvent;
import io.swapguard.event.TcapMessageType;
import io.swapguard.event.TestEvents;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

    static Stream<SignalEvent> events() {
        return TestEvents.everyKind().stream();
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTripsEveryField(SignalEvent event) {
        byte[] record = encode(event);
        // Records are value-equal field by field: the event types are records.
        assertThat(EventCodec.decode(record)).isEqualTo(event);
    }

    @Test
    void fullMapEventIsCompact() {
        // Every field set, including a 70-character UCS-2 SMS: still far below a kilobyte.
        assertThat(encode(TestEvents.fullMapEvent()).length).isLessThan(300);
        assertThat(encode(TestEvents.minimalMapEvent()).length).isLessThan(20);
    }

    @Test
    void newerSchemaIsRefusedWithAClearMessage() {
        byte[] record = encode(TestEvents.fullMapEvent());
        record[0] = (byte) (EventCodec.SCHEMA_VERSION + 1);
        assertThatThrownBy(() -> EventCodec.decode(record))
                .isInstanceOf(UnsupportedSchemaException.class)
                .hasMessageContaining("event schema v" + (EventCodec.SCHEMA_VERSION + 1))
                .hasMessageContaining("reads up to v" + EventCodec.SCHEMA_VERSION)
                .hasMessageContaining("upgrade");
    }

    @Test
    void everyTruncationIsADecodeErrorNeverAnotherException() {
        for (SignalEvent event : events().toList()) {
            byte[] record = encode(event);
            for (int len = 0; len < record.length; len++) {
                int n = len;
                assertThatThrownBy(() -> EventCodec.decode(record, 0, n))
                        .as("record cut to %d of %d bytes", n, record.length)
                        .isInstanceOf(EventDecodeException.class);
            }
        }
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] record = encode(TestEvents.fullProvisioningEvent());
        RecordBuffer longer = new RecordBuffer();
        for (int i = 0; i < record.length - EventCodec.CRC_BYTES; i++) {
            longer.u8(record[i]);
        }
        longer.u8(0);
        longer.crc32c(0);
        assertThatThrownBy(() -> EventCodec.decode(longer.toByteArray())).isInstanceOf(EventDecodeException.class)
                .hasMessageContaining("unexpected bytes");
    }

    @Test
    void everyDamagedRecordIsDetected() {
        Random random = new Random(42);
        byte[] good = encode(TestEvents.fullMapEvent());
        for (int i = 0; i < 20_000; i++) {
            byte[] bad = good.clone();
            int at = random.nextInt(bad.length);
            bad[at] ^= (byte) (1 + random.nextInt(255));
            if (at == 0 && (bad[0] & 0xFF) > EventCodec.SCHEMA_VERSION) {
                continue; // reads as a newer schema, tested separately
            }
            assertThatThrownBy(() -> EventCodec.decode(bad)).isInstanceOf(EventDecodeException.class);
        }
    }

    @Test
    void damagedFieldsBehindAValidChecksumStillNeverEscapeAsOtherExceptions() {
        // A writer bug rather than disk damage: garbage with a correct CRC must still be refused cleanly.
        Random random = new Random(7);
        byte[] good = encode(TestEvents.fullMapEvent());
        for (int i = 0; i < 20_000; i++) {
            byte[] bad = Arrays.copyOf(good, good.length - EventCodec.CRC_BYTES);
            for (int f = 0; f < 1 + random.nextInt(4); f++) {
                bad[1 + random.nextInt(bad.length - 1)] = (byte) random.nextInt(256);
            }
            RecordBuffer withCrc = new RecordBuffer();
            for (byte b : bad) {
                withCrc.u8(b);
            }
            withCrc.crc32c(0);
            try {
                EventCodec.decode(withCrc.toByteArray());
            } catch (EventDecodeException expected) {
                // the only exception allowed out
            }
        }
    }

    @Test
    void unknownEventTypeAndZeroVersionAreCorruption() {
        RecordBuffer unknownType = new RecordBuffer();
        unknownType.u8(1);
        unknownType.u8(99);
        unknownType.crc32c(0);
        assertThatThrownBy(() -> EventCodec.decode(unknownType.toByteArray())).isInstanceOf(EventDecodeException.class)
                .hasMessageContaining("unknown event type 99");
        assertThatThrownBy(() -> EventCodec.decode(new byte[] {0, 1})).isInstanceOf(EventDecodeException.class)
                .hasMessageContaining("version 0");
        assertThatThrownBy(() -> EventCodec.decode(new byte[0])).isInstanceOf(EventDecodeException.class);
    }

    @Test
    void absentNumbersStayAbsent() {
        MapEvent e = (MapEvent) EventCodec.decode(encode(TestEvents.minimalMapEvent()));
        assertThat(e.opc()).isEqualTo(-1);
        assertThat(e.otid()).isEqualTo(-1);
        assertThat(e.opCode()).isEqualTo(-1);
        assertThat(e.imsi()).isNull();
        assertThat(e.tcapType()).isEqualTo(TcapMessageType.ABORT);
        assertThat(e.component()).isEqualTo(ComponentType.NONE);
    }

    static byte[] encode(SignalEvent event) {
        return TestEvents.encoded(event);
    }

    @Test
    void version1RecordsStillReadAndCarryNoSmppEvents() {
        for (SignalEvent e : TestEvents.everyKind()) {
            byte[] v1 = asVersion(encode(e), 1);
            if (e.type() == io.swapguard.event.EventType.SMPP) {
                assertThatThrownBy(() -> EventCodec.decode(v1)).isInstanceOf(EventDecodeException.class)
                        .hasMessageContaining("SMPP");
            } else if (e.type() == io.swapguard.event.EventType.DIAMETER) {
                assertThatThrownBy(() -> EventCodec.decode(v1)).isInstanceOf(EventDecodeException.class)
                        .hasMessageContaining("Diameter");
            } else {
                assertThat(EventCodec.decode(v1)).isEqualTo(e);
            }
        }
    }

    @Test
    void version2RecordsReadEverythingButDiameter() {
        for (SignalEvent e : TestEvents.everyKind()) {
            byte[] v2 = asVersion(encode(e), 2);
            if (e.type() == io.swapguard.event.EventType.DIAMETER) {
                assertThatThrownBy(() -> EventCodec.decode(v2)).isInstanceOf(EventDecodeException.class)
                        .hasMessageContaining("type 5 (Diameter) in a schema v2");
            } else {
                assertThat(EventCodec.decode(v2)).isEqualTo(e);
            }
        }
    }

    @Test
    void thePartialMarkIsAVersion4FieldAndRoundTrips() {
        MapEvent partial = MapEvent.builder().tapId("t").opCode(2).component(ComponentType.INVOKE)
                .imsi(new io.swapguard.event.Imsi("234150000000001")).partial(true).build();
        assertThat(EventCodec.decode(encode(partial))).isEqualTo(partial);
        assertThat(((MapEvent) EventCodec.decode(encode(partial))).partial()).isTrue();
        MapEvent whole = partial.toBuilder().partial(false).build();
        assertThat(((MapEvent) EventCodec.decode(encode(whole))).partial()).isFalse();
        // An older writer never set the bit: in a v3 record it is damage, not a mark.
        assertThatThrownBy(() -> EventCodec.decode(asVersion(encode(partial), 3)))
                .isInstanceOf(EventDecodeException.class).hasMessageContaining("unknown presence bits 0x1000000");
        assertThat(EventCodec.decode(asVersion(encode(whole), 3))).isEqualTo(whole);
    }

    @Test
    void theMonitorMarkOfAnAlertIsAVersion4FieldAndRoundTrips() {
        AlertEvent would = new AlertEvent(5, "detector", "simSwap", AlertEvent.Severity.HIGH,
                new io.swapguard.event.Msisdn("6281100000001"), null, "would alert", java.util.List.of(), 9, 0, true);
        assertThat(EventCodec.decode(encode(would))).isEqualTo(would);
        AlertEvent enforced = new AlertEvent(5, "detector", "simSwap", AlertEvent.Severity.HIGH,
                new io.swapguard.event.Msisdn("6281100000001"), null, "alert", java.util.List.of(), 9, 0);
        assertThat(((AlertEvent) EventCodec.decode(encode(enforced))).monitored()).isFalse();
        assertThatThrownBy(() -> EventCodec.decode(asVersion(encode(would), 3)))
                .isInstanceOf(EventDecodeException.class).hasMessageContaining("unknown alert presence bits 0x2");
        assertThat(EventCodec.decode(asVersion(encode(enforced), 3))).isEqualTo(enforced);
    }

    /** The record as an older writer wrote it: another version byte, its checksum made again. */
    static byte[] asVersion(byte[] record, int version) {
        byte[] r = Arrays.copyOf(record, record.length);
        r[0] = (byte) version;
        int crc = RecordBuffer.crc32c(r, 0, r.length - EventCodec.CRC_BYTES);
        java.nio.ByteBuffer.wrap(r, r.length - EventCodec.CRC_BYTES, EventCodec.CRC_BYTES).putInt(crc);
        return r;
    }
}
