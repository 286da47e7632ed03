package io.swapguard.api;

import static io.swapguard.api.ApiFixture.NOW;
import static io.swapguard.api.ApiFixture.SWAPPED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.swapguard.engine.state.SubscriberState;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIM Swap Subscriptions 0.3.0 end to end: subscriptions made over the API, a SIM swap in the
 * state, and the CloudEvents at a real HTTPS sink on loopback (the JDK's HTTPS server with an
 * openssl-made certificate) that is down, slow, failing, and back, across a restart of swapguard.
 */
class SwapSubscriptionsTest {

    static final String SUBS = "sim-swap-subscriptions.yaml";
    static final String BASE = "/sim-swap-subscriptions/v0.3/subscriptions";
    static final String SCOPES_CREATE = "sim-swap-subscriptions:org.camaraproject.sim-swap-subscriptions.v0.swapped:create";

    @TempDir
    static Path keys;
    static Path cert;
    static SSLContext sinkTls;

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(NOW);
    ApiFixture api;
    Sink sink;
    String bank;

    @BeforeAll
    static void certificate() throws Exception {
        cert = keys.resolve("sink.crt");
        Path key = keys.resolve("sink.key");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost", "-addext",
                "subjectAltName=IP:127.0.0.1").redirectErrorStream(true).start();
        String log = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor()).as(log).isZero();
        sinkTls = serverContext(cert, key);
    }

    @BeforeEach
    void start() throws Exception {
        sink = new Sink();
        api = start(dir);
        bank = api.token("bank-a", null, SCOPES_CREATE, "sim-swap-subscriptions:read", "sim-swap-subscriptions:delete");
    }

    ApiFixture start(Path where) {
        ApiConfig.SubscriptionsConfig subs = new ApiConfig.SubscriptionsConfig(true, where.resolve("subs").toString(),
                Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(50), Duration.ofMillis(200), 12,
                cert.toString(), "swapguard-test");
        return new ApiFixture(where, ApiConfig.defaults().withSubscriptions(subs), List.of(), clock);
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        sink.close();
    }

    JsonObject request(String phone, Integer maxEvents, String expire) {
        JsonObject config = new JsonObject().put("subscriptionDetail",
                phone == null ? new JsonObject() : new JsonObject().put("phoneNumber", phone));
        if (maxEvents != null) {
            config.put("subscriptionMaxEvents", maxEvents);
        }
        if (expire != null) {
            config.put("subscriptionExpireTime", expire);
        }
        return new JsonObject().put("protocol", "HTTP").put("sink", sink.url())
                .put("sinkCredential", new JsonObject().put("credentialType", "ACCESSTOKEN")
                        .put("accessToken", "bank-sink-token").put("accessTokenExpiresUtc", "2026-12-31T00:00:00Z")
                        .put("accessTokenType", "bearer"))
                .put("types", List.of(SwapSubscriptions.SWAPPED)).put("config", config);
    }

    String create(JsonObject body) throws Exception {
        HttpResponse<String> r = api.post(BASE, bank, body.encode());
        api.conforms(SUBS, "createSimSwapSubscription", r);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body()).getString("id");
    }

    /** A new SIM behind the number, now. */
    void swap(String phone) {
        long msisdn = Long.parseLong(phone.substring(1));
        SubscriberState s = api.store.get(msisdn);
        long t = ApiFixture.nanos(clock.instant());
        s.addSim(new SubscriberState.SimChange(t, s.imsi, s.imsi + 1, SubscriberState.SimSource.SIGNALLING, false, "", 99));
        s.imsi++;
        api.store.put(s);
    }

    static void await(String what, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(end);
            Thread.sleep(20);
        }
    }

    HttpResponse<String> send(String method, String path, String token) throws Exception {
        return api.http.send(HttpRequest.newBuilder(URI.create(api.url(path))).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- the API

    @Test
    void createListGetDeleteAsTheContractSays() throws Exception {
        String id = create(request(SWAPPED, 10, "2026-12-20T00:00:00Z"));
        HttpResponse<String> list = send("GET", BASE, bank);
        api.conforms(SUBS, "retrieveSubscriptionList", list);
        JsonNode subs = OperationValidator.JSON.readTree(list.body());
        assertThat(subs).hasSize(1);
        assertThat(subs.get(0).path("id").asText()).isEqualTo(id);
        assertThat(subs.get(0).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(subs.get(0).path("config").path("subscriptionDetail").path("phoneNumber").asText()).isEqualTo(SWAPPED);
        assertThat(subs.get(0).has("sinkCredential")).as("the credential is never given back").isFalse();
        assertThat(subs.get(0).path("expiresAt").asText()).isEqualTo("2026-12-20T00:00:00Z");

        HttpResponse<String> one = send("GET", BASE + "/" + id, bank);
        api.conforms(SUBS, "retrieveSubscription", one);
        assertThat(new JsonObject(one.body()).getString("id")).isEqualTo(id);
        String other = api.token("bank-b", null, "sim-swap-subscriptions:read");
        HttpResponse<String> notTheirs = send("GET", BASE + "/" + id, other);
        api.conforms(SUBS, "retrieveSubscription", notTheirs);
        assertThat(notTheirs.statusCode()).as("another client's subscription does not exist for it").isEqualTo(404);
        assertThat(OperationValidator.JSON.readTree(send("GET", BASE, other).body())).isEmpty();

        HttpResponse<String> deleted = send("DELETE", BASE + "/" + id, bank);
        api.conforms(SUBS, "deleteSubscription", deleted);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(send("GET", BASE + "/" + id, bank).statusCode()).isEqualTo(404);
        await("the subscription-ended of the deletion", () -> sink.accepted().size() == 1);
        JsonNode ended = sink.accepted().get(0);
        assertThat(ended.path("type").asText()).isEqualTo(SwapSubscriptions.ENDED);
        assertThat(ended.path("data").path("terminationReason").asText()).isEqualTo("SUBSCRIPTION_DELETED");
        assertThat(api.contracts.get(SUBS).schemaProblems("#/components/schemas/CloudEvent", ended.toString())).isEmpty();
    }

    @Test
    void threeLeggedSubscriptionsNameNoNumber() throws Exception {
        String user = api.token("bank-a", SWAPPED, SCOPES_CREATE, "sim-swap-subscriptions:read");
        HttpResponse<String> r = api.post(BASE, user, request(null, null, null).encode());
        api.conforms(SUBS, "createSimSwapSubscription", r);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(new JsonObject(r.body()).getJsonObject("config").getJsonObject("subscriptionDetail")).isEmpty();
        HttpResponse<String> both = api.post(BASE, user, request(SWAPPED, null, null).encode());
        assertThat(new JsonObject(both.body()).getString("code")).isEqualTo("UNNECESSARY_IDENTIFIER");
        HttpResponse<String> none = api.post(BASE, bank, request(null, null, null).encode());
        api.conforms(SUBS, "createSimSwapSubscription", none);
        assertThat(new JsonObject(none.body()).getString("code")).isEqualTo("MISSING_IDENTIFIER");
        swap(SWAPPED);
        await("the three-legged subscription's swap", () -> sink.accepted().size() == 1);
        assertThat(sink.accepted().get(0).path("data").has("phoneNumber")).as("data minimisation").isFalse();
    }

    @Test
    void requestsTheContractOrThisServerRefuse() throws Exception {
        record Case(JsonObject body, int status, String code) { }
        JsonObject mqtt = request(SWAPPED, null, null).put("protocol", "MQTT3");
        JsonObject plain = request(SWAPPED, null, null).put("sinkCredential", new JsonObject()
                .put("credentialType", "PLAIN").put("identifier", "u").put("secret", "s"));
        JsonObject http = request(SWAPPED, null, null).put("sink", "http://127.0.0.1:1/sink");
        JsonObject past = request(SWAPPED, null, "2026-11-01T00:00:00Z");
        JsonObject twoTypes = request(SWAPPED, null, null).put("types", List.of(SwapSubscriptions.SWAPPED,
                SwapSubscriptions.SWAPPED));
        JsonObject foreign = request("+4915112345678", null, null);
        JsonObject noHost = request(SWAPPED, null, null).put("sink", "https:///sink");
        for (Case c : List.of(new Case(mqtt, 400, "INVALID_PROTOCOL"), new Case(plain, 400, "INVALID_CREDENTIAL"),
                new Case(http, 400, "INVALID_ARGUMENT"), new Case(past, 400, "OUT_OF_RANGE"),
                new Case(twoTypes, 400, "INVALID_ARGUMENT"), new Case(foreign, 422, "SERVICE_NOT_APPLICABLE"),
                new Case(noHost, 400, "INVALID_SINK"))) {
            HttpResponse<String> r = api.post(BASE, bank, c.body().encode());
            api.conforms(SUBS, "createSimSwapSubscription", r);
            assertThat(r.statusCode()).as(c.code()).isEqualTo(c.status());
            assertThat(new JsonObject(r.body()).getString("code")).isEqualTo(c.code());
        }
        String readOnly = api.token("bank-a", null, "sim-swap-subscriptions:read");
        HttpResponse<String> denied = api.post(BASE, readOnly, request(SWAPPED, null, null).encode());
        api.conforms(SUBS, "createSimSwapSubscription", denied);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(send("GET", BASE + "/no-such-id", bank).statusCode()).isEqualTo(404);
        HttpResponse<String> anonymous = api.post(BASE, null, request(SWAPPED, null, null).encode());
        api.conforms(SUBS, "createSimSwapSubscription", anonymous);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        create(request(SWAPPED, null, null));
        HttpResponse<String> again = api.post(BASE, bank, request(SWAPPED, null, null).encode());
        api.conforms(SUBS, "createSimSwapSubscription", again);
        assertThat(again.statusCode()).as("the same subscription twice").isEqualTo(409);
        assertThat(new JsonObject(again.body()).getString("code")).isEqualTo("ABORTED");
        assertThat(send("PUT", BASE, bank).headers().firstValue("Allow")).hasValue("GET, POST");
    }

    // ---- notifications

    @Test
    void aSwapIsNotifiedOnceAsACloudEventWithTheSinksToken() throws Exception {
        String id = create(request(SWAPPED, null, null));
        Thread.sleep(300);
        assertThat(sink.requests).as("the swap before the subscription is no news").isEmpty();
        swap(SWAPPED);
        await("the swapped event", () -> sink.accepted().size() == 1);
        JsonNode e = sink.accepted().get(0);
        assertThat(api.contracts.get(SUBS).schemaProblems("#/components/schemas/CloudEvent", e.toString())).isEmpty();
        assertThat(e.path("type").asText()).isEqualTo(SwapSubscriptions.SWAPPED);
        assertThat(e.path("specversion").asText()).isEqualTo("1.0");
        assertThat(e.path("source").asText()).isEqualTo("swapguard-test");
        assertThat(e.path("data").path("subscriptionId").asText()).isEqualTo(id);
        assertThat(e.path("data").path("phoneNumber").asText()).isEqualTo(SWAPPED);
        assertThat(e.path("time").asText()).isEqualTo(NOW.toString());
        Sink.Received first = sink.requests.peekFirst();
        assertThat(first.authorization()).isEqualTo("Bearer bank-sink-token");
        assertThat(first.contentType()).isEqualTo("application/cloudevents+json");
        Thread.sleep(300);
        assertThat(sink.requests).as("notified once").hasSize(1);
    }

    @Test
    void aSinkThatFailsIsSlowOrDownGetsTheSameEventUntilItTakesIt() throws Exception {
        create(request(SWAPPED, null, null));
        sink.answers.add(503);
        sink.answers.add(500);
        sink.answers.add(-1); // slower than the delivery timeout
        sink.answers.add(429);
        swap(SWAPPED);
        await("delivery after four failures", () -> sink.accepted().size() == 1);
        assertThat(sink.requests).hasSizeGreaterThanOrEqualTo(5);
        assertThat(sink.requests.stream().map(r -> r.event().path("id").asText()).distinct()).as("one event, one id")
                .hasSize(1);
        // the sink records before it answers: the delivery is off the queue once its answer is read
        await("nothing pending after the delivery", () -> api.server.subscriptions().pending() == 0);

        // down: nothing listens; then the same port answers again
        int port = sink.port();
        sink.close();
        clock.set(NOW.plusSeconds(60));
        swap(SWAPPED);
        Thread.sleep(400);
        sink = new Sink(port);
        await("the second swap after the sink came back", () -> sink.accepted().size() == 1);
        // the sink records before it answers: the sender counts after the answer
        await("both deliveries counted", () -> api.meters.get("swapguard.api.notifications.delivered").tag("api", "camara").counter().count() == 2);
        assertThat(api.meters.get("swapguard.api.notifications.retries").tag("api", "camara").counter().count()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aRestartMidRetryLosesNothingAndKeepsTheEventsId() throws Exception {
        String id = create(request(SWAPPED, null, null));
        for (int i = 0; i < 100; i++) {
            sink.answers.add(503);
        }
        swap(SWAPPED);
        await("a failed attempt", () -> sink.requests.size() >= 2);
        String eventId = sink.requests.peekFirst().event().path("id").asText();
        api.close();
        api = null;
        sink.answers.clear();
        int before = sink.requests.size();
        api = start(dir); // the same directory: swapguard restarted
        await("delivery after the restart", () -> sink.accepted().size() == 1);
        assertThat(sink.accepted().get(0).path("id").asText()).isEqualTo(eventId);
        assertThat(sink.requests.size()).isGreaterThan(before);
        assertThat(send("GET", BASE + "/" + id, bank).statusCode()).as("the subscription survived").isEqualTo(200);
        Thread.sleep(300);
        assertThat(sink.accepted()).as("accepted once, never sent again").hasSize(1);
    }

    @Test
    void maxEventsAndExpiryEndTheSubscriptionWithSubscriptionEnded() throws Exception {
        String capped = create(request(SWAPPED, 1, null));
        String expiring = create(request(ApiFixture.UNTOUCHED, null, "2026-11-20T13:00:00Z"));
        swap(SWAPPED);
        await("swapped, then ended by its maximum", () -> sink.acceptedOnce().size() == 2);
        assertThat(sink.acceptedOnce().get(0).path("type").asText()).isEqualTo(SwapSubscriptions.SWAPPED);
        assertThat(sink.acceptedOnce().get(1).path("data").path("terminationReason").asText()).isEqualTo("MAX_EVENTS_REACHED");
        assertThat(sink.acceptedOnce().get(1).path("data").path("subscriptionId").asText()).isEqualTo(capped);
        assertThat(send("GET", BASE + "/" + capped, bank).statusCode()).isEqualTo(404);
        clock.set(NOW.plus(Duration.ofHours(2)));
        await("ended by its expiry", () -> sink.acceptedOnce().size() == 3);
        assertThat(sink.acceptedOnce().get(2).path("data").path("terminationReason").asText()).isEqualTo("SUBSCRIPTION_EXPIRED");
        assertThat(sink.acceptedOnce().get(2).path("data").path("subscriptionId").asText()).isEqualTo(expiring);
        await("ended subscriptions forgotten", () -> api.server.subscriptions().pending() == 0);
        String later = api.issuer.issue("bank-a", ApiFixture.AUDIENCE, List.of("sim-swap-subscriptions:read"), null,
                clock.instant(), Duration.ofMinutes(5));
        HttpResponse<String> none = send("GET", BASE, later);
        assertThat(none.statusCode()).as(none.body()).isEqualTo(200);
        assertThat(OperationValidator.JSON.readTree(none.body())).isEmpty();
    }

    // ---- the extension

    @Test
    void theExtensionNotifiesDeviceSwapsAndForwardingTakeovers() throws Exception {
        String ext = "/swapguard/subscriptions/v0/subscriptions";
        String token = api.token("bank-a", null, "swapguard-subscriptions:create", "swapguard-subscriptions:read",
                "swapguard-subscriptions:delete");
        JsonObject device = request(SWAPPED, null, null).put("types", List.of(SwapSubscriptions.DEVICE_SWAPPED));
        JsonObject forwarding = request(SWAPPED, null, null).put("types", List.of(SwapSubscriptions.FORWARDING_TAKEOVER));
        for (JsonObject body : List.of(device, forwarding)) {
            HttpResponse<String> r = api.post(ext, token, body.encode());
            api.conforms("swapguard-subscriptions.yaml", "createSwapguardSubscription", r);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        HttpResponse<String> camaraType = api.post(ext, token, request(SWAPPED, null, null).encode());
        api.conforms("swapguard-subscriptions.yaml", "createSwapguardSubscription", camaraType);
        assertThat(camaraType.statusCode()).as("a SIM swap is CAMARA's: not on the extension").isEqualTo(400);
        assertThat(api.post(ext, bank, device.encode()).statusCode()).as("CAMARA's scopes are not the extension's")
                .isEqualTo(403);
        HttpResponse<String> list = send("GET", ext, token);
        api.conforms("swapguard-subscriptions.yaml", "retrieveSwapguardSubscriptionList", list);
        assertThat(OperationValidator.JSON.readTree(list.body())).hasSize(2);

        clock.set(NOW.plusSeconds(30));
        SubscriberState s = api.store.get(Long.parseLong(SWAPPED.substring(1)));
        long t = ApiFixture.nanos(clock.instant());
        s.addDevice(new SubscriberState.DeviceChange(t, s.imei, s.imei + 1, false, 100));
        s.imei++;
        s.imeiSince = t;
        api.store.put(s);
        await("the device swap", () -> sink.accepted().size() == 1);
        assertThat(sink.accepted().get(0).path("type").asText()).isEqualTo(SwapSubscriptions.DEVICE_SWAPPED);
        assertThat(sink.accepted().get(0).path("time").asText()).isEqualTo(clock.instant().toString());

        clock.set(NOW.plusSeconds(60));
        s = api.store.get(Long.parseLong(SWAPPED.substring(1)));
        s.cfRisky = true;
        s.cfTime = ApiFixture.nanos(clock.instant());
        s.riskKind = SubscriberState.RiskKind.CALL_FORWARDING;
        s.riskTime = s.cfTime;
        api.store.put(s);
        await("the forwarding takeover", () -> sink.accepted().size() == 2);
        JsonNode takeover = sink.accepted().get(1);
        assertThat(takeover.path("type").asText()).isEqualTo(SwapSubscriptions.FORWARDING_TAKEOVER);
        assertThat(takeover.path("data").path("phoneNumber").asText()).isEqualTo(SWAPPED);
        Thread.sleep(300);
        assertThat(sink.accepted()).as("each once").hasSize(2);
    }

    // ---- the sink

    /** A bank's notification sink: HTTPS on loopback, answering 204 unless told otherwise. */
    static final class Sink implements AutoCloseable {
        record Received(JsonNode event, String authorization, String contentType, int answered) {
        }

        final Deque<Received> requests = new ConcurrentLinkedDeque<>();
        /** Answers to give, in order: a status, or -1 for "too slow". */
        final Deque<Integer> answers = new ConcurrentLinkedDeque<>();
        private final HttpsServer server;

        Sink() throws Exception {
            this(0);
        }

        Sink(int port) throws Exception {
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(sinkTls));
            server.createContext("/sink", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Integer answer = answers.poll();
                int status = answer == null ? 204 : answer;
                if (status == -1) {
                    try {
                        Thread.sleep(800);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    status = 204; // too late: the sender has given up on this attempt
                }
                requests.add(new Received(OperationValidator.JSON.readTree(body),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), answer != null && answer == -1 ? -1 : status));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.start();
        }

        String url() {
            return "https://127.0.0.1:" + port() + "/sink";
        }

        int port() {
            return server.getAddress().getPort();
        }

        /** The events it answered 2xx in time. */
        List<JsonNode> accepted() {
            List<JsonNode> out = new ArrayList<>();
            for (Received r : requests) {
                if (r.answered() >= 200 && r.answered() < 300) {
                    out.add(r.event());
                }
            }
            return out;
        }

        /**
         * {@link #accepted()} once per event id: on a loaded machine an answer can come after the
         * delivery timeout, and the sender rightly delivers the event again (at least once).
         */
        List<JsonNode> acceptedOnce() {
            java.util.Set<String> seen = new java.util.HashSet<>();
            return accepted().stream().filter(e -> seen.add(e.path("id").asText())).toList();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void set(Instant t) {
            now.set(t);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    static SSLContext serverContext(Path certFile, Path keyFile) throws Exception {
        String pem = Files.readString(keyFile, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Certificate c;
        try (InputStream in = Files.newInputStream(certFile)) {
            c = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("sink", key, new char[0], new Certificate[] {c});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }
}
