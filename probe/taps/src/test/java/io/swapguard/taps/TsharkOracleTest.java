package io.swapguard.taps;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapguard.event.ComponentType;
import io.swapguard.event.MapEvent;
import io.swapguard.event.SignalEvent;
import io.swapguard.ss7.DecodeCounters;
import io.swapguard.ss7.Layer;
import io.swapguard.ss7.pcap.CaptureRecord;
import io.swapguard.ss7.pcap.LinkType;
import io.swapguard.ss7.pcap.PcapReader;
import io.swapguard.ss7.pcap.PcapWriter;
import io.swapguard.ss7.pcap.PcapngWriter;
import io.swapguard.ss7.sctp.SctpDecoder;
import io.swapguard.ss7.wire.SigtranLink;
import io.swapguard.testkit.SampleTraffic;
import io.swapguard.testkit.Tshark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every MAP procedure of {@link SampleTraffic}, in MAP v2 and v3 and every way a capture can
 * carry it (link types, VLANs, IPv6, bundled and fragmented SCTP, segmented XUDT, pcapng,
 * retransmissions), decoded by the probe and by tshark; per frame the two must agree.
 */
class TsharkOracleTest {

    static final long START = 1_780_000_000_000_000_000L;

    record Variant(String name, int version, SigtranLink.Options options, int segmentAbove, boolean pcapng) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Variant> variants() {
        SigtranLink.Options eth = SigtranLink.Options.ethernet();
        return Stream.of(
                new Variant("v3 ethernet ipv4 udt", 3, eth, 0, false),
                new Variant("v2 ethernet ipv4 udt", 2, eth, 0, false),
                new Variant("v2 qinq vlan ipv6 bundled", 2, eth.withVlans(100, 200).withIpv6(true).withBundle(4), 0, false),
                new Variant("v3 sll fragmented sctp", 3, eth.withLinkType(LinkType.LINUX_SLL).withMaxDataChunk(64), 0, false),
                new Variant("v2 sll2 segmented xudt", 2, eth.withLinkType(LinkType.LINUX_SLL2), 48, false),
                new Variant("v3 raw ip pcapng", 3, eth.withLinkType(LinkType.RAW), 0, true),
                new Variant("v3 ipv4 linktype bundled fragmented segmented", 3,
                        eth.withLinkType(LinkType.IPV4).withBundle(3).withMaxDataChunk(100), 120, false),
                new Variant("v3 ipv6 linktype vlan", 3, eth.withLinkType(LinkType.IPV6).withIpv6(true), 0, false),
                new Variant("v3 m2ua link", 3, eth.withAdaptation(SctpDecoder.PPID_M2UA), 0, false),
                new Variant("v2 m2ua bundled segmented xudt", 2, eth.withAdaptation(SctpDecoder.PPID_M2UA).withBundle(3),
                        64, false),
                new Variant("v3 sua", 3, eth.withAdaptation(SctpDecoder.PPID_SUA), 0, false),
                new Variant("v2 sua fragmented sctp", 2, eth.withAdaptation(SctpDecoder.PPID_SUA).withMaxDataChunk(80), 0,
                        false),
                new Variant("v3 m3ua with m2ua and sua side links", 3,
                        eth.withSideLinks(SctpDecoder.PPID_M2UA, SctpDecoder.PPID_SUA).withBundle(2), 0, false));
    }

    /**
     * Where tshark shows the GTs and point codes: SCCP and MTP3 under M3UA and M2UA, SUA's own
     * addresses. A frame carries one adaptation, so the union of the three is that frame's.
     */
    static final List<String> CALLING_GT = List.of("sccp.calling.digits", "sua.source.global_title_digits");
    static final List<String> CALLED_GT = List.of("sccp.called.digits", "sua.destination.global_title_digits");
    static final List<String> OPC = List.of("m3ua.protocol_data_opc", "mtp3.opc", "sua.source.point_code");
    static final List<String> DPC = List.of("m3ua.protocol_data_dpc", "mtp3.dpc", "sua.destination.point_code");

    static List<String> union(Map<String, List<String>> frame, List<String> fields) {
        return fields.stream().flatMap(k -> frame.getOrDefault(k, List.of()).stream()).toList();
    }

    static Path write(Path dir, Variant v, long seed) throws IOException {
        Path file = dir.resolve(v.name().replace(' ', '-') + (v.pcapng() ? ".pcapng" : ".pcap"));
        if (v.pcapng()) {
            try (PcapngWriter w = PcapngWriter.create(file)) {
                SigtranLink link = SigtranLink.between((ts, lt, f) -> w.write(ts, lt, f, 0, f.length, null), v.options(),
                        100, 200);
                SampleTraffic.play(link, START, seed, v.version(), v.segmentAbove());
            }
        } else {
            try (PcapWriter w = PcapWriter.create(file, v.options().linkType())) {
                SigtranLink link = SigtranLink.between((ts, lt, f) -> w.write(ts, f), v.options(), 100, 200);
                SampleTraffic.play(link, START, seed, v.version(), v.segmentAbove());
            }
        }
        return file;
    }

    static List<MapEvent> decode(Path file, DecodeCounters counters) throws IOException {
        List<SignalEvent> events = new ArrayList<>();
        ProbePipeline pipeline = new ProbePipeline(ProbeSettings.defaults(), counters, events::add, null);
        try (PcapReader r = PcapReader.open(file)) {
            CaptureRecord rec = new CaptureRecord();
            while (r.next(rec)) {
                pipeline.frame("test", rec.timestampNanos(), rec.linkType(), rec.data(), 0, rec.length());
            }
        }
        return events.stream().map(MapEvent.class::cast).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void probeAgreesWithTsharkOnEveryFrame(Variant v, @TempDir Path dir) throws Exception {
        Path file = write(dir, v, 42);
        if (System.getProperty("oracle.keep") != null) {
            Files.copy(file, Path.of(System.getProperty("oracle.keep")).resolve(file.getFileName()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(Tshark.problemFrames(file)).as("frames tshark reports as malformed").isZero();

        DecodeCounters counters = new DecodeCounters();
        List<MapEvent> events = decode(file, counters);
        assertThat(counters.snapshot(true)).as("probe rejections").isEmpty();

        Map<Long, List<MapEvent>> byTime = new HashMap<>();
        for (MapEvent e : events) {
            byTime.computeIfAbsent(e.captureNanos(), k -> new ArrayList<>()).add(e);
        }
        if (v.options().sideLinks().length > 0) {
            assertThat(counters.decoded(Layer.M3UA)).as("M3UA messages").isPositive();
            assertThat(counters.decoded(Layer.M2UA)).as("M2UA messages").isPositive();
            assertThat(counters.decoded(Layer.SUA)).as("SUA messages").isPositive();
        }
        List<String> wanted = new ArrayList<>(List.of("gsm_map.old.Component", "gsm_old.localValue",
                "e212.imsi", "e164.msisdn", "gsm_map.ms.imeisv", "gsm_map.ms.imei", "gsm_sms.tp-oa", "gsm_sms.tp-da",
                "gsm_sms.sms_text", "gsm_map.ss.ss_Code", "gsm_map.ussd_string", "gsm_map.ms.equipmentStatus",
                "tcap.otid", "tcap.dtid", "sctp.retransmission"));
        for (List<String> l : List.of(CALLING_GT, CALLED_GT, OPC, DPC)) {
            wanted.addAll(l);
        }
        List<Map<String, List<String>>> frames = Tshark.fields(file, wanted.toArray(String[]::new));
        int componentsCompared = 0;
        Set<Integer> opCodesSeen = new HashSet<>();
        for (Map<String, List<String>> f : frames) {
            String frame = "frame " + f.get("frame.number").get(0) + " of " + v;
            List<MapEvent> ours = byTime.getOrDefault(Tshark.epochNanos(f.get("frame.time_epoch").get(0)), List.of());
            List<Integer> tsharkComponents = f.get("gsm_map.old.Component").stream().map(Integer::parseInt).toList();
            List<Integer> ourComponents = ours.stream().filter(e -> e.component() != ComponentType.NONE)
                    .map(e -> componentNumber(e.component())).toList();
            assertThat(ourComponents).as("components of " + frame).containsExactlyInAnyOrderElementsOf(tsharkComponents);
            componentsCompared += ourComponents.size();

            List<Integer> ourCodes = new ArrayList<>();
            for (MapEvent e : ours) {
                switch (e.component()) {
                    case INVOKE -> ourCodes.add(e.opCode());
                    case RETURN_RESULT_LAST, RETURN_RESULT_NOT_LAST -> {
                        if (carriesResultOpcode(e)) {
                            ourCodes.add(e.opCode());
                        }
                    }
                    case RETURN_ERROR -> ourCodes.add(e.errorCode());
                    default -> { }
                }
                opCodesSeen.add(e.opCode());
            }
            assertThat(ourCodes).as("operation and error codes of " + frame)
                    .containsExactlyInAnyOrderElementsOf(f.get("gsm_old.localValue").stream().map(Integer::parseInt).toList());

            Set<String> imsis = values(ours, e -> e.imsi() == null ? null : e.imsi().digits());
            assertThat(imsis).as("IMSIs of " + frame).containsAll(f.get("e212.imsi"));
            Set<String> numbers = numbersOf(ours);
            numbers.addAll(imsis);
            assertThat(numbers).as("E.164 numbers of " + frame).containsAll(f.get("e164.msisdn"));
            Set<String> imeis = values(ours, e -> e.imei() == null ? null : e.imei().digits());
            for (String hex : concat(f.get("gsm_map.ms.imeisv"), f.get("gsm_map.ms.imei"))) {
                assertThat(imeis).as("IMEI of " + frame).contains(Tshark.tbcd(hex));
            }
            assertThat(values(ours, e -> e.sms() == null ? null : e.sms().originator() == null ? null
                    : e.sms().originator().value())).as("TP-OA of " + frame).containsAll(f.get("gsm_sms.tp-oa"));
            assertThat(values(ours, e -> e.sms() == null ? null : e.sms().destination() == null ? null
                    : e.sms().destination().value())).as("TP-DA of " + frame).containsAll(f.get("gsm_sms.tp-da"));
            // tshark shows every part of a concatenated SMS in the last part's frame; ours is that part.
            assertThat(f.get("gsm_sms.sms_text")).as("SMS text of " + frame)
                    .containsAll(values(ours, e -> e.sms() == null ? null : e.sms().text()));
            assertThat(values(ours, e -> e.ssCode() < 0 ? null : Integer.toString(e.ssCode())))
                    .as("SS code of " + frame).containsAll(f.get("gsm_map.ss.ss_Code"));
            assertThat(values(ours, MapEvent::ussdString)).as("USSD of " + frame).containsAll(f.get("gsm_map.ussd_string"));
            assertThat(values(ours, e -> e.equipmentStatus() < 0 ? null : Integer.toString(e.equipmentStatus())))
                    .as("equipment status of " + frame).containsAll(f.get("gsm_map.ms.equipmentStatus"));
            for (MapEvent e : ours) {
                assertThat(f.get("tcap.otid")).as("otid of " + frame)
                        .containsAll(e.otid() < 0 ? List.of() : List.of(String.format("%08x", e.otid())));
                assertThat(f.get("tcap.dtid")).as("dtid of " + frame)
                        .containsAll(e.dtid() < 0 ? List.of() : List.of(String.format("%08x", e.dtid())));
                assertThat(union(f, CALLING_GT)).as("calling GT of " + frame).contains(e.calling().gtDigits());
                assertThat(union(f, CALLED_GT)).as("called GT of " + frame).contains(e.called().gtDigits());
                if (e.opc() >= 0 || !union(f, OPC).isEmpty()) {
                    assertThat(union(f, OPC)).as("OPC of " + frame).contains(Integer.toString(e.opc()));
                    assertThat(union(f, DPC)).as("DPC of " + frame).contains(Integer.toString(e.dpc()));
                }
            }
        }
        assertThat(componentsCompared).as("components compared").isGreaterThan(40);
        assertThat(opCodesSeen).as("operations covered").contains(2, 7, 3, 67, 56, 45, 22, 58, 43, 10, 11, 12, 13, 59,
                v.version() >= 3 ? 44 : 46);
        if (v.version() >= 3) {
            assertThat(opCodesSeen).contains(23, 70, 71, 44, 46);
        }
    }

    /** The last-component tshark number of a component type. */
    static int componentNumber(ComponentType t) {
        return switch (t) {
            case INVOKE -> 1;
            case RETURN_RESULT_LAST -> 2;
            case RETURN_ERROR -> 3;
            case REJECT -> 4;
            case RETURN_RESULT_NOT_LAST -> 7;
            case NONE -> 0;
        };
    }

    /** A result has its operation code on the wire only when it has a parameter. */
    static boolean carriesResultOpcode(MapEvent e) {
        return switch (e.operation()) {
            case UPDATE_LOCATION, UPDATE_GPRS_LOCATION, SEND_ROUTING_INFO_FOR_SM, SEND_ROUTING_INFO, SEND_IMSI, CHECK_IMEI,
                    ANY_TIME_INTERROGATION, PROVIDE_SUBSCRIBER_INFO -> true;
            default -> false;
        };
    }

    /** Every E.164 number an event names: the subscriber, nodes, GTs, SMS addresses. */
    static Set<String> numbersOf(List<MapEvent> ours) {
        Set<String> numbers = new HashSet<>();
        for (MapEvent e : ours) {
            Stream.of(e.msisdn() == null ? null : e.msisdn().digits(), e.mscNumber(), e.vlrNumber(), e.sgsnNumber(),
                    e.hlrNumber(), e.smscAddress(), e.roamingNumber(), e.forwardedToNumber(), e.calling().gtDigits(),
                    e.called().gtDigits(), e.sms() != null && e.sms().originator() != null ? e.sms().originator().value() : null,
                    e.sms() != null && e.sms().destination() != null ? e.sms().destination().value() : null)
                    .filter(Objects::nonNull).forEach(numbers::add);
        }
        return numbers;
    }

    static Set<String> values(List<MapEvent> events, java.util.function.Function<MapEvent, String> f) {
        Set<String> s = new HashSet<>();
        for (MapEvent e : events) {
            String v = f.apply(e);
            if (v != null) {
                s.add(v);
            }
        }
        return s;
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void sameSeedSameBytes(@TempDir Path dir) throws Exception {
        Variant v = variants().toList().get(6);
        Path a = write(Files.createDirectories(dir.resolve("a")), v, 7);
        Path b = write(Files.createDirectories(dir.resolve("b")), v, 7);
        Path c = write(Files.createDirectories(dir.resolve("c")), v, 8);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));
    }

    @Test
    void retransmittedDataProducesExactlyOneEvent(@TempDir Path dir) throws Exception {
        Variant plain = new Variant("plain", 3, SigtranLink.Options.ethernet(), 0, false);
        Variant resent = new Variant("resent", 3, SigtranLink.Options.ethernet().withRetransmitEvery(2), 0, false);
        DecodeCounters plainCounters = new DecodeCounters();
        DecodeCounters resentCounters = new DecodeCounters();
        List<MapEvent> once = decode(write(dir, plain, 42), plainCounters);
        Path resentFile = write(dir, resent, 42);
        List<MapEvent> twice = decode(resentFile, resentCounters);
        // Same events, same order: every retransmitted TSN was dropped, none counted twice.
        assertThat(twice.stream().map(MapEvent::toString).toList())
                .containsExactlyElementsOf(once.stream().map(MapEvent::toString).toList());
        long retransmissions = resentCounters.ignored(Layer.SCTP, "retransmission");
        assertThat(retransmissions).isPositive();
        // tshark agrees on how many DATA chunks were retransmissions.
        long tsharkRetransmissions = Tshark.fields(resentFile, "sctp.retransmission").stream()
                .mapToLong(f -> f.get("sctp.retransmission").size()).sum();
        assertThat(retransmissions).isEqualTo(tsharkRetransmissions);
    }
}
