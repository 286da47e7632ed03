package io.swapguard.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.DiameterCommand;
import io.swapguard.event.DiameterEvent;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every fact DiameterFacts reads, every value it refuses (with its reason), and the edges of each. */
class DiameterFactsTest {

    static final long V = AvpCode.VENDOR_3GPP;

    static DiameterEvent.Builder builder;

    /** Reads a request built by {@code avps}; returns the reason of the first value left out, or null. */
    static String read(Consumer<DiameterWriter> avps) {
        DiameterWriter w = DiameterWriter.request(316, DiameterCommand.APP_S6A, 7, 8);
        avps.accept(w);
        builder = DiameterEvent.builder();
        return DiameterFacts.read(DiameterCodec.decode(w.toBytes()), builder).problem();
    }

    static DiameterEvent event() {
        return builder.build();
    }

    @Test
    void everyFieldOfAFullMessage() {
        String problem = read(w -> w.base(AvpCode.ORIGIN_HOST, "mme.example").base(AvpCode.ORIGIN_REALM, "example")
                .base(AvpCode.DESTINATION_HOST, "hss.example").base(AvpCode.DESTINATION_REALM, "home.example")
                .base(AvpCode.ROUTE_RECORD, "dea1.ipx").base(AvpCode.ROUTE_RECORD, "dra2.home")
                .base(AvpCode.USER_NAME, "234150123456789").vendor(AvpCode.RAT_TYPE, 1004)
                .vendor(AvpCode.ULR_FLAGS, 0x22).vendor(AvpCode.CANCELLATION_TYPE, 4)
                .vendor(AvpCode.EQUIPMENT_STATUS, 2).vendor(AvpCode.VISITED_PLMN_ID, DiameterWriter.plmnId("310415"))
                .vendor(AvpCode.SC_ADDRESS, DiameterWriter.tbcd("447700900"))
                .vendor(AvpCode.SM_RP_UI, new byte[] {4, 5, 6})
                .vendorGroup(AvpCode.SUBSCRIPTION_DATA, g -> g.vendor(AvpCode.MSISDN, DiameterWriter.tbcd("447700900123")))
                .vendorGroup(AvpCode.TERMINAL_INFORMATION, g -> g.vendor(AvpCode.IMEI, "353325091234567")));
        assertThat(problem).isNull();
        DiameterEvent e = event();
        assertThat(e.request()).isTrue();
        assertThat(e.applicationId()).isEqualTo(DiameterCommand.APP_S6A);
        assertThat(e.commandCode()).isEqualTo(316);
        assertThat(e.hopByHop()).isEqualTo(7);
        assertThat(e.endToEnd()).isEqualTo(8);
        assertThat(e.originHost()).isEqualTo("mme.example");
        assertThat(e.originRealm()).isEqualTo("example");
        assertThat(e.destinationHost()).isEqualTo("hss.example");
        assertThat(e.destinationRealm()).isEqualTo("home.example");
        assertThat(e.routeRecords()).containsExactly("dea1.ipx", "dra2.home");
        assertThat(e.imsi().digits()).isEqualTo("234150123456789");
        assertThat(e.ratType()).isEqualTo(1004);
        assertThat(e.commandFlags()).isEqualTo(0x22);
        assertThat(e.cancellationType()).isEqualTo(4);
        assertThat(e.equipmentStatus()).isEqualTo(2);
        assertThat(e.visitedPlmnId()).as("a 3-digit MNC").isEqualTo("310415");
        assertThat(e.smscAddress()).isEqualTo("447700900");
        assertThat(e.msisdn().digits()).isEqualTo("447700900123");
        assertThat(e.imei().digits()).as("15 digits, no software version").isEqualTo("353325091234567");
    }

    @Test
    void smRpUiIsHandedOnAsItCame() {
        DiameterWriter w = DiameterWriter.request(8388646, DiameterCommand.APP_SGD, 1, 1)
                .vendor(AvpCode.SM_RP_UI, new byte[] {0x04, 0x0B, (byte) 0x91});
        DiameterFacts.Result r = DiameterFacts.read(DiameterCodec.decode(w.toBytes()), DiameterEvent.builder());
        assertThat(r.smRpUi()).containsExactly(0x04, 0x0B, 0x91);
        assertThat(DiameterFacts.read(DiameterCodec.decode(DiameterWriter.request(1, 0, 1, 1).toBytes()),
                DiameterEvent.builder()).smRpUi()).isNull();
    }

    @Test
    void resultsAndExperimentalResults() {
        assertThat(read(w -> w.base(AvpCode.RESULT_CODE, 2001))).isNull();
        assertThat(event().resultCode()).isEqualTo(2001);
        assertThat(read(w -> w.baseGroup(AvpCode.EXPERIMENTAL_RESULT, g -> g.base(AvpCode.VENDOR_ID, V)
                .base(AvpCode.EXPERIMENTAL_RESULT_CODE, 5001)))).isNull();
        assertThat(event().resultCode()).isEqualTo(5001);
        assertThat(read(w -> w.baseGroup(AvpCode.EXPERIMENTAL_RESULT, g -> g.base(AvpCode.VENDOR_ID, V))))
                .isEqualTo("experimental-result-without-code");
        assertThat(event().resultCode()).isEqualTo(-1);
        assertThat(read(w -> w.base(AvpCode.RESULT_CODE, 0x80000000L))).isEqualTo("unsigned32-out-of-range");
        assertThat(read(w -> w.base(AvpCode.RESULT_CODE, 0x7FFFFFFFL))).isNull();
        assertThat(event().resultCode()).isEqualTo(Integer.MAX_VALUE);
        assertThat(read(w -> w.base(AvpCode.RESULT_CODE, new byte[5]))).isEqualTo("bad-unsigned32-length");
    }

    @Test
    void identitiesUpToTheirLimit() {
        String longest = "a".repeat(DiameterEvent.MAX_IDENTITY_LENGTH);
        assertThat(read(w -> w.base(AvpCode.ORIGIN_HOST, longest))).isNull();
        assertThat(event().originHost()).isEqualTo(longest);
        assertThat(read(w -> w.base(AvpCode.ORIGIN_HOST, longest + "a"))).isEqualTo("bad-diameter-identity");
        assertThat(event().originHost()).isNull();
        assertThat(read(w -> w.base(AvpCode.ORIGIN_REALM, ""))).isEqualTo("bad-diameter-identity");
        assertThat(read(w -> w.base(AvpCode.ORIGIN_REALM, "x"))).isNull();
        assertThat(event().originRealm()).isEqualTo("x");
        // 128 two-octet characters: 256 octets, past the limit though 128 characters
        assertThat(read(w -> w.base(AvpCode.DESTINATION_HOST, "\u00e9".repeat(128)))).isEqualTo("bad-diameter-identity");
    }

    @Test
    void routeRecordsBeyondTheEighth() {
        assertThat(read(w -> {
            for (int i = 0; i < DiameterEvent.MAX_ROUTE_RECORDS; i++) {
                w.base(AvpCode.ROUTE_RECORD, "r" + i);
            }
        })).isNull();
        assertThat(event().routeRecords()).hasSize(DiameterEvent.MAX_ROUTE_RECORDS);
        assertThat(read(w -> {
            for (int i = 0; i <= DiameterEvent.MAX_ROUTE_RECORDS; i++) {
                w.base(AvpCode.ROUTE_RECORD, "r" + i);
            }
        })).isEqualTo("too-many-route-records");
        assertThat(event().routeRecords()).hasSize(DiameterEvent.MAX_ROUTE_RECORDS).startsWith("r0");
    }

    @Test
    void subscriberNumbersAndTheirDamage() {
        assertThat(read(w -> w.base(AvpCode.USER_NAME, "23415012345678x"))).isEqualTo("user-name-not-imsi");
        assertThat(event().imsi()).isNull();
        assertThat(read(w -> w.base(AvpCode.USER_NAME, "2341501234567890"))).as("16 digits").isEqualTo("user-name-not-imsi");
        assertThat(read(w -> w.vendor(AvpCode.MSISDN, new byte[] {0x44, (byte) 0xF7, 0x00}))).as("F before the end")
                .isEqualTo("bad-msisdn");
        assertThat(read(w -> w.vendor(AvpCode.MSISDN, new byte[] {0x44, (byte) 0x7A}))).as("a high nibble above 9")
                .isEqualTo("bad-msisdn");
        assertThat(read(w -> w.vendor(AvpCode.MSISDN, new byte[0]))).isEqualTo("bad-msisdn");
        assertThat(read(w -> w.vendor(AvpCode.MSISDN, DiameterWriter.tbcd("123456789012345")))).isNull();
        assertThat(event().msisdn().digits()).isEqualTo("123456789012345");
        assertThat(read(w -> w.vendor(AvpCode.MSISDN, DiameterWriter.tbcd("12345678901234567")))).isEqualTo("bad-msisdn");
        assertThat(read(w -> w.vendor(AvpCode.SC_ADDRESS, new byte[] {(byte) 0xAA}))).isEqualTo("bad-sc-address");
        assertThat(read(w -> w.vendor(AvpCode.SC_ADDRESS, new byte[17]))).as("34 digits").isEqualTo("bad-sc-address");
        assertThat(read(w -> w.vendor(AvpCode.SC_ADDRESS, new byte[16]))).as("32 digits").isNull();
        assertThat(event().smscAddress()).hasSize(32);
        assertThat(read(w -> w.vendorGroup(AvpCode.USER_IDENTIFIER, g -> g.base(AvpCode.USER_NAME, "001010000000001")
                .vendor(AvpCode.MSISDN, DiameterWriter.tbcd("15551234"))))).isNull();
        assertThat(event().imsi().digits()).isEqualTo("001010000000001");
        assertThat(event().msisdn().digits()).isEqualTo("15551234");
    }

    @Test
    void handsets() {
        assertThat(read(w -> w.vendorGroup(AvpCode.TERMINAL_INFORMATION, g -> g.vendor(AvpCode.IMEI, "3533250912345"))))
                .as("13 digits").isEqualTo("bad-imei");
        assertThat(event().imei()).isNull();
        assertThat(read(w -> w.vendorGroup(AvpCode.TERMINAL_INFORMATION, g -> g.vendor(AvpCode.IMEI, "35332509123456")
                .vendor(AvpCode.SOFTWARE_VERSION, "7")))).isNull();
        assertThat(event().imei().digits()).as("a 1-digit software version is not appended").isEqualTo("35332509123456");
        assertThat(read(w -> w.vendorGroup(AvpCode.TERMINAL_INFORMATION, g -> g.vendor(AvpCode.IMEI,
                "35332509123456789")))).isEqualTo("bad-imei");
        assertThat(read(w -> w.vendorGroup(AvpCode.TERMINAL_INFORMATION, g -> g.vendor(AvpCode.SOFTWARE_VERSION, "07"))))
                .as("an ESN or MEID handset: no IMEI, nothing wrong").isNull();
        assertThat(event().imei()).isNull();
        assertThat(read(w -> w.vendor(AvpCode.EQUIPMENT_STATUS, 3))).isEqualTo("unknown-equipment-status");
        assertThat(event().equipmentStatus()).isEqualTo(-1);
    }

    @Test
    void plmnIds() {
        for (String plmn : new String[] {"23415", "310415", "99999", "999999", "00101"}) {
            assertThat(read(w -> w.vendor(AvpCode.VISITED_PLMN_ID, DiameterWriter.plmnId(plmn)))).isNull();
            assertThat(event().visitedPlmnId()).isEqualTo(plmn);
        }
        byte[] good = DiameterWriter.plmnId("23415");
        for (int octet = 0; octet < 3; octet++) {
            for (int nibble : new int[] {0x0A, 0xA0}) {
                byte[] bad = Arrays.copyOf(good, 3);
                bad[octet] = (byte) (nibble == 0x0A ? (bad[octet] & 0xF0) | 0x0A : (bad[octet] & 0x0F) | 0xA0);
                assertThat(read(w -> w.vendor(AvpCode.VISITED_PLMN_ID, bad))).as("octet %d nibble %x", octet, nibble)
                        .isEqualTo("bad-plmn-id");
            }
        }
        assertThat(read(w -> w.vendor(AvpCode.VISITED_PLMN_ID, new byte[4]))).isEqualTo("bad-plmn-id");
    }

    @Test
    void servingNodes() {
        assertThat(read(w -> w.vendorGroup(AvpCode.SERVING_NODE, g -> g.vendor(AvpCode.SGSN_NAME, "sgsn1.example")
                .vendor(AvpCode.SGSN_NUMBER, DiameterWriter.tbcd("4477001"))))).isNull();
        assertThat(event().servingNode()).as("a name before a number").isEqualTo("sgsn1.example");
        assertThat(read(w -> w.vendorGroup(AvpCode.SERVING_NODE, g -> g.vendor(AvpCode.MME_NUMBER_FOR_MT_SMS,
                DiameterWriter.tbcd("4477002"))))).isNull();
        assertThat(event().servingNode()).isEqualTo("4477002");
        assertThat(read(w -> w.vendorGroup(AvpCode.SERVING_NODE, g -> g.vendor(AvpCode.MSC_NUMBER, new byte[] {(byte) 0xBB}))))
                .isEqualTo("bad-serving-node-number");
        assertThat(read(w -> w.vendorGroup(AvpCode.SERVING_NODE, g -> g.vendor(AvpCode.MME_REALM, "x")))).isNull();
        assertThat(event().servingNode()).isNull();
    }

    @Test
    void otherVendorsAreNotRead() {
        assertThat(read(w -> w.avp(AvpCode.MSISDN, Avp.FLAG_VENDOR, 9, DiameterWriter.tbcd("15551234"))
                .avp(AvpCode.USER_NAME, Avp.FLAG_VENDOR, V, "001010000000001".getBytes()))).isNull();
        assertThat(event().msisdn()).isNull();
        assertThat(event().imsi()).isNull();
    }
}
