package io.swapguard.ss7.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.MapOperation;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The lenient identity scan on parameters written element by element from the TS 29.002 ASN.1
 * (every MAP version's place for each identity), with BER and TBCD built here by hand: what each
 * operation's argument or result plainly carries is read, the rest is not guessed, and values
 * that are not valid identities are left out. In this package because the scan is the decoder's
 * own fallback, not a public type.
 */
class MapIdentityScanTest {

    private static final String IMSI = "510100123456789";
    private static final String MSISDN = "6281234567890";
    private static final String IMEI = "35693803564380";
    private static final String MSC = "6281100101";
    private static final String VLR = "6281100102";
    private static final String SGSN = "6281100103";
    private static final String HLR = "6281100001";
    private static final String SMSC = "6281100900";
    private static final String ROAMING = "6281199001";
    private static final String FORWARD = "447700900123";

    /** One BER element: identifier octet, a short or long definite length, the contents. */
    static byte[] tlv(int identifier, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] c : contents) {
            body.writeBytes(c);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(identifier);
        int n = body.size();
        if (n < 0x80) {
            out.write(n);
        } else {
            out.write(0x81);
            out.write(n);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** TBCD: two digits an octet, the first in the low nibble, F after an odd count. */
    static byte[] tbcd(String digits) {
        byte[] out = new byte[(digits.length() + 1) / 2];
        for (int i = 0; i < out.length; i++) {
            int lo = digits.charAt(2 * i) - '0';
            int hi = 2 * i + 1 < digits.length() ? digits.charAt(2 * i + 1) - '0' : 0x0F;
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** An ISDN-AddressString: international, E.164, then TBCD. */
    static byte[] address(String digits) {
        byte[] d = tbcd(digits);
        byte[] out = new byte[d.length + 1];
        out[0] = (byte) 0x91;
        System.arraycopy(d, 0, out, 1, d.length);
        return out;
    }

    static byte[] seq(byte[]... elements) {
        return tlv(0x30, elements);
    }

    private static MapParameter argument(MapOperation op, byte[] parameter) {
        return scan(op, true, parameter);
    }

    private static MapParameter result(MapOperation op, byte[] parameter) {
        return scan(op, false, parameter);
    }

    private static MapParameter scan(MapOperation op, boolean request, byte[] parameter) {
        MapParameter.Builder out = new MapParameter.Builder();
        boolean found = MapIdentityScan.scan(op, request, parameter, out);
        MapParameter p = out.build();
        assertThat(found).as("found something iff something was set").isEqualTo(!p.equals(new MapParameter.Builder().build()));
        return p;
    }

    private static String imsi(MapParameter p) {
        return p.imsi() == null ? null : p.imsi().digits();
    }

    private static String msisdn(MapParameter p) {
        return p.msisdn() == null ? null : p.msisdn().digits();
    }

    @Test
    void locationUpdatesNameTheSubscriberAndItsNodes() {
        MapParameter ul = argument(MapOperation.UPDATE_LOCATION,
                seq(tlv(0x04, tbcd(IMSI)), tlv(0x81, address(MSC)), tlv(0x04, address(VLR))));
        assertThat(imsi(ul)).isEqualTo(IMSI);
        assertThat(ul.mscNumber()).isEqualTo(MSC);
        assertThat(ul.vlrNumber()).isEqualTo(VLR);
        assertThat(ul.sgsnNumber()).isNull();
        MapParameter gprs = argument(MapOperation.UPDATE_GPRS_LOCATION,
                seq(tlv(0x04, tbcd(IMSI)), tlv(0x04, address(SGSN)), tlv(0x04, new byte[] {1, 2})));
        assertThat(imsi(gprs)).isEqualTo(IMSI);
        assertThat(gprs.sgsnNumber()).isEqualTo(SGSN);
        assertThat(gprs.vlrNumber()).isNull();
        assertThat(result(MapOperation.UPDATE_LOCATION, seq(tlv(0x04, address(HLR)))).hlrNumber()).isEqualTo(HLR);
        assertThat(result(MapOperation.UPDATE_GPRS_LOCATION, seq(tlv(0x04, address(HLR)))).hlrNumber()).isEqualTo(HLR);
    }

    @Test
    void cancelAndPurgeInEveryVersion() {
        assertThat(imsi(argument(MapOperation.CANCEL_LOCATION, seq(tlv(0x04, tbcd(IMSI)))))).as("identity: imsi").isEqualTo(IMSI);
        assertThat(imsi(argument(MapOperation.CANCEL_LOCATION, seq(seq(tlv(0x04, tbcd(IMSI)), tlv(0x04, new byte[] {1, 2, 3, 4}))))))
                .as("identity: imsi-WithLMSI").isEqualTo(IMSI);
        assertThat(imsi(argument(MapOperation.RESTORE_DATA, seq(tlv(0x04, tbcd(IMSI)))))).isEqualTo(IMSI);
        MapParameter nsdm = argument(MapOperation.NOTE_SUBSCRIBER_DATA_MODIFIED,
                seq(tlv(0x04, tbcd(IMSI)), tlv(0x04, address(MSISDN))));
        assertThat(imsi(nsdm)).isEqualTo(IMSI);
        assertThat(msisdn(nsdm)).isEqualTo(MSISDN);
        assertThat(msisdn(argument(MapOperation.CANCEL_LOCATION, seq(tlv(0x04, tbcd(IMSI)), tlv(0x04, address(MSISDN))))))
                .as("only NoteSubscriberDataModified has an MSISDN second").isNull();

        MapParameter v3 = argument(MapOperation.PURGE_MS,
                tlv(0xA3, tlv(0x04, tbcd(IMSI)), tlv(0x80, address(VLR)), tlv(0x81, address(SGSN))));
        assertThat(imsi(v3)).isEqualTo(IMSI);
        assertThat(v3.vlrNumber()).isEqualTo(VLR);
        assertThat(v3.sgsnNumber()).isEqualTo(SGSN);
        MapParameter v2 = argument(MapOperation.PURGE_MS, seq(tlv(0x04, tbcd(IMSI)), tlv(0x04, address(VLR))));
        assertThat(v2.vlrNumber()).isEqualTo(VLR);
        assertThat(v2.sgsnNumber()).isNull();
    }

    @Test
    void theSubscriberOfAuthenticationDataAndInterrogations() {
        assertThat(imsi(argument(MapOperation.SEND_AUTHENTICATION_INFO, tlv(0x04, tbcd(IMSI))))).as("v2: a bare IMSI").isEqualTo(IMSI);
        assertThat(imsi(argument(MapOperation.SEND_AUTHENTICATION_INFO, seq(tlv(0x80, tbcd(IMSI)), tlv(0x02, new byte[] {5})))))
                .as("v3: [0] in a sequence").isEqualTo(IMSI);
        MapParameter isd = argument(MapOperation.INSERT_SUBSCRIBER_DATA, seq(tlv(0x80, tbcd(IMSI)), tlv(0x81, address(MSISDN))));
        assertThat(imsi(isd)).isEqualTo(IMSI);
        assertThat(msisdn(isd)).isEqualTo(MSISDN);
        for (MapOperation op : new MapOperation[] {MapOperation.DELETE_SUBSCRIBER_DATA, MapOperation.PROVIDE_SUBSCRIBER_INFO,
            MapOperation.SEND_ROUTING_INFO_FOR_GPRS, MapOperation.READY_FOR_SM, MapOperation.SEND_PARAMETERS}) {
            assertThat(imsi(argument(op, seq(tlv(0x80, tbcd(IMSI)))))).as(op.name()).isEqualTo(IMSI);
            assertThat(imsi(argument(op, seq(tlv(0x81, tbcd(IMSI)))))).as(op.name() + " [1] is not the IMSI").isNull();
        }
        for (MapOperation op : new MapOperation[] {MapOperation.ANY_TIME_INTERROGATION,
            MapOperation.ANY_TIME_SUBSCRIPTION_INTERROGATION, MapOperation.ANY_TIME_MODIFICATION}) {
            assertThat(imsi(argument(op, seq(tlv(0xA0, tlv(0x80, tbcd(IMSI))))))).as(op.name()).isEqualTo(IMSI);
            assertThat(msisdn(argument(op, seq(tlv(0xA0, tlv(0x81, address(MSISDN))))))).as(op.name()).isEqualTo(MSISDN);
            assertThat(argument(op, seq(tlv(0xA1, tlv(0x81, address(MSISDN))))).msisdn()).isNull();
        }
        MapParameter lcs = argument(MapOperation.SEND_ROUTING_INFO_FOR_LCS,
                seq(tlv(0x80, address(MSC)), tlv(0xA1, tlv(0x80, tbcd(IMSI)))));
        assertThat(imsi(lcs)).isEqualTo(IMSI);
        assertThat(msisdn(argument(MapOperation.SEND_ROUTING_INFO_FOR_LCS, seq(tlv(0xA1, tlv(0x81, address(MSISDN)))))))
                .isEqualTo(MSISDN);
        assertThat(argument(MapOperation.SEND_ROUTING_INFO_FOR_LCS, seq(tlv(0xA0, tlv(0x80, tbcd(IMSI))))).imsi()).isNull();
        MapParameter psl = argument(MapOperation.PROVIDE_SUBSCRIBER_LOCATION, seq(tlv(0x30, tlv(0x80, new byte[] {0})),
                tlv(0x81, address(MSC)), tlv(0x82, tbcd(IMSI)), tlv(0x83, address(MSISDN)), tlv(0x85, tbcd(IMEI))));
        assertThat(imsi(psl)).isEqualTo(IMSI);
        assertThat(msisdn(psl)).isEqualTo(MSISDN);
        assertThat(psl.imei().digits()).isEqualTo(IMEI);
    }

    @Test
    void routingInterrogationsAndTheirResults() {
        MapParameter srism = argument(MapOperation.SEND_ROUTING_INFO_FOR_SM,
                seq(tlv(0x80, address(MSISDN)), tlv(0x81, new byte[] {0}), tlv(0x82, address(SMSC))));
        assertThat(msisdn(srism)).isEqualTo(MSISDN);
        assertThat(srism.smscAddress()).isEqualTo(SMSC);
        MapParameter toMsc = result(MapOperation.SEND_ROUTING_INFO_FOR_SM,
                seq(tlv(0x04, tbcd(IMSI)), tlv(0xA0, tlv(0x81, address(MSC)))));
        assertThat(imsi(toMsc)).isEqualTo(IMSI);
        assertThat(toMsc.mscNumber()).isEqualTo(MSC);
        assertThat(toMsc.sgsnNumber()).isNull();
        MapParameter toSgsn = result(MapOperation.SEND_ROUTING_INFO_FOR_SM,
                seq(tlv(0x04, tbcd(IMSI)), tlv(0xA0, tlv(0x81, address(SGSN)), tlv(0x85, new byte[0]))));
        assertThat(toSgsn.sgsnNumber()).as("gprsNodeIndicator: the node is an SGSN").isEqualTo(SGSN);
        assertThat(toSgsn.mscNumber()).isNull();

        assertThat(msisdn(argument(MapOperation.SEND_ROUTING_INFO, seq(tlv(0x80, address(MSISDN)))))).isEqualTo(MSISDN);
        MapParameter v2 = result(MapOperation.SEND_ROUTING_INFO, seq(tlv(0x04, tbcd(IMSI)), tlv(0x04, address(ROAMING))));
        assertThat(imsi(v2)).isEqualTo(IMSI);
        assertThat(v2.roamingNumber()).isEqualTo(ROAMING);
        assertThat(v2.mscNumber()).isNull();
        MapParameter forwarded = result(MapOperation.SEND_ROUTING_INFO,
                seq(tlv(0x04, tbcd(IMSI)), seq(tlv(0x85, address(FORWARD)))));
        assertThat(forwarded.forwardedToNumber()).isEqualTo(FORWARD);
        assertThat(forwarded.roamingNumber()).isNull();
        MapParameter v3 = result(MapOperation.SEND_ROUTING_INFO,
                tlv(0xA3, tlv(0x89, tbcd(IMSI)), tlv(0x04, address(ROAMING)), tlv(0x82, address(MSC))));
        assertThat(imsi(v3)).isEqualTo(IMSI);
        assertThat(v3.roamingNumber()).as("v3: the first OCTET STRING, the IMSI being [9]").isEqualTo(ROAMING);
        assertThat(v3.mscNumber()).isEqualTo(MSC);
        assertThat(result(MapOperation.SEND_ROUTING_INFO, seq(tlv(0x04, tbcd(IMSI)), tlv(0x82, address(MSC)))).mscNumber())
                .as("[2] is the vmsc-Address only in v3").isNull();
    }

    @Test
    void shortMessageOperationsNameSubscriberAndCentre() {
        assertThat(msisdn(argument(MapOperation.SEND_IMSI, tlv(0x04, address(MSISDN))))).isEqualTo(MSISDN);
        assertThat(imsi(result(MapOperation.SEND_IMSI, tlv(0x04, tbcd(IMSI))))).isEqualTo(IMSI);
        for (MapOperation op : new MapOperation[] {MapOperation.REPORT_SM_DELIVERY_STATUS, MapOperation.ALERT_SERVICE_CENTRE}) {
            MapParameter p = argument(op, seq(tlv(0x04, address(MSISDN)), tlv(0x04, address(SMSC))));
            assertThat(msisdn(p)).as(op.name()).isEqualTo(MSISDN);
            assertThat(p.smscAddress()).as(op.name()).isEqualTo(SMSC);
        }
        MapParameter isc = argument(MapOperation.INFORM_SERVICE_CENTRE, seq(tlv(0x04, address(MSISDN)), tlv(0x04, address(SMSC))));
        assertThat(msisdn(isc)).isEqualTo(MSISDN);
        assertThat(isc.smscAddress()).isNull();

        byte[] ui = tlv(0x04, new byte[] {0x04, 0x00});
        MapParameter mt = argument(MapOperation.MT_FORWARD_SM, seq(tlv(0x80, tbcd(IMSI)), tlv(0x84, address(SMSC)), ui));
        assertThat(imsi(mt)).isEqualTo(IMSI);
        assertThat(mt.smscAddress()).isEqualTo(SMSC);
        MapParameter mo = argument(MapOperation.MO_FORWARD_SM,
                seq(tlv(0x84, address(SMSC)), tlv(0x82, address(MSISDN)), ui, tlv(0x04, tbcd(IMSI))));
        assertThat(mo.smscAddress()).isEqualTo(SMSC);
        assertThat(msisdn(mo)).isEqualTo(MSISDN);
        assertThat(imsi(mo)).as("v3 MO-ForwardSM: the IMSI after sm-RP-UI").isEqualTo(IMSI);
        MapParameter daImsiFirst = argument(MapOperation.MT_FORWARD_SM,
                seq(tlv(0x80, tbcd(IMSI)), tlv(0x84, address(SMSC)), ui, tlv(0x04, tbcd("510109999999999"))));
        assertThat(imsi(daImsiFirst)).as("sm-RP-DA's IMSI wins over a later OCTET STRING").isEqualTo(IMSI);
        MapParameter other = argument(MapOperation.MT_FORWARD_SM, seq(tlv(0x81, new byte[] {1, 2, 3, 4}), tlv(0x83, new byte[0]), ui));
        assertThat(other.imsi()).as("an LMSI and no originator: nothing").isNull();
        assertThat(other.smscAddress()).isNull();
        assertThat(argument(MapOperation.MT_FORWARD_SM, seq(tlv(0x80, tbcd(IMSI)))).imsi())
                .as("fewer than two elements: not a ForwardSM argument").isNull();
    }

    @Test
    void equipmentAndSupplementaryServices() {
        assertThat(argument(MapOperation.CHECK_IMEI, tlv(0x04, tbcd(IMEI))).imei().digits()).as("v2: a bare IMEI").isEqualTo(IMEI);
        assertThat(argument(MapOperation.CHECK_IMEI, seq(tlv(0x04, tbcd(IMEI + "12")), tlv(0x03, new byte[] {0}))).imei().digits())
                .as("v3: in a sequence, 16 digits (IMEISV)").isEqualTo(IMEI + "12");
        assertThat(argument(MapOperation.CHECK_IMEI, tlv(0x04, tbcd("3569380356"))).imei()).as("too short for an IMEI").isNull();

        MapParameter reg = argument(MapOperation.REGISTER_SS, seq(tlv(0x04, new byte[] {0x21}), tlv(0x84, address(FORWARD))));
        assertThat(reg.ssCode()).as("CFU").isEqualTo(0x21);
        assertThat(reg.forwardedToNumber()).isEqualTo(FORWARD);
        for (MapOperation op : new MapOperation[] {MapOperation.ACTIVATE_SS, MapOperation.DEACTIVATE_SS, MapOperation.ERASE_SS,
            MapOperation.INTERROGATE_SS}) {
            assertThat(argument(op, seq(tlv(0x04, new byte[] {(byte) 0xA1}))).ssCode()).as(op.name()).isEqualTo(0xA1);
        }
        assertThat(argument(MapOperation.ACTIVATE_SS, seq(tlv(0x04, new byte[] {0x21, 0x00}))).ssCode())
                .as("an SS-Code is one octet").isEqualTo(-1);
        assertThat(msisdn(argument(MapOperation.PROCESS_UNSTRUCTURED_SS_REQUEST,
                seq(tlv(0x04, new byte[] {0x0F}), tlv(0x04, new byte[] {0x2A}), tlv(0x80, address(MSISDN)))))).isEqualTo(MSISDN);
    }

    @Test
    void whatIsNotAValidIdentityIsLeftOut() {
        assertThat(argument(MapOperation.SEND_ROUTING_INFO, seq(tlv(0x80, address("62812345678901234567")))).msisdn())
                .as("longer than an MSISDN").isNull();
        assertThat(argument(MapOperation.UPDATE_LOCATION, seq(tlv(0x04, tbcd("5101")))).imsi()).as("too short for an IMSI").isNull();
        assertThat(argument(MapOperation.UPDATE_LOCATION, seq(tlv(0x24, tlv(0x04, tbcd(IMSI))))).imsi())
                .as("a constructed element is not an IMSI").isNull();
        byte[] star = address(MSC);
        star[2] = (byte) 0xA8; // '*' where a digit should be
        assertThat(argument(MapOperation.UPDATE_LOCATION, seq(tlv(0x04, tbcd(IMSI)), tlv(0x81, star))).mscNumber())
                .as("TBCD specials are not a node number").isNull();
        assertThat(argument(MapOperation.UPDATE_LOCATION, seq(tlv(0x04, tbcd(IMSI)), tlv(0x81, new byte[] {(byte) 0x91}))).mscNumber())
                .as("an address without digits").isNull();
        assertThat(argument(MapOperation.UPDATE_LOCATION, seq(tlv(0x04, tbcd(IMSI)), tlv(0xA1, tlv(0x04, address(MSC))))).mscNumber())
                .as("a constructed address").isNull();
        String longest = "6".repeat(MapParameter.MAX_NUMBER_DIGITS);
        assertThat(argument(MapOperation.UPDATE_LOCATION, seq(tlv(0x04, tbcd(IMSI)), tlv(0x81, address(longest)))).mscNumber())
                .isEqualTo(longest);
        assertThat(argument(MapOperation.UPDATE_LOCATION, seq(tlv(0x04, tbcd(IMSI)), tlv(0x81, address(longest + "6")))).mscNumber())
                .as("one digit past the bound").isNull();
        assertThat(MapIdentityScan.scan(MapOperation.UPDATE_LOCATION, true, new byte[0], new MapParameter.Builder()))
                .as("an empty parameter").isFalse();
        assertThat(MapIdentityScan.scan(MapOperation.RESET, true, seq(tlv(0x04, tbcd(IMSI))), new MapParameter.Builder()))
                .as("an operation with nothing at a known place").isFalse();
        assertThat(MapIdentityScan.scan(MapOperation.CHECK_IMEI, false, tlv(0x0A, new byte[] {0}), new MapParameter.Builder()))
                .isFalse();
    }

    @Test
    void onlyTheFirstSixtyFourElementsAreRead() {
        for (int before : new int[] {62, 63}) {
            byte[][] elements = new byte[before + 2][];
            elements[0] = tlv(0x04, tbcd(IMSI));
            for (int i = 1; i <= before; i++) {
                elements[i] = tlv(0x85, new byte[] {1});
            }
            elements[before + 1] = tlv(0x81, address(MSC));
            MapParameter p = argument(MapOperation.UPDATE_LOCATION, seq(elements));
            assertThat(p.mscNumber()).as("the MSC number as element %d", before + 2).isEqualTo(before + 2 <= 64 ? MSC : null);
        }
    }
}
