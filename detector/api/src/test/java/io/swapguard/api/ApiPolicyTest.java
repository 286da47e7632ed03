package io.swapguard.api;

import static io.swapguard.api.ApiFixture.NOW;
import static io.swapguard.api.ApiFixture.SWAPPED;
import static io.swapguard.api.ApiFixture.UNTOUCHED;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's policies: monitored period (OUT_OF_RANGE, null dates), date precision, rate limits and quotas. */
class ApiPolicyTest {

    @TempDir
    static Path dir;
    static ApiFixture api;

    @BeforeAll
    static void start() {
        ApiConfig config = new ApiConfig(null, null, null, null, null, null, 30, null, null, null, Map.of(
                "slow-bank", new ApiConfig.ClientLimits(1, 2, null, null),
                "small-bank", new ApiConfig.ClientLimits(null, null, 3L, null),
                "day-bank", new ApiConfig.ClientLimits(null, null, null, "day"),
                "month-bank", new ApiConfig.ClientLimits(null, null, null, "month")), null, null, null, null, null, null);
        api = new ApiFixture(dir, config);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static String body(String phone, Integer maxAge) {
        JsonObject o = new JsonObject().put("phoneNumber", phone);
        return (maxAge == null ? o : o.put("maxAge", maxAge)).encode();
    }

    @Test
    void aCheckBeyondTheMonitoredPeriodIsOutOfRange() throws Exception {
        String token = api.token("bank-a", null, "sim-swap", "device-swap");
        HttpResponse<String> r = api.post("/sim-swap/v2/check", token, body(SWAPPED, 30 * 24 + 1));
        api.conforms("sim-swap.yaml", "checkSimSwap", r);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonObject e = new JsonObject(r.body());
        assertThat(e.getString("code")).isEqualTo("OUT_OF_RANGE");
        assertThat(e.getString("message")).isEqualTo("Check monitor period could not exceed local regulations (30 days)");
        HttpResponse<String> device = api.post("/device-swap/v1/check", token, body(SWAPPED, 2400));
        api.conforms("device-swap.yaml", "checkDeviceSwap", device);
        assertThat(new JsonObject(device.body()).getString("code")).isEqualTo("OUT_OF_RANGE");
        assertThat(api.post("/sim-swap/v2/check", token, body(SWAPPED, 30 * 24)).statusCode()).isEqualTo(200);
    }

    @Test
    void aDateOlderThanTheMonitoredPeriodIsNullWithThePeriod() throws Exception {
        String token = api.token("bank-a", null, "sim-swap", "device-swap");
        HttpResponse<String> r = api.post("/sim-swap/v2/retrieve-date", token, body(UNTOUCHED, null));
        api.conforms("sim-swap.yaml", "retrieveSimSwapDate", r);
        JsonObject o = new JsonObject(r.body());
        assertThat(o.containsKey("latestSimChange")).isTrue();
        assertThat(o.getValue("latestSimChange")).isNull();
        assertThat(o.getInteger("monitoredPeriod")).isEqualTo(30);
        HttpResponse<String> device = api.post("/device-swap/v1/retrieve-date", token, body(UNTOUCHED, null));
        api.conforms("device-swap.yaml", "retrieveDeviceSwapDate", device);
        assertThat(new JsonObject(device.body()).getValue("latestDeviceChange")).isNull();
        // a recent one is still told, without a period
        JsonObject recent = new JsonObject(api.post("/sim-swap/v2/retrieve-date", token, body(SWAPPED, null)).body());
        assertThat(recent.getString("latestSimChange")).isEqualTo(NOW.minus(java.time.Duration.ofDays(5)).toString());
        assertThat(recent.containsKey("monitoredPeriod")).isFalse();
    }

    @Test
    void datesToTheDayOrMonthForClientsThatMayNotHaveExactOnes() throws Exception {
        // the swap is at 2026-11-15T12:00:00Z
        JsonObject day = new JsonObject(api.post("/sim-swap/v2/retrieve-date", api.token("day-bank", null, "sim-swap"),
                body(SWAPPED, null)).body());
        assertThat(day.getString("latestSimChange")).isEqualTo("2026-11-15T00:00:00Z");
        HttpResponse<String> month = api.post("/sim-swap/v2/retrieve-date", api.token("month-bank", null, "sim-swap"),
                body(SWAPPED, null));
        api.conforms("sim-swap.yaml", "retrieveSimSwapDate", month);
        assertThat(new JsonObject(month.body()).getString("latestSimChange")).isEqualTo("2026-11-01T00:00:00Z");
    }

    @Test
    void aClientOverItsRateGetsTooManyRequestsWithRetryAfter() throws Exception {
        String token = api.token("slow-bank", null, "sim-swap");
        int ok = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 5 && refused == null; i++) {
            HttpResponse<String> r = api.post("/sim-swap/v2/check", token, body(SWAPPED, null));
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                ok++;
            }
        }
        assertThat(ok).as("the burst of 2 passes").isGreaterThanOrEqualTo(2);
        assertThat(refused).isNotNull();
        api.conforms("sim-swap.yaml", "checkSimSwap", refused);
        assertThat(new JsonObject(refused.body()).getString("code")).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        // another client is not held back by it
        assertThat(api.post("/sim-swap/v2/check", api.token("bank-c", null, "sim-swap"), body(SWAPPED, null))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aClientPastItsDailyQuotaGetsQuotaExceededUntilMidnight() throws Exception {
        String token = api.token("small-bank", null, "sim-swap");
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/sim-swap/v2/check", token, body(SWAPPED, null)).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> r = api.post("/sim-swap/v2/check", token, body(SWAPPED, null));
        api.conforms("sim-swap.yaml", "checkSimSwap", r);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("QUOTA_EXCEEDED");
        // the fixture's clock is 12:00 UTC: twelve hours to the next day
        assertThat(r.headers().firstValue("Retry-After")).hasValue(Long.toString(12 * 3600));
    }

    @Test
    void tokenBucketKeepsItsRate() {
        RequestLimits.TokenBucket b = new RequestLimits.TokenBucket(1000, 10);
        long t = 1_000_000_000_000L;
        int taken = 0;
        for (int i = 0; i < 100; i++) {
            if (b.take(t) == 0) {
                taken++;
            }
        }
        assertThat(taken).as("a full bucket gives its burst at once").isEqualTo(10);
        assertThat(b.take(t)).isEqualTo(1_000_000L);
        taken = 0;
        for (long at = t; at < t + 1_000_000_000L; at += 100_000) { // offered 10x the rate for 1 s
            if (b.take(at) == 0) {
                taken++;
            }
        }
        assertThat(taken).isBetween(999, 1001);
    }
}
