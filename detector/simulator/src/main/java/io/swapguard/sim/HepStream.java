package io.swapguard.sim;

import io.swapguard.ss7.hep.HepEncoder;
import io.swapguard.ss7.wire.SigtranLink;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the simulated link's M3UA messages as HEPv3 over UDP, as a capture agent would, at a
 * steady rate (messages per second of wall time; 0 sends as fast as possible).
 */
public final class HepStream implements SigtranLink.M3uaSink, AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final long nanosPerMessage;
    private final int agentId;
    private final String nodeName;
    private long sent;
    private long started = -1;

    public HepStream(InetSocketAddress target, int ratePerSecond, int agentId, String nodeName) throws IOException {
        this.socket = new DatagramSocket();
        this.target = target;
        this.nanosPerMessage = ratePerSecond <= 0 ? 0 : 1_000_000_000L / ratePerSecond;
        this.agentId = agentId;
        this.nodeName = nodeName;
    }

    @Override
    public void m3ua(long timestampNanos, SigtranLink.Endpoint from, SigtranLink.Endpoint to, byte[] m3ua)
            throws IOException {
        if (started < 0) {
            started = System.nanoTime();
        }
        if (nanosPerMessage > 0) {
            long due = started + sent * nanosPerMessage;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        byte[] d = HepEncoder.m3ua(timestampNanos, from.ip(), to.ip(), from.port(), to.port(), agentId, nodeName, m3ua);
        socket.send(new DatagramPacket(d, d.length, target));
        sent++;
    }

    /** Datagrams sent so far: the "frame" numbers of the ground truth in HEP mode. */
    public long sent() {
        return sent;
    }

    @Override
    public void close() {
        socket.close();
    }
}
