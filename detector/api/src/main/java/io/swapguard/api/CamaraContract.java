package io.swapguard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One CAMARA API contract as published (the YAML in {@code camara/}, unmodified), resolved for
 * this server: its base path, its operations with the scopes each accepts, their request and
 * response schemas, and the error messages its examples give. Requests are validated against the
 * contract itself (networknt json-schema-validator with the OpenAPI 3.0 dialect, so that
 * {@code nullable} and the 3.0 keywords mean what the contract means), so a bank's client written
 * against any CAMARA operator sees the same rules here.
 */
public final class CamaraContract {

    /** The contracts swapguard serves (file names in {@code camara/}). */
    public static final List<String> SERVED = List.of("sim-swap.yaml", "device-swap.yaml", "call-forwarding-signal.yaml",
            "sim-swap-subscriptions.yaml", "swapguard-subscriptions.yaml");

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    /** A parameter (in a header or the path) or a response header, and its schema. */
    record Header(String name, String in, boolean required, Schema schema) {
    }

    /** One declared response: its JSON body schema (null when it has none) and headers. */
    record Response(Schema body, List<Header> headers) {
    }

    /**
     * One operation.
     *
     * @param path the contract's path, e.g. "/check"
     * @param scopes the alternatives of its security requirement (any one set, all of its scopes)
     */
    record Operation(String operationId, String method, String path, List<Set<String>> scopes, Schema body,
            boolean bodyRequired, List<Header> headers, Map<String, Response> responses) {
    }

    private final String file;
    private final String yaml;
    private final String basePath;
    private final String version;
    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final Map<String, OperationValidator> requests = new LinkedHashMap<>();
    private final Map<String, String> messages;
    private final SchemaRegistry schemas;
    private final String base;

    private CamaraContract(String file, String yaml, JsonNode root, String apiRoot) {
        this.file = file;
        this.yaml = yaml;
        String url = root.path("servers").path(0).path("url").asText().replace("{apiRoot}", stripSlash(apiRoot));
        this.basePath = stripSlash(URI.create(url.startsWith("/") ? "http://localhost" + url : url).getPath());
        this.version = root.path("info").path("version").asText();
        this.base = "https://swapguard.invalid/camara/" + file;
        this.schemas = SchemaRegistry.withDialect(Dialects.getOpenApi30(), b -> b.schemas(Map.of(base, yaml)));
        JsonNode paths = root.path("paths");
        for (Iterator<String> p = paths.fieldNames(); p.hasNext(); ) {
            String path = p.next();
            for (String method : METHODS) {
                JsonNode op = paths.path(path).path(method);
                if (op.isMissingNode()) {
                    continue;
                }
                String pointer = "#/paths/" + escape(path) + "/" + method;
                Operation o = operation(root, op, method, path, pointer, schemas, base);
                operations.put(o.operationId(), o);
                requests.put(o.operationId(), new OperationValidator(o));
            }
        }
        this.messages = exampleMessages(root);
    }

    /**
     * Loads a contract from the class path.
     *
     * @param apiRoot what {@code {apiRoot}} stands for: "" (paths from the root) or e.g.
     *        "https://api.example.com/somepath"
     */
    public static CamaraContract load(String file, String apiRoot) {
        String yaml = resource(file);
        try {
            return new CamaraContract(file, yaml, new ObjectMapper(new YAMLFactory()).readTree(yaml), apiRoot);
        } catch (IOException e) {
            throw new UncheckedIOException("camara/" + file + " is not YAML", e);
        }
    }

    private static Operation operation(JsonNode root, JsonNode op, String method, String path, String pointer,
            SchemaRegistry schemas, String base) {
        String id = op.path("operationId").asText();
        List<Set<String>> scopes = new ArrayList<>();
        JsonNode security = op.has("security") ? op.path("security") : root.path("security");
        for (JsonNode requirement : security) {
            for (Iterator<Map.Entry<String, JsonNode>> it = requirement.fields(); it.hasNext(); ) {
                Set<String> needed = new HashSet<>();
                it.next().getValue().forEach(s -> needed.add(s.asText()));
                scopes.add(Set.copyOf(needed));
            }
        }
        List<Header> headers = new ArrayList<>();
        JsonNode params = op.path("parameters");
        for (int i = 0; i < params.size(); i++) {
            String at = pointer + "/parameters/" + i;
            JsonNode param = params.get(i);
            if (param.has("$ref")) {
                at = param.get("$ref").asText();
                param = resolve(root, param);
            }
            String in = param.path("in").asText();
            if (!"header".equals(in) && !"path".equals(in)) {
                throw new IllegalArgumentException(id + ": parameter " + param.path("name").asText() + " in " + in
                        + " is not served (these operations take headers, path parameters and a JSON body)");
            }
            String name = param.path("name").asText();
            headers.add(new Header("header".equals(in) ? name.toLowerCase(Locale.ROOT) : name, in,
                    param.path("required").asBoolean() || "path".equals(in),
                    schemas.getSchema(SchemaLocation.of(base + at + "/schema"))));
        }
        Schema body = null;
        boolean required = false;
        if (op.has("requestBody")) {
            String at = pointer + "/requestBody";
            JsonNode rb = op.path("requestBody");
            if (rb.has("$ref")) {
                at = rb.get("$ref").asText();
                rb = resolve(root, rb);
            }
            if (!rb.path("content").has("application/json")) {
                throw new IllegalArgumentException(id + ": only application/json request bodies are served");
            }
            body = schemas.getSchema(SchemaLocation.of(base + at + "/content/application~1json/schema"));
            required = rb.path("required").asBoolean();
        }
        Map<String, Response> responses = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = op.path("responses").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = pointer + "/responses/" + e.getKey();
            JsonNode r = e.getValue();
            if (r.has("$ref")) {
                at = r.get("$ref").asText();
                r = resolve(root, r);
            }
            Schema schema = r.path("content").has("application/json")
                    ? schemas.getSchema(SchemaLocation.of(base + at + "/content/application~1json/schema")) : null;
            List<Header> responseHeaders = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> h = r.path("headers").fields(); h.hasNext(); ) {
                Map.Entry<String, JsonNode> header = h.next();
                String hat = at + "/headers/" + escape(header.getKey());
                if (header.getValue().has("$ref")) {
                    hat = header.getValue().get("$ref").asText();
                }
                responseHeaders.add(new Header(header.getKey().toLowerCase(Locale.ROOT), "header", false,
                        schemas.getSchema(SchemaLocation.of(base + hat + "/schema"))));
            }
            responses.put(e.getKey(), new Response(schema, List.copyOf(responseHeaders)));
        }
        return new Operation(id, method, path, List.copyOf(scopes), body, required, List.copyOf(headers),
                Map.copyOf(responses));
    }

    /** A local reference ("#/components/...") in the contract's structure (not in a schema). */
    private static JsonNode resolve(JsonNode root, JsonNode ref) {
        String r = ref.get("$ref").asText();
        if (!r.startsWith("#/")) {
            throw new IllegalArgumentException("only local references are followed, not " + r);
        }
        JsonNode target = root.at(r.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("reference " + r + " points at nothing");
        }
        return target;
    }

    private static String escape(String pointerToken) {
        return pointerToken.replace("~", "~0").replace("/", "~1");
    }

    static String resource(String file) {
        // swapguard's own contracts (extensions) beside CAMARA's, which are kept as published
        String folder = file.startsWith("swapguard-") ? "/swapguard/" : "/camara/";
        try (InputStream in = CamaraContract.class.getResourceAsStream(folder + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract " + folder + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** "STATUS CODE" → the message of the contract's example for it. */
    private static Map<String, String> exampleMessages(JsonNode root) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode response : root.path("components").path("responses")) {
            for (JsonNode example : response.path("content").path("application/json").path("examples")) {
                JsonNode value = example.path("value");
                if (value.has("status") && value.has("code")) {
                    out.putIfAbsent(value.get("status").asInt() + " " + value.get("code").asText(),
                            value.path("message").asText().strip());
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
        List<Set<String>> alternatives = operations.get(operationId).scopes();
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

    /**
     * What is wrong with an answer, by the contract (empty when it conforms): its status must be
     * one the operation declares, its JSON body must match that response's schema, and its
     * declared headers theirs.
     *
     * @param headers response headers, names in lower case
     */
    public List<String> answerProblems(String operationId, int status, String contentType, Map<String, String> headers,
            String body) {
        Operation op = operations.get(operationId);
        if (op == null) {
            return List.of("no operation " + operationId);
        }
        Response r = op.responses().getOrDefault(Integer.toString(status), op.responses().get("default"));
        if (r == null) {
            return List.of(operationId + " declares no " + status + " answer (only " + op.responses().keySet() + ")");
        }
        List<String> problems = new ArrayList<>();
        for (Header h : r.headers()) {
            String v = headers.get(h.name());
            if (v != null) {
                h.schema().validate(OperationValidator.JSON.getNodeFactory().textNode(v))
                        .forEach(e -> problems.add("header " + h.name() + ": " + e));
            }
        }
        if (r.body() != null) {
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                problems.add("content type " + contentType + ", the contract says application/json");
            } else {
                try {
                    r.body().validate(OperationValidator.JSON.readTree(body)).forEach(e -> problems.add("body: " + e));
                } catch (IOException e) {
                    problems.add("body is not JSON: " + e.getMessage());
                }
            }
        }
        return problems;
    }

    /**
     * What is wrong with a JSON document by one of the contract's schemas (empty when it conforms),
     * e.g. {@code "#/components/schemas/CloudEvent"} for a notification.
     */
    public List<String> schemaProblems(String pointer, String json) {
        try {
            return schemas.getSchema(SchemaLocation.of(base + pointer)).validate(OperationValidator.JSON.readTree(json))
                    .stream().map(Object::toString).toList();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
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

    /** The version in the contract's info, e.g. "2.1.0". */
    public String version() {
        return version;
    }

    /** Its operations, in the contract's order. */
    List<Operation> operations() {
        return List.copyOf(operations.values());
    }

    /** The request check of one operation. */
    OperationValidator requests(String operationId) {
        return requests.get(operationId);
    }
}
