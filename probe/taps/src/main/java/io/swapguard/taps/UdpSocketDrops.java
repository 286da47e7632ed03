package io.swapguard.taps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's count of datagrams dropped on a UDP socket because its receive buffer was full:
 * the last column ({@code drops}) of the socket's line in {@code /proc/net/udp} or
 * {@code /proc/net/udp6}. Per socket, unlike {@code RcvbufErrors} in {@code /proc/net/snmp},
 * which adds up every socket of the host.
 */
public final class UdpSocketDrops {

    private UdpSocketDrops() {
    }

    /** Drops on the socket bound to local {@code port}, or -1 when the kernel does not say (not Linux). */
    public static long of(int port) {
        String local = String.format(":%04X", port);
        long found = -1;
        for (String file : List.of("/proc/net/udp", "/proc/net/udp6")) {
            Path p = Path.of(file);
            if (!Files.isReadable(p)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(p)) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st tx:rx tr:tm retrnsmt uid timeout inode ref pointer drops
                    if (f.length >= 13 && f[1].endsWith(local)) {
                        found = Math.max(found, 0) + Long.parseLong(f[f.length - 1]);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return found;
            }
        }
        return found;
    }
}
