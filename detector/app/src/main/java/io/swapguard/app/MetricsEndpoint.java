package io.swapguard.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} in the Prometheus text exposition format (0.0.4), on its own port and
 * thread so a slow scraper never touches the probe or the detector. What it serves can be swapped
 * ({@link #serve}): the demo starts a fresh swapguard each round behind one address.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetricsEndpoint.class);
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService thread;
    private volatile Supplier<String> scrape = () -> "";
    private SwapguardMeters owned;

    private MetricsEndpoint(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /** Listens on {@code bind}:{@code port} (0 picks a free port). */
    public static MetricsEndpoint start(String bind, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + bind + ":" + port + ": " + e.getMessage()
                    + " (set metrics.port, or metrics.enabled: false)", e);
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metrics-http");
            t.setDaemon(true);
            return t;
        });
        MetricsEndpoint endpoint = new MetricsEndpoint(server, thread);
        server.createContext("/", endpoint::handle);
        server.setExecutor(thread);
        server.start();
        return endpoint;
    }

    /**
     * Starts serving {@code meters} as {@code config} says, or returns null when it says not to
     * (then closes {@code meters}). The endpoint owns the meters: closing it closes them.
     */
    public static MetricsEndpoint serve(io.swapguard.config.MetricsConfig config, SwapguardMeters meters) {
        if (!config.enabled()) {
            meters.close();
            return null;
        }
        MetricsEndpoint m;
        try {
            m = start(config.bind(), config.port());
        } catch (RuntimeException e) {
            meters.close();
            throw e;
        }
        m.serve(meters);
        m.owned = meters;
        return m;
    }

    /** Serves what {@code meters} scrapes from now on. */
    public void serve(SwapguardMeters meters) {
        this.scrape = meters::scrape;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The URL a scraper uses, e.g. {@code http://127.0.0.1:9470/metrics}. */
    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/metrics";
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            if (!"GET".equals(x.getRequestMethod()) && !"HEAD".equals(x.getRequestMethod())) {
                x.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(x, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
            } else if (path.equals("/metrics")) {
                String body;
                try {
                    body = scrape.get();
                } catch (RuntimeException e) {
                    log.error("metrics scrape failed: {}", e.toString(), e);
                    reply(x, 500, "text/plain; charset=utf-8", "scrape failed: " + e + "\n");
                    return;
                }
                reply(x, 200, CONTENT_TYPE, body);
            } else if (path.equals("/")) {
                reply(x, 200, "text/plain; charset=utf-8", "swapguard: metrics at /metrics\n");
            } else {
                reply(x, 404, "text/plain; charset=utf-8", "not found: " + path + " (metrics at /metrics)\n");
            }
        }
    }

    private static void reply(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        boolean head = "HEAD".equals(x.getRequestMethod());
        x.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
        if (owned != null) {
            owned.close();
        }
    }
}
