package io.swapguard.api;

import io.swapguard.engine.InvalidSettingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code api:} the CAMARA APIs for banks (docs/api.md). Every setting has a default; the default
 * serves plain HTTP on loopback with tokens from the embedded issuer ({@code swapguard token}).
 *
 * @param enabled serve the API with {@code run} and {@code demo}
 * @param bind address to listen on
 * @param port TCP port (9091, the contracts' default; 0 picks a free one)
 * @param apiRoot what the contracts' {@code {apiRoot}} is here: "" serves {@code /sim-swap/v2/...}
 *        at the root; a path or URL (e.g. {@code https://api.example.com/camara}) puts its path first
 * @param tls PEM certificate and key; null serves cleartext (HTTP/1.1 and h2c)
 * @param auth how bearer tokens are verified
 * @param monitoredDays how far back swaps may be told (local rules); null: no limit. A check
 *        beyond it is 400 OUT_OF_RANGE, an older date is null with this monitoredPeriod
 * @param servedPrefixes E.164 prefixes of the numbers this operator serves (default: the
 *        detector's country code); another number is 422 SERVICE_NOT_APPLICABLE
 * @param maxRequestsPerSecond the server's whole capacity: beyond it requests are shed with 429
 *        TOO_MANY_REQUESTS before any work is done
 * @param defaultLimits limits of a client not listed in {@code clients}
 * @param clients limits per client id (the token's client_id, azp or sub)
 * @param maxBodyBytes largest request body (413 beyond)
 * @param requestTimeout longest a request may take (503 beyond)
 * @param shutdownGrace how long requests in flight may finish on shutdown
 * @param auditDirectory where the audit journal of every answered request is kept
 * @param auditRetentionDays how many UTC days of audit files are kept (0: all)
 * @param subscriptions SIM swap subscriptions and their notifications
 */
public record ApiConfig(Boolean enabled, String bind, Integer port, String apiRoot, TlsConfig tls, AuthConfig auth,
        Integer monitoredDays, List<String> servedPrefixes, Integer maxRequestsPerSecond, ClientLimits defaultLimits,
        Map<String, ClientLimits> clients, Integer maxBodyBytes, Duration requestTimeout, Duration shutdownGrace,
        String auditDirectory, Integer auditRetentionDays, SubscriptionsConfig subscriptions) {

    public static final int DEFAULT_PORT = 9091;

    public ApiConfig {
        enabled = enabled == null || enabled;
        bind = bind == null ? "127.0.0.1" : bind;
        if (bind.isBlank()) {
            throw new InvalidSettingException("bind", "must be an address, e.g. 127.0.0.1");
        }
        port = InvalidSettingException.inRange("port", port, DEFAULT_PORT, 0, 65_535);
        apiRoot = apiRoot == null ? "" : apiRoot.strip();
        auth = auth == null ? AuthConfig.defaults() : auth;
        if (monitoredDays != null && (monitoredDays < 1 || monitoredDays > 100_000)) {
            throw new InvalidSettingException("monitoredDays", monitoredDays + " is not a number of days from 1 to 100000");
        }
        servedPrefixes = servedPrefixes == null ? List.of() : List.copyOf(servedPrefixes);
        for (String p : servedPrefixes) {
            if (!p.matches("[1-9]\\d{0,14}")) {
                throw new InvalidSettingException("servedPrefixes", "'" + p + "' is not an E.164 prefix (digits, no +)");
            }
        }
        maxRequestsPerSecond = InvalidSettingException.inRange("maxRequestsPerSecond", maxRequestsPerSecond, 40_000, 1,
                10_000_000);
        defaultLimits = defaultLimits == null ? ClientLimits.defaults() : defaultLimits;
        clients = clients == null ? Map.of() : Map.copyOf(clients);
        maxBodyBytes = InvalidSettingException.inRange("maxBodyBytes", maxBodyBytes, 16 * 1024, 256, 1 << 20);
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(5) : requestTimeout;
        shutdownGrace = shutdownGrace == null ? Duration.ofSeconds(10) : shutdownGrace;
        auditDirectory = auditDirectory == null || auditDirectory.isBlank() ? "data/api-audit" : auditDirectory;
        auditRetentionDays = InvalidSettingException.inRange("auditRetentionDays", auditRetentionDays, 400, 0, 100_000);
        subscriptions = subscriptions == null ? SubscriptionsConfig.defaults() : subscriptions;
    }

    public static ApiConfig defaults() {
        return new ApiConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** No API (the demo's --api-port -1). */
    public static ApiConfig disabled() {
        return new ApiConfig(false, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    /** The limits of a client. */
    public ClientLimits limits(String clientId) {
        return clients.getOrDefault(clientId, defaultLimits);
    }

    /** This configuration on another port (tests, the demo). */
    public ApiConfig withPort(int other) {
        return new ApiConfig(enabled, bind, other, apiRoot, tls, auth, monitoredDays, servedPrefixes,
                maxRequestsPerSecond, defaultLimits, clients, maxBodyBytes, requestTimeout, shutdownGrace, auditDirectory,
                auditRetentionDays, subscriptions);
    }

    /** This configuration verifying tokens otherwise. */
    public ApiConfig withAuth(AuthConfig other) {
        return new ApiConfig(enabled, bind, port, apiRoot, tls, other, monitoredDays, servedPrefixes,
                maxRequestsPerSecond, defaultLimits, clients, maxBodyBytes, requestTimeout, shutdownGrace, auditDirectory,
                auditRetentionDays, subscriptions);
    }

    /** This configuration keeping its files (signing key, audit) elsewhere (the demo's rounds). */
    public ApiConfig withFiles(String signingKey, String audit, String subscriptionsDir) {
        AuthConfig a = new AuthConfig(auth.issuer(), auth.audiences(), auth.jwks(), auth.clockSkew(),
                auth.phoneNumberClaim(), signingKey, auth.tokenLifetime());
        return new ApiConfig(enabled, bind, port, apiRoot, tls, a, monitoredDays, servedPrefixes,
                maxRequestsPerSecond, defaultLimits, clients, maxBodyBytes, requestTimeout, shutdownGrace, audit,
                auditRetentionDays, subscriptions.withDirectory(subscriptionsDir));
    }

    /** This configuration with other subscription settings (tests). */
    public ApiConfig withSubscriptions(SubscriptionsConfig other) {
        return new ApiConfig(enabled, bind, port, apiRoot, tls, auth, monitoredDays, servedPrefixes,
                maxRequestsPerSecond, defaultLimits, clients, maxBodyBytes, requestTimeout, shutdownGrace, auditDirectory,
                auditRetentionDays, other);
    }

    /**
     * {@code api.subscriptions:} SIM Swap Subscriptions 0.3.0 and the CloudEvents they send.
     *
     * @param enabled serve the subscriptions API
     * @param directory where subscriptions and their undelivered notifications are kept
     * @param pollInterval how often subscribed numbers are looked at for a new SIM
     * @param deliveryTimeout longest a sink may take to answer one notification
     * @param retryDelay the first retry's delay, doubled each time up to {@code maxRetryDelay}
     * @param maxRetryDelay the longest delay between two attempts
     * @param maxAttempts attempts per notification before it is given up (counted, logged)
     * @param trustedCertificates PEM certificates trusted for sinks besides the JVM's (e.g. a bank's own CA); "" none
     * @param source the CloudEvents {@code source} of the notifications
     */
    public record SubscriptionsConfig(Boolean enabled, String directory, Duration pollInterval, Duration deliveryTimeout,
            Duration retryDelay, Duration maxRetryDelay, Integer maxAttempts, String trustedCertificates, String source) {
        public SubscriptionsConfig {
            enabled = enabled == null || enabled;
            directory = directory == null || directory.isBlank() ? "data/api-subscriptions" : directory;
            pollInterval = positive("pollInterval", pollInterval, Duration.ofSeconds(1));
            deliveryTimeout = positive("deliveryTimeout", deliveryTimeout, Duration.ofSeconds(5));
            retryDelay = positive("retryDelay", retryDelay, Duration.ofSeconds(1));
            maxRetryDelay = positive("maxRetryDelay", maxRetryDelay, Duration.ofMinutes(5));
            maxAttempts = InvalidSettingException.inRange("maxAttempts", maxAttempts, 20, 1, 1000);
            trustedCertificates = trustedCertificates == null ? "" : trustedCertificates;
            source = source == null || source.isBlank() ? "swapguard" : source;
        }

        private static Duration positive(String key, Duration d, Duration fallback) {
            Duration v = d == null ? fallback : d;
            if (v.isNegative() || v.isZero()) {
                throw new InvalidSettingException(key, v + " must be positive");
            }
            return v;
        }

        public static SubscriptionsConfig defaults() {
            return new SubscriptionsConfig(null, null, null, null, null, null, null, null, null);
        }

        public SubscriptionsConfig withDirectory(String other) {
            return new SubscriptionsConfig(enabled, other, pollInterval, deliveryTimeout, retryDelay, maxRetryDelay,
                    maxAttempts, trustedCertificates, source);
        }
    }

    /**
     * {@code api.tls:} PEM files.
     *
     * @param certificate the server's certificate chain
     * @param key its private key (PKCS#8 or PKCS#1)
     */
    public record TlsConfig(String certificate, String key) {
        public TlsConfig {
            if (certificate == null || certificate.isBlank()) {
                throw new InvalidSettingException("certificate", "needs the PEM certificate file");
            }
            if (key == null || key.isBlank()) {
                throw new InvalidSettingException("key", "needs the PEM private key file");
            }
        }
    }

    /**
     * {@code api.auth:} bearer token verification.
     *
     * @param issuer expected "iss"
     * @param audiences accepted "aud" values
     * @param jwks the authorisation server's keys: a JWK set file, or an http(s) URL; empty: the
     *        embedded issuer's key ({@code signingKey})
     * @param clockSkew tolerated difference of clocks for exp and nbf
     * @param phoneNumberClaim the claim naming the subscriber of a three-legged token
     *        ("+62..." or "tel:+62..."); a token without one is two-legged
     * @param signingKey the embedded issuer's private key file (made on first use)
     * @param tokenLifetime lifetime of tokens the embedded issuer signs
     */
    public record AuthConfig(String issuer, List<String> audiences, String jwks, Duration clockSkew,
            String phoneNumberClaim, String signingKey, Duration tokenLifetime) {
        public AuthConfig {
            issuer = issuer == null ? "https://swapguard.local/issuer" : issuer;
            audiences = audiences == null || audiences.isEmpty() ? List.of("swapguard-camara") : List.copyOf(audiences);
            jwks = jwks == null ? "" : jwks;
            clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
            if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new InvalidSettingException("clockSkew", clockSkew + " is outside 0 to 10 minutes");
            }
            phoneNumberClaim = phoneNumberClaim == null ? "sub" : phoneNumberClaim;
            signingKey = signingKey == null || signingKey.isBlank() ? "data/api/token-signing-key.jwk.json" : signingKey;
            tokenLifetime = tokenLifetime == null ? Duration.ofHours(1) : tokenLifetime;
        }

        public static AuthConfig defaults() {
            return new AuthConfig(null, null, null, null, null, null, null);
        }

        /** Tokens come from the embedded issuer (no external JWKS configured). */
        public boolean embedded() {
            return jwks.isBlank();
        }
    }

    /**
     * Limits of one client.
     *
     * @param requestsPerSecond sustained rate; beyond it 429 TOO_MANY_REQUESTS with Retry-After
     * @param burst requests allowed at once above the rate
     * @param dailyQuota requests per UTC day; beyond it 429 QUOTA_EXCEEDED until midnight UTC (0: none)
     * @param datePrecision "exact", or "day"/"month": dates are told only to the start of their
     *        UTC day or month (where local rules forbid exact dates)
     */
    public record ClientLimits(Integer requestsPerSecond, Integer burst, Long dailyQuota, String datePrecision) {
        public ClientLimits {
            requestsPerSecond = InvalidSettingException.inRange("requestsPerSecond", requestsPerSecond, 1000, 1,
                    10_000_000);
            burst = InvalidSettingException.inRange("burst", burst, Math.max(1, requestsPerSecond), 1, 10_000_000);
            dailyQuota = dailyQuota == null ? 0L : dailyQuota;
            if (dailyQuota < 0) {
                throw new InvalidSettingException("dailyQuota", dailyQuota + " is negative");
            }
            datePrecision = datePrecision == null ? "exact" : datePrecision;
            if (!List.of("exact", "day", "month").contains(datePrecision)) {
                throw new InvalidSettingException("datePrecision", "'" + datePrecision + "' is not exact, day or month");
            }
        }

        public static ClientLimits defaults() {
            return new ClientLimits(null, null, null, null);
        }
    }
}
