package io.swapguard.taps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.swapguard.event.SccpAddress;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.Rejection;
import io.swapguard.ss7.sccp.SccpDecoder;
import io.swapguard.ss7.sccp.SccpMessage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Connectionless SCCP built octet by octet from ITU-T Q.713 (UDT 4.10, XUDT 4.18, their service
 * variants, the Segmentation parameter 3.17), not by our encoder: each field where the
 * recommendation puts it, each pointer and length at its edge, and segmented XUDTs reassembled,
 * refused, evicted and expired as the bounds say.
 */
class SccpDecoderTest {

    private static final long SECOND = 1_000_000_000L;
    private static final byte[] HLR = {0x42, 0x06}; // route on SSN, SSN 6
    private static final byte[] VLR = {0x42, 0x07};
    /** Route on GT, SSN 8, GTI 4: TT 0, E.164 with BCD even, international, digits 6281100101. */
    private static final byte[] MSC_GT = {0x12, 0x08, 0x00, 0x12, 0x04, 0x26, 0x18, 0x01, 0x10, 0x10};

    private final DecodeCounters counters = new DecodeCounters();
    private final SccpDecoder sccp = new SccpDecoder(4, counters);

    /** type, class or cause, three pointers, then the three parts each after its length octet. */
    static byte[] udt(int type, int classOrCause, byte[] called, byte[] calling, byte[] data) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.write(type);
        m.write(classOrCause);
        m.write(3);
        m.write(3 + called.length);
        m.write(3 + called.length + calling.length);
        part(m, called);
        part(m, calling);
        part(m, data);
        return m.toByteArray();
    }

    /** type, class or cause, hop counter, four pointers (0 for no optional part), the parts, the options. */
    static byte[] xudt(int type, int classOrCause, byte[] called, byte[] calling, byte[] data, byte[] options) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.write(type);
        m.write(classOrCause);
        m.write(0x0F); // hop counter
        m.write(4);
        m.write(4 + called.length);
        m.write(4 + called.length + calling.length);
        m.write(options == null ? 0 : 4 + called.length + calling.length + data.length);
        part(m, called);
        part(m, calling);
        part(m, data);
        if (options != null) {
            m.writeBytes(options);
        }
        return m.toByteArray();
    }

    /** The Segmentation parameter and the end of optional parameters. */
    static byte[] segmentation(boolean first, int protocolClass, int remaining, int reference) {
        return new byte[] {0x10, 4, (byte) ((first ? 0x80 : 0) | protocolClass << 6 | remaining),
            (byte) (reference >> 16), (byte) (reference >> 8), (byte) reference, 0};
    }

    private static void part(ByteArrayOutputStream m, byte[] part) {
        m.write(part.length);
        m.writeBytes(part);
    }

    private static byte[] data(SccpMessage m) {
        return Arrays.copyOfRange(m.buffer(), m.offset(), m.offset() + m.length());
    }

    private Rejection refusal(byte[] b, int length) {
        return refusal(() -> sccp.decode(b, 0, length, 0));
    }

    private static Rejection refusal(Runnable decode) {
        Throwable t = catchThrowable(decode::run);
        assertThat(t).isInstanceOf(Rejection.class);
        assertThat(((Rejection) t).layer()).isEqualTo(Layer.SCCP);
        return (Rejection) t;
    }

    @Test
    void aUnitdataIsReadWhereverItSitsInTheBuffer() {
        byte[] udt = udt(SccpMessage.UDT, 0x81, MSC_GT, VLR, new byte[] {1, 2, 3});
        byte[] framed = new byte[udt.length + 9];
        Arrays.fill(framed, (byte) 0x55);
        System.arraycopy(udt, 0, framed, 5, udt.length);
        SccpMessage m = sccp.decode(framed, 5, udt.length, 0);
        assertThat(m.type()).isEqualTo(SccpMessage.UDT);
        assertThat(m.protocolClass()).as("class 1, return on error").isEqualTo(1);
        assertThat(m.returnCause()).isEqualTo(-1);
        assertThat(m.isService()).isFalse();
        assertThat(m.segmentation()).isNull();
        assertThat(m.called().routeOnGt()).isTrue();
        assertThat(m.called().ssn()).isEqualTo(8);
        assertThat(m.called().globalTitle().digits()).isEqualTo("6281100101");
        assertThat(m.calling()).isEqualTo(new SccpAddress(false, -1, 7, null));
        assertThat(m.offset()).isEqualTo(5 + udt.length - 3);
        assertThat(data(m)).containsExactly(1, 2, 3);

        byte[] udts = udt(SccpMessage.UDTS, 0x01, HLR, VLR, new byte[] {9});
        SccpMessage service = sccp.decode(udts, 0, udts.length, 0);
        assertThat(service.isService()).isTrue();
        assertThat(service.returnCause()).as("no translation for an address of such nature").isEqualTo(1);
        assertThat(service.protocolClass()).isEqualTo(-1);
        assertThat(data(service)).containsExactly(9);
    }

    @Test
    void anExtendedUnitdataAndItsServiceVariantCarryTheirClassOrCause() {
        byte[] xudt = xudt(SccpMessage.XUDT, 0x80, HLR, VLR, new byte[] {7, 7}, null);
        SccpMessage m = sccp.decode(xudt, 0, xudt.length, 0);
        assertThat(m.protocolClass()).isZero();
        assertThat(m.returnCause()).isEqualTo(-1);
        assertThat(m.segmentation()).isNull();
        assertThat(m.called().ssn()).isEqualTo(6);
        assertThat(m.calling().ssn()).isEqualTo(7);
        assertThat(data(m)).containsExactly(7, 7);
        byte[] xudts = xudt(SccpMessage.XUDTS, 0x03, HLR, VLR, new byte[] {7}, null);
        SccpMessage s = sccp.decode(xudts, 0, xudts.length, 0);
        assertThat(s.isService()).isTrue();
        assertThat(s.returnCause()).as("subsystem congestion").isEqualTo(3);
        assertThat(s.protocolClass()).isEqualTo(-1);
    }

    @Test
    void eachMessageTypeIsDecodedSkippedOrRefused() {
        assertThat(refusal(new byte[0], 0).reason()).isEqualTo("truncated");
        for (int type : new int[] {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10}) {
            Rejection r = refusal(new byte[] {(byte) type, 0, 0, 0, 0, 0, 0, 0}, 8);
            assertThat(r.reason()).as("type %d", type).isEqualTo("connection-oriented");
            assertThat(r.malformed()).as("connection-oriented SCCP is valid, only not ours").isFalse();
        }
        for (int type : new int[] {0x00, 0x15, 0x16, 0x7F, 0xFF}) {
            Rejection r = refusal(new byte[] {(byte) type, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 12);
            assertThat(r.reason()).as("type %d", type).isEqualTo("unknown-message-type");
            assertThat(r.malformed()).isTrue();
        }
    }

    @Test
    void aMessageShorterThanItsFixedPartIsTruncatedNotMisread() {
        // The fixed part and pointers: 5 octets for UDT, 7 for XUDT, 11 for LUDT. One fewer is
        // truncated even where the pointers that are there would point somewhere.
        byte[] udt = udt(SccpMessage.UDT, 0, HLR, VLR, new byte[] {1});
        assertThat(refusal(udt, 4).reason()).isEqualTo("truncated");
        byte[] xudt = xudt(SccpMessage.XUDT, 0, HLR, VLR, new byte[] {1}, null);
        assertThat(refusal(xudt, 6).reason()).isEqualTo("truncated");
        byte[] ludt = {SccpMessage.LUDT, 0, 0x0F, 8, 0, 9, 0, 10, 0, 0, 0};
        assertThat(refusal(ludt, 10).reason()).isEqualTo("truncated");
        // Every cut of a whole message is refused as something, never read as a shorter message.
        for (byte[] whole : new byte[][] {udt, xudt}) {
            for (int n = 1; n < whole.length; n++) {
                assertThat(refusal(whole, n).reason()).isIn("truncated", "bad-pointer", "bad-address");
            }
        }
    }

    @Test
    void theFixedPartIsMeasuredFromWhereTheMessageStarts() {
        // A short message inside a longer buffer: what follows it is not its own.
        byte[] xudt = xudt(SccpMessage.XUDT, 0, HLR, VLR, new byte[] {1}, null);
        byte[] ludt = longUnitdata(new byte[] {1});
        for (byte[] whole : new byte[][] {xudt, ludt}) {
            byte[] framed = new byte[8 + whole.length];
            System.arraycopy(whole, 0, framed, 8, whole.length);
            int fixed = whole == xudt ? 7 : 11;
            assertThat(refusal(() -> sccp.decode(framed, 8, fixed - 1, 0)).reason()).isEqualTo("truncated");
            assertThat(sccp.decode(framed, 8, whole.length, 0).length()).isEqualTo(1);
        }
    }

    /** LUDT (Q.713 4.19): two-octet pointers and data length, least significant octet first. */
    static byte[] longUnitdata(byte[] data) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.write(SccpMessage.LUDT);
        m.write(0x01);
        m.write(0x0F);
        int called = 8;
        int calling = called - 2 + 1 + HLR.length;
        int userData = calling - 2 + 1 + VLR.length;
        m.writeBytes(new byte[] {(byte) called, 0, (byte) calling, 0, (byte) userData, 0, 0, 0});
        part(m, HLR);
        part(m, VLR);
        m.write(data.length & 0xFF);
        m.write(data.length >> 8);
        m.writeBytes(data);
        return m.toByteArray();
    }

    @Test
    void longUnitdataPointersAndLengthAreTwoOctets() {
        byte[] ludt = longUnitdata(new byte[] {4, 5});
        SccpMessage m = sccp.decode(ludt, 0, ludt.length, 0);
        assertThat(m.called().ssn()).isEqualTo(6);
        assertThat(m.calling().ssn()).isEqualTo(7);
        assertThat(data(m)).containsExactly(4, 5);
        byte[] high = ludt.clone();
        high[4] = 1; // the called party pointer's more significant octet: 264 octets on
        assertThat(refusal(high, high.length).reason()).isEqualTo("bad-pointer");
        byte[] empty = longUnitdata(new byte[0]);
        assertThat(sccp.decode(empty, 0, empty.length, 0).length()).as("a data length in the last two octets").isZero();
        byte[] lastOctet = empty.clone();
        lastOctet[7]++; // the data pointer to the last octet: no room for a two-octet length
        assertThat(refusal(lastOctet, lastOctet.length).reason()).isEqualTo("bad-pointer");
        byte[] longer = longUnitdata(new byte[] {4, 5});
        longer[longer.length - 4]++; // three octets said, two there
        assertThat(refusal(longer, longer.length).reason()).isEqualTo("truncated");
        byte[] wide = longUnitdata(new byte[] {4, 5});
        wide[wide.length - 3] = 1; // the length's more significant octet: 258
        assertThat(refusal(wide, wide.length).reason()).isEqualTo("truncated");
    }

    @Test
    void pointersAndLengthsAreCheckedAgainstTheMessage() {
        byte[] udt = udt(SccpMessage.UDT, 0, HLR, VLR, new byte[] {1, 2});
        byte[] zero = udt.clone();
        zero[3] = 0; // calling party pointer
        assertThat(refusal(zero, zero.length).reason()).isEqualTo("bad-pointer");
        byte[] atEnd = udt.clone();
        atEnd[4] = (byte) (udt.length - 4); // data pointer to one past the last octet
        assertThat(refusal(atEnd, atEnd.length).reason()).isEqualTo("bad-pointer");
        byte[] longer = udt.clone();
        longer[longer.length - 3]++; // data length one more than is there
        assertThat(refusal(longer, longer.length).reason()).isEqualTo("truncated");
        byte[] emptyData = udt(SccpMessage.UDT, 0, HLR, VLR, new byte[0]);
        SccpMessage m = sccp.decode(emptyData, 0, emptyData.length, 0);
        assertThat(m.length()).as("data of length 0 in the last octet").isZero();
        assertThat(m.offset()).isEqualTo(emptyData.length);
        byte[] noAddress = udt(SccpMessage.UDT, 0, new byte[0], VLR, new byte[] {1});
        assertThat(refusal(noAddress, noAddress.length).reason()).isEqualTo("bad-address");
    }

    @Test
    void theSegmentationParameterIsReadBitByBit() {
        // First and last at once: the message is whole and keeps its parameter as read.
        byte[] whole = xudt(SccpMessage.XUDT, 0x81, HLR, VLR, new byte[] {1}, segmentation(true, 1, 0, 0xABCDEF));
        assertThat(sccp.decode(whole, 0, whole.length, 0).segmentation())
                .isEqualTo(new SccpMessage.Segmentation(true, 1, 0, 0xABCDEF));
        byte[] other = xudt(SccpMessage.XUDT, 0, HLR, VLR, new byte[] {1}, segmentation(true, 0, 0, 0x7F0001));
        assertThat(sccp.decode(other, 0, other.length, 0).segmentation())
                .isEqualTo(new SccpMessage.Segmentation(true, 0, 0, 0x7F0001));
        assertThat(sccp.pendingSegmentedMessages()).isZero();
        // A first segment with more to come is held, as valid input, not refused.
        byte[] first = xudt(SccpMessage.XUDT, 0, HLR, VLR, new byte[] {1}, segmentation(true, 1, 15, 5));
        Rejection held = refusal(first, first.length);
        assertThat(held.reason()).isEqualTo("segment-awaiting-rest");
        assertThat(held.malformed()).isFalse();
        assertThat(sccp.pendingSegmentedMessages()).isEqualTo(1);
    }

    @Test
    void optionalParametersAreWalkedWithinTheMessage() {
        byte[] importance = {0x12, 1, 0x03}; // Importance (3.19), not read, stepped over
        byte[] seg = segmentation(true, 0, 0, 42);
        byte[] both = new byte[importance.length + seg.length];
        System.arraycopy(importance, 0, both, 0, importance.length);
        System.arraycopy(seg, 0, both, importance.length, seg.length);
        assertThat(decodeWith(both).segmentation().localReference()).as("found after another parameter").isEqualTo(42);
        assertThat(decodeWith(new byte[] {0}).segmentation()).as("only the end of optional parameters").isNull();
        assertThat(decodeWith(new byte[] {0, 0x10, 4, (byte) 0x80, 0, 0, 9}).segmentation())
                .as("nothing after the end of optional parameters is read").isNull();
        assertThat(decodeWith(Arrays.copyOf(seg, seg.length - 1)).segmentation().localReference())
                .as("a missing end-of-optional-parameters octet is tolerated").isEqualTo(42);
        assertThat(decodeWith(new byte[0]).segmentation()).as("a pointer to just past the end: no parameters").isNull();
        assertThat(decodeWith(new byte[] {0x12, 0}).segmentation()).as("a parameter of length 0 in the last two octets").isNull();
        for (byte[] bad : new byte[][] {
            {0x10}, // a name without its length
            {0x10, 5, (byte) 0x80, 0, 0, 9}, // a length past the end
            {0x10, 3, (byte) 0x80, 0, 0, 0}, // a Segmentation parameter is 4 octets
            {0x12, 2, 0x03}, // a length one past the end
        }) {
            byte[] b = xudt(SccpMessage.XUDT, 0, HLR, VLR, new byte[] {1}, bad);
            assertThat(refusal(b, b.length).reason()).as(Arrays.toString(bad)).isEqualTo("bad-optional-part");
        }
        byte[] far = xudt(SccpMessage.XUDT, 0, HLR, VLR, new byte[] {1}, new byte[0]);
        far[6]++; // the optional part pointer one past the end of the message
        assertThat(refusal(far, far.length).reason()).isEqualTo("bad-optional-part");
        byte[] cut = xudt(SccpMessage.XUDT, 0, HLR, VLR, new byte[] {1}, null);
        assertThat(refusal(cut, 6).reason()).isEqualTo("truncated");
    }

    private SccpMessage decodeWith(byte[] options) {
        byte[] b = xudt(SccpMessage.XUDT, 0, HLR, VLR, new byte[] {1}, options);
        return new SccpDecoder(4, new DecodeCounters()).decode(b, 0, b.length, 0);
    }

    private static byte[] segment(byte[] calling, boolean first, int remaining, int reference, byte... data) {
        return xudt(SccpMessage.XUDT, 0x81, HLR, calling, data, segmentation(first, 1, remaining, reference));
    }

    private SccpMessage feed(byte[] segment, long nanos) {
        return sccp.decode(segment, 0, segment.length, nanos);
    }

    private String refusedAt(byte[] segment, long nanos) {
        return refusal(() -> feed(segment, nanos)).reason();
    }

    @Test
    void segmentsAreJoinedInOrderIntoOneMessage() {
        assertThat(refusedAt(segment(VLR, true, 2, 7, (byte) 'A', (byte) 'B'), 0)).isEqualTo("segment-awaiting-rest");
        assertThat(refusedAt(segment(VLR, false, 1, 7, (byte) 'C'), 1)).isEqualTo("segment-awaiting-rest");
        assertThat(sccp.pendingSegmentedMessages()).isEqualTo(1);
        SccpMessage m = feed(segment(VLR, false, 0, 7, (byte) 'D', (byte) 'E'), 2);
        assertThat(new String(data(m))).isEqualTo("ABCDE");
        assertThat(m.offset()).isZero();
        assertThat(m.buffer()).hasSize(5);
        assertThat(m.protocolClass()).as("the class of the segmentation parameter").isEqualTo(1);
        assertThat(m.returnCause()).isEqualTo(-1);
        assertThat(m.called().ssn()).isEqualTo(6);
        assertThat(m.calling().ssn()).isEqualTo(7);
        assertThat(m.segmentation()).isEqualTo(new SccpMessage.Segmentation(false, 1, 0, 7));
        assertThat(sccp.pendingSegmentedMessages()).as("freed once whole").isZero();
        assertThat(refusedAt(segment(VLR, false, 0, 7, (byte) 'F'), 3)).as("nothing left to join").isEqualTo("segment-without-first");
    }

    @Test
    void segmentsOfOneReferenceFromTwoCallersAreTwoMessages() {
        refusedAt(segment(VLR, true, 1, 7, (byte) 'a'), 0);
        refusedAt(segment(MSC_GT, true, 1, 7, (byte) 'b'), 0);
        refusedAt(segment(HLR, true, 1, 8, (byte) 'c'), 0);
        assertThat(sccp.pendingSegmentedMessages()).isEqualTo(3);
        assertThat(new String(data(feed(segment(MSC_GT, false, 0, 7, (byte) 'B'), 1)))).isEqualTo("bB");
        assertThat(new String(data(feed(segment(VLR, false, 0, 7, (byte) 'A'), 1)))).isEqualTo("aA");
        assertThat(refusedAt(segment(HLR, false, 0, 7, (byte) 'C'), 1)).isEqualTo("segment-without-first");
    }

    @Test
    void aSegmentOutOfSequenceDropsItsMessage() {
        refusedAt(segment(VLR, true, 2, 7, (byte) 'A'), 0);
        assertThat(refusedAt(segment(VLR, false, 0, 7, (byte) 'C'), 1)).as("the middle one is missing").isEqualTo("segment-without-first");
        assertThat(sccp.pendingSegmentedMessages()).isZero();
        assertThat(refusedAt(segment(VLR, false, 1, 7, (byte) 'B'), 2)).as("its message was dropped").isEqualTo("segment-without-first");
    }

    @Test
    void aMessageIsJoinedUpToItsBoundAndNoFurther() {
        byte[] big = new byte[200];
        // Sixteen segments, the most one message may have (3,200 octets, under the 16 KiB bound).
        refusedAt(segment(VLR, true, 15, 1, big), 0);
        for (int left = 14; left > 0; left--) {
            refusedAt(segment(VLR, false, left, 1, big), 0);
        }
        assertThat(feed(segment(VLR, false, 0, 1, big), 0).length()).isEqualTo(16 * 200);
        // The SUA path hands over segmentations of its own; more than 16 segments are refused.
        SccpMessage tooMany = new SccpMessage(SccpMessage.XUDT, 0, -1, SccpAddress.gt(null, 6), SccpAddress.gt(null, 7),
                new byte[] {1}, 0, 1, new SccpMessage.Segmentation(true, 0, 16, 3));
        assertThat(refusal(() -> sccp.reassembled(tooMany, 0)).reason()).isEqualTo("segmented-message-too-large");
        SccpMessage sixteen = new SccpMessage(SccpMessage.XUDT, 0, -1, SccpAddress.gt(null, 6), SccpAddress.gt(null, 7),
                new byte[] {1}, 0, 1, new SccpMessage.Segmentation(true, 0, 15, 3));
        assertThat(refusal(() -> sccp.reassembled(sixteen, 0)).reason()).isEqualTo("segment-awaiting-rest");
        // Octets: exactly 16 KiB is joined, one more drops the message.
        for (int extra : new int[] {0, 1}) {
            SccpDecoder d = new SccpDecoder(4, new DecodeCounters());
            int part = 16 * 1024 / 4;
            for (int i = 0; i < 4; i++) {
                byte[] data = new byte[part + (i == 3 ? extra : 0)];
                SccpMessage s = new SccpMessage(SccpMessage.XUDT, 0, -1, SccpAddress.gt(null, 6), SccpAddress.gt(null, 7),
                        data, 0, data.length, new SccpMessage.Segmentation(i == 0, 0, 3 - i, 9));
                if (i < 3) {
                    assertThat(refusal(() -> d.reassembled(s, 0)).reason()).isEqualTo("segment-awaiting-rest");
                } else if (extra == 0) {
                    assertThat(d.reassembled(s, 0).length()).isEqualTo(16 * 1024);
                } else {
                    assertThat(refusal(() -> d.reassembled(s, 0)).reason()).isEqualTo("segmented-message-too-large");
                    assertThat(d.pendingSegmentedMessages()).as("and frees it").isZero();
                }
            }
        }
        SccpMessage single = new SccpMessage(SccpMessage.XUDT, 0, -1, SccpAddress.gt(null, 6), SccpAddress.gt(null, 7),
                new byte[] {1}, 0, 1, null);
        assertThat(sccp.reassembled(single, 0)).as("a message without segmentation is itself").isSameAs(single);
    }

    @Test
    void segmentsWaitThirtySecondsOfCaptureTime() {
        refusedAt(segment(VLR, true, 1, 1, (byte) 'a'), 0);
        assertThat(new String(data(feed(segment(VLR, false, 0, 1, (byte) 'b'), 30 * SECOND)))).as("at exactly 30 s").isEqualTo("ab");
        refusedAt(segment(VLR, true, 1, 2, (byte) 'a'), 0);
        assertThat(refusedAt(segment(VLR, false, 0, 2, (byte) 'b'), 30 * SECOND + 1)).isEqualTo("segment-without-first");
        assertThat(counters.rejected(Layer.SCCP, "segments-expired")).isEqualTo(1);
    }

    @Test
    void aRestartedMessageExpiresFromItsRestartAndOthersStillExpire() {
        refusedAt(segment(VLR, true, 1, 1, (byte) 'x'), 0);
        refusedAt(segment(VLR, true, 1, 2, (byte) 'y'), 10 * SECOND);
        refusedAt(segment(VLR, true, 1, 1, (byte) 'X'), 25 * SECOND); // reference 1 begins again
        // At 41 s reference 2 (10 s) is past its 30 s; reference 1 (restarted at 25 s) is not.
        assertThat(refusedAt(segment(VLR, false, 0, 2, (byte) 'Y'), 41 * SECOND)).isEqualTo("segment-without-first");
        assertThat(counters.rejected(Layer.SCCP, "segments-expired")).isEqualTo(1);
        assertThat(counters.rejected(Layer.SCCP, "segments-superseded")).as("the first attempt, lost").isEqualTo(1);
        assertThat(new String(data(feed(segment(VLR, false, 0, 1, (byte) 'Z'), 41 * SECOND)))).isEqualTo("XZ");
    }

    @Test
    void pastItsBoundTheOldestMessageInReassemblyIsEvicted() {
        for (int ref = 1; ref <= 4; ref++) {
            refusedAt(segment(VLR, true, 1, ref, (byte) ref), 0);
        }
        assertThat(counters.rejected(Layer.SCCP, "segments-evicted")).isZero();
        refusedAt(segment(VLR, true, 1, 5, (byte) 5), 0);
        assertThat(counters.rejected(Layer.SCCP, "segments-evicted")).isEqualTo(1);
        assertThat(sccp.pendingSegmentedMessages()).isEqualTo(4);
        assertThat(refusedAt(segment(VLR, false, 0, 1, (byte) 0), 0)).as("the oldest went").isEqualTo("segment-without-first");
        assertThat(feed(segment(VLR, false, 0, 2, (byte) 0), 0).length()).isEqualTo(2);
        assertThat(feed(segment(VLR, false, 0, 5, (byte) 0), 0).length()).isEqualTo(2);
    }
}
