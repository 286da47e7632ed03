package io.swapguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.swapguard.api.TokenIssuer;
import io.swapguard.app.Swapguard;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The demo's bank: a token from the embedded issuer and the CAMARA questions a bank's fraud system
 * asks before trusting an OTP, as curl commands to paste and the answers the running API gave to
 * the same requests. The numbers are the simulator's, so they are shown in full.
 */
final class DemoBankApi {

    private final Swapguard app;
    private final PrintWriter out;
    private final HttpClient http = HttpClient.newHttpClient();

    DemoBankApi(Swapguard app, PrintWriter out) {
        this.app = app;
        this.out = out;
    }

    /** @param injected this round's ground truth */
    void show(List<JsonNode> injected) throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + app.api().port();
        TokenIssuer issuer = app.api().issuer();
        String token = issuer.issue("demo-bank", app.config().api().auth().audiences().get(0), TokenCommand.ALL_SCOPES,
                null, Instant.now(), Duration.ofHours(1));
        String swapped = "+" + victim(injected, "simSwap");
        String forwarded = "+" + victim(injected, "callForwardingTakeover");
        String untouched = "+" + untouched(injected);
        synchronized (out) {
            out.printf("%nthe bank API (CAMARA SIM Swap, Device Swap, Call Forwarding Signal) on %s, as a bank's"
                    + " fraud system asks it before trusting an OTP (docs/api.md):%n", base);
            out.printf("  TOKEN=%s%n", token);
            ask(base, token, "/sim-swap/v2/check", "{\"phoneNumber\":\"" + swapped + "\",\"maxAge\":24}",
                    "the SIM swap's victim: swapped within 24 h?");
            ask(base, token, "/sim-swap/v2/retrieve-date", "{\"phoneNumber\":\"" + swapped + "\"}", "and when");
            ask(base, token, "/sim-swap/v2/check", "{\"phoneNumber\":\"" + untouched + "\",\"maxAge\":24}",
                    "an untouched subscriber");
            ask(base, token, "/call-forwarding-signal/v0.4/call-forwardings",
                    "{\"phoneNumber\":\"" + forwarded + "\"}", "the forwarding takeover's victim: forwardings in effect");
            out.flush();
        }
    }

    private void ask(String base, String token, String path, String body, String what)
            throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        out.printf("%n  # %s%n", what);
        out.printf("  curl -s -X POST %s%s -H \"Authorization: Bearer $TOKEN\" -H \"Content-Type: application/json\""
                + " -d '%s'%n", base, path, body);
        out.printf("  -> %d %s%n", r.statusCode(), r.body());
    }

    private static String victim(List<JsonNode> injected, String kind) {
        return injected.stream().filter(t -> t.get("kind").asText().equals(kind)).reduce((a, b) -> b).orElseThrow()
                .get("msisdn").asText();
    }

    /** A subscriber no attack touched and whose SIM never changed (the lowest number, so each run asks the same). */
    private String untouched(List<JsonNode> injected) {
        return DemoCommand.untouched(app, injected, Integer.MAX_VALUE).stream().sorted().findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo population has no untouched subscriber"));
    }
}
