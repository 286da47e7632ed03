package io.swapguard.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The event types at the edges of what they accept (the journal codec and every decoder rely on
 * these bounds), and their log-safe names and text.
 */
class EventBoundsTest {

    @AfterEach
    void maskingBackOn() {
        SubscriberMasking.enabled(true);
    }

    /** {@code field} accepts exactly {@code min..max}. */
    private static <B> void accepts(String field, long min, long max, Function<Long, Object> build) {
        assertThatCode(() -> build.apply(min)).as("%s = %d", field, min).doesNotThrowAnyException();
        assertThatCode(() -> build.apply(max)).as("%s = %d", field, max).doesNotThrowAnyException();
        assertThatThrownBy(() -> build.apply(min - 1)).as("%s = %d", field, min - 1)
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> build.apply(max + 1)).as("%s = %d", field, max + 1)
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static MapEvent map(Consumer<MapEvent.Builder> set) {
        MapEvent.Builder b = TestEvents.minimalMapEvent().toBuilder();
        set.accept(b);
        return b.build();
    }

    private static DiameterEvent diameter(Consumer<DiameterEvent.Builder> set) {
        DiameterEvent.Builder b = DiameterEvent.builder().tapId("t").applicationId(16777251)
                .commandCode(DiameterCommand.UPDATE_LOCATION.code());
        set.accept(b);
        return b.build();
    }

    @Test
    void mapEventNumbersStayWithinTheirFieldsOnTheWire() {
        accepts("opc", -1, 0xFFFFFF, v -> map(b -> b.opc(v.intValue())));
        accepts("dpc", -1, 0xFFFFFF, v -> map(b -> b.dpc(v.intValue())));
        accepts("otid", -1, 0xFFFFFFFFL, v -> map(b -> b.otid(v)));
        accepts("dtid", -1, 0xFFFFFFFFL, v -> map(b -> b.dtid(v)));
        accepts("applicationContext", 0, 255, v -> map(b -> b.applicationContext(v.intValue())));
        accepts("applicationContextVersion", 0, 255, v -> map(b -> b.applicationContextVersion(v.intValue())));
        accepts("invokeId", -1, 255, v -> map(b -> b.invokeId(v.intValue())));
        accepts("opCode", -1, 255, v -> map(b -> b.opCode(v.intValue())));
        accepts("errorCode", -1, 0xFFFF, v -> map(b -> b.errorCode(v.intValue())));
        accepts("ssCode", -1, 255, v -> map(b -> b.ssCode(v.intValue())));
        accepts("equipmentStatus", -1, 2, v -> map(b -> b.equipmentStatus(v.intValue())));
        assertThatThrownBy(() -> map(b -> b.tapId("t".repeat(SignalEvent.MAX_TAP_ID_LENGTH + 1))))
                .hasMessageContaining("tap id longer");
        assertThat(map(b -> b.tapId("t".repeat(SignalEvent.MAX_TAP_ID_LENGTH))).tapId())
                .hasSize(SignalEvent.MAX_TAP_ID_LENGTH);
        assertThatThrownBy(() -> map(b -> b.ussdString("1".repeat(MapEvent.MAX_USSD_LENGTH + 1))))
                .hasMessage("USSD string longer than 182");
        assertThat(map(b -> b.ussdString("1".repeat(MapEvent.MAX_USSD_LENGTH))).ussdString()).hasSize(182);
    }

    @Test
    void everyMapAddressMustBeOneToThirtyTwoBcdDigits() {
        List<Function<String, MapEvent>> fields = List.of(v -> map(b -> b.mscNumber(v)), v -> map(b -> b.vlrNumber(v)),
                v -> map(b -> b.sgsnNumber(v)), v -> map(b -> b.hlrNumber(v)), v -> map(b -> b.smscAddress(v)),
                v -> map(b -> b.roamingNumber(v)), v -> map(b -> b.forwardedToNumber(v)));
        for (Function<String, MapEvent> f : fields) {
            assertThat(f.apply("0").toString()).isNotEmpty();
            assertThatCode(() -> f.apply("9".repeat(MapEvent.MAX_NUMBER_DIGITS))).doesNotThrowAnyException();
            assertThatCode(() -> f.apply("0a1f")).as("filler and BCD codes").doesNotThrowAnyException();
            assertThatThrownBy(() -> f.apply("")).hasMessageEndingWith("must have 1..32 digits");
            assertThatThrownBy(() -> f.apply("9".repeat(MapEvent.MAX_NUMBER_DIGITS + 1)))
                    .hasMessageEndingWith("must have 1..32 digits");
            for (String bad : List.of("12/", "12:", "12`", "12g", "12A")) {
                assertThatThrownBy(() -> f.apply(bad)).hasMessageContaining("is not BCD");
            }
        }
        assertThatThrownBy(() -> map(b -> b.vlrNumber("12x"))).hasMessage("vlrNumber digit 'x' is not BCD");
    }

    @Test
    void operationNamesFollowTheMapVersion() {
        assertThat(map(b -> b.opCode(-1)).operationName()).isEmpty();
        assertThat(map(b -> b.opCode(0)).operationName()).as("code 0 is no operation").isEqualTo("op#0");
        assertThat(map(b -> b.operation(MapOperation.MO_FORWARD_SM).applicationContextVersion(2)).operationName())
                .isEqualTo("forwardSM");
        assertThat(map(b -> b.operation(MapOperation.MO_FORWARD_SM).applicationContextVersion(1)).operationName())
                .isEqualTo("forwardSM");
        assertThat(map(b -> b.operation(MapOperation.MO_FORWARD_SM).applicationContextVersion(3)).operationName())
                .isEqualTo("mo-forwardSM");
        assertThat(map(b -> b.operation(MapOperation.MO_FORWARD_SM).applicationContextVersion(0)).operationName())
                .as("version unknown").isEqualTo("mo-forwardSM");
        assertThat(map(b -> b.operation(MapOperation.UPDATE_LOCATION).applicationContextVersion(2)).operationName())
                .isEqualTo(MapOperation.UPDATE_LOCATION.asn1Name());
        assertThat(map(b -> b.opCode(250)).operationName()).isEqualTo("op#250");
    }

    @Test
    void mapEventsPrintMaskedAndOnlyWhatTheyCarry() {
        assertThat(TestEvents.minimalMapEvent().toString()).isEqualTo("MapEvent{(no operation) NONE in ABORT"
                + " calling=[null] called=[null]}");
        MapEvent full = TestEvents.fullMapEvent();
        assertThat(full.toString()).isEqualTo("MapEvent{" + full.operationName() + " RETURN_RESULT_LAST in CONTINUE"
                + " calling=[gt=491720000001 pc=4321 ssn=7] called=[gt=62811000000a pc=77 ssn=6]"
                + " imsi=51010********10 msisdn=62812******90 imei=35332509******** error=65535}");
        assertThat(map(b -> b.opCode(2).errorCode(0)).toString()).endsWith(" error=0}");
        assertThat(map(b -> b.opCode(2)).toString()).doesNotContain("error").startsWith("MapEvent{updateLocation ");
    }

    @Test
    void theBuilderReadsBackWhatWasSetSoFar() {
        MapEvent full = TestEvents.fullMapEvent();
        MapEvent.Builder b = full.toBuilder();
        assertThat(b.imsi()).isEqualTo(full.imsi());
        assertThat(b.msisdn()).isEqualTo(full.msisdn());
        assertThat(b.imei()).isEqualTo(full.imei());
        assertThat(b.mscNumber()).isEqualTo("491720000001");
        assertThat(b.vlrNumber()).isEqualTo("491720000002");
        assertThat(b.sgsnNumber()).isEqualTo("491720000003");
        assertThat(b.smscAddress()).isEqualTo("6281100099");
        assertThat(b.ssCode()).isEqualTo(0x21);
        assertThat(b.forwardedToNumber()).isEqualTo("4917612345678");
        assertThat(b.build()).isEqualTo(full);

        DiameterEvent.Builder d = DiameterEvent.builder().request(true).imsi(Imsi.of("510109876543210"))
                .msisdn(Msisdn.of("6281234567890")).imei(Imei.of("35332509123456")).originHost("mme.a")
                .destinationHost("hss.b").destinationRealm("b.example").visitedPlmnId("51010").ratType(1004);
        assertThat(d.isRequest()).isTrue();
        assertThat(d.imsi()).isEqualTo(Imsi.of("510109876543210"));
        assertThat(d.msisdn()).isEqualTo(Msisdn.of("6281234567890"));
        assertThat(d.imei()).isEqualTo(Imei.of("35332509123456"));
        assertThat(d.originHost()).isEqualTo("mme.a");
        assertThat(d.destinationHost()).isEqualTo("hss.b");
        assertThat(d.destinationRealm()).isEqualTo("b.example");
        assertThat(d.visitedPlmnId()).isEqualTo("51010");
        assertThat(d.ratType()).isEqualTo(1004);
        assertThat(DiameterEvent.builder().request(false).isRequest()).isFalse();
    }

    @Test
    void diameterNumbersStayWithinTheirHeaderFields() {
        accepts("applicationId", 0, 0xFFFFFFFFL, v -> diameter(b -> b.applicationId(v)));
        accepts("commandCode", 0, 0xFFFFFF, v -> diameter(b -> b.commandCode(v.intValue())));
        accepts("hopByHop", 0, 0xFFFFFFFFL, v -> diameter(b -> b.hopByHop(v)));
        accepts("endToEnd", 0, 0xFFFFFFFFL, v -> diameter(b -> b.endToEnd(v)));
        accepts("equipmentStatus", -1, 2, v -> diameter(b -> b.equipmentStatus(v.intValue())));
        for (Function<Integer, DiameterEvent> absent : List.<Function<Integer, DiameterEvent>>of(
                v -> diameter(b -> b.resultCode(v)), v -> diameter(b -> b.ratType(v)),
                v -> diameter(b -> b.commandFlags(v)), v -> diameter(b -> b.cancellationType(v)))) {
            assertThatCode(() -> absent.apply(-1)).doesNotThrowAnyException();
            assertThatThrownBy(() -> absent.apply(-2)).hasMessage("absent numbers are -1");
        }
    }

    @Test
    void diameterIdentitiesArePresentAndBounded() {
        String longest = "h".repeat(DiameterEvent.MAX_IDENTITY_LENGTH);
        List<Function<String, DiameterEvent>> fields = List.of(v -> diameter(b -> b.originHost(v)),
                v -> diameter(b -> b.originRealm(v)), v -> diameter(b -> b.destinationHost(v)),
                v -> diameter(b -> b.destinationRealm(v)), v -> diameter(b -> b.servingNode(v)),
                v -> diameter(b -> b.routeRecords(List.of("ok", v))));
        for (Function<String, DiameterEvent> f : fields) {
            assertThatCode(() -> f.apply("a")).doesNotThrowAnyException();
            assertThatCode(() -> f.apply(longest)).doesNotThrowAnyException();
            assertThatThrownBy(() -> f.apply("")).hasMessageContaining("must have 1..");
            assertThatThrownBy(() -> f.apply(longest + "h")).hasMessageContaining("must have 1..");
        }
        List<String> most = java.util.Collections.nCopies(DiameterEvent.MAX_ROUTE_RECORDS, "dra");
        assertThat(diameter(b -> b.routeRecords(most)).routeRecords()).hasSize(DiameterEvent.MAX_ROUTE_RECORDS);
        List<String> tooMany = java.util.Collections.nCopies(DiameterEvent.MAX_ROUTE_RECORDS + 1, "dra");
        assertThatThrownBy(() -> diameter(b -> b.routeRecords(tooMany))).hasMessageStartingWith("more than");
        assertThat(diameter(b -> b.visitedPlmnId("51010")).visitedPlmnId()).isEqualTo("51010");
        assertThat(diameter(b -> b.visitedPlmnId("510100")).visitedPlmnId()).isEqualTo("510100");
        assertThatThrownBy(() -> diameter(b -> b.visitedPlmnId("5101"))).hasMessageContaining("5 or 6 digits");
        assertThatThrownBy(() -> diameter(b -> b.visitedPlmnId("5101000"))).hasMessageContaining("5 or 6 digits");
        assertThat(diameter(b -> b.smscAddress("6")).smscAddress()).isEqualTo("6");
        assertThatThrownBy(() -> diameter(b -> b.smscAddress(""))).hasMessageStartingWith("SC address");
        assertThatThrownBy(() -> diameter(b -> b.smscAddress("62a"))).hasMessageStartingWith("SC address");
    }

    @Test
    void diameterCommandsAnswersAndTheirNames() {
        DiameterEvent ulr = diameter(b -> b.request(true));
        assertThat(ulr.command()).isEqualTo(DiameterCommand.UPDATE_LOCATION);
        assertThat(ulr.commandName()).isEqualTo("ULR");
        assertThat(diameter(b -> b.request(false)).commandName()).isEqualTo("ULA");
        assertThat(diameter(b -> b.commandCode(9999).request(true)).commandName()).isEqualTo("cmd#9999R");
        assertThat(diameter(b -> b.commandCode(9999).request(false)).commandName()).isEqualTo("cmd#9999A");
        assertThat(DiameterCommand.of(DiameterCommand.UPDATE_LOCATION.code())).isEqualTo(DiameterCommand.UPDATE_LOCATION);
        assertThat(DiameterCommand.UPDATE_LOCATION.code()).isEqualTo(316);
        assertThat(DiameterCommand.of(9999)).isEqualTo(DiameterCommand.UNKNOWN);
        assertThat(DiameterCommand.UNKNOWN.abbreviation(true)).isEmpty();
        for (int code : List.of(1999, 2000, 2999, 3000)) {
            boolean expected = code >= 2000 && code < 3000;
            assertThat(diameter(b -> b.request(false).resultCode(code)).success()).as("answer %d", code).isEqualTo(expected);
        }
        assertThat(diameter(b -> b.request(true).resultCode(2001)).success()).as("a request").isFalse();
        assertThat(ulr.toBuilder().build()).isEqualTo(ulr);
    }

    @Test
    void diameterEventsPrintMaskedAndOnlyWhatTheyCarry() {
        assertThat(diameter(b -> b.request(true).originHost("mme1").originRealm("r")).toString())
                .isEqualTo("DiameterEvent{ULR app=16777251 from=mme1@r}");
        assertThat(diameter(b -> b.request(false).imsi(Imsi.of("510109876543210")).msisdn(Msisdn.of("6281234567890"))
                .imei(Imei.of("35332509123456")).resultCode(0)).toString())
                .isEqualTo("DiameterEvent{ULA app=16777251 from=null@null imsi=51010********10 msisdn=62812******90"
                        + " imei=35332509****** result=0}");
    }

    @Test
    void sccpAndGlobalTitleBounds() {
        GlobalTitle gt = GlobalTitle.e164("6281100101");
        accepts("pointCode", -1, 0xFFFFFF, v -> new SccpAddress(true, v.intValue(), 6, gt));
        accepts("ssn", 0, 255, v -> new SccpAddress(true, -1, v.intValue(), gt));
        accepts("indicator", 1, 4, v -> new GlobalTitle(v.intValue(), 0, 1, 4, "1"));
        assertThat(new GlobalTitle(4, 0, 1, 4, "9".repeat(GlobalTitle.MAX_DIGITS)).digits()).hasSize(32);
        assertThatThrownBy(() -> new GlobalTitle(4, 0, 1, 4, "9".repeat(GlobalTitle.MAX_DIGITS + 1)))
                .hasMessageContaining("longer than 32");
        assertThatThrownBy(() -> new GlobalTitle(4, 0, 1, 4, null)).hasMessageContaining("missing");
        for (String bad : List.of("1/", "1:", "1`", "1g")) {
            assertThatThrownBy(() -> new GlobalTitle(4, 0, 1, 4, bad)).hasMessageContaining("is not BCD");
        }
        assertThat(new GlobalTitle(4, 0, 1, 4, "09af").digits()).isEqualTo("09af");
        assertThat(GlobalTitle.e164("62811")).isEqualTo(new GlobalTitle(4, 0, 1, 4, "62811"));
        assertThat(gt.toString()).isEqualTo("6281100101");

        SccpAddress byGt = SccpAddress.gt(gt, SccpAddress.SSN_VLR);
        assertThat(byGt).isEqualTo(new SccpAddress(true, -1, SccpAddress.SSN_VLR, gt));
        assertThat(byGt.gtDigits()).isEqualTo("6281100101");
        assertThat(new SccpAddress(false, 5, 6, null).gtDigits()).isEmpty();
        assertThat(byGt.toString()).isEqualTo("gt=6281100101 ssn=7");
        assertThat(new SccpAddress(false, 0, 0, null).toString()).isEqualTo("pc=0");
        assertThat(new SccpAddress(false, 1, 1, null).toString()).isEqualTo("pc=1 ssn=1");
        assertThat(new SccpAddress(false, -1, 1, null).toString()).isEqualTo("ssn=1");
        assertThat(new SccpAddress(true, 7, 0, gt).toString()).isEqualTo("gt=6281100101 pc=7");
        assertThat(new SccpAddress(false, -1, 0, null).toString()).isEmpty();
    }

    @Test
    void smsBounds() {
        accepts("typeOfNumber", 0, 7, v -> new SmsAddress(v.intValue(), 1, "1"));
        accepts("numberingPlan", 0, 15, v -> new SmsAddress(1, v.intValue(), "1"));
        assertThat(new SmsAddress(5, 0, "x".repeat(SmsAddress.MAX_LENGTH)).value()).hasSize(64);
        assertThatThrownBy(() -> new SmsAddress(5, 0, "x".repeat(SmsAddress.MAX_LENGTH + 1)))
                .hasMessageContaining("longer than 64");
        assertThatThrownBy(() -> new SmsAddress(5, 0, null)).hasMessageContaining("missing");
        assertThat(SmsAddress.alphanumeric("BCA").toString()).isEqualTo("BCA");
        assertThat(SmsAddress.international("6281234567890").toString()).isEqualTo("62812******90");

        SmsAddress a = SmsAddress.alphanumeric("BCA");
        accepts("dataCoding", 0, 255, v -> new ShortMessage(ShortMessage.Type.DELIVER, a, a, v.intValue(), "x", -1, 0, 0));
        accepts("concatReference", -1, 0xFFFF, v -> new ShortMessage(ShortMessage.Type.DELIVER, a, a, 0, "x",
                v.intValue(), 0, 0));
        accepts("concatPart", 0, 255, v -> new ShortMessage(ShortMessage.Type.DELIVER, a, a, 0, "x", 1, v.intValue(), 0));
        accepts("concatTotal", 0, 255, v -> new ShortMessage(ShortMessage.Type.DELIVER, a, a, 0, "x", 1, 0,
                v.intValue()));
        assertThat(new ShortMessage(ShortMessage.Type.DELIVER, a, a, 0, "x", 0, 1, 2).isPart()).isTrue();
        assertThat(ShortMessage.single(ShortMessage.Type.DELIVER, a, a, 0, "x").isPart()).isFalse();
        String longest = "x".repeat(ShortMessage.MAX_TEXT_LENGTH);
        assertThat(ShortMessage.single(ShortMessage.Type.DELIVER, a, a, 0, longest).text()).hasSize(longest.length());
        assertThatThrownBy(() -> ShortMessage.single(ShortMessage.Type.DELIVER, a, a, 0, longest + "x"))
                .hasMessageStartingWith("text longer than");
        assertThatThrownBy(() -> ShortMessage.single(null, a, a, 0, "x")).hasMessage("short message type missing");
    }

    @Test
    void alertBoundsAndIdentity() {
        Msisdn m = Msisdn.of("6281234567890");
        Function<Integer, AlertEvent> withOrdinal = o -> new AlertEvent(1, "detector", "simSwap",
                AlertEvent.Severity.HIGH, m, null, "t", List.of(), 0x4e2000000011L, o);
        accepts("ordinal", 0, 255, v -> withOrdinal.apply(v.intValue()));
        assertThat(withOrdinal.apply(3).id()).isEqualTo("4e2000000011-3");
        Function<String, AlertEvent> withRule = r -> new AlertEvent(1, "detector", r, AlertEvent.Severity.HIGH, m, null,
                "t", List.of(), 0, 0);
        assertThat(withRule.apply("r".repeat(64)).rule()).hasSize(64);
        assertThatThrownBy(() -> withRule.apply("")).hasMessage("rule must be 1..64 characters");
        assertThatThrownBy(() -> withRule.apply("r".repeat(65))).hasMessage("rule must be 1..64 characters");
        assertThat(new AlertEvent(1, "t".repeat(SignalEvent.MAX_TAP_ID_LENGTH), "r", AlertEvent.Severity.LOW, m, null,
                "t", List.of(), 0, 0).tapId()).hasSize(SignalEvent.MAX_TAP_ID_LENGTH);
        assertThatThrownBy(() -> new AlertEvent(1, "t".repeat(SignalEvent.MAX_TAP_ID_LENGTH + 1), "r",
                AlertEvent.Severity.LOW, m, null, "t", List.of(), 0, 0)).isInstanceOf(IllegalArgumentException.class);

        String longest = "x".repeat(AlertEvent.MAX_TEXT);
        AlertEvent titled = new AlertEvent(1, "d", "r", AlertEvent.Severity.LOW, m, null, longest + "yz", List.of(), 0, 0);
        assertThat(titled.title()).isEqualTo(longest);
        assertThat(new AlertEvent(1, "d", "r", AlertEvent.Severity.LOW, m, null, longest, List.of(), 0, 0).title())
                .isEqualTo(longest);
        assertThat(new AlertEvent.Evidence(1, 2, longest + "z").text()).isEqualTo(longest);
        assertThat(new AlertEvent.Evidence(1, 2, longest).text()).isEqualTo(longest);

        List<AlertEvent.Evidence> seventeen = new java.util.ArrayList<>();
        for (int i = 0; i <= AlertEvent.MAX_EVIDENCE; i++) {
            seventeen.add(new AlertEvent.Evidence(i, i, "e" + i));
        }
        AlertEvent newest = new AlertEvent(1, "d", "r", AlertEvent.Severity.LOW, m, null, "t", seventeen, 0, 0);
        assertThat(newest.evidence()).as("the newest sixteen").hasSize(16).first()
                .extracting(AlertEvent.Evidence::index).isEqualTo(1L);
        List<AlertEvent.Evidence> sixteen = seventeen.subList(0, AlertEvent.MAX_EVIDENCE);
        assertThat(new AlertEvent(1, "d", "r", AlertEvent.Severity.LOW, m, null, "t", sixteen, 0, 0).evidence())
                .isEqualTo(sixteen);
    }

    @Test
    void identitiesAndTheirParts() {
        Imei imei = Imei.of("35332509123456");
        assertThat(Imei.isValid("35332509123456")).isTrue();
        assertThat(Imei.isValid("3533250912345")).isFalse();
        assertThat(imei.imei14()).isEqualTo("35332509123456");
        assertThat(Imei.of("353325091234567").imei14()).isEqualTo("35332509123456");
        assertThat(imei.isSoftwareVersion()).isFalse();
        assertThat(Imei.of("3533250912345601").isSoftwareVersion()).isTrue();
        assertThat(imei.sameDevice(Imei.of("3533250912345601"))).isTrue();
        assertThat(imei.sameDevice(Imei.of("35332509123457"))).isFalse();
        assertThat(imei.sameDevice(null)).isFalse();
        // Luhn over the 14 digits: 49015420323751 has check digit 8 (the GSMA example IMEI 490154203237518).
        assertThat(Imei.of("49015420323751").checkDigit()).isEqualTo(8);
        assertThat(Imei.of("35209900176148").checkDigit()).isEqualTo(1);
        assertThat(Imei.of("00000000000000").checkDigit()).isZero();
        assertThat(imei.compareTo(Imei.of("35332509123457"))).isNegative();
        assertThat(Imei.of("35332509123457").compareTo(imei)).isPositive();

        Imsi imsi = Imsi.of("510109876543210");
        assertThat(Imsi.isValid("510109876543210")).isTrue();
        assertThat(Imsi.isValid("51010x")).isFalse();
        assertThat(imsi.mcc()).isEqualTo("510");
        assertThat(imsi.mccMnc(2)).isEqualTo("51010");
        assertThat(imsi.mccMnc(3)).isEqualTo("510109");
        assertThatThrownBy(() -> imsi.mccMnc(4)).hasMessage("MNC length must be 2 or 3, got 4");
        assertThat(imsi.compareTo(Imsi.of("510109876543211"))).isNegative();
        assertThat(Imsi.of("510109876543211").compareTo(imsi)).isPositive();

        assertThatThrownBy(() -> Imsi.of("12x456")).hasMessageContaining("found 'x' at position 2");
        assertThatThrownBy(() -> Imsi.of("12/456")).hasMessageContaining("found '/'");
        assertThatThrownBy(() -> Imsi.of("12:456")).hasMessageContaining("found ':'");
        assertThat(Imsi.isValid("12345/")).isFalse();
        assertThat(Imsi.isValid("12345:")).isFalse();
        assertThat(Imsi.of("510109876543210").digits()).isEqualTo("510109876543210");
    }

    @Test
    void maskingKeepsTheNetworkAndStarsThePerson() {
        assertThat(SubscriberMasking.enabled()).isTrue();
        assertThat(SubscriberMasking.masked("1234567")).isEqualTo("*******");
        assertThat(SubscriberMasking.masked("12345678")).isEqualTo("12345*78");
        assertThat(SubscriberMasking.masked("6281234567890")).isEqualTo("62812******90");
        assertThat(SubscriberMasking.number(null)).isNull();
        assertThat(SubscriberMasking.number("6281234567890")).isEqualTo("62812******90");
        assertThat(SubscriberMasking.number("1234567")).isEqualTo("*******");
        assertThat(SubscriberMasking.number("12345678")).isEqualTo("12345*78");
        assertThat(SubscriberMasking.text("OTP 123 or 1234, card 12345")).isEqualTo("OTP 123 or ****, card *****");
        assertThat(SubscriberMasking.text("9999")).isEqualTo("****");
        assertThat(SubscriberMasking.text(null)).isNull();
        SubscriberMasking.enabled(false);
        assertThat(SubscriberMasking.enabled()).isFalse();
        assertThat(SubscriberMasking.number("6281234567890")).isEqualTo("6281234567890");
        assertThat(SubscriberMasking.text("OTP 1234")).isEqualTo("OTP 1234");
        assertThat(SubscriberMasking.masked("6281234567890")).as("stored text is masked regardless")
                .isEqualTo("62812******90");
    }

    @Test
    void theSmallTypesNameThemselvesAsLogsAndMetricsDo() {
        assertThat(ComponentType.RETURN_RESULT_LAST.asn1Name()).isEqualTo("returnResultLast");
        assertThat(ComponentType.RETURN_RESULT_LAST.isResult()).isTrue();
        assertThat(ComponentType.RETURN_RESULT_NOT_LAST.isResult()).isTrue();
        assertThat(ComponentType.INVOKE.isResult()).isFalse();
        assertThat(ComponentType.RETURN_ERROR.isResult()).isFalse();
        assertThat(LowerCamel.of(ComponentType.RETURN_RESULT_LAST)).isEqualTo("returnResultLast");
        assertThat(LowerCamel.of("SIM")).isEqualTo("sim");
        assertThat(LowerCamel.of("A__B_")).isEqualTo("aB");
        assertThat(SmppEvent.Command.SUBMIT_MULTI.smppName()).isEqualTo("submit_multi");
        for (SmppEvent.Decision d : SmppEvent.Decision.values()) {
            boolean refused = d == SmppEvent.Decision.BLOCKED || d == SmppEvent.Decision.FAILED_CLOSED;
            assertThat(d.forwarded()).as(d.name()).isEqualTo(!refused);
        }
        assertThat(SmppEvent.Decision.FAILED_OPEN.label()).isEqualTo("failed-open");
        assertThat(MapOperation.UPDATE_LOCATION.code()).isEqualTo(2);
        assertThat(MapOperation.of(2)).isEqualTo(MapOperation.UPDATE_LOCATION);
        assertThat(MapOperation.of(-1)).isEqualTo(MapOperation.UNKNOWN);
        assertThat(MapOperation.of(255)).as("no operation there").isEqualTo(MapOperation.UNKNOWN);
        assertThat(MapOperation.of(256)).isEqualTo(MapOperation.UNKNOWN);
        assertThat(MapOperation.of(0)).isEqualTo(MapOperation.UNKNOWN);
        assertThat(EventTime.instant(-1)).isEqualTo(java.time.Instant.ofEpochSecond(-1, 999_999_999));
        assertThat(EventTime.nanos(java.time.Instant.ofEpochSecond(2, 5))).isEqualTo(2_000_000_005L);
        assertThat(Msisdn.isValid("6281234567890")).isTrue();
        assertThat(Msisdn.isValid("62812x")).isFalse();
        assertThat(Msisdn.of("628").compareTo(Msisdn.of("629"))).isNegative();
        assertThat(Msisdn.of("629").compareTo(Msisdn.of("628"))).isPositive();

        EventReadException skipped = new EventReadException("signals", 0x4e2, true, new IllegalStateException("bad"));
        assertThat(skipped).hasMessage("journal signals record 0x4e2: bad (record skipped)");
        assertThat(skipped.index()).isEqualTo(0x4e2);
        assertThat(skipped.skipped()).isTrue();
        EventReadException stopped = new EventReadException("signals", 7, false, new IllegalStateException("bad"));
        assertThat(stopped).hasMessage("journal signals record 0x7: bad");
        assertThat(stopped.skipped()).isFalse();
        assertThat(new io.swapguard.event.codec.UnsupportedSchemaException(9).recordVersion()).isEqualTo(9);
    }

    @Test
    void smppEventTextsAreBounded() {
        SmppEvent full = TestEvents.fullSmppEvent();
        Function<String, SmppEvent> withAccount = a -> new SmppEvent(1, "gate", SmppEvent.Command.SUBMIT_SM, a,
                full.sms(), SmppEvent.Decision.ALLOWED, "", "", -1, 0);
        assertThat(withAccount.apply(null).account()).isEmpty();
        assertThat(withAccount.apply("a".repeat(SmppEvent.MAX_ACCOUNT_LENGTH)).account()).hasSize(64);
        assertThatThrownBy(() -> withAccount.apply("a".repeat(SmppEvent.MAX_ACCOUNT_LENGTH + 1)))
                .hasMessage("account longer than 64 characters");
        Function<Integer, SmppEvent> withStatus = st -> new SmppEvent(1, "gate", SmppEvent.Command.SUBMIT_SM, "a",
                full.sms(), SmppEvent.Decision.ALLOWED, "", "", st, 0);
        assertThat(withStatus.apply(-1).commandStatus()).isEqualTo(-1);
        assertThat(withStatus.apply(0).commandStatus()).isZero();
        assertThatThrownBy(() -> withStatus.apply(-2)).hasMessageStartingWith("command status must be -1");
    }
}
