package io.swapguard.api;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Verifies OAuth2 bearer JWTs (RFC 9068 access tokens or plain JWTs): RS256 or ES256 only (so
 * "none" and HS256-with-the-public-key are refused before any key is tried), signed by a key of the
 * configured JWK set, from the configured issuer, for one of the configured audiences, within its
 * exp/nbf with a small clock skew. A verified token is remembered until it expires, so a bank that
 * reuses its token pays for one signature check, not one per request.
 */
public final class TokenVerifier {

    /** A three-legged token's subject: the phone number, bare or as a tel: URI. */
    private static final Pattern PHONE = Pattern.compile("^(?:tel:)?(\\+[1-9][0-9]{4,14})$");
    private static final int CACHE_LIMIT = 100_000;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String phoneNumberClaim;
    private final Clock clock;
    private final Map<String, BearerToken> verified = new ConcurrentHashMap<>();
    private final Duration clockSkew;

    /**
     * @param keys the keys tokens may be signed with
     * @param issuer the expected "iss"
     * @param audiences accepted "aud" values (one must be present)
     * @param clockSkew allowed difference between the issuer's clock and ours
     * @param phoneNumberClaim the claim that carries the subscriber of a three-legged token ("sub" by default)
     */
    public TokenVerifier(JWKSource<SecurityContext> keys, String issuer, Set<String> audiences, Duration clockSkew,
            String phoneNumberClaim, Clock clock) {
        this.phoneNumberClaim = phoneNumberClaim;
        this.clock = clock;
        this.clockSkew = clockSkew;
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(new HashSet<>(audiences),
                new JWTClaimsSet.Builder().issuer(issuer).build(), new HashSet<>(Set.of("exp")), null) {
            @Override
            protected java.util.Date currentTime() {
                return java.util.Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) clockSkew.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Keys from a JWK set file's content. */
    public static JWKSource<SecurityContext> keys(JWKSet set) {
        return new ImmutableJWKSet<>(set.toPublicJWKSet());
    }

    /** Keys from a JWKS URL, fetched and cached (with refresh ahead of expiry) by nimbus. */
    public static JWKSource<SecurityContext> keys(URL jwksUrl) {
        return JWKSourceBuilder.create(jwksUrl).retrying(true).build();
    }

    /**
     * Verifies a bearer token.
     *
     * @throws Rejected with the reason (for logs and counters, never for the client)
     */
    public BearerToken verify(String token) throws Rejected {
        BearerToken known = verified.get(token);
        if (known != null) {
            if (!clock.instant().isAfter(known.expires().plus(clockSkew))) {
                return known;
            }
            verified.remove(token);
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new Rejected("malformed", e.getMessage());
        } catch (com.nimbusds.jose.proc.BadJOSEException e) {
            throw new Rejected(reason(e.getMessage()), e.getMessage());
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new Rejected("unverifiable", e.getMessage());
        }
        BearerToken t = token(claims);
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        verified.put(token, t);
        return t;
    }

    private BearerToken token(JWTClaimsSet claims) throws Rejected {
        Set<String> scopes = new HashSet<>();
        Object scope = claims.getClaim("scope");
        if (scope instanceof String s) {
            for (String one : s.trim().split("\\s+")) {
                if (!one.isEmpty()) {
                    scopes.add(one);
                }
            }
        }
        if (claims.getClaim("scp") instanceof List<?> list) {
            list.forEach(o -> scopes.add(String.valueOf(o)));
        }
        Object subject = claims.getClaim(phoneNumberClaim);
        Optional<String> phone = Optional.empty();
        if (subject instanceof String s) {
            var m = PHONE.matcher(s);
            if (m.matches()) {
                phone = Optional.of(m.group(1));
            }
        }
        String client = firstString(claims, "client_id", "azp");
        if (client == null) {
            client = claims.getSubject();
        }
        if (client == null || client.isEmpty()) {
            throw new Rejected("no-client", "the token names no client (client_id, azp or sub)");
        }
        return new BearerToken(client, Set.copyOf(scopes), phone, claims.getExpirationTime().toInstant());
    }

    private static String firstString(JWTClaimsSet claims, String... names) {
        for (String n : names) {
            if (claims.getClaim(n) instanceof String s && !s.isEmpty()) {
                return s;
            }
        }
        return null;
    }

    /** A short, countable reason from nimbus's message. */
    private static String reason(String message) {
        String m = message == null ? "" : message.toLowerCase();
        if (m.contains("expired")) return "expired";
        if (m.contains("before use time") || m.contains("nbf")) return "not-yet-valid";
        if (m.contains("audience")) return "audience";
        if (m.contains("iss")) return "issuer";
        if (m.contains("signature")) return "signature";
        if (m.contains("algorithm") || m.contains("key selector") || m.contains("no matching key")
                || m.contains("unsecured")) return "algorithm-or-key";
        if (m.contains("type")) return "type";
        return "invalid";
    }

    /** The token was not accepted. */
    public static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reason;

        public Rejected(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        /** e.g. "expired", "signature", "audience": a metrics tag. */
        public String reason() {
            return reason;
        }
    }


}
