package io.swapguard.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ResponseValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One CAMARA API contract as published (the YAML in {@code camara/}, unmodified), resolved for
 * this server: its base path, its operations with the scopes each accepts, the error messages its
 * examples give, and the validators built from it. Requests are validated against the contract
 * itself, so a bank's client written against any CAMARA operator sees the same rules here.
 */
public final class CamaraContract {

    /** The contracts swapguard serves (file names in {@code camara/}). */
    public static final List<String> SERVED = List.of("sim-swap.yaml", "device-swap.yaml", "call-forwarding-signal.yaml");

    private final String file;
    private final String yaml;
    private final String basePath;
    private final OpenAPIContract contract;
    private final Map<String, List<Set<String>>> scopes;
    private final Map<String, String> messages;
    private final RequestValidator requests;
    private final ResponseValidator responses;

    private CamaraContract(String file, String yaml, String basePath, OpenAPIContract contract, JsonObject raw,
            Vertx vertx) {
        this.file = file;
        this.yaml = yaml;
        this.basePath = basePath;
        this.contract = contract;
        this.scopes = scopes(raw);
        this.messages = exampleMessages(raw);
        this.requests = RequestValidator.create(vertx, contract);
        this.responses = ResponseValidator.create(vertx, contract);
    }

    /**
     * Loads a contract from the class path. vertx-openapi does not take server variables, so the
     * one CAMARA uses, {@code apiRoot}, is resolved here first.
     *
     * @param apiRoot what {@code {apiRoot}} stands for: "" (paths from the root) or e.g.
     *        "https://api.example.com/somepath"
     */
    public static Future<CamaraContract> load(Vertx vertx, String file, String apiRoot) {
        String yaml = resource(file);
        JsonObject raw;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class);
            raw = new JsonObject(tree);
        } catch (IOException e) {
            return Future.failedFuture(new UncheckedIOException("camara/" + file + " is not YAML", e));
        }
        JsonObject server = raw.getJsonArray("servers").getJsonObject(0);
        String url = server.getString("url").replace("{apiRoot}", stripSlash(apiRoot));
        // vertx-openapi takes absolute URLs only; of a path-only root it uses the path anyway
        String absolute = url.startsWith("/") ? "http://localhost" + url : url;
        JsonObject resolved = nullableAsAnyOf(raw.copy());
        resolved.put("servers", new JsonArray().add(new JsonObject().put("url", absolute)));
        String basePath = stripSlash(URI.create(absolute).getPath());
        return OpenAPIContract.from(vertx, resolved)
                .map(c -> new CamaraContract(file, yaml, basePath, c, raw, vertx));
    }

    /**
     * OpenAPI 3.0's {@code nullable: true} in the form the validator understands: vertx-json-schema
     * validates 3.0 schemas as draft 4, which has no {@code nullable} (eclipse-vertx/vertx-json-schema
     * issues 62 and 144), so {@code latestSimChange: null}, an answer the contract itself gives as
     * an example, would fail. {@code {..., nullable: true}} becomes {@code anyOf: [{...}, {enum: [null]}]},
     * which means the same and is valid 3.0.
     */
    static JsonObject nullableAsAnyOf(JsonObject node) {
        for (String key : new ArrayList<>(node.fieldNames())) {
            Object v = node.getValue(key);
            if (v instanceof JsonObject o) {
                node.put(key, nullableAsAnyOf(o));
            } else if (v instanceof JsonArray a) {
                for (int i = 0; i < a.size(); i++) {
                    if (a.getValue(i) instanceof JsonObject o) {
                        a.set(i, nullableAsAnyOf(o));
                    }
                }
            }
        }
        if (Boolean.TRUE.equals(node.getValue("nullable")) && node.containsKey("type")) {
            JsonObject schema = node.copy();
            schema.remove("nullable");
            JsonObject out = new JsonObject();
            for (String keep : List.of("description", "example")) {
                if (schema.containsKey(keep)) {
                    out.put(keep, schema.getValue(keep));
                }
            }
            return out.put("anyOf", new JsonArray().add(schema).add(new JsonObject().put("enum", new JsonArray().addNull())));
        }
        return node;
    }

    static String resource(String file) {
        try (InputStream in = CamaraContract.class.getResourceAsStream("/camara/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract camara/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** operationId → the scope sets of its security requirements (any one set suffices, all of its scopes needed). */
    private static Map<String, List<Set<String>>> scopes(JsonObject raw) {
        Map<String, List<Set<String>>> out = new HashMap<>();
        JsonObject paths = raw.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                Object op = item.getValue(method);
                if (!(op instanceof JsonObject operation) || operation.getString("operationId") == null) {
                    continue;
                }
                List<Set<String>> alternatives = new ArrayList<>();
                JsonArray security = operation.getJsonArray("security", raw.getJsonArray("security", new JsonArray()));
                for (Object requirement : security) {
                    JsonObject r = (JsonObject) requirement;
                    for (String scheme : r.fieldNames()) {
                        Set<String> needed = new java.util.HashSet<>();
                        r.getJsonArray(scheme).forEach(s -> needed.add((String) s));
                        alternatives.add(Set.copyOf(needed));
                    }
                }
                out.put(operation.getString("operationId"), List.copyOf(alternatives));
            }
        }
        return Map.copyOf(out);
    }

    /** "STATUS CODE" → the message of the contract's example for it. */
    private static Map<String, String> exampleMessages(JsonObject raw) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonObject responses = raw.getJsonObject("components").getJsonObject("responses", new JsonObject());
        for (String name : responses.fieldNames()) {
            JsonObject json = responses.getJsonObject(name).getJsonObject("content", new JsonObject())
                    .getJsonObject("application/json", new JsonObject());
            JsonObject examples = json.getJsonObject("examples", new JsonObject());
            for (String example : examples.fieldNames()) {
                JsonObject value = examples.getJsonObject(example).getJsonObject("value");
                if (value != null && value.getValue("status") != null && value.getString("code") != null) {
                    out.putIfAbsent(value.getValue("status") + " " + value.getString("code"),
                            value.getString("message", "").strip());
                }
            }
        }
        return Map.copyOf(out);
    }

    /** The error with this contract's message for it (generic text when the contract gives none). */
    public ApiError error(int status, String code) {
        return new ApiError(status, code, messages.getOrDefault(status + " " + code, code.replace('_', ' ').toLowerCase()));
    }

    /** Whether the granted scopes satisfy one of the operation's security requirements. */
    public boolean permits(String operationId, Set<String> granted) {
        List<Set<String>> alternatives = scopes.getOrDefault(operationId, List.of());
        if (alternatives.isEmpty()) {
            return true;
        }
        for (Set<String> needed : alternatives) {
            if (granted.containsAll(needed)) {
                return true;
            }
        }
        return false;
    }

    public String file() {
        return file;
    }

    /** The published document, byte for byte. */
    public String yaml() {
        return yaml;
    }

    /** Where its paths are mounted, e.g. "/sim-swap/v2". */
    public String basePath() {
        return basePath;
    }

    public OpenAPIContract contract() {
        return contract;
    }

    public RequestValidator requests() {
        return requests;
    }

    public ResponseValidator responses() {
        return responses;
    }

    /** The version in the contract's info, e.g. "2.1.0". */
    public String version() {
        return contract.getRawContract().getJsonObject("info").getString("version");
    }
}
