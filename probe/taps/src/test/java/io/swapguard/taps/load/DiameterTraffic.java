package io.swapguard.taps.load;

import io.swapguard.diameter.AvpCode;
import io.swapguard.diameter.DiameterWriter;
import io.swapguard.event.DiameterCommand;
import io.swapguard.ss7.frame.FrameEncoder;
import io.swapguard.ss7.pcap.LinkType;
import io.swapguard.ss7.pcap.PcapWriter;
import io.swapguard.ss7.sctp.SctpDecoder;
import io.swapguard.ss7.sctp.SctpPacketBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;

/** S6a load traffic for {@link ProbeLoad}: per subscriber an AIR/AIA and a ULR/ULA, each message in its own SCTP packet. */
final class DiameterTraffic {

    private DiameterTraffic() {
    }

    static void write(Path pcap, int subscribers) throws IOException {
        InetAddress mme = InetAddress.getByName("10.0.0.1");
        InetAddress hss = InetAddress.getByName("10.0.0.2");
        String realm = "epc.mnc010.mcc510.3gppnetwork.org";
        long t = 1_780_000_000_000_000_000L;
        long tsn = 1;
        long hbh = 1;
        try (PcapWriter w = PcapWriter.create(pcap, LinkType.ETHERNET)) {
            for (int i = 0; i < subscribers; i++) {
                String imsi = String.format("51010%010d", i);
                String imei = String.format("353325%08d", i);
                byte[] msisdn = DiameterWriter.tbcd(String.format("62811%08d", i));
                String host = "mme" + (i % 16) + "." + realm;
                for (int cmd : new int[] {318, 316}) {
                    DiameterWriter req = DiameterWriter.request(cmd, DiameterCommand.APP_S6A, hbh, hbh)
                            .base(AvpCode.SESSION_ID, host + ";" + hbh).base(AvpCode.ORIGIN_HOST, host)
                            .base(AvpCode.ORIGIN_REALM, realm).base(AvpCode.DESTINATION_REALM, realm)
                            .base(AvpCode.USER_NAME, imsi).vendor(AvpCode.VISITED_PLMN_ID, DiameterWriter.plmnId("51010"));
                    DiameterWriter ans = DiameterWriter.answer(cmd, DiameterCommand.APP_S6A, hbh, hbh)
                            .base(AvpCode.SESSION_ID, host + ";" + hbh).base(AvpCode.RESULT_CODE, 2001)
                            .base(AvpCode.ORIGIN_HOST, "hss1." + realm).base(AvpCode.ORIGIN_REALM, realm);
                    if (cmd == 316) {
                        req.vendor(AvpCode.RAT_TYPE, 1004).vendor(AvpCode.ULR_FLAGS, 0x22)
                                .vendorGroup(AvpCode.TERMINAL_INFORMATION, g -> g.vendor(AvpCode.IMEI,
                                        imei).vendor(AvpCode.SOFTWARE_VERSION, "01"));
                        ans.vendorGroup(AvpCode.SUBSCRIPTION_DATA, g -> g.vendor(AvpCode.MSISDN,
                                msisdn));
                    }
                    hbh++;
                    for (boolean request : new boolean[] {true, false}) {
                        byte[] m = (request ? req : ans).toBytes();
                        byte[] sctp = new SctpPacketBuilder(request ? 3868 : 3869, request ? 3869 : 3868, 7)
                                .data(tsn++, 0, 0, SctpDecoder.PPID_DIAMETER, m).build();
                        w.write(t += 100_000, FrameEncoder.encode(LinkType.ETHERNET, null, request ? mme : hss,
                                request ? hss : mme, 132, sctp, 0, sctp.length, 1));
                    }
                }
            }
        }
    }
}
