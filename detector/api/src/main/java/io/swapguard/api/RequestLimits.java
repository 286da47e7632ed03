package io.swapguard.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The server's capacity and each client's rate and daily quota, as token buckets and day
 * counters. The server's bucket is asked first, before the token is verified, so that load past
 * capacity is answered with cheap 429s rather than with queueing and timeouts.
 */
final class RequestLimits {

    /** A refused request: which CAMARA code, and after how many seconds to try again. */
    record Refusal(String code, long retryAfterSeconds) {
    }

    private final TokenBucket server;
    private final Function<String, ApiConfig.ClientLimits> limitsOf;
    private final ConcurrentHashMap<String, Client> clients = new ConcurrentHashMap<>();

    RequestLimits(int serverPerSecond, Function<String, ApiConfig.ClientLimits> limitsOf) {
        this.server = new TokenBucket(serverPerSecond, serverPerSecond / 10 + 1);
        this.limitsOf = limitsOf;
    }

    /** Null when the server can take another request, else TOO_MANY_REQUESTS. */
    Refusal server(long nowNanos) {
        long wait = server.take(nowNanos);
        return wait == 0 ? null : new Refusal("TOO_MANY_REQUESTS", seconds(wait));
    }

    /** Null when the client may make another request, else TOO_MANY_REQUESTS or QUOTA_EXCEEDED. */
    Refusal client(String clientId, long nowNanos, Instant now) {
        Client c = clients.computeIfAbsent(clientId, id -> new Client(limitsOf.apply(id)));
        long wait = c.rate.take(nowNanos);
        if (wait != 0) {
            return new Refusal("TOO_MANY_REQUESTS", seconds(wait));
        }
        if (c.quota > 0 && !c.count(now)) {
            long untilMidnight = now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay()
                    .toInstant(ZoneOffset.UTC).getEpochSecond() - now.getEpochSecond();
            return new Refusal("QUOTA_EXCEEDED", Math.max(1, untilMidnight));
        }
        return null;
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private static final class Client {
        final TokenBucket rate;
        final long quota;
        private LocalDate day;
        private long used;

        Client(ApiConfig.ClientLimits limits) {
            this.rate = new TokenBucket(limits.requestsPerSecond(), limits.burst());
            this.quota = limits.dailyQuota();
        }

        synchronized boolean count(Instant now) {
            LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
            if (!today.equals(day)) {
                day = today;
                used = 0;
            }
            if (used >= quota) {
                return false;
            }
            used++;
            return true;
        }
    }

    /** A token bucket in nanoseconds: {@code perSecond} tokens a second, at most {@code burst} saved. */
    static final class TokenBucket {
        private final long nanosPerToken;
        private final long capacityNanos;
        /** The time at which the bucket is empty: now - capacity (full) ... now + (overdrawn). */
        private long emptyAt = Long.MIN_VALUE;

        TokenBucket(int perSecond, int burst) {
            this.nanosPerToken = Math.max(1, 1_000_000_000L / perSecond);
            this.capacityNanos = nanosPerToken * burst;
        }

        /** Takes a token: 0, or the nanoseconds until one is there (none is taken then). */
        synchronized long take(long nowNanos) {
            long start = Math.max(emptyAt, nowNanos - capacityNanos);
            long next = start + nanosPerToken;
            if (next > nowNanos) {
                return next - nowNanos;
            }
            emptyAt = next;
            return 0;
        }
    }
}
