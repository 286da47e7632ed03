package io.swapguard.gate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on loopback that records the bytes going one way (client to server), so a test can
 * compare what an ESME sent with what the SMSC received, PDU by PDU. Test code: plain sockets,
 * one thread per direction.
 */
final class RecordingRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final List<ByteArrayOutputStream> upstream = new ArrayList<>();
    private final List<ByteArrayOutputStream> downstream = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final List<CountDownLatch> ended = new ArrayList<>();

    RecordingRelay(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "relay-" + target);
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket in = listener.accept();
                Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                synchronized (sockets) {
                    sockets.add(in);
                    sockets.add(out);
                }
                ByteArrayOutputStream recording = new ByteArrayOutputStream();
                ByteArrayOutputStream answers = new ByteArrayOutputStream();
                CountDownLatch eof = new CountDownLatch(1);
                synchronized (upstream) {
                    upstream.add(recording);
                    downstream.add(answers);
                    ended.add(eof);
                }
                pump(in.getInputStream(), out.getOutputStream(), recording, out, eof);
                pump(out.getInputStream(), in.getOutputStream(), answers, in, new CountDownLatch(1));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(InputStream from, OutputStream to, ByteArrayOutputStream record, Socket other,
            CountDownLatch eof) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = from.read(buf)) > 0) {
                    if (record != null) {
                        synchronized (upstream) {
                            record.write(buf, 0, n);
                        }
                    }
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // closed, reset, or closed by the other pump
            }
            eof.countDown();
            try {
                other.close();
            } catch (IOException e) {
                // closed
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** The PDUs sent client to server so far, whole ones only, connection after connection. */
    List<byte[]> pdus() {
        List<byte[]> out = new ArrayList<>();
        synchronized (upstream) {
            for (ByteArrayOutputStream connection : upstream) {
                ByteBuffer b = ByteBuffer.wrap(connection.toByteArray());
                while (b.remaining() >= 16 && b.getInt(b.position()) <= b.remaining()) {
                    byte[] pdu = new byte[b.getInt(b.position())];
                    b.get(pdu);
                    out.add(pdu);
                }
            }
        }
        return out;
    }

    /** The bytes of connection {@code i}: client to server and server to client. */
    byte[][] streams(int i) {
        synchronized (upstream) {
            return new byte[][] {upstream.get(i).toByteArray(), downstream.get(i).toByteArray()};
        }
    }

    /**
     * Whether connection {@code i} ended within the wait, whichever side closed it: a jsmpp SMSC
     * closes after its unbind_resp too, so who went first is a race (GateUnbindTest pins the
     * gate's own close against an SMSC that never closes).
     */
    boolean ended(int i, long seconds) throws InterruptedException {
        CountDownLatch eof;
        synchronized (upstream) {
            eof = ended.get(i);
        }
        return eof.await(seconds, TimeUnit.SECONDS);
    }

    /** The PDUs of one command_id. */
    List<byte[]> pdus(int commandId) {
        return pdus().stream().filter(p -> ByteBuffer.wrap(p).getInt(4) == commandId).toList();
    }

    /** Drops every connection (an SMSC that goes away). */
    void cut() throws IOException {
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
            sockets.clear();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
    }
}
