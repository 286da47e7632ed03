package io.swapguard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with PEM files made by openssl, HTTP/2 negotiated by ALPN, and clients that do not trust the certificate refused. */
class ApiTlsTest {

    @Test
    void servesHttpsWithHttp2ByAlpn(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("api.crt");
        Path key = dir.resolve("api.key");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true).start();
        String log = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor()).as(log).isZero();

        ApiConfig config = new ApiConfig(null, null, null, null, new ApiConfig.TlsConfig(cert.toString(), key.toString()),
                null, null, null, null, null, null, null, null, null, null, null, null);
        try (ApiFixture api = new ApiFixture(dir, config)) {
            String token = api.token("bank-a", null, "sim-swap");
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(cert)).version(HttpClient.Version.HTTP_2)
                    .build();
            HttpResponse<String> r = trusting.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + api.server.port() + "/sim-swap/v2/check"))
                    .header("Authorization", "Bearer " + token).header("content-type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"phoneNumber\": \"" + ApiFixture.SWAPPED + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"swapped\":true}");
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);

            HttpClient stranger = HttpClient.newHttpClient();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> stranger.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + api.server.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
            // and cleartext is not served on the TLS port
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + api.server.port() + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    static SSLContext trusting(Path cert) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            ks.setCertificateEntry("api", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

}
