package io.swapguard.forward;

import io.swapguard.event.EventLog;
import io.swapguard.event.EventReadException;
import io.swapguard.event.EventReader;
import io.swapguard.event.EventRecord;
import io.swapguard.event.codec.EventCodec;
import io.swapguard.event.codec.RecordBuffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards one local journal to Kafka, exactly once from the journal's point of view: every
 * record reaches {@code swapguard.signals} once, in journal order per subscriber, whatever kills
 * the forwarder or the brokers in between.
 *
 * <p>How: records go out in Kafka transactions (one transactional id per source). Each transaction
 * also writes, to the compacted positions topic, the index of its last record, and the IMSI to
 * MSISDN pairings it learned to the pairings topic, so the records and the position commit
 * together or not at all. On start, {@code initTransactions} aborts whatever a killed predecessor
 * left open (and fences it, if it still runs), then the forwarder reads its committed position and
 * resumes after it. Each record carries its source and journal index in headers, so a consumer can
 * check the sequence.
 *
 * <p>One thread: {@link #run} or repeated {@link #forwardOnce}. Not thread-safe otherwise.
 */
public final class JournalForwarder implements AutoCloseable {

    /** Header: the source (journal) the record comes from. */
    public static final String SOURCE_HEADER = "swapguard.source";
    /** Header: the record's index in its journal, 8 octets big-endian. */
    public static final String INDEX_HEADER = "swapguard.index";

    private static final Logger log = LoggerFactory.getLogger(JournalForwarder.class);
    private static final Duration IDLE = Duration.ofMillis(1);

    private final EventLog journal;
    private final ForwarderSettings settings;
    private final SubscriberKey keys;
    private final byte[] sourceKey;
    private final RecordBuffer buffer = new RecordBuffer();
    private final ForwarderStats stats = new ForwarderStats();

    private KafkaProducer<byte[], byte[]> producer;
    private EventReader reader;
    private PairingsFollower pairings;
    private long committed = -1;
    private volatile boolean running = true;

    public JournalForwarder(EventLog journal, ForwarderSettings settings, SubscriberKey keys) {
        this.journal = journal;
        this.settings = settings;
        this.keys = keys;
        this.sourceKey = settings.source().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Takes over the source (fencing any older forwarder of it), reads where it stopped and the
     * pairings learned so far, and positions the journal reader after the last record forwarded.
     *
     * @return the index of the last record forwarded before, -1 when none was
     */
    public long start() {
        ForwarderTopics.ensure(settings);
        producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        Map<String, byte[]> positions = ForwarderTopics.readCompacted(settings, settings.positionsTopic());
        byte[] position = positions.get(settings.source());
        committed = position == null ? -1 : ByteBuffer.wrap(position).getLong();
        if (pairings != null) {
            pairings.close();
        }
        pairings = new PairingsFollower(settings, keys);
        reader = positioned(committed);
        log.info("forwarding journal {} as source {} to {}: {}, {} IMSIs placed", journal.name(), settings.source(),
                settings.signalsTopic(), committed < 0 ? "from its start" : "after record 0x" + Long.toHexString(committed),
                keys.knownImsis());
        return committed;
    }

    /** The reader, on the record after {@code last} (the first record when -1). */
    private EventReader positioned(long last) {
        EventReader r = journal.reader();
        if (last < 0) {
            return r.toStart();
        }
        try {
            r.moveTo(last);
        } catch (IllegalArgumentException gone) {
            // Retention removed records that were never forwarded: say so, count it, go on from what is left.
            stats.resumeGaps++;
            log.error("journal {} no longer holds record 0x{}, the last one forwarded: the records after it that "
                    + "retention removed were never forwarded; resuming from the oldest record left",
                    journal.name(), Long.toHexString(last));
            return r.toStart();
        }
        EventRecord at = next(r);
        if (at == null || at.index() != last) {
            throw new IllegalStateException("journal " + journal.name() + " does not hold record 0x"
                    + Long.toHexString(last) + " that source " + settings.source()
                    + " forwarded last: is this the journal of another source?");
        }
        return r;
    }

    /**
     * Forwards the records the journal holds now in one transaction (at most {@code maxBatch},
     * waiting up to {@code linger} for more once there is one).
     *
     * @return how many were forwarded, 0 when there was nothing new
     * @throws ProducerFencedException when a newer forwarder took over this source
     */
    public int forwardOnce() {
        pairings.poll(keys); // what other sites learned: before the records it may place
        EventRecord first = next(reader);
        if (first == null) {
            return 0;
        }
        long lingerEnd = System.nanoTime() + settings.linger().toNanos();
        int n = 0;
        long last = -1;
        try {
            producer.beginTransaction();
            EventRecord r = first;
            while (true) {
                if (r != null) {
                    send(r);
                    last = r.index();
                    n++;
                    if (n >= settings.maxBatch()) {
                        break;
                    }
                } else if (System.nanoTime() >= lingerEnd) {
                    break;
                } else {
                    LockSupport.parkNanos(50_000);
                }
                r = next(reader);
            }
            producer.send(new ProducerRecord<>(settings.positionsTopic(), sourceKey,
                    ByteBuffer.allocate(Long.BYTES).putLong(last).array()));
            producer.commitTransaction();
        } catch (RuntimeException e) {
            abandon(e);
            throw e;
        }
        committed = last;
        stats.records += n;
        stats.transactions++;
        return n;
    }

    private void send(EventRecord r) {
        buffer.clear();
        EventCodec.encode(r.event(), buffer);
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(SOURCE_HEADER, sourceKey));
        headers.add(new RecordHeader(INDEX_HEADER, ByteBuffer.allocate(Long.BYTES).putLong(r.index()).array()));
        SubscriberKey.Pairing learned = keys.learn(r.event());
        // The key after learning: the event that teaches a pairing carries its MSISDN anyway.
        byte[] key = SubscriberKey.bytes(keys.keyOf(r.event()));
        // No record timestamp: Kafka's retention goes by it, and a replayed capture's time is long past.
        producer.send(new ProducerRecord<>(settings.signalsTopic(), null, null, key, buffer.toByteArray(), headers));
        if (learned != null) {
            producer.send(new ProducerRecord<>(settings.pairingsTopic(), SubscriberKey.bytes(learned.imsi()),
                    SubscriberKey.bytes(learned.msisdn())));
            stats.pairings++;
        }
    }

    /**
     * A transaction that failed: abort it where Kafka allows, and leave the forwarder to be
     * started again (which rereads the committed position, so nothing is sent twice or skipped).
     */
    private void abandon(RuntimeException e) {
        stats.failures++;
        boolean fatal = e instanceof ProducerFencedException || e instanceof InvalidProducerEpochException
                || e instanceof AuthorizationException || e instanceof UnsupportedVersionException;
        if (!fatal) {
            try {
                producer.abortTransaction();
            } catch (KafkaException ignored) {
                // the producer is closed below; the broker aborts on the next initTransactions
            }
        }
        closeProducer();
        reader.close();
        reader = null;
        pairings.close();
        pairings = null;
        keys.forgetAll(); // pairings of the aborted transaction are read back from Kafka on start
    }

    private EventRecord next(EventReader r) {
        while (true) {
            try {
                return r.next();
            } catch (EventReadException e) {
                if (!e.skipped()) {
                    throw e;
                }
                stats.unreadable++;
                log.warn("not forwarded: {}", e.getMessage());
            }
        }
    }

    /**
     * Forwards until {@link #stop}: starts, forwards, and on a failed transaction starts again after
     * a second (a broker that went away, a leader that moved). Returns when stopped; throws when a
     * newer forwarder fenced this one or the journal cannot be read on.
     */
    public void run() {
        try {
            forwardUntilStopped();
        } finally {
            close(); // on this thread: the journal reader belongs to it
        }
    }

    private void forwardUntilStopped() {
        boolean started = false;
        while (running) {
            try {
                if (!started) {
                    start();
                    started = true;
                }
                if (forwardOnce() == 0) {
                    LockSupport.parkNanos(IDLE.toNanos());
                }
            } catch (ProducerFencedException | InvalidProducerEpochException e) {
                throw new IllegalStateException("another forwarder took over source " + settings.source(), e);
            } catch (KafkaException e) {
                log.warn("forwarding of {} failed ({}); starting again from the committed position", settings.source(),
                        e.toString());
                started = false;
                closeProducer();
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            }
        }
    }

    /** Asks {@link #run} to return after the transaction under way. */
    public void stop() {
        running = false;
    }

    /** Pairings other forwarders published that this one took while forwarding. */
    public long pairingsFollowed() {
        return pairings == null ? 0 : pairings.applied();
    }

    /** The index of the last record whose transaction committed, -1 when none. */
    public long committed() {
        return committed;
    }

    public ForwarderStats stats() {
        return stats;
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> p = new HashMap<>(settings.client());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A transaction begun right after a commit meets CONCURRENT_TRANSACTIONS until the broker has
        // written the markers; at the default 100 ms back-off that wait is most of the time.
        p.putIfAbsent(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
        return p;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (KafkaException ignored) {
                // closing a producer that failed; nothing is lost (the transaction did not commit)
            }
            producer = null;
        }
    }

    @Override
    public void close() {
        running = false;
        closeProducer();
        if (pairings != null) {
            pairings.close();
            pairings = null;
        }
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
