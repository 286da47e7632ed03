package io.swapguard.taps.load;

import io.swapguard.ss7.pcap.LinkType;
import io.swapguard.ss7.pcap.PcapWriter;
import io.swapguard.testkit.S6aCapture;
import java.io.IOException;
import java.nio.file.Path;

/** S6a load traffic for {@link ProbeLoad}: per subscriber an AIR/AIA and a ULR/ULA, each message in its own SCTP packet. */
final class DiameterTraffic {

    private DiameterTraffic() {
    }

    static void write(Path pcap, int subscribers) throws IOException {
        String realm = "epc.mnc010.mcc510.3gppnetwork.org";
        try (PcapWriter w = PcapWriter.create(pcap, LinkType.ETHERNET)) {
            S6aCapture s6a = new S6aCapture(w, 1_780_000_000_000_000_000L, 100_000);
            for (int i = 0; i < subscribers; i++) {
                s6a.attach("mme" + (i % 16) + "." + realm, realm, "51010", String.format("51010%010d", i),
                        String.format("353325%08d", i), String.format("62811%08d", i));
            }
        }
    }
}
