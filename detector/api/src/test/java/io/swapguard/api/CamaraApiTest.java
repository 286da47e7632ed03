package io.swapguard.api;

import static io.swapguard.api.ApiFixture.FOREIGN;
import static io.swapguard.api.ApiFixture.NOW;
import static io.swapguard.api.ApiFixture.NO_DEVICE;
import static io.swapguard.api.ApiFixture.SWAPPED;
import static io.swapguard.api.ApiFixture.UNKNOWN;
import static io.swapguard.api.ApiFixture.UNTOUCHED;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every operation of SIM Swap 2.1.0, Device Swap 1.0.0 and Call Forwarding Signal 0.4.0 and every
 * error code they list, over real HTTP on loopback; each answer is validated against its contract.
 */
class CamaraApiTest {

    static final String SIM = "sim-swap.yaml", DEVICE = "device-swap.yaml", CFS = "call-forwarding-signal.yaml";

    @TempDir
    static Path dir;
    static ApiFixture api;
    static String bank;

    @BeforeAll
    static void start() {
        api = new ApiFixture(dir, ApiConfig.defaults());
        bank = api.token("bank-a", null, "sim-swap", "device-swap",
                "call-forwarding-signal:unconditional-call-forwardings:read", "call-forwarding-signal:call-forwardings:read");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static JsonObject json(HttpResponse<String> r) {
        return new JsonObject(r.body());
    }

    static String number(String phone) {
        return new JsonObject().put("phoneNumber", phone).encode();
    }

    // ---- SIM Swap

    @Test
    void retrieveDateGivesTheLatestSimChange() throws Exception {
        HttpResponse<String> r = api.post("/sim-swap/v2/retrieve-date", bank, number(SWAPPED));
        api.conforms(SIM, "retrieveSimSwapDate", r);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).getString("latestSimChange")).isEqualTo(NOW.minus(Duration.ofDays(5)).toString());
    }

    @Test
    void retrieveDateWithoutASwapGivesTheActivationDate() throws Exception {
        HttpResponse<String> r = api.post("/sim-swap/v2/retrieve-date", bank, number(UNTOUCHED));
        api.conforms(SIM, "retrieveSimSwapDate", r);
        assertThat(json(r).getString("latestSimChange")).isEqualTo(NOW.minus(Duration.ofDays(400)).toString());
    }

    @ParameterizedTest
    @CsvSource({"+6281100000001, 240, true", "+6281100000001, 120, true", "+6281100000001, 119, false",
            "+6281100000002, 2400, false", "+6281100000003, 2400, true", "+6281100000003, 959, false"})
    void checkTellsWhetherTheSimChangedWithinMaxAge(String phone, int maxAge, boolean swapped) throws Exception {
        HttpResponse<String> r = api.post("/sim-swap/v2/check", bank,
                new JsonObject().put("phoneNumber", phone).put("maxAge", maxAge).encode());
        api.conforms(SIM, "checkSimSwap", r);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).getBoolean("swapped")).isEqualTo(swapped);
    }

    @Test
    void checkDefaultsMaxAgeTo240Hours() throws Exception {
        // swapped 5 days (120 h) ago: within the default 240 h
        assertThat(json(api.post("/sim-swap/v2/check", bank, number(SWAPPED))).getBoolean("swapped")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"0", "2401", "-5"})
    void maxAgeOutsideTheContractsBoundsIsInvalidArgument(int maxAge) throws Exception {
        HttpResponse<String> r = api.post("/sim-swap/v2/check", bank,
                new JsonObject().put("phoneNumber", SWAPPED).put("maxAge", maxAge).encode());
        api.conforms(SIM, "checkSimSwap", r);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).getString("code")).isEqualTo("INVALID_ARGUMENT");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"phoneNumber\": \"6281100000001\"}", "{\"phoneNumber\": \"+0811\"}", "{\"phoneNumber\": 6281100000001}",
            "{\"phoneNumber\": \"+6281100000001\", \"maxAge\": \"24\"}", "not json", "[]"})
    void malformedBodiesAreInvalidArgument(String body) throws Exception {
        HttpResponse<String> r = api.post("/sim-swap/v2/check", bank, body);
        api.conforms(SIM, "checkSimSwap", r);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).getString("code")).isEqualTo("INVALID_ARGUMENT");
        assertThat(json(r).getString("message")).isEqualTo(
                "Client specified an invalid argument, request body or query param.");
    }

    @Test
    void unknownAndUnservedNumbers() throws Exception {
        HttpResponse<String> unknown = api.post("/sim-swap/v2/retrieve-date", bank, number(UNKNOWN));
        api.conforms(SIM, "retrieveSimSwapDate", unknown);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).getString("code")).isEqualTo("IDENTIFIER_NOT_FOUND");
        HttpResponse<String> foreign = api.post("/sim-swap/v2/check", bank, number(FOREIGN));
        api.conforms(SIM, "checkSimSwap", foreign);
        assertThat(foreign.statusCode()).isEqualTo(422);
        assertThat(json(foreign).getString("code")).isEqualTo("SERVICE_NOT_APPLICABLE");
        assertThat(json(foreign).getString("message")).isEqualTo("The service is not available for the provided identifier.");
    }

    // ---- identifiers: two- and three-legged

    @Test
    void twoLeggedWithoutAPhoneNumberIsMissingIdentifier() throws Exception {
        HttpResponse<String> r = api.post("/sim-swap/v2/retrieve-date", bank, "{}");
        api.conforms(SIM, "retrieveSimSwapDate", r);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json(r).getString("code")).isEqualTo("MISSING_IDENTIFIER");
        assertThat(json(r).getString("message")).isEqualTo("The device cannot be identified.");
    }

    @Test
    void threeLeggedTakesTheNumberFromTheToken() throws Exception {
        String user = api.token("bank-a", SWAPPED, "sim-swap:check");
        HttpResponse<String> r = api.post("/sim-swap/v2/check", user, "{\"maxAge\": 240}");
        api.conforms(SIM, "checkSimSwap", r);
        assertThat(json(r).getBoolean("swapped")).isTrue();
        HttpResponse<String> both = api.post("/sim-swap/v2/check", user, number(SWAPPED));
        api.conforms(SIM, "checkSimSwap", both);
        assertThat(both.statusCode()).isEqualTo(422);
        assertThat(json(both).getString("code")).isEqualTo("UNNECESSARY_IDENTIFIER");
    }

    // ---- Device Swap

    @Test
    void deviceSwapRetrieveAndCheck() throws Exception {
        HttpResponse<String> date = api.post("/device-swap/v1/retrieve-date", bank, number(SWAPPED));
        api.conforms(DEVICE, "retrieveDeviceSwapDate", date);
        assertThat(json(date).getString("latestDeviceChange")).isEqualTo(NOW.minus(Duration.ofDays(2)).toString());
        HttpResponse<String> first = api.post("/device-swap/v1/retrieve-date", bank, number(UNTOUCHED));
        assertThat(json(first).getString("latestDeviceChange")).isEqualTo(NOW.minus(Duration.ofDays(400)).toString());
        HttpResponse<String> check = api.post("/device-swap/v1/check", bank,
                new JsonObject().put("phoneNumber", SWAPPED).put("maxAge", 72).encode());
        api.conforms(DEVICE, "checkDeviceSwap", check);
        assertThat(json(check).getBoolean("swapped")).isTrue();
        HttpResponse<String> old = api.post("/device-swap/v1/check", bank,
                new JsonObject().put("phoneNumber", SWAPPED).put("maxAge", 24).encode());
        assertThat(json(old).getBoolean("swapped")).isFalse();
        assertThat(json(api.post("/device-swap/v1/check", bank, number(UNTOUCHED))).getBoolean("swapped")).isFalse();
    }

    @Test
    void deviceSwapOfANumberWithoutAHandsetIsNotApplicable() throws Exception {
        for (String op : List.of("retrieve-date", "check")) {
            HttpResponse<String> r = api.post("/device-swap/v1/" + op, bank, number(NO_DEVICE));
            api.conforms(DEVICE, op.equals("check") ? "checkDeviceSwap" : "retrieveDeviceSwapDate", r);
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(json(r).getString("code")).isEqualTo("SERVICE_NOT_APPLICABLE");
        }
    }

    // ---- Call Forwarding Signal

    @Test
    void callForwardingSignal() throws Exception {
        HttpResponse<String> on = api.post("/call-forwarding-signal/v0.4/unconditional-call-forwardings", bank,
                number(SWAPPED));
        api.conforms(CFS, "retrieveUnconditionalCallForwarding", on);
        assertThat(json(on).getBoolean("active")).isTrue();
        HttpResponse<String> off = api.post("/call-forwarding-signal/v0.4/unconditional-call-forwardings", bank,
                number(UNTOUCHED));
        assertThat(json(off).getBoolean("active")).isFalse();
        HttpResponse<String> list = api.post("/call-forwarding-signal/v0.4/call-forwardings", bank, number(SWAPPED));
        api.conforms(CFS, "retrieveCallForwarding", list);
        assertThat(new JsonArray(list.body())).containsExactly("unconditional", "conditional_busy");
        HttpResponse<String> none = api.post("/call-forwarding-signal/v0.4/call-forwardings", bank, number(UNTOUCHED));
        api.conforms(CFS, "retrieveCallForwarding", none);
        assertThat(new JsonArray(none.body())).containsExactly("inactive");
        HttpResponse<String> unknown = api.post("/call-forwarding-signal/v0.4/call-forwardings", bank, number(UNKNOWN));
        api.conforms(CFS, "retrieveCallForwarding", unknown);
        assertThat(json(unknown).getString("code")).isEqualTo("IDENTIFIER_NOT_FOUND");
        assertThat(json(unknown).getString("message")).isEqualTo("Device identifier not found.");
    }

    @Test
    void callForwardingMissingIdentifierHasItsContractsMessage() throws Exception {
        HttpResponse<String> r = api.post("/call-forwarding-signal/v0.4/call-forwardings", bank, "{}");
        api.conforms(CFS, "retrieveCallForwarding", r);
        assertThat(json(r).getString("message")).isEqualTo("The phone number cannot be identified.");
    }

    // ---- x-correlator

    @Test
    void correlatorIsEchoedOnAnswersAndErrors() throws Exception {
        String id = "b4333c46-49c0-4f62-80d7-f0ef930f1c46";
        HttpResponse<String> ok = api.post("/sim-swap/v2/check", bank, number(SWAPPED), "x-correlator", id);
        api.conforms(SIM, "checkSimSwap", ok);
        assertThat(ok.headers().firstValue("x-correlator")).hasValue(id);
        HttpResponse<String> err = api.post("/sim-swap/v2/check", null, number(SWAPPED), "x-correlator", id);
        assertThat(err.statusCode()).isEqualTo(401);
        assertThat(err.headers().firstValue("x-correlator")).hasValue(id);
    }

    @Test
    void aCorrelatorOutsideItsPatternIsInvalidArgument() throws Exception {
        HttpResponse<String> r = api.post("/sim-swap/v2/check", bank, number(SWAPPED), "x-correlator", "has space");
        api.conforms(SIM, "checkSimSwap", r);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("x-correlator")).isEmpty();
        HttpResponse<String> tooLong = api.post("/sim-swap/v2/check", bank, number(SWAPPED), "x-correlator",
                "a".repeat(257));
        assertThat(tooLong.statusCode()).isEqualTo(400);
    }

    // ---- scopes

    @Test
    void scopesPerOperationAsTheContractsDeclareThem() throws Exception {
        String checkOnly = api.token("bank-b", null, "sim-swap:check");
        assertThat(api.post("/sim-swap/v2/check", checkOnly, number(SWAPPED)).statusCode()).isEqualTo(200);
        HttpResponse<String> r = api.post("/sim-swap/v2/retrieve-date", checkOnly, number(SWAPPED));
        api.conforms(SIM, "retrieveSimSwapDate", r);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).getString("code")).isEqualTo("PERMISSION_DENIED");
        String deviceOnly = api.token("bank-b", null, "device-swap:retrieve-date");
        assertThat(api.post("/device-swap/v1/retrieve-date", deviceOnly, number(SWAPPED)).statusCode()).isEqualTo(200);
        assertThat(api.post("/device-swap/v1/check", deviceOnly, number(SWAPPED)).statusCode()).isEqualTo(403);
        assertThat(api.post("/call-forwarding-signal/v0.4/call-forwardings", deviceOnly, number(SWAPPED)).statusCode())
                .isEqualTo(403);
    }

    // ---- around the operations

    @Test
    void unknownPathsMethodsAndOversizedBodies() throws Exception {
        HttpResponse<String> none = api.post("/sim-swap/v1/check", bank, number(SWAPPED));
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(json(none).getString("code")).isEqualTo("NOT_FOUND");
        var get = api.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.url("/sim-swap/v2/check")))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(json(get).getString("code")).isEqualTo("METHOD_NOT_ALLOWED");
        HttpResponse<String> big = api.post("/sim-swap/v2/check", bank,
                "{\"phoneNumber\": \"" + SWAPPED + "\", \"x\": \"" + "y".repeat(20_000) + "\"}");
        assertThat(big.statusCode()).isEqualTo(400);
        assertThat(json(big).getString("code")).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void theContractsAreServedAsPublished() throws Exception {
        for (String f : CamaraContract.SERVED) {
            var r = api.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.url("/openapi/" + f)))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(CamaraContract.resource(f));
        }
    }

    @Test
    void everyAnswerIsAudited() throws Exception {
        String id = "audit-1";
        api.post("/sim-swap/v2/check", bank, number(SWAPPED), "x-correlator", id);
        synchronized (api.audit) {
            ApiQuery q = api.audit.stream().filter(a -> a.correlator().equals(id)).findFirst().orElseThrow();
            assertThat(q.client()).isEqualTo("bank-a");
            assertThat(q.operation()).isEqualTo("checkSimSwap");
            assertThat(q.phoneNumber()).isEqualTo(SWAPPED);
            assertThat(q.status()).isEqualTo(200);
            assertThat(q.result()).isEqualTo("swapped=true");
        }
    }

    @Test
    void http2WithoutTls() throws Exception {
        var client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2).build();
        var r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.url("/sim-swap/v2/check")))
                .header("content-type", "application/json").header("Authorization", "Bearer " + bank)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(number(SWAPPED))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).getBoolean("swapped")).isTrue();
        // the JDK client upgrades the connection after its first request; the second goes over HTTP/2
        var again = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.url("/sim-swap/v2/check")))
                .header("content-type", "application/json").header("Authorization", "Bearer " + bank)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(number(SWAPPED))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
    }

    @Test
    void theResponseCheckCatchesAnswersOutsideTheContract() {
        CamaraContract sim = api.contracts.get(SIM);
        java.util.function.BiFunction<Integer, String, List<String>> check = (status, body) ->
                sim.answerProblems("retrieveSimSwapDate", status, "application/json", java.util.Map.of(), body);
        assertThat(check.apply(200, "{\"latestSimChange\": 5}")).isNotEmpty();
        assertThat(check.apply(200, "{}")).isNotEmpty();
        assertThat(check.apply(200, "{\"latestSimChange\": \"yesterday\"}")).isNotEmpty();
        assertThat(check.apply(200, "{\"latestSimChange\": null, \"monitoredPeriod\": \"30\"}")).isNotEmpty();
        assertThat(check.apply(200, "{\"latestSimChange\": null}")).isEmpty();
        assertThat(check.apply(400, "{\"status\": 400, \"code\": \"NOT_A_CODE\", \"message\": \"m\"}")).isNotEmpty();
        assertThat(check.apply(400, "{\"status\": 404, \"code\": \"INVALID_ARGUMENT\", \"message\": \"m\"}")).isNotEmpty();
        assertThat(check.apply(501, "{\"status\": 501, \"code\": \"NOT_IMPLEMENTED\", \"message\": \"m\"}"))
                .as("sim-swap declares no 501").isNotEmpty();
        assertThat(sim.answerProblems("retrieveSimSwapDate", 200, "application/json", java.util.Map.of("x-correlator",
                "has space"), "{\"latestSimChange\": null}")).isNotEmpty();
    }
}
