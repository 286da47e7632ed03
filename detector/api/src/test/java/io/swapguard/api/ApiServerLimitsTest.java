package io.swapguard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swapguard.engine.state.SubscriberQueries;
import io.swapguard.engine.state.SubscriberStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys from a JWKS URL, the request time limit, and a graceful shutdown. */
class ApiServerLimitsTest {

    @Test
    void keysComeFromTheAuthorisationServersJwksUrl(@TempDir Path dir) throws Exception {
        TokenIssuer issuer = TokenIssuer.openOrCreate(dir.resolve("k.json"), "https://idp.test");
        AtomicInteger fetched = new AtomicInteger();
        HttpServer idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        idp.createContext("/jwks.json", ex -> {
            fetched.incrementAndGet();
            byte[] body = issuer.publicKeys().toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        idp.start();
        try {
            TokenVerifier verifier = new TokenVerifier(TokenVerifier.keys(
                    URI.create("http://127.0.0.1:" + idp.getAddress().getPort() + "/jwks.json").toURL()),
                    "https://idp.test", Set.of("swapguard-camara"), Duration.ofSeconds(30), "sub", Clock.systemUTC());
            for (int i = 0; i < 3; i++) {
                String token = issuer.issue("bank-" + i, "swapguard-camara", List.of("sim-swap"), null, Instant.now(),
                        Duration.ofMinutes(5));
                assertThat(verifier.verify(token).clientId()).isEqualTo("bank-" + i);
            }
            assertThat(fetched.get()).as("fetched once and cached").isEqualTo(1);
            TokenIssuer stranger = TokenIssuer.openOrCreate(dir.resolve("other.json"), "https://idp.test");
            String forged = stranger.issue("bank-x", "swapguard-camara", List.of("sim-swap"), null, Instant.now(),
                    Duration.ofMinutes(5));
            assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(TokenVerifier.Rejected.class);
        } finally {
            idp.stop(0);
        }
    }

    @Test
    void aRequestOverItsTimeIs503AndShutdownStopsAccepting(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        try (SubscriberStore store = SubscriberStore.inMemory(10)) {
            TokenIssuer issuer = TokenIssuer.openOrCreate(dir.resolve("k.json"), "https://issuer.test");
            TokenVerifier verifier = new TokenVerifier(TokenVerifier.keys(issuer.publicKeys()), "https://issuer.test",
                    Set.of("swapguard-camara"), Duration.ofSeconds(30), "sub", Clock.systemUTC());
            ApiConfig config = new ApiConfig(null, null, 0, null, null, null, null, null, null, null, null, null,
                    Duration.ofMillis(300), Duration.ofSeconds(2), null, null,
                    new ApiConfig.SubscriptionsConfig(false, null, null, null, null, null, null, null, null));
            // an intake that never finishes: the request can only end by its time limit
            ProvisioningIntake stuck = (source, csv) -> new CompletableFuture<>();
            ApiServer server = ApiServer.start(vertx, config, new SubscriberQueries(store)::facts, verifier,
                    ApiAudit.NONE, new SimpleMeterRegistry(), Clock.systemUTC(), "62", 1, stuck).await();
            String token = issuer.issue("bss", "swapguard-camara", List.of(ApiServer.PROVISIONING_SCOPE), null,
                    Instant.now(), Duration.ofMinutes(5));
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + ApiServer.PROVISIONING_PATH))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString("time,kind,msisdn,imsi,previous_imsi,imei,channel,reference\n"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("UNAVAILABLE");

            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            server.shutdown().toCompletionStage().toCompletableFuture().get();
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()))
                    .as("no longer accepting").isInstanceOf(java.io.IOException.class);
        } finally {
            vertx.close().await();
        }
    }

}
