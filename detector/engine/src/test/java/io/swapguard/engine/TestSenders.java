package io.swapguard.engine;

import io.swapguard.engine.senders.SenderRegistry.Sender;
import io.swapguard.engine.senders.SenderRegistry;
import java.time.Duration;
import java.util.List;

/**
 * The registry conf/senders.yaml ships, built in code so the engine's tests need no YAML loader
 * (configuration lives in the app module, whose test checks that the file still equals this).
 */
public final class TestSenders {

    private TestSenders() {
    }

    public static SenderRegistry shipped() {
        return new SenderRegistry(List.of(
                new Sender("BCA", "Bank Central Asia", null, List.of("6281100900"), List.of("bca-otp"), null, null),
                new Sender("BNI", "Bank Negara Indonesia", null, List.of("6281100900", "6281100910"),
                        List.of("bni-a2p"), null, null),
                new Sender("MANDIRI", "Bank Mandiri", null, List.of("6281100910"), List.of("mandiri-a2p"), null, null),
                new Sender("BRI", "Bank Rakyat Indonesia", null, List.of("6281100900"), List.of("bri-otp"), null, null),
                new Sender("GOPAY", "GoPay", null, List.of("6281100910"), List.of("gopay-a2p"), null,
                        Duration.ofHours(24))));
    }
}
