package io.swapguard.cluster;

import java.util.Map;

/** A detector instance in a JVM of its own, to be killed with -9: bootstrap servers, instance name. */
public final class DetectorChild {

    private DetectorChild() {
    }

    public static void main(String[] args) {
        new PartitionedDetector(ClusterDetectionTest.settings(args[0], args[1]), ClusterDetectionTest.config(),
                io.swapguard.engine.TestSenders::shipped).run();
    }

    static Map<String, String> client() {
        // A killed instance's partitions move after the session timeout and its open transaction
        // ends after the transaction timeout: short, for the test to take seconds, not minutes.
        return Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000", "transaction.timeout.ms", "10000");
    }
}
