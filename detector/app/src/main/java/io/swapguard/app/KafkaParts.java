package io.swapguard.app;

import io.swapguard.cluster.PartitionedDetector;
import io.swapguard.cluster.StateReplica;
import io.swapguard.config.KafkaSection;
import io.swapguard.engine.Detector;
import io.swapguard.engine.DetectorConfig;
import io.swapguard.engine.Network;
import io.swapguard.engine.otp.OtpGuard;
import io.swapguard.engine.otp.SubmissionGuard;
import io.swapguard.engine.senders.SenderRegistry;
import io.swapguard.engine.state.SubscriberStore;
import io.swapguard.event.EventLog;
import io.swapguard.forward.JournalForwarder;
import io.swapguard.forward.SubscriberKey;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * swapguard on Kafka ({@code kafka.enabled}, docs/scale.md): the local journal forwarded to the
 * signals topic and, with the detector enabled, this box's detector instance in the group and the
 * replica of the state changelog that the gate and the API answer from.
 */
final class KafkaParts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaParts.class);

    private final JournalForwarder forwarder;
    private final Thread forwarding;
    private final PartitionedDetector detector;
    private final Thread judging;
    private final StateReplica replica;
    private final SubmissionGuard submissionGuard;
    private final EventLog journal;
    private final AlertOutputs outputs;

    /** The cluster's alerts relayed into the local alerts journal, and the outputs that deliver them. */
    private record AlertOutputs(io.swapguard.journal.Journal alerts, io.swapguard.cluster.AlertRelay relay, Thread relaying,
            io.swapguard.engine.alert.AlertDispatcher dispatcher) {
    }

    private KafkaParts(EventLog journal, JournalForwarder forwarder, Thread forwarding, PartitionedDetector detector, Thread judging,
            StateReplica replica, SubmissionGuard submissionGuard, AlertOutputs outputs) {
        this.journal = journal;
        this.outputs = outputs;
        this.forwarder = forwarder;
        this.forwarding = forwarding;
        this.detector = detector;
        this.judging = judging;
        this.replica = replica;
        this.submissionGuard = submissionGuard;
    }

    static KafkaParts start(KafkaSection kafka, DetectorConfig config, EventLog journal) {
        Supplier<SenderRegistry> registry = SenderRegistryFile.of(config.senderRegistry());
        // The forwarder places events as the rules would: the same network and the same trust in pairings.
        Detector judge = new Detector(config, SubscriberStore.inMemory(16), registry.get());
        JournalForwarder forwarder = new JournalForwarder(journal, kafka.forwarder(),
                new SubscriberKey(judge.network()::subscriber, judge::trustsPairing));
        Thread forwarding = started("kafka-forwarder", "forwarding to Kafka", forwarder::run);
        PartitionedDetector detector = null;
        Thread judging = null;
        StateReplica replica = null;
        SubmissionGuard guard = null;
        AlertOutputs outputs = null;
        if (config.enabled()) {
            detector = new PartitionedDetector(kafka.cluster(), config, registry);
            judging = started("kafka-detector", "the Kafka detector instance", detector::run);
            replica = new StateReplica(kafka.cluster(), config.expectedSubscribers(), null);
            awaitStateTopic(replica, kafka);
            guard = new SubmissionGuard(config, new Network(config.network()),
                    new OtpGuard(config.otpGuard(), replica.store(), registry), registry);
            io.swapguard.journal.Journal alerts = io.swapguard.journal.Journal.open(
                    io.swapguard.journal.JournalSettings.of(java.nio.file.Path.of(config.alertsJournal())));
            io.swapguard.cluster.AlertRelay relay = new io.swapguard.cluster.AlertRelay(kafka.cluster(), alerts);
            Thread relaying = new Thread(relay::run, "kafka-alert-relay");
            relaying.start();
            outputs = new AlertOutputs(alerts, relay, relaying, new io.swapguard.engine.alert.AlertDispatcher(config, alerts));
        }
        log.info("kafka {}: forwarding {} as source {}{}", kafka.bootstrapServers(), journal.name(), kafka.source(),
                detector == null ? "" : ", detector instance " + kafka.instance() + ", state replica for the gate and API");
        return new KafkaParts(journal, forwarder, forwarding, detector, judging, replica, guard, outputs);
    }

    /** A thread running {@code work}, which logs why it stopped if it fails (nothing else would). */
    private static Thread started(String name, String what, Runnable work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.error("{} stopped: {}", what, e.getMessage(), e);
            }
        }, name);
        t.start();
        return t;
    }

    /** The changelog exists once a detector instance prepared its topics: follow it from then. */
    private static void awaitStateTopic(StateReplica replica, KafkaSection kafka) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                replica.start();
                return;
            } catch (org.apache.kafka.common.KafkaException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("kafka " + kafka.bootstrapServers() + ": no state topic after 2 min ("
                            + e.getMessage() + ")", e);
                }
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The replica's store (what the API answers from), null without the detector. */
    SubscriberStore store() {
        return replica == null ? null : replica.store();
    }

    /** The gate's verdicts over the replica, null without the detector. */
    SubmissionGuard submissionGuard() {
        return submissionGuard;
    }

    /** The alert outputs (file, webhook) over the relayed alerts, null without the detector. */
    io.swapguard.engine.alert.AlertDispatcher dispatcher() {
        return outputs == null ? null : outputs.dispatcher();
    }

    JournalForwarder forwarder() {
        return forwarder;
    }

    PartitionedDetector detector() {
        return detector;
    }

    @Override
    public void close() {
        // What was appended last goes out first (for a while: Kafka may be unreachable).
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (forwarding.isAlive() && forwarder.committed() != journal.lastIndex() && System.nanoTime() < deadline) {
            sleep();
        }
        if (forwarder.committed() != journal.lastIndex()) {
            log.warn("stopping with journal records not yet forwarded to Kafka (after 0x{}); the next start sends them",
                    Long.toHexString(forwarder.committed()));
        }
        forwarder.stop();
        join(forwarding);
        forwarder.close();
        if (detector != null) {
            detector.stop();
            join(judging);
        }
        if (outputs != null) {
            outputs.relay().close();
            join(outputs.relaying());
            outputs.dispatcher().close();
            outputs.alerts().close();
        }
        if (replica != null) {
            try {
                replica.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void join(Thread t) {
        try {
            t.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
