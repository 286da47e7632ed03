package io.swapguard.event;

/** Events with every field set, for round-trip tests. */
public final class TestEvents {

    private TestEvents() {
    }

    public static final long T0 = 1_780_000_000_123_456_789L;

    public static MapEvent fullMapEvent() {
        return MapEvent.builder()
                .captureNanos(T0)
                .tapId("stp-a/link-3")
                .opc(1234)
                .dpc(0xABCDEF)
                .calling(new SccpAddress(true, 4321, SccpAddress.SSN_VLR, new GlobalTitle(4, 0, 1, 4, "491720000001")))
                .called(new SccpAddress(false, 77, SccpAddress.SSN_HLR, new GlobalTitle(2, 3, 0, 0, "62811000000a")))
                .tcapType(TcapMessageType.CONTINUE)
                .otid(0xFFFFFFFFL)
                .dtid(0)
                .applicationContext(20)
                .applicationContextVersion(3)
                .component(ComponentType.RETURN_RESULT_LAST)
                .invokeId(255)
                .operation(MapOperation.SEND_ROUTING_INFO_FOR_SM)
                .errorCode(0xFFFF)
                .imsi(Imsi.of("510109876543210"))
                .msisdn(Msisdn.of("6281234567890"))
                .imei(Imei.of("3533250912345678"))
                .mscNumber("491720000001")
                .vlrNumber("491720000002")
                .sgsnNumber("491720000003")
                .hlrNumber("6281100001")
                .smscAddress("6281100099")
                .ssCode(0x21)
                .forwardedToNumber("4917612345678")
                .equipmentStatus(2)
                .sms(new ShortMessage(ShortMessage.Type.DELIVER, SmsAddress.alphanumeric("BCA Bank"),
                        SmsAddress.international("6281234567890"), 8,
                        "Kode OTP Anda 483920. JANGAN BERIKAN kode ini kepada siapapun. Ünïcødé ✓", 0xBEEF, 2, 3))
                .ussdString("*123#")
                .roamingNumber("628110093308")
                .build();
    }

    /** The least an event can carry. */
    public static MapEvent minimalMapEvent() {
        return MapEvent.builder().captureNanos(0).tapId("").tcapType(TcapMessageType.ABORT)
                .component(ComponentType.NONE).build();
    }

    public static ProvisioningEvent fullProvisioningEvent() {
        return new ProvisioningEvent(T0 + 5, "bss-csv", ProvisioningEvent.Kind.SIM_REPLACEMENT,
                Msisdn.of("6281234567890"), Imsi.of("510109876543211"), Imsi.of("510109876543210"),
                Imei.of("35332509123456"), "store-JKT-017", "ORD-2026-000123");
    }

    public static ProvisioningEvent minimalProvisioningEvent() {
        return new ProvisioningEvent(-1, "", ProvisioningEvent.Kind.DEACTIVATION, Msisdn.of("628"), null, null,
                null, null, null);
    }

    public static AlertEvent fullAlertEvent() {
        return new AlertEvent(T0 + 9, "detector", "simSwap", AlertEvent.Severity.HIGH, Msisdn.of("6281234567890"),
                Imsi.of("510109876543211"), "SIM swap: 62812******90 now behind 51010********11, no store record",
                java.util.List.of(new AlertEvent.Evidence(0x79cb600000012L, T0 + 1, "ISD: MSISDN behind new IMSI"),
                        new AlertEvent.Evidence(-1, T0, "previous IMSI since first sighting")), 0x79cb600000013L, 2);
    }

    public static AlertEvent minimalAlertEvent() {
        return new AlertEvent(0, "", "x", AlertEvent.Severity.LOW, Msisdn.of("628"), null, "", java.util.List.of(), -1, 0);
    }

    /** One event of every kind and shape the codec must round-trip. */
    public static java.util.List<SignalEvent> everyKind() {
        return java.util.List.of(TestEvents.fullMapEvent(), TestEvents.minimalMapEvent(),
                TestEvents.fullProvisioningEvent(), TestEvents.minimalProvisioningEvent(),
                TestEvents.fullAlertEvent(), TestEvents.minimalAlertEvent(),
                new io.swapguard.event.ProvisioningEvent(TestEvents.T0, "ceir", io.swapguard.event.ProvisioningEvent.Kind.DEVICE_REGISTRATION,
                        io.swapguard.event.Msisdn.of("6281234567890"), null, null, io.swapguard.event.Imei.of("353325091234567"), "ceir", ""),
                TestEvents.fullMapEvent().toBuilder().sms(ShortMessage.single(ShortMessage.Type.SUBMIT, null, null, 4, null))
                        .build(),
                fullSmppEvent(), minimalSmppEvent(), fullDiameterEvent(), minimalDiameterEvent());
    }

    /** A joined ULA with every field set (some belong to other commands; the codec does not care). */
    public static DiameterEvent fullDiameterEvent() {
        return DiameterEvent.builder().captureNanos(T0 + 5).tapId("s6a-dra1").applicationId(DiameterCommand.APP_S6A)
                .commandCode(316).request(false).hopByHop(0xFFFFFFFFL).endToEnd(0x12345678L).resultCode(5420)
                .originHost("hss1.epc.mnc010.mcc510.3gppnetwork.org").originRealm("epc.mnc010.mcc510.3gppnetwork.org")
                .destinationHost("mme7.epc.mnc015.mcc234.3gppnetwork.org")
                .destinationRealm("epc.mnc015.mcc234.3gppnetwork.org")
                .routeRecords(java.util.List.of("dea.ipx.example", "dra1.epc.mnc010.mcc510.3gppnetwork.org"))
                .imsi(Imsi.of("510109876543210")).msisdn(Msisdn.of("6281234567890"))
                .imei(Imei.of("3533250912345601")).visitedPlmnId("23415").ratType(1004).commandFlags(0x22)
                .cancellationType(2).equipmentStatus(1).servingNode("mme7.example").smscAddress("628100")
                .sms(ShortMessage.single(ShortMessage.Type.DELIVER, SmsAddress.alphanumeric("BCA"),
                        SmsAddress.international("6281234567890"), 0, "OTP 123456"))
                .build();
    }

    /** A bare request: no AVP the probe extracts. */
    public static DiameterEvent minimalDiameterEvent() {
        return DiameterEvent.builder().commandCode(280).build();
    }

    /** A blocked OTP with every field set: concatenated part, reason, status and decision time. */
    public static SmppEvent fullSmppEvent() {
        return new SmppEvent(T0, "gate", SmppEvent.Command.SUBMIT_MULTI, "bank-bca-1",
                new ShortMessage(ShortMessage.Type.SUBMIT, SmsAddress.alphanumeric("BCA"),
                        SmsAddress.international("6281234567890"), 8, "Kode OTP Anda 123456 \u2013 jangan dibagikan",
                        0x1234, 2, 3),
                SmppEvent.Decision.BLOCKED, "simSwap", "SIM swapped without a trusted record 12 min ago",
                0x45, 12_345);
    }

    /** What a passive tap writes: no verdict, no status, no timing. */
    public static SmppEvent minimalSmppEvent() {
        return new SmppEvent(T0, "smsc-link", SmppEvent.Command.DELIVER_SM, "",
                ShortMessage.single(ShortMessage.Type.DELIVER, null, null, 4, null), SmppEvent.Decision.OBSERVED,
                "", "", -1, -1);
    }

    /** An event as the journal stores it. */
    public static byte[] encoded(SignalEvent event) {
        io.swapguard.event.codec.RecordBuffer buffer = new io.swapguard.event.codec.RecordBuffer(8);
        io.swapguard.event.codec.EventCodec.encode(event, buffer);
        return buffer.toByteArray();
    }
}
