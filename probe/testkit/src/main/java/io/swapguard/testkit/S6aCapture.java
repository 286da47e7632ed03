package io.swapguard.testkit;

import io.swapguard.diameter.AvpCode;
import io.swapguard.diameter.DiameterWriter;
import io.swapguard.event.DiameterCommand;
import io.swapguard.ss7.frame.FrameEncoder;
import io.swapguard.ss7.pcap.LinkType;
import io.swapguard.ss7.pcap.PcapWriter;
import io.swapguard.ss7.sctp.SctpDecoder;
import io.swapguard.ss7.sctp.SctpPacketBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * S6a attaches written into a capture, one Diameter message per SCTP packet (PPID 46) between an
 * MME (10.0.0.1) and the HSS (10.0.0.2): for load harnesses and end-to-end tests.
 */
public final class S6aCapture {

    private static final InetAddress MME;
    private static final InetAddress HSS;

    static {
        try {
            MME = InetAddress.getByName("10.0.0.1");
            HSS = InetAddress.getByName("10.0.0.2");
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PcapWriter out;
    private final long stepNanos;
    private long t;
    private long tsn = 1;
    private long hopByHop = 1;

    /** Messages from {@code startNanos} on, {@code stepNanos} apart. */
    public S6aCapture(PcapWriter out, long startNanos, long stepNanos) {
        this.out = out;
        this.t = startNanos;
        this.stepNanos = stepNanos;
    }

    /** Lets {@code nanos} of capture time pass before the next message. */
    public void advance(long nanos) {
        t += nanos;
    }

    /**
     * An attach accepted by the HSS: AIR/AIA, then ULR (RAT EUTRAN, Visited-PLMN-Id, IMEI with
     * software version 01) and ULA (Subscription-Data with the MSISDN).
     */
    public void attach(String mmeHost, String realm, String plmn, String imsi, String imei, String msisdn) {
        for (int cmd : new int[] {DiameterCommand.AUTHENTICATION_INFORMATION.code(),
            DiameterCommand.UPDATE_LOCATION.code()}) {
            long id = hopByHop++;
            DiameterWriter req = DiameterWriter.request(cmd, DiameterCommand.APP_S6A, id, id)
                    .base(AvpCode.SESSION_ID, mmeHost + ";" + id).base(AvpCode.ORIGIN_HOST, mmeHost)
                    .base(AvpCode.ORIGIN_REALM, realm).base(AvpCode.DESTINATION_REALM, realm)
                    .base(AvpCode.USER_NAME, imsi).vendor(AvpCode.VISITED_PLMN_ID, DiameterWriter.plmnId(plmn));
            DiameterWriter ans = DiameterWriter.answer(cmd, DiameterCommand.APP_S6A, id, id)
                    .base(AvpCode.SESSION_ID, mmeHost + ";" + id).base(AvpCode.RESULT_CODE, 2001)
                    .base(AvpCode.ORIGIN_HOST, "hss1." + realm).base(AvpCode.ORIGIN_REALM, realm);
            if (cmd == DiameterCommand.UPDATE_LOCATION.code()) {
                req.vendor(AvpCode.RAT_TYPE, 1004).vendor(AvpCode.ULR_FLAGS, 0x22)
                        .vendorGroup(AvpCode.TERMINAL_INFORMATION, g -> g.vendor(AvpCode.IMEI, imei)
                                .vendor(AvpCode.SOFTWARE_VERSION, "01"));
                ans.vendorGroup(AvpCode.SUBSCRIPTION_DATA, g -> g.vendor(AvpCode.MSISDN, DiameterWriter.tbcd(msisdn)));
            }
            send(req.toBytes(), true);
            send(ans.toBytes(), false);
        }
    }

    private void send(byte[] message, boolean request) {
        byte[] sctp = new SctpPacketBuilder(request ? 3868 : 3869, request ? 3869 : 3868, 7)
                .data(tsn++, 0, 0, SctpDecoder.PPID_DIAMETER, message).build();
        try {
            out.write(t += stepNanos, FrameEncoder.encode(LinkType.ETHERNET, null, request ? MME : HSS,
                    request ? HSS : MME, 132, sctp, 0, sctp.length, 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
