package io.swapguard.api.load;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swapguard.api.ApiAuditFile;
import io.swapguard.api.ApiConfig;
import io.swapguard.api.ApiServer;
import io.swapguard.api.TokenIssuer;
import io.swapguard.api.TokenVerifier;
import io.swapguard.engine.state.SubscriberQueries;
import io.swapguard.engine.state.SubscriberState;
import io.swapguard.engine.state.SubscriberStore;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API under load, against a static baseline in the same run: wrk (Debian) posts /check with a
 * bearer JWT to swapguard and the same request to nginx (Debian) answering the same JSON from its
 * config. Then the server's capacity is set to half of what it took and wrk offers all it can:
 * every answer must be 200 or 429, no errors or timeouts.
 *
 * <pre>mvn -pl detector/api exec:exec@api-load -Dapi.args="OUT_DIR SECONDS CONNECTIONS..."</pre>
 */
public final class ApiLoad {

    static final int SUBSCRIBERS = 100_000;
    static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    static final Pattern P99 = Pattern.compile("\\s99%\\s+([\\d.]+)(us|ms|s)");
    static final Pattern P50 = Pattern.compile("\\s50%\\s+([\\d.]+)(us|ms|s)");
    static final Pattern ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    static final Pattern COUNTED = Pattern.compile("status (\\d+): (\\d+)");

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/api-load");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<Integer> connections = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            connections.add(Integer.parseInt(args[i]));
        }
        if (connections.isEmpty()) {
            connections = List.of(16, 64, 256);
        }
        Files.createDirectories(out);
        // every answer audited, as in production: one line written per request
        audit = new ApiAuditFile(out.resolve("audit"), 0);
        System.out.printf("machine: %d cores, %s; java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"));

        SubscriberStore store = SubscriberStore.inMemory(SUBSCRIBERS);
        long now = System.currentTimeMillis() * 1_000_000L;
        for (int i = 0; i < SUBSCRIBERS; i++) {
            SubscriberState s = new SubscriberState(6281100000000L + i);
            s.firstSeen = now - Duration.ofDays(100).toNanos();
            s.imsi = 510100000000000L + i;
            s.imei = 35000000000000L + i;
            s.imeiSince = s.firstSeen;
            if (i % 10 == 0) {
                s.addSim(new SubscriberState.SimChange(now - Duration.ofDays(i % 30).toNanos(), s.imsi - 1, s.imsi,
                        SubscriberState.SimSource.SIGNALLING, false, "", i));
            }
            store.put(s);
        }
        TokenIssuer issuer = TokenIssuer.openOrCreate(out.resolve("key.jwk.json"), "https://load.test");
        String token = issuer.issue("load-bank", "swapguard-camara", List.of("sim-swap"), null, Instant.now(),
                Duration.ofHours(2));
        Files.writeString(out.resolve("check.lua"), script(token, false));
        Files.writeString(out.resolve("count.lua"), script(token, true));
        int[] paced = {5_000, 10_000, 20_000};
        for (int rate : paced) {
            // 100 connections, each waiting between its requests: about `rate` requests a second
            Files.writeString(out.resolve("paced-" + rate + ".lua"), script(token, false, 100 * 1000 / rate));
        }
        int nginxPort = freePort();
        Process nginx = nginx(out, nginxPort);

        Vertx vertx = Vertx.vertx();
        try {
            ApiServer warm = start(vertx, store, issuer, 10_000_000);
            wrk(out, "http://127.0.0.1:" + warm.port() + "/sim-swap/v2/check", "check.lua", 64, 5); // JIT warm-up
            warm.close();
            List<String[]> rows = new ArrayList<>();
            double best = 0;
            for (int c : connections) {
                ApiServer api = start(vertx, store, issuer, 10_000_000);
                Result direct = wrk(out, "http://127.0.0.1:" + nginxPort + "/sim-swap/v2/check", "check.lua", c, seconds);
                Result camara = wrk(out, "http://127.0.0.1:" + api.port() + "/sim-swap/v2/check", "check.lua", c, seconds);
                api.close();
                best = Math.max(best, camara.rps);
                rows.add(new String[] {Integer.toString(c), f(direct.rps), f(camara.rps), String.format("%.2f", camara.rps / direct.rps),
                        direct.p50 + " / " + direct.p99, camara.p50 + " / " + camara.p99, direct.errors + " / " + camara.errors
                                + (camara.non2xx > 0 ? " (" + camara.non2xx + " non-2xx)" : "")});
            }
            System.out.println();
            System.out.println("| connections | nginx req/s | swapguard req/s | ratio | nginx p50 / p99 | swapguard p50 / p99 | socket errors (nginx / swapguard) |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (String[] r : rows) {
                System.out.println("| " + String.join(" | ", r) + " |");
            }
            System.out.println();
            System.out.println("| offered (paced) | nginx req/s | nginx p50 / p99 | swapguard req/s | swapguard p50 / p99 |");
            System.out.println("|---|---|---|---|---|");
            for (int rate : paced) {
                ApiServer api = start(vertx, store, issuer, 10_000_000);
                Result direct = wrk(out, "http://127.0.0.1:" + nginxPort + "/sim-swap/v2/check", "paced-" + rate + ".lua",
                        100, seconds);
                Result camara = wrk(out, "http://127.0.0.1:" + api.port() + "/sim-swap/v2/check", "paced-" + rate + ".lua",
                        100, seconds);
                api.close();
                System.out.printf("| %,d/s | %s | %s / %s | %s | %s / %s |%n", rate, f(direct.rps), direct.p50, direct.p99,
                        f(camara.rps), camara.p50, camara.p99);
            }
            int capacity = (int) (best / 3); // so that wrk, closed-loop, can offer more than twice of it
            ApiServer limited = start(vertx, store, issuer, capacity);
            Result over = wrk(out, "http://127.0.0.1:" + limited.port() + "/sim-swap/v2/check", "count.lua",
                    connections.get(connections.size() - 1), seconds);
            limited.close();
            System.out.printf("%noverload: capacity set to %,d/s, offered %,.0f/s (%.1fx): %s; socket errors %s%n",
                    capacity, over.rps, over.rps / capacity, over.statuses, over.errors);
        } finally {
            nginx.destroy();
            nginx.waitFor(5, TimeUnit.SECONDS);
            vertx.close().await();
            store.close();
        }
    }

    static ApiAuditFile audit;

    static ApiServer start(Vertx vertx, SubscriberStore store, TokenIssuer issuer, int capacity) {
        ApiConfig config = new ApiConfig(null, null, 0, null, null, null, null, null, capacity,
                new ApiConfig.ClientLimits(10_000_000, 10_000_000, null, null), null, null, null, Duration.ofSeconds(2), null, null,
                new ApiConfig.SubscriptionsConfig(false, null, null, null, null, null, null, null, null));
        TokenVerifier verifier = new TokenVerifier(TokenVerifier.keys(issuer.publicKeys()), "https://load.test",
                Set.of("swapguard-camara"), Duration.ofSeconds(30), "sub", Clock.systemUTC());
        return ApiServer.start(vertx, config, new SubscriberQueries(store)::facts, verifier, audit,
                new SimpleMeterRegistry(), Clock.systemUTC(), "62", Runtime.getRuntime().availableProcessors()).await();
    }

    /** A wrk script: POST /check for a random one of the subscribers; with {@code count}, tally the statuses. */
    static String script(String token, boolean count) {
        return script(token, count, 0);
    }

    /** @param delayMs each connection waits this long between its requests (a paced, not a maximal, load) */
    static String script(String token, boolean count, int delayMs) {
        String s = (delayMs > 0 ? "delay = function() return " + delayMs + " end\n" : "") + """
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                wrk.headers["Authorization"] = "Bearer %s"
                request = function()
                  local n = math.random(0, %d)
                  return wrk.format(nil, nil, nil, string.format('{"phoneNumber":"+62811%%08d","maxAge":240}', n))
                end
                """.formatted(token, SUBSCRIBERS - 1);
        if (count) {
            s += """
                    local threads = {}
                    setup = function(thread) table.insert(threads, thread) end
                    statuses = {}
                    response = function(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
                    done = function(summary, latency, requests)
                      local total = {}
                      for _, t in ipairs(threads) do
                        for status, n in pairs(t:get("statuses")) do total[status] = (total[status] or 0) + n end
                      end
                      for status, n in pairs(total) do io.write(string.format("status %d: %d\\n", status, n)) end
                    end
                    """;
        }
        return s;
    }

    record Result(double rps, String p50, String p99, String errors, long non2xx, Map<Integer, Long> statuses) {
    }

    static Result wrk(Path dir, String url, String script, int connections, int seconds) throws Exception {
        Process p = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", dir.resolve(script).toString(), url).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + text);
        }
        Files.writeString(dir.resolve("wrk-" + url.replaceAll("\\W+", "_") + "-" + connections + ".txt"), text);
        Matcher rps = RPS.matcher(text);
        Matcher p99 = P99.matcher(text);
        Matcher p50 = P50.matcher(text);
        Matcher errors = ERRORS.matcher(text);
        Matcher non2xx = NON2XX.matcher(text);
        Map<Integer, Long> statuses = new java.util.TreeMap<>();
        for (Matcher m = COUNTED.matcher(text); m.find(); ) {
            statuses.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
        }
        if (!rps.find() || !p99.find() || !p50.find()) {
            throw new IllegalStateException("no figures in wrk's output: " + text);
        }
        return new Result(Double.parseDouble(rps.group(1)), p50.group(1) + p50.group(2), p99.group(1) + p99.group(2),
                errors.find() ? errors.group(0).replace("Socket errors: ", "") : "none",
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, statuses);
    }

    /** nginx answering every request with the JSON swapguard answers, as fast as it can. */
    static Process nginx(Path dir, int port) throws IOException, InterruptedException {
        Path prefix = Files.createDirectories(dir.resolve("nginx"));
        Files.createDirectories(prefix.resolve("logs"));
        Path conf = Files.writeString(prefix.resolve("nginx.conf"), """
                daemon off;
                worker_processes 2;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  server {
                    listen 127.0.0.1:%2$d;
                    location / {
                      default_type application/json;
                      return 200 '{"swapped":true}';
                    }
                  }
                }
                """.formatted(prefix, port));
        Process p = new ProcessBuilder("nginx", "-p", prefix.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        for (int i = 0; i < 50; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        p.destroy();
        throw new IllegalStateException("nginx did not start: " + Files.readString(prefix.resolve("logs/stdout.log")));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String f(double v) {
        return String.format("%,.0f", v);
    }
}
