package io.swapguard.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.UUID;

/**
 * The embedded token issuer: an ES256 key of swapguard's own that signs access tokens for
 * configured clients, so that a bank engineer can try the API without an authorisation server.
 * In production the operator's authorisation server issues the tokens and swapguard only verifies
 * them against its JWKS; this issuer is then not used.
 */
public final class TokenIssuer {

    private final ECKey key;
    private final String issuer;

    public TokenIssuer(ECKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    /**
     * The issuer whose private key is kept in {@code file} (a JWK set, readable by its owner only),
     * made on first use.
     */
    public static TokenIssuer openOrCreate(Path file, String issuer) {
        try {
            if (Files.exists(file)) {
                JWKSet set = JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8));
                if (set.getKeys().isEmpty() || !(set.getKeys().get(0) instanceof ECKey ec) || !ec.isPrivate()) {
                    throw new IllegalArgumentException(file + ": no private EC key in this JWK set");
                }
                return new TokenIssuer(ec, issuer);
            }
            ECKey ec = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString())
                    .algorithm(JWSAlgorithm.ES256).generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, new JWKSet(ec).toString(false), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system has no modes; the directory's protection is all there is
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return new TokenIssuer(ec, issuer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the token signing key " + file, e);
        } catch (ParseException e) {
            throw new IllegalArgumentException(file + " is not a JWK set: " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make an ES256 key", e);
        }
    }

    /** The public half, for the verifier (and for a JWKS endpoint). */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    public String issuer() {
        return issuer;
    }

    /**
     * Signs an access token.
     *
     * @param phoneNumber null for a two-legged token, else the subscriber of a three-legged one (its "sub")
     */
    public String issue(String clientId, String audience, Collection<String> scopes, String phoneNumber,
            Instant now, Duration lifetime) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(phoneNumber == null ? clientId : "tel:" + phoneNumber)
                .claim("client_id", clientId)
                .claim("scope", String.join(" ", scopes))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
