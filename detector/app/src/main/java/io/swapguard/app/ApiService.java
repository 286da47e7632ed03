package io.swapguard.app;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.swapguard.api.ApiAuditFile;
import io.swapguard.api.ApiConfig;
import io.swapguard.api.ApiServer;
import io.swapguard.api.TokenIssuer;
import io.swapguard.api.TokenVerifier;
import io.swapguard.engine.InvalidSettingException;
import io.swapguard.engine.state.SubscriberQueries;
import io.swapguard.engine.state.SubscriberStore;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.HashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CAMARA API as {@code run} and {@code demo} serve it: Vert.x with one HTTP server per core
 * over the detector's state, tokens verified against the configured JWKS (or the embedded
 * issuer's key), every answer in the audit journal.
 */
public final class ApiService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiService.class);

    private final Vertx vertx;
    private final ApiServer server;
    private final ApiAuditFile audit;
    private final TokenIssuer issuer;

    private ApiService(Vertx vertx, ApiServer server, ApiAuditFile audit, TokenIssuer issuer) {
        this.vertx = vertx;
        this.server = server;
        this.audit = audit;
        this.issuer = issuer;
    }

    /**
     * Starts the API.
     *
     * @param homeCountryCode the detector's country code (the numbers served by default)
     * @param provisioning where the provisioning endpoint's records go (null: not served)
     */
    public static ApiService start(ApiConfig config, SubscriberStore store, String homeCountryCode,
            MeterRegistry meters, Clock clock, io.swapguard.api.ProvisioningIntake provisioning) {
        TokenIssuer issuer = config.auth().embedded() ? issuer(config) : null;
        JWKSource<SecurityContext> keys = issuer != null ? TokenVerifier.keys(issuer.publicKeys()) : keys(config);
        TokenVerifier verifier = new TokenVerifier(keys, config.auth().issuer(), new HashSet<>(config.auth().audiences()),
                config.auth().clockSkew(), config.auth().phoneNumberClaim(), clock);
        ApiAuditFile audit = new ApiAuditFile(Path.of(config.auditDirectory()), config.auditRetentionDays());
        Vertx vertx = Vertx.vertx();
        try {
            ApiServer server = ApiServer.start(vertx, config, new SubscriberQueries(store)::facts, verifier, audit, meters,
                    clock, homeCountryCode, Runtime.getRuntime().availableProcessors(), provisioning).await();
            return new ApiService(vertx, server, audit, issuer);
        } catch (RuntimeException e) {
            vertx.close().await();
            audit.close();
            throw e;
        }
    }

    /** The embedded issuer (its key made on first use). */
    public static TokenIssuer issuer(ApiConfig config) {
        return TokenIssuer.openOrCreate(Path.of(config.auth().signingKey()), config.auth().issuer());
    }

    private static JWKSource<SecurityContext> keys(ApiConfig config) {
        String jwks = config.auth().jwks();
        try {
            if (jwks.startsWith("https://") || jwks.startsWith("http://")) {
                return TokenVerifier.keys(URI.create(jwks).toURL());
            }
            return TokenVerifier.keys(JWKSet.load(Path.of(jwks).toFile()));
        } catch (IOException | ParseException | IllegalArgumentException e) {
            throw new InvalidSettingException("api.auth.jwks", "cannot read a JWK set from " + jwks + ": " + e.getMessage());
        }
    }

    /** The embedded issuer, or null when tokens come from an external authorisation server. */
    public TokenIssuer issuer() {
        return issuer;
    }

    public int port() {
        return server.port();
    }

    /** The audit journal's file of one UTC day. */
    public Path auditFile(java.time.LocalDate day) {
        return audit.file(day);
    }

    public ApiServer server() {
        return server;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (RuntimeException e) {
            log.warn("API shutdown: {}", e.getMessage());
        }
        vertx.close().await();
        audit.close();
    }
}
