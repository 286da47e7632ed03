package io.swapguard.taps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.swapguard.event.GlobalTitle;
import io.swapguard.event.MapEvent;
import io.swapguard.event.SccpAddress;
import io.swapguard.event.SignalEvent;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.ber.BerReader;
import io.swapguard.ss7.m3ua.M3uaEncoder;
import io.swapguard.ss7.map.MapEncoder;
import io.swapguard.ss7.sccp.SccpAddressCodec;
import io.swapguard.ss7.sccp.SccpDecoder;
import io.swapguard.ss7.sccp.SccpEncoder;
import io.swapguard.ss7.sccp.SccpMessage;
import io.swapguard.ss7.sctp.SctpDecoder;
import io.swapguard.ss7.sctp.SctpPacketBuilder;
import io.swapguard.ss7.tcap.TcapDecoder;
import io.swapguard.ss7.tcap.TcapEncoder;
import io.swapguard.ss7.tcap.TcapMessage;
import io.swapguard.ss7.wire.MapConversations;
import io.swapguard.ss7.wire.SigtranLink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Corners of the codecs that the traffic tour does not reach. */
class CodecEdgeTest {

    @Test
    void everyGlobalTitleIndicatorRoundTrips() {
        for (GlobalTitle gt : List.of(new GlobalTitle(1, 0, 0, 4, "4477009001"), new GlobalTitle(2, 7, 0, 0, "12345"),
                new GlobalTitle(3, 0, 7, 0, "51010123456789"), new GlobalTitle(4, 0, 1, 4, "628110000100f".substring(0, 12)),
                new GlobalTitle(4, 0, 1, 4, "6281100001a"))) {
            SccpAddress a = new SccpAddress(true, 1234, 6, gt);
            byte[] enc = SccpAddressCodec.encode(a);
            assertThat(SccpAddressCodec.decode(enc, 0, enc.length)).isEqualTo(a);
        }
        SccpAddress onSsn = new SccpAddress(false, 0x3FFF, 8, null);
        byte[] enc = SccpAddressCodec.encode(onSsn);
        assertThat(SccpAddressCodec.decode(enc, 0, enc.length)).isEqualTo(onSsn);
    }

    @Test
    void berReaderRefusesLengthsBeyondTheBuffer() {
        byte[] lies = {0x30, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x02, 0x01, 0x00};
        assertThat(catchThrowable(() -> BerReader.validate(Layer.MAP, lies, 0, lies.length)))
                .isInstanceOf(Rejection.class).hasMessageContaining("ber-bad-length");
        byte[] tooLong = {0x30, 0x10, 0x02, 0x01, 0x00};
        assertThat(catchThrowable(() -> BerReader.validate(Layer.MAP, tooLong, 0, tooLong.length)))
                .hasMessageContaining("ber-truncated");
        byte[] nested = new byte[2 * 40];
        for (int i = 0; i < 40; i++) {
            nested[2 * i] = 0x30;
            nested[2 * i + 1] = (byte) 0x80; // indefinite, never closed
        }
        assertThat(catchThrowable(() -> BerReader.validate(Layer.MAP, nested, 0, nested.length)))
                .isInstanceOf(Rejection.class);
        byte[] indefiniteOk = {0x30, (byte) 0x80, 0x02, 0x01, 0x05, 0x00, 0x00};
        BerReader.validate(Layer.MAP, indefiniteOk, 0, indefiniteOk.length);
    }

    @Test
    void tcapDecodesIndefiniteLengthsAndKeepsMapOpenReferences() {
        byte[] begin = TcapEncoder.begin(0x01020304L, TcapEncoder.Dialogue.aarq(18, 2, "510101234567890", "6281100101"),
                List.of(TcapEncoder.Component.invoke(5, 10, MapEncoder.registerSs(0x21, "447700900555"))));
        TcapMessage m = TcapDecoder.decode(begin, 0, begin.length);
        assertThat(m.otid()).isEqualTo(0x01020304L);
        assertThat(m.applicationContext()).isEqualTo(18);
        assertThat(m.applicationContextVersion()).isEqualTo(2);
        assertThat(m.destinationReference()).isEqualTo("510101234567890");
        assertThat(m.originatingReference()).isEqualTo("6281100101");
        assertThat(m.components()).singleElement().satisfies(c -> {
            assertThat(c.invokeId()).isEqualTo(5);
            assertThat(c.opCode()).isEqualTo(10);
        });
        // The same message with the outer length made indefinite, as some stacks send it.
        byte[] indefinite = new byte[begin.length + 2];
        indefinite[0] = begin[0];
        indefinite[1] = (byte) 0x80;
        int headerLength = (begin[1] & 0x80) == 0 ? 2 : 2 + (begin[1] & 0x7F);
        System.arraycopy(begin, headerLength, indefinite, 2, begin.length - headerLength);
        int end = 2 + begin.length - headerLength;
        TcapMessage again = TcapDecoder.decode(indefinite, 0, end + 2);
        assertThat(again.otid()).isEqualTo(m.otid());
        assertThat(again.components()).hasSize(1);
    }

    @Test
    void managementAndServiceMessagesAreCountedNotDecoded() {
        List<SignalEvent> events = new ArrayList<>();
        DecodeCounters counters = new DecodeCounters();
        ProbePipeline p = new ProbePipeline(ProbeSettings.defaults(), counters, events::add, null);
        SigtranLink link = SigtranLink.between((ts, lt, f) -> p.frame("t", ts, lt, f, 0, f.length),
                SigtranLink.Options.ethernet(), 1, 2);
        link.sendM3ua(1, true, M3uaEncoder.beat());
        SccpAddress hlr = MapConversations.gt("6281100001", 6);
        SccpAddress vlr = MapConversations.gt("6281100101", 7);
        byte[] tcap = TcapEncoder.begin(7, TcapEncoder.Dialogue.aarq(14, 3),
                List.of(TcapEncoder.Component.invoke(1, 56, MapEncoder.sendAuthenticationInfo(3, "510101234567890"))));
        link.sendM3ua(2, true, M3uaEncoder.data(1, 1, 2, 3, 2, 0, SccpEncoder.udts(1, vlr, hlr, tcap)));
        link.sendM3ua(3, true, M3uaEncoder.data(1, 1, 2, 5, 2, 0, new byte[] {1, 2, 3})); // ISUP
        link.flush();
        assertThat(events).isEmpty();
        assertThat(counters.ignored(Layer.M3UA, "aspsm")).isEqualTo(1);
        assertThat(counters.ignored(Layer.SCCP, "service-message")).isEqualTo(1);
        assertThat(counters.ignored(Layer.M3UA, "not-sccp")).isEqualTo(1);
        assertThat(counters.rejectedTotal()).isZero();
    }

    @Test
    void sctpReassemblesFragmentsArrivingOutOfOrder() {
        byte[] message = new byte[300];
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) i;
        }
        List<byte[]> delivered = new ArrayList<>();
        SctpDecoder sctp = new SctpDecoder(3, true, 16, new DecodeCounters());
        int[] order = {2, 0, 1};
        for (int k : order) {
            int off = k * 100;
            byte[] pkt = new SctpPacketBuilder(2905, 2905, 1).data(100 + k, 1, 0, 3, k == 0, k == 2, message, off, 100)
                    .build();
            sctp.decode(0, 1, 0, 2, pkt, 0, pkt.length,
                    (flow, stream, ppid, b, o, l) -> delivered.add(java.util.Arrays.copyOfRange(b, o, o + l)));
        }
        assertThat(delivered).singleElement().isEqualTo(message);
    }

    @Test
    void aTsnSeenAgainWithOtherDataIsKeptAndARetransmissionIsNot() {
        DecodeCounters counters = new DecodeCounters();
        List<byte[]> delivered = new ArrayList<>();
        SctpDecoder sctp = new SctpDecoder(3, true, 16, counters);
        byte[] first = "one M3UA message".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] other = "another message!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // TSN 500 twice with the same data (a retransmission), then once with other data: a capture
        // merged from two links, or an association restarted with the TSNs it had used.
        for (byte[] data : List.of(first, first, other)) {
            byte[] pkt = new SctpPacketBuilder(2905, 2905, 1).data(500, 1, 0, 3, data).build();
            sctp.decode(0, 1, 0, 2, pkt, 0, pkt.length,
                    (flow, stream, ppid, b, o, l) -> delivered.add(java.util.Arrays.copyOfRange(b, o, o + l)));
        }
        assertThat(delivered).containsExactly(first, other);
        assertThat(counters.ignored(Layer.SCTP, "retransmission")).isEqualTo(1);
        assertThat(counters.ignored(Layer.SCTP, "tsn-reused-kept")).isEqualTo(1);
    }

    @Test
    void segmentedXudtWithoutItsFirstSegmentIsAnOrphan() {
        SccpAddress a = MapConversations.gt("6281100001", 6);
        SccpAddress b = MapConversations.gt("6281100101", 7);
        List<byte[]> segments = SccpEncoder.segmentedXudt(1, a, b, new byte[100], 40, 77);
        DecodeCounters counters = new DecodeCounters();
        SccpDecoder sccp = new SccpDecoder(4, counters);
        byte[] second = segments.get(1);
        assertThat(catchThrowable(() -> sccp.decode(second, 0, second.length, 0))).hasMessageContaining("segment-without-first");
        for (int i = 0; i < segments.size() - 1; i++) {
            byte[] s = segments.get(i);
            assertThat(catchThrowable(() -> sccp.decode(s, 0, s.length, 0))).hasMessageContaining("segment-awaiting-rest");
        }
        byte[] last = segments.get(segments.size() - 1);
        SccpMessage whole = sccp.decode(last, 0, last.length, 1);
        assertThat(whole.length()).isEqualTo(100);
        assertThat(sccp.pendingSegmentedMessages()).isZero();
    }

    @Test
    void mapEventsKeepWhatTheRequestSaidOnErrors() {
        List<SignalEvent> events = new ArrayList<>();
        ProbePipeline p = new ProbePipeline(ProbeSettings.defaults(), new DecodeCounters(), events::add, null);
        SigtranLink link = SigtranLink.between((ts, lt, f) -> p.frame("t", ts, lt, f, 0, f.length),
                SigtranLink.Options.ethernet(), 1, 2);
        new MapConversations(link, 1, 1000).requestWithError(1000, true, MapConversations.gt("6281100900", 8),
                MapConversations.gt("6281100001", 6), 20, 3, 45, MapEncoder.sendRoutingInfoForSm("6281234567890",
                        "6281100900"), 1);
        link.flush();
        MapEvent error = (MapEvent) events.get(1);
        assertThat(error.operationName()).isEqualTo("sendRoutingInfoForSM");
        assertThat(error.errorCode()).isEqualTo(1); // unknownSubscriber
        assertThat(error.msisdn().digits()).isEqualTo("6281234567890");
        assertThat(error.smscAddress()).isEqualTo("6281100900");
    }

    /**
     * LUDT and LUDTS (Q.713 4.19, 4.20) built by hand: two-octet pointers, least significant octet
     * first, one-octet address lengths and a two-octet data length; the data here is longer than a
     * one-octet length could say.
     */
    @Test
    void longUnitdataIsReadWithItsTwoOctetPointersAndLength() {
        byte[] called = {0x12, 0x06, 0x00, 0x12, 0x04, 0x26, 0x18, 0x01, 0x00, 0x10}; // SSN 6, GT 6281100001
        byte[] calling = {0x12, 0x07, 0x00, 0x12, 0x04, 0x26, 0x18, 0x01, 0x10, 0x10}; // SSN 7, GT 6281100101
        byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        for (int type : new int[] {SccpMessage.LUDT, SccpMessage.LUDTS}) {
            java.io.ByteArrayOutputStream m = new java.io.ByteArrayOutputStream();
            m.write(type);
            m.write(type == SccpMessage.LUDT ? 0x81 : 0x05); // class 1 + return on error; or cause 5
            m.write(0x0F); // hop counter
            m.writeBytes(new byte[] {8, 0, 17, 0, 26, 0, 0, 0}); // called at 11, calling at 22, data at 33, no option
            m.write(called.length);
            m.writeBytes(called);
            m.write(calling.length);
            m.writeBytes(calling);
            m.write(data.length & 0xFF);
            m.write(data.length >> 8);
            m.writeBytes(data);
            byte[] b = m.toByteArray();
            SccpMessage msg = new SccpDecoder(4, new DecodeCounters()).decode(b, 0, b.length, 0);
            assertThat(msg.type()).isEqualTo(type);
            assertThat(msg.called().ssn()).isEqualTo(6);
            assertThat(msg.called().globalTitle().digits()).isEqualTo("6281100001");
            assertThat(msg.calling().ssn()).isEqualTo(7);
            assertThat(msg.calling().globalTitle().digits()).isEqualTo("6281100101");
            assertThat(msg.length()).isEqualTo(300);
            assertThat(java.util.Arrays.copyOfRange(msg.buffer(), msg.offset(), msg.offset() + msg.length()))
                    .isEqualTo(data);
            if (type == SccpMessage.LUDT) {
                assertThat(msg.protocolClass()).isEqualTo(1);
                assertThat(msg.returnCause()).isEqualTo(-1);
                assertThat(msg.isService()).isFalse();
            } else {
                assertThat(msg.returnCause()).isEqualTo(5);
                assertThat(msg.isService()).isTrue();
            }
            // Every cut is a counted truncation or a bad pointer, never a misread.
            for (int n = 1; n < b.length; n++) {
                int cut = n;
                assertThat(catchThrowable(() -> new SccpDecoder(4, new DecodeCounters()).decode(b, 0, cut, 0)))
                        .as("LUDT cut at %d", cut).isInstanceOf(Rejection.class);
            }
            // A data pointer of zero, or past the end, is a bad pointer.
            byte[] zero = b.clone();
            zero[7] = 0;
            assertThat(((Rejection) catchThrowable(() -> new SccpDecoder(4, new DecodeCounters()).decode(zero, 0,
                    zero.length, 0))).reason()).isEqualTo("bad-pointer");
            byte[] far = b.clone();
            far[8] = 0x10; // + 4096
            assertThat(((Rejection) catchThrowable(() -> new SccpDecoder(4, new DecodeCounters()).decode(far, 0,
                    far.length, 0))).reason()).isEqualTo("bad-pointer");
        }
    }

    /**
     * The CRC32c of a packet (RFC 4960 6.8, Appendix B): a packet whose every octet is as sent
     * passes; any one octet changed, in the header, the checksum or the data, is a bad checksum,
     * and with the check off the same packet is read.
     */
    @Test
    void theSctpChecksumCoversEveryOctetOfThePacket() {
        byte[] data = "a chunk of M3UA, more or less".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] good = new SctpPacketBuilder(2905, 2906, 0x01020304L).data(7, 1, 0, 3, data).build();
        List<byte[]> delivered = new ArrayList<>();
        new SctpDecoder(3, true, 16, new DecodeCounters()).decode(0, 1, 0, 2, good, 0, good.length,
                (flow, stream, ppid, b, o, l) -> delivered.add(java.util.Arrays.copyOfRange(b, o, o + l)));
        assertThat(delivered).containsExactly(data);
        // the checksum is not zero and not the same for another packet (it is computed, not fixed)
        byte[] other = new SctpPacketBuilder(2905, 2906, 0x01020304L).data(8, 1, 0, 3, data).build();
        assertThat(java.util.Arrays.copyOfRange(good, 8, 12)).isNotEqualTo(new byte[4])
                .isNotEqualTo(java.util.Arrays.copyOfRange(other, 8, 12));
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            int at = i;
            assertThat(catchThrowable(() -> new SctpDecoder(3, true, 16, new DecodeCounters()).decode(0, 1, 0, 2, bad,
                    0, bad.length, (flow, stream, ppid, b, o, l) -> { })))
                    .as("octet %d changed", at).isInstanceOfSatisfying(Rejection.class,
                            r -> assertThat(r.reason()).isEqualTo("bad-checksum"));
        }
        byte[] wrongSum = good.clone();
        wrongSum[11] ^= 0x40;
        List<byte[]> unchecked = new ArrayList<>();
        new SctpDecoder(3, false, 16, new DecodeCounters()).decode(0, 1, 0, 2, wrongSum, 0, wrongSum.length,
                (flow, stream, ppid, b, o, l) -> unchecked.add(java.util.Arrays.copyOfRange(b, o, o + l)));
        assertThat(unchecked).containsExactly(data);
    }
}
