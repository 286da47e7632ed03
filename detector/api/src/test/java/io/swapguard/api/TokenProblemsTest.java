package io.swapguard.api;

import static io.swapguard.api.ApiFixture.AUDIENCE;
import static io.swapguard.api.ApiFixture.ISSUER;
import static io.swapguard.api.ApiFixture.NOW;
import static io.swapguard.api.ApiFixture.SWAPPED;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a bearer token can be wrong gets 401 UNAUTHENTICATED (or 403 for a missing scope), and the right ones pass. */
class TokenProblemsTest {

    @TempDir
    static Path dir;
    static ApiFixture api;
    static RSAKey rsa;
    static ECKey stranger;

    @BeforeAll
    static void start() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        stranger = new ECKeyGenerator(Curve.P_256).keyID("rsa-1").generate();
        api = new ApiFixture(dir, ApiConfig.defaults(), List.of(rsa.toPublicJWK()));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("bank-a")
                .claim("client_id", "bank-a").claim("scope", "sim-swap")
                .issueTime(Date.from(NOW.minusSeconds(60))).expirationTime(Date.from(NOW.plusSeconds(600)));
        return change.apply(b).build();
    }

    static String rs256(JWTClaimsSet c) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID()).build(), c);
        jwt.sign(new RSASSASigner(rsa));
        return jwt.serialize();
    }

    HttpResponse<String> check(String token) throws Exception {
        HttpResponse<String> r = api.post("/sim-swap/v2/check", token, "{\"phoneNumber\": \"" + SWAPPED + "\"}");
        api.conforms("sim-swap.yaml", "checkSimSwap", r);
        return r;
    }

    void unauthenticated(String token) throws Exception {
        HttpResponse<String> r = check(token);
        assertThat(r.statusCode()).isEqualTo(401);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("code")).isEqualTo("UNAUTHENTICATED");
        assertThat(body.getString("message")).isEqualTo(
                "Request not authenticated due to missing, invalid, or expired credentials. A new authentication is required.");
    }

    @Test
    void wellFormedTokensPass() throws Exception {
        assertThat(check(rs256(claims(b -> b))).statusCode()).isEqualTo(200);
        assertThat(check(api.token("bank-a", null, "sim-swap:check")).statusCode()).isEqualTo(200);
        // expired 20 s ago: inside the 30 s clock skew
        assertThat(check(rs256(claims(b -> b.expirationTime(Date.from(NOW.minusSeconds(20)))))).statusCode())
                .isEqualTo(200);
        // scopes as an array claim ("scp") are read too
        assertThat(check(rs256(claims(b -> b.claim("scope", null).claim("scp", List.of("sim-swap:check")))))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void noTokenOrNotBearer() throws Exception {
        unauthenticated(null);
        HttpResponse<String> basic = api.post("/sim-swap/v2/check", null, "{\"phoneNumber\": \"" + SWAPPED + "\"}",
                "Authorization", "Basic YmFuazpzZWNyZXQ=");
        assertThat(basic.statusCode()).isEqualTo(401);
        unauthenticated("not-a-jwt");
    }

    @Test
    void expired() throws Exception {
        unauthenticated(rs256(claims(b -> b.expirationTime(Date.from(NOW.minusSeconds(120))))));
    }

    @Test
    void notYetValid() throws Exception {
        unauthenticated(rs256(claims(b -> b.notBeforeTime(Date.from(NOW.plusSeconds(300))))));
    }

    @Test
    void wrongAudienceOrNone() throws Exception {
        unauthenticated(rs256(claims(b -> b.audience("another-api"))));
        unauthenticated(rs256(claims(b -> b.audience((String) null))));
    }

    @Test
    void wrongIssuer() throws Exception {
        unauthenticated(rs256(claims(b -> b.issuer("https://attacker.example"))));
    }

    @Test
    void noExpiry() throws Exception {
        unauthenticated(rs256(claims(b -> b.expirationTime(null))));
    }

    @Test
    void algNone() throws Exception {
        unauthenticated(new PlainJWT(claims(b -> b)).serialize());
        // a hand-made "none" header over a real signature's parts
        String[] parts = rs256(claims(b -> b)).split("\\.");
        String none = Base64URL.encode("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        unauthenticated(none);
    }

    @Test
    void hs256WithThePublicKeyAsSecret() throws Exception {
        byte[] publicKey = rsa.toPublicKey().getEncoded();
        byte[] secret = java.util.Arrays.copyOf(publicKey, Math.max(32, publicKey.length));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(rsa.getKeyID()).build(),
                claims(b -> b));
        jwt.sign(new MACSigner(secret));
        unauthenticated(jwt.serialize());
        // and with the PEM text of the key, the classic form of this attack
        String pem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(publicKey)
                + "\n-----END PUBLIC KEY-----\n";
        SignedJWT jwt2 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), claims(b -> b));
        jwt2.sign(new MACSigner(pem.getBytes(StandardCharsets.US_ASCII)));
        unauthenticated(jwt2.serialize());
    }

    @Test
    void badSignature() throws Exception {
        String good = rs256(claims(b -> b));
        String[] parts = good.split("\\.");
        String otherClaims = Base64URL.encode(claims(b -> b.claim("scope", "sim-swap device-swap")).toString()
                .getBytes(StandardCharsets.UTF_8)).toString();
        unauthenticated(parts[0] + "." + otherClaims + "." + parts[2]);
        // signed by a key that is not ours, under our key's id
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("rsa-1").build(), claims(b -> b));
        jwt.sign(new ECDSASigner(stranger));
        unauthenticated(jwt.serialize());
    }

    @Test
    void missingScopeIsPermissionDenied() throws Exception {
        HttpResponse<String> r = check(rs256(claims(b -> b.claim("scope", "device-swap"))));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("PERMISSION_DENIED");
        HttpResponse<String> none = check(rs256(claims(b -> b.claim("scope", null))));
        assertThat(none.statusCode()).isEqualTo(403);
    }

    @Test
    void aRememberedTokenStopsWorkingWhenItExpires() throws Exception {
        Instant[] now = {NOW};
        java.time.Clock clock = new java.time.Clock() {
            @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
            @Override public java.time.Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now[0]; }
        };
        TokenVerifier verifier = new TokenVerifier(TokenVerifier.keys(new com.nimbusds.jose.jwk.JWKSet(rsa.toPublicJWK())),
                ISSUER, java.util.Set.of(AUDIENCE), Duration.ofSeconds(30), "sub", clock);
        String token = rs256(claims(b -> b.expirationTime(Date.from(NOW.plusSeconds(60)))));
        assertThat(verifier.verify(token).clientId()).isEqualTo("bank-a");
        now[0] = NOW.plusSeconds(80); // past exp, inside the skew
        assertThat(verifier.verify(token).clientId()).isEqualTo("bank-a");
        now[0] = NOW.plusSeconds(91); // past exp + skew: the remembered copy must not answer
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(TokenVerifier.Rejected.class)
                .satisfies(e -> assertThat(((TokenVerifier.Rejected) e).reason()).isEqualTo("expired"));
    }

    @Test
    void threeLeggedSubjectsAreReadAsPhoneNumbers() throws Exception {
        TokenVerifier verifier = new TokenVerifier(TokenVerifier.keys(new com.nimbusds.jose.jwk.JWKSet(rsa.toPublicJWK())),
                ISSUER, java.util.Set.of(AUDIENCE), Duration.ofSeconds(30), "sub",
                java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
        assertThat(verifier.verify(rs256(claims(b -> b.subject("tel:+6281100000001")))).phoneNumber())
                .hasValue("+6281100000001");
        assertThat(verifier.verify(rs256(claims(b -> b.subject("+6281100000001")))).phoneNumber())
                .hasValue("+6281100000001");
        assertThat(verifier.verify(rs256(claims(b -> b.subject("bank-a")))).threeLegged()).isFalse();
        assertThat(verifier.verify(rs256(claims(b -> b.subject("tel:6281100000001")))).threeLegged()).isFalse();
    }
}
