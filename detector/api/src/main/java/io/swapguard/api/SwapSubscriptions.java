package io.swapguard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.swapguard.engine.state.SubscriberFacts;
import io.swapguard.event.Msisdn;
import io.swapguard.event.SubscriberMasking;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CAMARA SIM Swap Subscriptions 0.3.0, and swapguard's extension of it to device swaps and
 * forwarding takeovers ({@link Flavour}): the subscriptions banks make, kept one file each (written
 * whole and renamed, so a crash leaves the old or the new one), and the CloudEvents they are
 * owed, delivered over HTTPS to each subscription's sink with its access token.
 *
 * <p>A notification is written into its subscription's file (the outbox) before it is sent, and
 * taken out only after the sink answered 2xx; its id is fixed when it is made. So a restart, a
 * sink that is down, slow or failing loses no notification, and a resend after a crash carries the
 * same id, which the sink can deduplicate. Delivery is in order per subscription: a
 * subscription-ended is never seen before the swap that ended it.
 *
 * <p>New events are found by looking at each subscribed number's state every
 * {@code pollInterval}: a newer latest change (SIM, handset, forwarding takeover) than the one
 * seen at the last look is an event.
 */
final class SwapSubscriptions implements AutoCloseable {

    static final String SWAPPED = "org.camaraproject.sim-swap-subscriptions.v0.swapped";
    static final String ENDED = "org.camaraproject.sim-swap-subscriptions.v0.subscription-ended";
    static final String DEVICE_SWAPPED = "org.swapguard.device-swap.v0.swapped";
    static final String FORWARDING_TAKEOVER = "org.swapguard.call-forwarding.v0.takeover";

    /**
     * Which subscription API: its contract and operations, the subscription-ended type, and for each
     * event type the time of the latest change it watches.
     */
    record Flavour(String name, String contract, String create, String list, String get, String delete,
            String endedType, Map<String, java.util.function.Function<SubscriberFacts, Optional<Instant>>> watches,
            String subdirectory) {
    }

    /** CAMARA SIM Swap Subscriptions 0.3.0. */
    static final Flavour CAMARA = new Flavour("camara", "sim-swap-subscriptions.yaml", "createSimSwapSubscription",
            "retrieveSubscriptionList", "retrieveSubscription", "deleteSubscription", ENDED,
            Map.of(SWAPPED, SubscriberFacts::latestSimChange), "");
    /** swapguard's extension: device swaps and call forwarding takeovers, in the same shape. */
    static final Flavour EXTENSION = new Flavour("swapguard", "swapguard-subscriptions.yaml",
            "createSwapguardSubscription", "retrieveSwapguardSubscriptionList", "retrieveSwapguardSubscription",
            "deleteSwapguardSubscription", "org.swapguard.subscriptions.v0.subscription-ended",
            Map.of(DEVICE_SWAPPED, SubscriberFacts::latestDeviceChange,
                    FORWARDING_TAKEOVER, SubscriberFacts::forwardingTakeover), "extension");

    private static final Logger log = LoggerFactory.getLogger(SwapSubscriptions.class);
    private static final ObjectMapper JSON = OperationValidator.JSON;
    /** The files hold the banks' sink tokens: readable by swapguard's user only. */
    private static final java.nio.file.attribute.FileAttribute<?>[] OWNER_ONLY = {
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))};

    /** An answer of the subscriptions API: status, body (null for none) and a summary for the audit. */
    record Answer(int status, String body, String summary, String phoneNumber) {
    }

    private final Path dir;
    private final Flavour flavour;
    private final ApiConfig.SubscriptionsConfig config;
    private final SubscriberLookup subscribers;
    private final Clock clock;
    /** When to (re)try a delivery: the machine's time, whatever the clock subscriptions are judged by. */
    private final Clock wall = Clock.systemUTC();
    private final HttpClient sinks;
    private final Map<String, Subscription> all = new ConcurrentHashMap<>();
    private final ScheduledExecutorService notifier;
    private volatile boolean closed;
    private final Counter delivered;
    private final Counter retried;
    private final Counter givenUp;

    SwapSubscriptions(Flavour flavour, ApiConfig.SubscriptionsConfig config, SubscriberLookup subscribers, Clock clock,
            MeterRegistry meters) {
        this.flavour = flavour;
        this.config = config;
        this.dir = flavour.subdirectory().isEmpty() ? Path.of(config.directory())
                : Path.of(config.directory()).resolve(flavour.subdirectory());
        this.subscribers = subscribers;
        this.clock = clock;
        this.sinks = HttpClient.newBuilder().sslContext(trust(config.trustedCertificates()))
                .connectTimeout(config.deliveryTimeout()).build();
        try {
            Files.createDirectories(dir);
            try (var files = Files.newDirectoryStream(dir, "*.json")) {
                for (Path f : files) {
                    Subscription s = Subscription.read(f);
                    all.put(s.id, s);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API subscriptions in " + dir, e);
        }
        this.delivered = Counter.builder("swapguard.api.notifications.delivered")
                .description("CloudEvents the sinks accepted (2xx)").tag("api", flavour.name()).register(meters);
        this.retried = Counter.builder("swapguard.api.notifications.retries")
                .description("Notification attempts that failed and are tried again").tag("api", flavour.name())
                .register(meters);
        this.givenUp = Counter.builder("swapguard.api.notifications.failed")
                .description("Notifications given up (attempts exhausted, or refused by the sink with a 4xx)")
                .tag("api", flavour.name()).register(meters);
        Gauge.builder("swapguard.api.subscriptions", all, m -> m.values().stream().filter(s -> s.active()).count())
                .description("Active subscriptions").tag("api", flavour.name()).register(meters);
        Gauge.builder("swapguard.api.notifications.pending", all,
                m -> m.values().stream().mapToInt(s -> s.outbox.size()).sum())
                .description("Notifications written and not yet accepted by their sinks").tag("api", flavour.name())
                .register(meters);
        log.info("API subscriptions ({}): {} kept in {}", flavour.name(), all.size(), dir);
        this.notifier = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "api-subscriptions-" + flavour.name());
            t.setDaemon(true);
            return t;
        });
        long every = config.pollInterval().toMillis();
        notifier.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    // ---- the API

    /** createSimSwapSubscription, the body already valid by the contract. */
    Answer create(BearerToken token, JsonNode body, CamaraContract contract, Predicate<String> served) {
        if (!"HTTP".equals(body.path("protocol").asText())) {
            throw new ApiError.Raised(contract.error(400, "INVALID_PROTOCOL"));
        }
        JsonNode credential = body.path("sinkCredential");
        String accessToken = null;
        Instant tokenExpires = null;
        if (!credential.isMissingNode()) {
            if (!"ACCESSTOKEN".equals(credential.path("credentialType").asText())) {
                throw new ApiError.Raised(contract.error(400, "INVALID_CREDENTIAL"));
            }
            if (!"bearer".equals(credential.path("accessTokenType").asText())) {
                throw new ApiError.Raised(contract.error(400, "INVALID_TOKEN"));
            }
            accessToken = credential.path("accessToken").asText(null);
            tokenExpires = instant(credential.path("accessTokenExpiresUtc").asText(null));
            if (accessToken == null || accessToken.isEmpty() || tokenExpires == null) {
                throw new ApiError.Raised(contract.error(400, "INVALID_ARGUMENT").withMessage(
                        "An ACCESSTOKEN credential needs accessToken and accessTokenExpiresUtc (RFC 3339)."));
            }
        }
        JsonNode cfg = body.path("config");
        String fromBody = cfg.path("subscriptionDetail").path("phoneNumber").asText(null);
        String phone;
        if (token.threeLegged()) {
            if (fromBody != null) {
                throw new ApiError.Raised(contract.error(422, "UNNECESSARY_IDENTIFIER"));
            }
            phone = token.phoneNumber().get();
        } else if (fromBody == null) {
            throw new ApiError.Raised(contract.error(422, "MISSING_IDENTIFIER"));
        } else {
            phone = fromBody;
        }
        if (!served.test(phone.substring(1))) {
            throw new ApiError.Raised(contract.error(422, "SERVICE_NOT_APPLICABLE"));
        }
        String sink = body.path("sink").asText();
        URI sinkUri;
        try {
            sinkUri = URI.create(sink);
        } catch (IllegalArgumentException e) {
            sinkUri = null;
        }
        if (sinkUri == null || sinkUri.getHost() == null || !"https".equalsIgnoreCase(sinkUri.getScheme())) {
            throw new ApiError.Raised(contract.error(400, "INVALID_SINK"));
        }
        String type = body.path("types").path(0).asText();
        if (!flavour.watches().containsKey(type)) { // the contract's enum already says so; this is its own check
            throw new ApiError.Raised(contract.error(400, "INVALID_ARGUMENT"));
        }
        for (Subscription other : all.values()) {
            if (other.active() && other.client.equals(token.clientId()) && other.phoneNumber.equals(phone)
                    && other.sink.equals(sink) && other.type.equals(type)) {
                throw new ApiError.Raised(contract.error(409, "ABORTED").withMessage("Subscription " + other.id
                        + " already sends this number's " + type + " events to this sink."));
            }
        }
        Instant now = clock.instant();
        Instant expires = null;
        if (cfg.has("subscriptionExpireTime")) {
            expires = instant(cfg.get("subscriptionExpireTime").asText());
            if (expires == null || !expires.isAfter(now)) {
                throw new ApiError.Raised(contract.error(400, "OUT_OF_RANGE")
                        .withMessage("subscriptionExpireTime must be in the future."));
            }
        }
        Subscription s = new Subscription();
        s.id = UUID.randomUUID().toString();
        s.client = token.clientId();
        s.phoneNumber = phone;
        s.threeLegged = token.threeLegged();
        s.sink = sink;
        s.type = type;
        s.accessToken = accessToken;
        s.accessTokenExpires = tokenExpires;
        s.startsAt = now;
        s.expiresAt = expires;
        s.maxEvents = cfg.has("subscriptionMaxEvents") ? cfg.get("subscriptionMaxEvents").asInt() : 0;
        s.status = "ACTIVE";
        s.lastChange = latest(s).orElse(Instant.EPOCH); // changes before it are not news
        save(s);
        all.put(s.id, s);
        log.info("subscription {} ({}) by {} for {} to {}", s.id, type, s.client, SubscriberMasking.masked(phone.substring(1)),
                URI.create(s.sink).getHost());
        return new Answer(201, s.toApi().toString(), "subscription " + s.id, phone);
    }

    Answer list(BearerToken token) {
        ArrayNode out = JSON.createArrayNode();
        all.values().stream().filter(s -> s.active() && visible(s, token)).sorted((a, b) -> a.startsAt.compareTo(b.startsAt))
                .forEach(s -> out.add(s.toApi()));
        return new Answer(200, out.toString(), out.size() + " subscriptions", token.phoneNumber().orElse(""));
    }

    Answer get(BearerToken token, String id, CamaraContract contract) {
        Subscription s = mine(token, id, contract);
        return new Answer(200, s.toApi().toString(), "subscription " + id, s.phoneNumber);
    }

    Answer delete(BearerToken token, String id, CamaraContract contract) {
        Subscription s = mine(token, id, contract);
        synchronized (s) {
            end(s, "DELETED", "SUBSCRIPTION_DELETED", "subscription deleted by the requester");
        }
        return new Answer(204, null, "deleted " + id, s.phoneNumber);
    }

    private Subscription mine(BearerToken token, String id, CamaraContract contract) {
        Subscription s = all.get(id);
        if (s == null || !s.active() || !visible(s, token)) {
            throw new ApiError.Raised(contract.error(404, "NOT_FOUND"));
        }
        return s;
    }

    private static boolean visible(Subscription s, BearerToken token) {
        return s.client.equals(token.clientId())
                && (!token.threeLegged() || token.phoneNumber().get().equals(s.phoneNumber));
    }

    // ---- finding swaps and delivering

    /** One look at every subscription: expiry, new swaps, then the next delivery of each. */
    void tick() {
        try {
            Instant now = clock.instant();
            Instant wallNow = wall.instant();
            for (Subscription s : all.values()) {
                synchronized (s) {
                    if (s.active()) {
                        look(s, now);
                    }
                    if (!s.sending && !s.outbox.isEmpty() && !s.outbox.get(0).nextAttempt.isAfter(wallNow)) {
                        send(s, s.outbox.get(0));
                    } else if (!s.active() && s.outbox.isEmpty()) {
                        forget(s);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.error("API subscriptions: a round of notifications failed; the next one tries again", e);
        }
    }

    private void look(Subscription s, Instant now) {
        if (s.expiresAt != null && !now.isBefore(s.expiresAt)) {
            end(s, "EXPIRED", "SUBSCRIPTION_EXPIRED", "subscription expire time reached");
            return;
        }
        if (s.accessTokenExpires != null && !now.isBefore(s.accessTokenExpires)) {
            end(s, "EXPIRED", "ACCESS_TOKEN_EXPIRED", "the sink's access token has expired");
            return;
        }
        Optional<Instant> latest = latest(s);
        if (latest.isPresent() && latest.get().isAfter(s.lastChange)) {
            s.lastChange = latest.get();
            s.eventsSent++;
            ObjectNode data = JSON.createObjectNode();
            if (!s.threeLegged) {
                data.put("phoneNumber", s.phoneNumber);
            }
            data.put("subscriptionId", s.id);
            s.queue(s.type, data, latest.get(), wall.instant(), config.source());
            if (s.maxEvents > 0 && s.eventsSent >= s.maxEvents) {
                end(s, "EXPIRED", "MAX_EVENTS_REACHED", "the maximum number of events was reached");
                return;
            }
            save(s);
            log.info("subscription {}: {} of {} at {}", s.id, s.type, SubscriberMasking.masked(s.phoneNumber.substring(1)),
                    latest.get());
        }
    }

    /** Ends a subscription: its status, a subscription-ended after what is already queued, saved. */
    private void end(Subscription s, String status, String reason, String description) {
        s.status = status;
        ObjectNode data = JSON.createObjectNode();
        if (!s.threeLegged) {
            data.put("phoneNumber", s.phoneNumber);
        }
        data.put("terminationReason", reason).put("subscriptionId", s.id).put("terminationDescription", description);
        s.queue(flavour.endedType(), data, clock.instant(), wall.instant(), config.source());
        save(s);
        log.info("subscription {} ended: {}", s.id, reason);
    }

    private void send(Subscription s, Notification n) {
        s.sending = true;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.sink)).timeout(config.deliveryTimeout())
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(n.event.toString()));
        if (s.accessToken != null) {
            request.header("Authorization", "Bearer " + s.accessToken);
        }
        sinks.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((r, failure) -> {
            synchronized (s) {
                s.sending = false;
                if (closed) {
                    return; // still in the file as not delivered: the next start sends it again, same id
                }
                Instant now = wall.instant();
                int status = failure == null ? r.statusCode() : -1;
                if (status >= 200 && status < 300) {
                    s.outbox.remove(n);
                    delivered.increment();
                } else if (status == 410) {
                    log.warn("subscription {}: the sink says it is gone (410); the subscription ends", s.id);
                    s.outbox.clear();
                    s.status = "DELETED";
                } else if (status >= 400 && status < 500 && status != 408 && status != 429) {
                    log.warn("subscription {}: the sink refused {} {} with {}; given up", s.id, n.type(), n.id(), status);
                    s.outbox.remove(n);
                    givenUp.increment();
                } else if (++n.attempts >= config.maxAttempts()) {
                    log.warn("subscription {}: {} {} given up after {} attempts ({})", s.id, n.type(), n.id(), n.attempts,
                            failure == null ? "HTTP " + status : failure.getClass().getSimpleName());
                    s.outbox.remove(n);
                    givenUp.increment();
                } else {
                    long delay = Math.min(config.maxRetryDelay().toMillis(),
                            config.retryDelay().toMillis() << Math.min(20, n.attempts - 1));
                    n.nextAttempt = now.plusMillis(delay);
                    retried.increment();
                    log.debug("subscription {}: {} not delivered ({}), again in {} ms", s.id, n.id(),
                            failure == null ? "HTTP " + status : failure.toString(), delay);
                }
                save(s);
            }
        });
    }

    /** The time of the latest change a subscription watches (its type's), empty when none. */
    private Optional<Instant> latest(Subscription s) {
        return subscribers.facts(Msisdn.of(s.phoneNumber.substring(1))).flatMap(flavour.watches().get(s.type));
    }

    // ---- keeping them

    private void save(Subscription s) {
        Path file = dir.resolve(s.id + ".json");
        Path tmp = dir.resolve(s.id + ".json.tmp");
        try {
            byte[] bytes = s.toFile().toString().getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING), OWNER_ONLY)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // Kept in memory and written again at its next change; counted as a failure to keep.
            log.error("API subscriptions: cannot write {} ({}); it is kept in memory until it can be", file,
                    e.getMessage());
        }
    }

    private void forget(Subscription s) {
        all.remove(s.id);
        try {
            Files.deleteIfExists(dir.resolve(s.id + ".json"));
        } catch (IOException e) {
            log.warn("API subscriptions: cannot delete {}: {}", s.id, e.getMessage());
        }
    }

    /** How many notifications wait for their sinks (tests, metrics). */
    int pending() {
        return all.values().stream().mapToInt(s -> s.outbox.size()).sum();
    }

    @Override
    public void close() {
        closed = true;
        notifier.shutdownNow();
        try {
            notifier.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.from(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The JVM's trusted CAs, plus the configured PEM certificates. */
    private static SSLContext trust(String pemFile) {
        try {
            if (pemFile.isBlank()) {
                return SSLContext.getDefault();
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jvm.init((KeyStore) null);
            int n = 0;
            for (var tm : jvm.getTrustManagers()) {
                if (tm instanceof javax.net.ssl.X509TrustManager x) {
                    for (var ca : x.getAcceptedIssuers()) {
                        ks.setCertificateEntry("jvm-" + n++, ca);
                    }
                }
            }
            try (InputStream in = Files.newInputStream(Path.of(pemFile))) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    ks.setCertificateEntry("configured-" + n++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new io.swapguard.engine.InvalidSettingException("api.subscriptions.trustedCertificates",
                    "cannot read certificates from " + pemFile + ": " + e.getMessage());
        }
    }

    // ---- what is kept

    /** A notification written and not yet accepted by the sink. */
    static final class Notification {
        ObjectNode event;
        int attempts;
        Instant nextAttempt;

        String id() {
            return event.path("id").asText();
        }

        String type() {
            return event.path("type").asText();
        }
    }

    /** One subscription, as kept in its file. */
    static final class Subscription {
        String id;
        String client;
        String phoneNumber;
        boolean threeLegged;
        String sink;
        String type;
        String accessToken;
        Instant accessTokenExpires;
        Instant startsAt;
        Instant expiresAt;
        int maxEvents;
        int eventsSent;
        String status;
        Instant lastChange;
        long nextEvent;
        final List<Notification> outbox = new ArrayList<>();
        transient boolean sending;

        boolean active() {
            return "ACTIVE".equals(status);
        }

        /** Adds a CloudEvent; its id is fixed here, so every resend carries the same one. */
        void queue(String type, ObjectNode data, Instant time, Instant now, String source) {
            Notification n = new Notification();
            n.event = JSON.createObjectNode().put("id", id + "-" + ++nextEvent).put("source", source)
                    .put("type", type).put("specversion", "1.0").put("datacontenttype", "application/json");
            n.event.set("data", data);
            n.event.put("time", time.toString());
            n.nextAttempt = now;
            outbox.add(n);
        }

        /** The Subscription resource of the contract: no credential, the number only when two-legged. */
        ObjectNode toApi() {
            ObjectNode o = JSON.createObjectNode();
            o.put("protocol", "HTTP").put("sink", sink);
            o.putArray("types").add(type);
            ObjectNode config = o.putObject("config");
            ObjectNode detail = config.putObject("subscriptionDetail");
            if (!threeLegged) {
                detail.put("phoneNumber", phoneNumber);
            }
            if (expiresAt != null) {
                config.put("subscriptionExpireTime", expiresAt.toString());
            }
            if (maxEvents > 0) {
                config.put("subscriptionMaxEvents", maxEvents);
            }
            o.put("id", id).put("startsAt", startsAt.toString());
            if (expiresAt != null) {
                o.put("expiresAt", expiresAt.toString());
            }
            o.put("status", status);
            return o;
        }

        ObjectNode toFile() {
            ObjectNode o = JSON.createObjectNode();
            o.put("id", id).put("client", client).put("phoneNumber", phoneNumber).put("threeLegged", threeLegged)
                    .put("sink", sink).put("type", type).put("accessToken", accessToken)
                    .put("accessTokenExpires", accessTokenExpires == null ? null : accessTokenExpires.toString())
                    .put("startsAt", startsAt.toString()).put("expiresAt", expiresAt == null ? null : expiresAt.toString())
                    .put("maxEvents", maxEvents).put("eventsSent", eventsSent).put("status", status)
                    .put("lastChange", lastChange.toString()).put("nextEvent", nextEvent);
            ArrayNode box = o.putArray("outbox");
            for (Notification n : outbox) {
                box.addObject().put("attempts", n.attempts).put("nextAttempt", n.nextAttempt.toString())
                        .set("event", n.event);
            }
            return o;
        }

        static Subscription read(Path file) throws IOException {
            JsonNode o = JSON.readTree(file.toFile());
            Subscription s = new Subscription();
            s.id = o.path("id").asText();
            s.client = o.path("client").asText();
            s.phoneNumber = o.path("phoneNumber").asText();
            s.threeLegged = o.path("threeLegged").asBoolean();
            s.sink = o.path("sink").asText();
            s.type = o.path("type").asText(SWAPPED);
            s.accessToken = o.path("accessToken").isNull() ? null : o.path("accessToken").asText(null);
            s.accessTokenExpires = instantOrNull(o.path("accessTokenExpires"));
            s.startsAt = Instant.parse(o.path("startsAt").asText());
            s.expiresAt = instantOrNull(o.path("expiresAt"));
            s.maxEvents = o.path("maxEvents").asInt();
            s.eventsSent = o.path("eventsSent").asInt();
            s.status = o.path("status").asText();
            s.lastChange = Instant.parse(o.path("lastChange").asText());
            s.nextEvent = o.path("nextEvent").asLong();
            for (JsonNode n : o.path("outbox")) {
                Notification x = new Notification();
                x.attempts = n.path("attempts").asInt();
                x.nextAttempt = Instant.parse(n.path("nextAttempt").asText());
                x.event = (ObjectNode) n.path("event");
                s.outbox.add(x);
            }
            return s;
        }

        private static Instant instantOrNull(JsonNode n) {
            return n.isNull() || n.isMissingNode() ? null : Instant.parse(n.asText());
        }
    }
}
