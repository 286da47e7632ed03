package io.swapguard.api;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swapguard.engine.state.SubscriberQueries;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.engine.state.SubscriberStore;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A running API on loopback over an in-memory state with a few numbers whose histories the tests
 * know, tokens from the embedded issuer, and a check of every answer against its contract.
 */
final class ApiFixture implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final String AUDIENCE = "swapguard-camara";
    static final String ISSUER = "https://issuer.test";

    /** SIM changed 5 days ago, handset changed 2 days ago (first seen 40 days ago), CFU + CFB active. */
    static final String SWAPPED = "+6281100000001";
    /** Known for 400 days, activated 400 days ago, never changed; handset since then; no forwarding. */
    static final String UNTOUCHED = "+6281100000002";
    /** Known, but no handset ever seen, SIM changed 40 days ago. */
    static final String NO_DEVICE = "+6281100000003";
    /** A home number nobody has seen. */
    static final String UNKNOWN = "+6281100000009";
    /** Another country's number. */
    static final String FOREIGN = "+4915112345678";

    final Vertx vertx = Vertx.vertx();
    final SubscriberStore store = SubscriberStore.inMemory(100);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<ApiQuery> audit = new ArrayList<>();
    final TokenIssuer issuer;
    final ApiServer server;
    final Map<String, CamaraContract> contracts = new HashMap<>();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    ApiFixture(Path dir, ApiConfig config) {
        this(dir, config, List.of());
    }

    /** @param moreKeys public keys accepted besides the embedded issuer's */
    ApiFixture(Path dir, ApiConfig config, List<com.nimbusds.jose.jwk.JWK> moreKeys) {
        this(dir, config, moreKeys, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** @param clock the API's clock (subscription tests move it) */
    ApiFixture(Path dir, ApiConfig given, List<com.nimbusds.jose.jwk.JWK> moreKeys, Clock clock) {
        ApiConfig config = given.subscriptions().directory().startsWith("data/")
                ? given.withSubscriptions(given.subscriptions().withDirectory(dir.resolve("subscriptions").toString()))
                : given;
        long now = nanos(NOW);
        SubscriberState swapped = new SubscriberState(6281100000001L);
        swapped.firstSeen = now - days(40);
        swapped.imsi = 510100000000011L;
        swapped.addSim(new SubscriberState.SimChange(now - days(5), 510100000000010L, 510100000000011L,
                SubscriberState.SimSource.SIGNALLING, false, "", 7));
        swapped.imei = 35000000000011L;
        swapped.imeiSince = now - days(2);
        swapped.addDevice(new SubscriberState.DeviceChange(now - days(2), 35000000000010L, 35000000000011L, false, 8));
        swapped.cfActive = SubscriberState.CF_UNCONDITIONAL | SubscriberState.CF_BUSY;
        store.put(swapped);
        SubscriberState untouched = new SubscriberState(6281100000002L);
        untouched.firstSeen = now - days(400);
        untouched.activation = now - days(400);
        untouched.imsi = 510100000000020L;
        untouched.imei = 35000000000020L;
        untouched.imeiSince = now - days(400);
        store.put(untouched);
        SubscriberState noDevice = new SubscriberState(6281100000003L);
        noDevice.firstSeen = now - days(100);
        noDevice.addSim(new SubscriberState.SimChange(now - days(40), 510100000000030L, 510100000000031L,
                SubscriberState.SimSource.PROVISIONING, true, "retail", 9));
        store.put(noDevice);

        issuer = TokenIssuer.openOrCreate(dir.resolve("key.jwk.json"), ISSUER);
        List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>(issuer.publicKeys().getKeys());
        keys.addAll(moreKeys);
        TokenVerifier verifier = new TokenVerifier(TokenVerifier.keys(new com.nimbusds.jose.jwk.JWKSet(keys)), ISSUER,
                java.util.Set.of(AUDIENCE), Duration.ofSeconds(30), "sub", clock);
        SubscriberQueries queries = new SubscriberQueries(store);
        server = ApiServer.start(vertx, config.withPort(0), queries::facts, verifier, q -> {
            synchronized (audit) {
                audit.add(q);
            }
        }, meters, clock, "62", 2).await();
        for (String f : CamaraContract.SERVED) {
            contracts.put(f, CamaraContract.load(f, config.apiRoot()));
        }
    }

    static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    static long days(int n) {
        return Duration.ofDays(n).toNanos();
    }

    String token(String client, String phoneNumber, String... scopes) {
        return issuer.issue(client, AUDIENCE, List.of(scopes), phoneNumber, NOW.minusSeconds(5), Duration.ofMinutes(10));
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    HttpResponse<String> post(String path, String token, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Validates a response against the operation's declared responses (status, headers, body
     * schema); fails with the validator's reason.
     */
    void conforms(String contractFile, String operationId, HttpResponse<String> r) {
        Map<String, String> headers = new HashMap<>();
        r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        String type = r.headers().firstValue("content-type").orElse(null);
        org.assertj.core.api.Assertions.assertThat(contracts.get(contractFile).answerProblems(operationId,
                r.statusCode(), type, headers, r.body())).as("%s %d %s", operationId, r.statusCode(), r.body()).isEmpty();
    }

    @Override
    public void close() {
        server.close();
        vertx.close().await();
        store.close();
    }
}
