package io.swapguard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swapguard.engine.state.SubscriberFacts;
import io.swapguard.event.Msisdn;
import io.swapguard.event.SubscriberMasking;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CAMARA APIs over HTTP (Vert.x on Netty): HTTP/1.1 keep-alive and HTTP/2 (ALPN over TLS, h2c
 * in clear), one server per event loop on one port. Every request passes, in this order: the
 * server's capacity (429), the bearer token (401), the operation's scopes (403), the client's rate
 * and quota (429), the contract's request schema (400), the subscriber's identification from token
 * or body (422), whether the number is served (422) and known (404); then the answer, the audit
 * record and the metrics.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final Pattern CORRELATOR = Pattern.compile("^[a-zA-Z0-9-_:;.\\/<>{}]{0,256}$");
    private static final String JSON = "application/json";
    static final String SUBSCRIPTIONS = "sim-swap-subscriptions.yaml";
    static final String EXTENSION = "swapguard-subscriptions.yaml";
    static final List<String> SUBSCRIPTION_APIS = List.of(SUBSCRIPTIONS, EXTENSION);
    /** swapguard's own endpoint for BSS records (not CAMARA): docs/api.md. */
    public static final String PROVISIONING_PATH = "/swapguard/provisioning/v1/records";
    public static final String PROVISIONING_SCOPE = "swapguard:provisioning";
    static final int PROVISIONING_MAX_BYTES = 16 << 20;

    private final Vertx vertx;
    private final ApiConfig config;
    private final List<CamaraContract> contracts;
    private final SubscriberLookup subscribers;
    private final TokenVerifier tokens;
    private final ApiAudit audit;
    private final Clock clock;
    private final RequestLimits limits;
    private final CamaraAnswers answers;
    private final SwapSubscriptions subscriptions;
    private final SwapSubscriptions extension;
    private final ProvisioningIntake provisioning;
    private final List<String> servedPrefixes;
    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
    private final List<HttpServer> servers = new ArrayList<>();
    private int port;

    private ApiServer(Vertx vertx, ApiConfig config, List<CamaraContract> contracts, SubscriberLookup subscribers,
            TokenVerifier tokens, ApiAudit audit, MeterRegistry meters, Clock clock, List<String> servedPrefixes,
            ProvisioningIntake provisioning) {
        this.provisioning = provisioning;
        this.vertx = vertx;
        this.config = config;
        this.contracts = contracts;
        this.subscribers = subscribers;
        this.tokens = tokens;
        this.audit = audit;
        this.meters = meters;
        this.clock = clock;
        this.servedPrefixes = servedPrefixes;
        this.limits = new RequestLimits(config.maxRequestsPerSecond(), config::limits);
        this.answers = new CamaraAnswers(config.monitoredDays());
        this.subscriptions = config.subscriptions().enabled()
                ? new SwapSubscriptions(SwapSubscriptions.CAMARA, config.subscriptions(), subscribers, clock, meters) : null;
        this.extension = config.subscriptions().enabled()
                ? new SwapSubscriptions(SwapSubscriptions.EXTENSION, config.subscriptions(), subscribers, clock, meters)
                : null;
    }

    /**
     * Loads the contracts and listens.
     *
     * @param homeCountryCode served numbers when {@code api.servedPrefixes} is empty
     * @param clock the time swaps are measured back from
     * @param instances servers (event loops) on the port
     */
    public static Future<ApiServer> start(Vertx vertx, ApiConfig config, SubscriberLookup subscribers,
            TokenVerifier tokens, ApiAudit audit, MeterRegistry meters, Clock clock, String homeCountryCode,
            int instances) {
        return start(vertx, config, subscribers, tokens, audit, meters, clock, homeCountryCode, instances, null);
    }

    /**
     * As above, with the provisioning endpoint ({@code POST /swapguard/provisioning/v1/records})
     * feeding {@code provisioning} (null: not served).
     */
    public static Future<ApiServer> start(Vertx vertx, ApiConfig config, SubscriberLookup subscribers,
            TokenVerifier tokens, ApiAudit audit, MeterRegistry meters, Clock clock, String homeCountryCode,
            int instances, ProvisioningIntake provisioning) {
        List<CamaraContract> contracts = new ArrayList<>();
        for (String file : CamaraContract.SERVED) {
            if (!SUBSCRIPTION_APIS.contains(file) || config.subscriptions().enabled()) {
                contracts.add(CamaraContract.load(file, config.apiRoot()));
            }
        }
        List<String> served = config.servedPrefixes().isEmpty() ? List.of(homeCountryCode) : config.servedPrefixes();
        ApiServer api = new ApiServer(vertx, config, contracts, subscribers, tokens, audit, meters, clock, served,
                provisioning);
        return api.listen(Math.max(1, instances)).map(api);
    }

    private Future<Void> listen(int instances) {
        HttpServerOptions options = new HttpServerOptions().setHost(config.bind()).setIdleTimeout(60)
                .setIdleTimeoutUnit(TimeUnit.SECONDS).setMaxHeaderSize(16 * 1024);
        if (config.tls() != null) {
            options.setSsl(true).setUseAlpn(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(config.tls().certificate()).setKeyPath(config.tls().key()));
        }
        Router router = router();
        // Servers made in event-loop contexts (verticles) share the port, port 0 included: one per event loop.
        return serve(options, router, config.port(), instances).onSuccess(v -> port = servers.get(0).actualPort())
                .onSuccess(v -> log.info("CAMARA API on {}://{}:{} ({} event loops): {}", config.tls() == null ? "http" : "https",
                config.bind(), port, instances, contracts.stream().map(c -> c.basePath()).toList()));
    }

    private Future<Void> serve(HttpServerOptions options, Router router, int onPort, int instances) {
        return vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                HttpServer server = vertx.createHttpServer(options).requestHandler(router);
                synchronized (servers) {
                    servers.add(server);
                }
                return server.listen(onPort);
            }
        }, new DeploymentOptions().setInstances(instances)).mapEmpty();
    }

    private Router router() {
        Router router = Router.router(vertx);
        Map<String, Set<String>> allowed = new LinkedHashMap<>(); // path regex → methods
        router.route().handler(TimeoutHandler.create(config.requestTimeout().toMillis(), 503));
        router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
        router.get("/openapi").handler(ctx -> {
            JsonArray list = new JsonArray();
            contracts.forEach(c -> list.add(new JsonObject().put("document", "/openapi/" + c.file())
                    .put("basePath", c.basePath()).put("version", c.version())));
            ctx.json(list);
        });
        for (CamaraContract c : contracts) {
            router.get("/openapi/" + c.file()).handler(ctx -> ctx.response()
                    .putHeader("content-type", "application/yaml; charset=utf-8").end(c.yaml()));
            for (CamaraContract.Operation op : c.operations()) {
                String path = c.basePath() + op.path().replaceAll("\\{(\\w+)}", ":$1");
                router.route(HttpMethod.valueOf(op.method().toUpperCase(Locale.ROOT)), path)
                        .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
                        .handler(ctx -> handle(ctx, c, op.operationId()));
                allowed.computeIfAbsent(pathPattern(c.basePath() + op.path()).pattern(), k -> new TreeSet<>())
                        .add(op.method().toUpperCase(Locale.ROOT));
            }
        }
        CamaraContract any = contracts.get(0);
        if (provisioning != null) {
            router.post(PROVISIONING_PATH).handler(BodyHandler.create(false).setBodyLimit(PROVISIONING_MAX_BYTES))
                    .handler(ctx -> provision(ctx, any));
            allowed.computeIfAbsent(pathPattern(PROVISIONING_PATH).pattern(), k -> new TreeSet<>()).add("POST");
        }
        router.errorHandler(404, ctx -> error(ctx, any.error(404, "NOT_FOUND"), null));
        router.errorHandler(405, ctx -> {
            allowed.forEach((pattern, methods) -> {
                if (ctx.normalizedPath().matches(pattern)) {
                    ctx.response().putHeader("Allow", String.join(", ", methods));
                }
            });
            error(ctx, new ApiError(405, "METHOD_NOT_ALLOWED",
                    "The requested method is not allowed/supported on the target resource."), null);
        });
        router.errorHandler(413, ctx -> error(ctx, any.error(400, "INVALID_ARGUMENT")
                .withMessage("The request body is larger than " + config.maxBodyBytes() + " bytes."), null));
        router.errorHandler(503, ctx -> error(ctx, new ApiError(503, "UNAVAILABLE", "Service Unavailable."), null));
        router.errorHandler(500, ctx -> {
            log.error("CAMARA API request failed", ctx.failure());
            error(ctx, new ApiError(500, "INTERNAL", "Unknown server error. Typically a server bug."), null);
        });
        return router;
    }

    /** A contract path as a pattern of request paths: "{subscriptionId}" matches one segment. */
    private static Pattern pathPattern(String template) {
        StringBuilder regex = new StringBuilder();
        for (String segment : template.substring(1).split("/")) {
            regex.append('/').append(segment.matches("\\{\\w+}") ? "[^/]+" : Pattern.quote(segment));
        }
        return Pattern.compile(regex.toString());
    }

    // ---- one request

    private void handle(RoutingContext ctx, CamaraContract contract, String operationId) {
        long started = System.nanoTime();
        Call call = new Call(ctx, contract, operationId, started);
        try {
            admit(call, scopes -> contract.permits(operationId, scopes));
        } catch (ApiError.Raised e) {
            finish(call, e);
            return;
        }
        JsonNode body;
        try {
            body = contract.requests(operationId).validate(ctx.request(), ctx.pathParams(), ctx.body().buffer());
        } catch (OperationValidator.Invalid e) {
            reject("invalid-request");
            log.debug("{}: {}", operationId, e.getMessage());
            finish(call, new ApiError.Raised(contract.error(400, "INVALID_ARGUMENT")));
            return;
        }
        try {
            if (contract.file().equals(SUBSCRIPTIONS)) {
                answerSubscriptions(subscriptions, SwapSubscriptions.CAMARA, call, body);
            } else if (contract.file().equals(EXTENSION)) {
                answerSubscriptions(extension, SwapSubscriptions.EXTENSION, call, body);
            } else {
                answer(call, body);
            }
        } catch (ApiError.Raised e) {
            finish(call, e);
        }
    }

    /**
     * The checks before any request is read: the server's capacity, the bearer token, the scopes,
     * the client's rate and quota, in that order.
     */
    private void admit(Call call, java.util.function.Predicate<Set<String>> permits) {
        RequestLimits.Refusal busy = limits.server(call.started);
        if (busy != null) {
            throw refused(call.contract, busy, "server-busy");
        }
        call.token = authenticate(call.ctx, call.contract);
        if (!permits.test(call.token.scopes())) {
            reject("scope");
            throw new ApiError.Raised(call.contract.error(403, "PERMISSION_DENIED"));
        }
        RequestLimits.Refusal refusal = limits.client(call.token.clientId(), call.started, clock.instant());
        if (refusal != null) {
            throw refused(call.contract, refusal, refusal.code().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
    }

    /** An answer: status, the x-correlator back, audited before the bank has it, then the body (null: none). */
    private void respond(Call call, int status, String json, String summary) {
        HttpServerResponse response = call.ctx.response().setStatusCode(status);
        if (json != null) {
            response.putHeader("content-type", JSON);
        }
        echoCorrelator(call.ctx);
        done(call, status, summary);
        if (json == null) {
            response.end();
        } else {
            response.end(json);
        }
    }

    private void answerSubscriptions(SwapSubscriptions subs, SwapSubscriptions.Flavour f, Call call, JsonNode body) {
        String op = call.operationId;
        SwapSubscriptions.Answer a;
        if (op.equals(f.create())) {
            a = subs.create(call.token, body, call.contract, digits -> servedPrefixes.stream().anyMatch(digits::startsWith));
        } else if (op.equals(f.list())) {
            a = subs.list(call.token);
        } else if (op.equals(f.get())) {
            a = subs.get(call.token, call.ctx.pathParam("subscriptionId"), call.contract);
        } else if (op.equals(f.delete())) {
            a = subs.delete(call.token, call.ctx.pathParam("subscriptionId"), call.contract);
        } else {
            throw new IllegalStateException("not a subscriptions operation: " + op);
        }
        call.phone = a.phoneNumber().isEmpty() ? null : a.phoneNumber();
        respond(call, a.status(), a.body(), a.summary());
    }

    private void answer(Call call, JsonNode body) {
        JsonNode json = body == null ? MissingNode.getInstance() : body;
        String phone = identify(call, json.has("phoneNumber") ? json.get("phoneNumber").asText() : null);
        call.phone = phone;
        String digits = phone.substring(1);
        if (servedPrefixes.stream().noneMatch(digits::startsWith)) {
            throw new ApiError.Raised(call.contract.error(422, "SERVICE_NOT_APPLICABLE"));
        }
        SubscriberFacts facts = subscribers.facts(Msisdn.of(digits))
                .orElseThrow(() -> new ApiError.Raised(call.contract.error(404, "IDENTIFIER_NOT_FOUND")));
        String precision = config.limits(call.token.clientId()).datePrecision();
        Object answer = CamaraAnswers.RETRIEVE_CF.equals(call.operationId) ? answers.forwardings(facts)
                : answers.answer(call.operationId, facts, json, precision, clock.instant(), call.contract);
        respond(call, 200, answer instanceof JsonObject o ? o.encode() : ((JsonArray) answer).encode(), summary(answer));
    }

    /**
     * The provisioning endpoint: a CSV document of BSS records, journalled all or none before the
     * answer; authenticated like the CAMARA operations, with the scope {@code swapguard:provisioning}.
     */
    private void provision(RoutingContext ctx, CamaraContract errors) {
        long started = System.nanoTime();
        Call call = new Call(ctx, errors, "provisionRecords", started);
        try {
            admit(call, scopes -> scopes.contains(PROVISIONING_SCOPE));
            String type = ctx.request().getHeader("content-type");
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
                reject("invalid-request");
                throw new ApiError.Raised(errors.error(400, "INVALID_ARGUMENT")
                        .withMessage("The body must be text/csv with the header "
                                + "time,kind,msisdn,imsi,previous_imsi,imei,channel,reference."));
            }
        } catch (ApiError.Raised e) {
            finish(call, e);
            return;
        }
        String csv = ctx.body().asString(StandardCharsets.UTF_8.name());
        Context here = vertx.getOrCreateContext(); // the request's event loop
        provisioning.accept("api client " + call.token.clientId(), csv == null ? "" : csv).whenComplete((result, failure) ->
                here.runOnContext(v -> {
                    if (failure != null) {
                        log.error("provisioning records of {} could not be journalled", call.token.clientId(), failure);
                        error(ctx, new ApiError(503, "UNAVAILABLE", "The records could not be journalled: "
                                + failure.getMessage()), call);
                    } else if (!result.rejected().isEmpty()) {
                        reject("invalid-request");
                        JsonObject body = errors.error(400, "INVALID_ARGUMENT").withMessage(result.rejected().size()
                                + " bad line(s); nothing was journalled").toJson();
                        body.put("rejected", new JsonArray(result.rejected()));
                        respond(call, 400, body.encode(), "INVALID_ARGUMENT " + result.rejected().size() + " bad lines");
                    } else {
                        respond(call, 200, new JsonObject().put("accepted", result.accepted()).encode(),
                                "accepted=" + result.accepted());
                    }
                }));
    }

    /** The subscriber: from a three-legged token, or from the body of a two-legged request. */
    private static String identify(Call call, String fromBody) {
        if (call.token.threeLegged()) {
            if (fromBody != null) {
                throw new ApiError.Raised(call.contract.error(422, "UNNECESSARY_IDENTIFIER"));
            }
            return call.token.phoneNumber().get();
        }
        if (fromBody == null) {
            throw new ApiError.Raised(call.contract.error(422, "MISSING_IDENTIFIER"));
        }
        return fromBody;
    }

    private BearerToken authenticate(RoutingContext ctx, CamaraContract contract) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            reject(header == null ? "no-token" : "not-bearer");
            throw new ApiError.Raised(contract.error(401, "UNAUTHENTICATED"));
        }
        try {
            return tokens.verify(header.substring(7).trim());
        } catch (TokenVerifier.Rejected e) {
            reject("token-" + e.reason());
            log.debug("token refused ({}): {}", e.reason(), e.getMessage());
            throw new ApiError.Raised(contract.error(401, "UNAUTHENTICATED"));
        }
    }

    private ApiError.Raised refused(CamaraContract contract, RequestLimits.Refusal r, String reason) {
        reject(reason);
        return new ApiError.Raised(contract.error(429, r.code()), Long.toString(r.retryAfterSeconds()));
    }

    private void finish(Call call, ApiError.Raised e) {
        HttpServerResponse response = call.ctx.response();
        if (e.retryAfterSeconds() != null) {
            response.putHeader("Retry-After", e.retryAfterSeconds());
        }
        error(call.ctx, e.error(), call);
    }

    private void error(RoutingContext ctx, ApiError error, Call call) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        response.setStatusCode(error.status()).putHeader("content-type", JSON);
        echoCorrelator(ctx);
        if (call != null) {
            done(call, error.status(), error.code());
        }
        response.end(error.toJson().encode());
    }

    /** The request's x-correlator back, when it is one the contracts allow (an invalid one is a 400). */
    private static void echoCorrelator(RoutingContext ctx) {
        String c = ctx.request().getHeader("x-correlator");
        if (c != null && CORRELATOR.matcher(c).matches()) {
            ctx.response().putHeader("x-correlator", c);
        }
    }

    private void done(Call call, int status, String result) {
        String correlator = call.ctx.request().getHeader("x-correlator");
        audit.record(new ApiQuery(clock.instant(), call.token == null ? "" : call.token.clientId(), call.operationId,
                call.phone == null ? "" : call.phone, status, result, correlator == null ? "" : correlator));
        timers.computeIfAbsent(call.operationId + " " + status, k -> Timer.builder("swapguard.api.requests")
                .description("CAMARA API requests answered, by operation and HTTP status")
                .tag("operation", call.operationId).tag("status", Integer.toString(status))
                .publishPercentileHistogram().register(meters))
                .record(System.nanoTime() - call.started, TimeUnit.NANOSECONDS);
        if (log.isDebugEnabled()) {
            log.debug("{} {} for {} by {}: {} {}", call.operationId, call.phone == null ? "-"
                    : SubscriberMasking.masked(call.phone.substring(1)), call.token == null ? "-" : call.token.clientId(),
                    status, result);
        }
    }

    private void reject(String reason) {
        rejections.computeIfAbsent(reason, r -> Counter.builder("swapguard.api.rejected")
                .description("CAMARA API requests refused before an answer, by reason").tag("reason", r)
                .register(meters)).increment();
    }

    private static String summary(Object answer) {
        if (answer instanceof JsonArray a) {
            return String.join(",", a.stream().map(String::valueOf).toList());
        }
        JsonObject o = (JsonObject) answer;
        StringBuilder b = new StringBuilder();
        for (String k : o.fieldNames()) {
            b.append(b.isEmpty() ? "" : " ").append(k).append('=').append(o.getValue(k));
        }
        return b.toString();
    }

    /** The port listened on (the configured one, or the one picked for 0). */
    public int port() {
        return port;
    }

    /** Base paths served, e.g. "/sim-swap/v2". */
    public List<String> basePaths() {
        return contracts.stream().map(CamaraContract::basePath).toList();
    }

    /** Stops accepting, lets requests in flight finish within the grace period, then closes. */
    public Future<Void> shutdown() {
        List<Future<Void>> all = new ArrayList<>();
        for (HttpServer s : servers) {
            all.add(s.shutdown(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS));
        }
        return Future.all(all).mapEmpty();
    }

    @Override
    public void close() {
        try {
            shutdown().await();
        } finally {
            if (subscriptions != null) {
                subscriptions.close();
                extension.close();
            }
        }
    }

    /** The subscriptions, or null when they are not served. */
    SwapSubscriptions subscriptions() {
        return subscriptions;
    }

    /** The extension's subscriptions (device swaps, forwarding takeovers), or null. */
    SwapSubscriptions extensionSubscriptions() {
        return extension;
    }

    /** One request in handling. */
    private static final class Call {
        final RoutingContext ctx;
        final CamaraContract contract;
        final String operationId;
        final long started;
        BearerToken token;
        String phone;

        Call(RoutingContext ctx, CamaraContract contract, String operationId, long started) {
            this.ctx = ctx;
            this.contract = contract;
            this.operationId = operationId;
            this.started = started;
        }
    }

}
