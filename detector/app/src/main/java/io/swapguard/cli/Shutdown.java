package io.swapguard.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits for Ctrl-C (SIGINT/SIGTERM) or a duration, whichever comes first, and lets the command
 * finish its cleanup before the JVM exits.
 */
final class Shutdown implements AutoCloseable {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "shutdown");

    Shutdown() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void onSignal() {
        requested.countDown();
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean requested() {
        return requested.getCount() == 0;
    }

    /** Waits up to {@code d} (forever if zero); returns true if a stop was requested. */
    boolean await(Duration d) throws InterruptedException {
        if (d.isZero()) {
            requested.await();
            return true;
        }
        return requested.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running and waits for finished, which is now counted down
        }
    }
}
