package io.swapguard.api;

import io.swapguard.engine.state.SubscriberFacts;
import io.swapguard.engine.state.SubscriberState;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The answers of the CAMARA operations, from a number's {@link SubscriberFacts}: what a SIM swap,
 * a device swap and a call forwarding are in the contracts' words, and how the monitored period
 * and a client's date precision shape them. Knows nothing of HTTP or tokens.
 */
final class CamaraAnswers {

    /** The operations served, by the contracts' operationId. */
    static final String RETRIEVE_SIM_SWAP_DATE = "retrieveSimSwapDate", CHECK_SIM_SWAP = "checkSimSwap",
            RETRIEVE_DEVICE_SWAP_DATE = "retrieveDeviceSwapDate", CHECK_DEVICE_SWAP = "checkDeviceSwap",
            RETRIEVE_UNCONDITIONAL_CF = "retrieveUnconditionalCallForwarding",
            RETRIEVE_CF = "retrieveCallForwarding";

    static final int DEFAULT_MAX_AGE_HOURS = 240;

    private final Integer monitoredDays;

    CamaraAnswers(Integer monitoredDays) {
        this.monitoredDays = monitoredDays;
    }

    /**
     * The 200 body of an operation.
     *
     * @param facts the number's facts (the caller has answered 404 for an unknown number)
     * @param body the validated request body
     * @param precision the client's date precision
     * @throws ApiError.Raised for an answer the contract gives as an error (OUT_OF_RANGE, SERVICE_NOT_APPLICABLE)
     */
    JsonObject answer(String operationId, SubscriberFacts facts, JsonNode body, String precision, Instant now,
            CamaraContract contract) {
        return switch (operationId) {
            case RETRIEVE_SIM_SWAP_DATE -> latest("latestSimChange",
                    facts.latestSimChange().or(facts::activation), precision, now);
            case CHECK_SIM_SWAP -> {
                Instant since = now.minus(maxAge(body, contract));
                boolean swapped = within(facts.latestSimChange(), since, now) || within(facts.activation(), since, now);
                yield new JsonObject().put("swapped", swapped);
            }
            case RETRIEVE_DEVICE_SWAP_DATE -> {
                if (!facts.deviceKnown()) {
                    throw notApplicable(contract, "No device has been seen with this phone number.");
                }
                yield latest("latestDeviceChange", facts.latestDeviceChange().or(facts::deviceSince), precision, now);
            }
            case CHECK_DEVICE_SWAP -> {
                Instant since = now.minus(maxAge(body, contract));
                if (!facts.deviceKnown()) {
                    throw notApplicable(contract, "No device has been seen with this phone number.");
                }
                yield new JsonObject().put("swapped", within(facts.latestDeviceChange(), since, now));
            }
            case RETRIEVE_UNCONDITIONAL_CF ->
                new JsonObject().put("active", facts.forwarding(SubscriberState.CF_UNCONDITIONAL));
            default -> throw new IllegalArgumentException("not a JSON-object operation: " + operationId);
        };
    }

    /** The 200 body of retrieveCallForwarding: the active services, or ["inactive"]. */
    JsonArray forwardings(SubscriberFacts facts) {
        JsonArray out = new JsonArray();
        if (facts.forwarding(SubscriberState.CF_UNCONDITIONAL)) {
            out.add("unconditional");
        }
        if (facts.forwarding(SubscriberState.CF_BUSY)) {
            out.add("conditional_busy");
        }
        if (facts.forwarding(SubscriberState.CF_NOT_REACHABLE)) {
            out.add("conditional_not_reachable");
        }
        if (facts.forwarding(SubscriberState.CF_NO_REPLY)) {
            out.add("conditional_no_answer");
        }
        return out.isEmpty() ? out.add("inactive") : out;
    }

    private Duration maxAge(JsonNode body, CamaraContract contract) {
        int hours = body.has("maxAge") ? body.get("maxAge").asInt() : DEFAULT_MAX_AGE_HOURS;
        if (monitoredDays != null && hours > monitoredDays * 24) {
            throw new ApiError.Raised(contract.error(400, "OUT_OF_RANGE").withMessage(
                    "Check monitor period could not exceed local regulations (" + monitoredDays + " days)"));
        }
        return Duration.ofHours(hours);
    }

    private static boolean within(Optional<Instant> t, Instant since, Instant now) {
        return t.isPresent() && !t.get().isBefore(since) && !t.get().isAfter(now.plus(1, ChronoUnit.MINUTES));
    }

    /** A date answer: the date, or null (with the monitored period) when it is older than told or unknown. */
    private JsonObject latest(String field, Optional<Instant> date, String precision, Instant now) {
        JsonObject out = new JsonObject();
        boolean told = date.isPresent()
                && (monitoredDays == null || !date.get().isBefore(now.minus(Duration.ofDays(monitoredDays))));
        out.put(field, told ? rfc3339(date.get(), precision) : null);
        if (!told && monitoredDays != null) {
            out.put("monitoredPeriod", monitoredDays);
        }
        return out;
    }

    static String rfc3339(Instant t, String precision) {
        Instant shown = switch (precision) {
            case "day" -> t.truncatedTo(ChronoUnit.DAYS);
            case "month" -> t.atOffset(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
            default -> t;
        };
        return shown.toString();
    }

    private static ApiError.Raised notApplicable(CamaraContract contract, String why) {
        return new ApiError.Raised(contract.error(422, "SERVICE_NOT_APPLICABLE").withMessage(why));
    }
}
