package io.swapguard.taps;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.MapEvent;
import io.swapguard.event.SccpAddress;
import io.swapguard.event.SignalEvent;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.NetworkOrder;
import io.swapguard.ss7.m2ua.M2uaEncoder;
import io.swapguard.ss7.map.MapEncoder;
import io.swapguard.ss7.sccp.SccpEncoder;
import io.swapguard.ss7.sctp.SctpDecoder;
import io.swapguard.ss7.sua.SuaEncoder;
import io.swapguard.ss7.tcap.TcapEncoder;
import io.swapguard.ss7.wire.MapConversations;
import io.swapguard.ss7.wire.SigtranLink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * M2UA and SUA beside M3UA: what each adaptation's link carries besides data is counted by class,
 * broken lengths are rejected by reason, and data reaches MAP with the same identities. The
 * tshark agreement of whole captures is in {@link TsharkOracleTest}.
 */
class AdaptationLayerTest {

    static final SccpAddress HLR = MapConversations.gt("6281100001", 6);
    static final SccpAddress VLR = MapConversations.gt("6281100101", 7);
    static final String IMSI = "510101234567890";

    final List<SignalEvent> events = new ArrayList<>();
    final DecodeCounters counters = new DecodeCounters();
    final ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), counters, events::add, null);

    SigtranLink link(int ppid) {
        return SigtranLink.between((ts, lt, f) -> pipeline.frame("t", ts, lt, f, 0, f.length),
                SigtranLink.Options.ethernet().withAdaptation(ppid), 1, 2);
    }

    static byte[] sai(int otid) {
        return TcapEncoder.begin(otid, TcapEncoder.Dialogue.aarq(14, 3),
                List.of(TcapEncoder.Component.invoke(1, 56, MapEncoder.sendAuthenticationInfo(3, IMSI))));
    }

    /** An adaptation header (version 1) of this class and type around {@code body}. */
    static byte[] message(int messageClass, int type, byte[] body) {
        byte[] m = new byte[8 + body.length];
        m[0] = 1;
        m[2] = (byte) messageClass;
        m[3] = (byte) type;
        NetworkOrder.put32(m, 4, m.length);
        System.arraycopy(body, 0, m, 8, body.length);
        return m;
    }

    static byte[] parameter(int tag, byte[] value) {
        byte[] p = new byte[(4 + value.length + 3) & ~3];
        NetworkOrder.put16(p, 0, tag);
        NetworkOrder.put16(p, 2, 4 + value.length);
        System.arraycopy(value, 0, p, 4, value.length);
        return p;
    }

    static byte[] concat(byte[]... parts) {
        byte[] all = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @Test
    void m2uaDataReachesMapWithTheMtp3PointCodes() {
        SigtranLink l = link(SctpDecoder.PPID_M2UA);
        l.sendM3ua(1, true, M2uaEncoder.data(7, 0x1234, 0x0321, 3, 2, 5, SccpEncoder.udt(1, HLR, VLR, sai(9))));
        l.flush();
        MapEvent e = (MapEvent) events.get(0);
        assertThat(events).hasSize(1);
        assertThat(e.imsi().digits()).isEqualTo(IMSI);
        assertThat(e.opc()).isEqualTo(0x1234);
        assertThat(e.dpc()).isEqualTo(0x0321);
        assertThat(e.calling().gtDigits()).isEqualTo("6281100101");
        assertThat(counters.decoded(Layer.M2UA)).isEqualTo(1);
        assertThat(counters.rejectedTotal()).isZero();
    }

    @Test
    void m2uaProtocolData2SkipsItsTtcPriorityOctet() {
        byte[] data1 = M2uaEncoder.data(7, 100, 200, 3, 2, 0, SccpEncoder.udt(1, HLR, VLR, sai(10)));
        // Rebuild as Protocol Data 2: same MTP3 message behind one priority octet.
        int pdLength = NetworkOrder.u16(data1, 18);
        byte[] mtp3 = Arrays.copyOfRange(data1, 20, 16 + pdLength);
        byte[] withPriority = concat(new byte[] {3}, mtp3);
        byte[] m = message(6, 1, concat(parameter(0x0001, new byte[] {0, 0, 0, 7}), parameter(0x0301, withPriority)));
        SigtranLink l = link(SctpDecoder.PPID_M2UA);
        l.sendM3ua(1, true, m);
        l.flush();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(((MapEvent) e).opc()).isEqualTo(100);
            assertThat(((MapEvent) e).imsi().digits()).isEqualTo(IMSI);
        });
    }

    @Test
    void m2uaLinkControlManagementAndNonSccpAreCountedNotDecoded() {
        SigtranLink l = link(SctpDecoder.PPID_M2UA);
        l.sendM3ua(1, true, message(6, 9, parameter(0x0001, new byte[] {0, 0, 0, 1}))); // MAUP State Indication
        l.sendM3ua(2, true, message(3, 3, new byte[0])); // ASPSM BEAT
        l.sendM3ua(3, true, message(10, 1, new byte[0])); // IIM
        l.sendM3ua(4, true, M2uaEncoder.data(1, 1, 2, 1, 2, 0, new byte[] {0x11, 0x20, 1, 2})); // SLTM (SI 1)
        l.sendM3ua(5, true, message(6, 1, parameter(0x0300, new byte[] {3, 1, 2}))); // shorter than a label
        l.sendM3ua(6, true, message(6, 1, parameter(0x0001, new byte[] {0, 0, 0, 1}))); // no protocol data
        byte[] lying = message(6, 1, parameter(0x0300, new byte[8]));
        NetworkOrder.put16(lying, 10, 200); // a parameter longer than its message
        l.sendM3ua(7, true, lying);
        byte[] badVersion = message(6, 1, new byte[0]);
        badVersion[0] = 2;
        l.sendM3ua(8, true, badVersion);
        l.flush();
        assertThat(events).isEmpty();
        assertThat(counters.ignored(Layer.M2UA, "maup-link-control")).isEqualTo(1);
        assertThat(counters.ignored(Layer.M2UA, "aspsm")).isEqualTo(1);
        assertThat(counters.ignored(Layer.M2UA, "iim")).isEqualTo(1);
        assertThat(counters.ignored(Layer.M2UA, "not-sccp")).isEqualTo(1);
        assertThat(counters.rejected(Layer.M2UA, "mtp3-shorter-than-routing-label")).isEqualTo(1);
        assertThat(counters.rejected(Layer.M2UA, "data-without-protocol-data")).isEqualTo(1);
        assertThat(counters.rejected(Layer.M2UA, "bad-parameter-length")).isEqualTo(1);
        assertThat(counters.rejected(Layer.M2UA, "bad-version")).isEqualTo(1);
    }

    @Test
    void suaCldtReachesMapWithTheAddressesPointCodes() {
        SccpAddress hlr = new SccpAddress(false, 4001, 6, null); // route on PC + SSN, no GT
        SccpAddress vlr = new SccpAddress(true, 4002, 7, VLR.globalTitle());
        SigtranLink l = link(SctpDecoder.PPID_SUA);
        l.sendM3ua(1, true, SuaEncoder.cldt(5, 1, hlr, vlr, sai(11)));
        l.flush();
        assertThat(events).singleElement().satisfies(s -> {
            MapEvent e = (MapEvent) s;
            assertThat(e.imsi().digits()).isEqualTo(IMSI);
            assertThat(e.opc()).isEqualTo(4002);
            assertThat(e.dpc()).isEqualTo(4001);
            assertThat(e.called().routeOnGt()).isFalse();
            assertThat(e.called().ssn()).isEqualTo(6);
            assertThat(e.calling().gtDigits()).isEqualTo("6281100101");
            assertThat(e.calling().globalTitle().natureOfAddress()).isEqualTo(VLR.globalTitle().natureOfAddress());
        });
        assertThat(counters.decoded(Layer.SUA)).isEqualTo(1);
        assertThat(counters.rejectedTotal()).isZero();
    }

    @Test
    void suaSegmentsAreReassembledIntoOneMessage() {
        byte[] cldt = SuaEncoder.cldt(-1, 1, HLR, VLR, sai(12));
        // Split the Data parameter in two CLDTs that carry a Segmentation parameter each.
        int dataAt = indexOfTag(cldt, 0x010B);
        byte[] head = Arrays.copyOfRange(cldt, 8, dataAt);
        byte[] tcap = sai(12);
        int half = tcap.length / 2;
        SigtranLink l = link(SctpDecoder.PPID_SUA);
        l.sendM3ua(1, true, message(7, 1, concat(head, parameter(0x0117, new byte[] {(byte) 0x81, 0, 0, 42}),
                parameter(0x010B, Arrays.copyOfRange(tcap, 0, half)))));
        l.sendM3ua(2, true, message(7, 1, concat(head, parameter(0x0117, new byte[] {0x00, 0, 0, 42}),
                parameter(0x010B, Arrays.copyOfRange(tcap, half, tcap.length)))));
        l.flush();
        assertThat(events).singleElement().satisfies(e -> assertThat(((MapEvent) e).imsi().digits()).isEqualTo(IMSI));
        assertThat(counters.ignored(Layer.SCCP, "segment-awaiting-rest")).isEqualTo(1);
    }

    @Test
    void suaReturnedConnectionOrientedManagementAndBrokenMessagesAreCounted() {
        byte[] cldt = SuaEncoder.cldt(1, 1, HLR, VLR, sai(13));
        SigtranLink l = link(SctpDecoder.PPID_SUA);
        byte[] cldr = cldt.clone();
        cldr[3] = 2; // CLDR: returned undelivered
        l.sendM3ua(1, true, cldr);
        l.sendM3ua(2, true, message(8, 1, new byte[0])); // CORE
        l.sendM3ua(3, true, message(2, 1, new byte[0])); // DUNA
        l.sendM3ua(4, true, message(7, 1, parameter(0x010B, sai(14)))); // data without addresses
        byte[] badGt = cldt.clone();
        badGt[indexOfTag(badGt, 0x8001) + 7] = 9; // GTI 9
        l.sendM3ua(5, true, badGt);
        byte[] lying = cldt.clone();
        NetworkOrder.put16(lying, 8 + 2, 0xFFF0);
        l.sendM3ua(6, true, lying);
        l.flush();
        assertThat(events).isEmpty();
        assertThat(counters.ignored(Layer.SCCP, "service-message")).isEqualTo(1);
        assertThat(counters.ignored(Layer.SUA, "connection-oriented")).isEqualTo(1);
        assertThat(counters.ignored(Layer.SUA, "ssnm")).isEqualTo(1);
        assertThat(counters.rejected(Layer.SUA, "missing-mandatory-parameter")).isEqualTo(1);
        assertThat(counters.rejected(Layer.SUA, "bad-global-title")).isEqualTo(1);
        assertThat(counters.rejected(Layer.SUA, "bad-parameter-length")).isEqualTo(1);
    }

    /** Offset of the first (top-level or nested) parameter with this tag, scanning on 4-octet steps. */
    static int indexOfTag(byte[] m, int tag) {
        for (int p = 8; p + 4 <= m.length; p += 4) {
            if (NetworkOrder.u16(m, p) == tag) {
                return p;
            }
        }
        throw new AssertionError("no parameter " + Integer.toHexString(tag));
    }
}
