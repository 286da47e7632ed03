package io.swapguard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Checks a request against one operation of its contract: its header parameters, its content
 * type and its JSON body against the operation's schemas. The schemas are compiled once when the
 * contract is loaded; a check is then about a microsecond (docs/benchmarks.md).
 */
final class OperationValidator {

    static final ObjectMapper JSON = new ObjectMapper();

    private final CamaraContract.Operation op;

    OperationValidator(CamaraContract.Operation op) {
        this.op = op;
    }

    /**
     * The request's body, decoded and valid (null when absent and allowed).
     *
     * @throws Invalid naming what is wrong
     */
    JsonNode validate(HttpServerRequest request, java.util.Map<String, String> pathParams, Buffer raw) throws Invalid {
        for (CamaraContract.Header h : op.headers()) {
            String value = "path".equals(h.in()) ? pathParams.get(h.name()) : request.getHeader(h.name());
            if (value == null) {
                if (h.required()) {
                    throw new Invalid(h.in() + " parameter " + h.name() + " is required");
                }
                continue;
            }
            check(h.schema().validate(JSON.getNodeFactory().textNode(value)), h.in() + " parameter " + h.name());
        }
        if (op.body() == null) {
            return null;
        }
        if (raw == null || raw.length() == 0) {
            if (op.bodyRequired()) {
                throw new Invalid("a JSON request body is required");
            }
            return null;
        }
        String type = request.getHeader("content-type");
        if (type == null || !mediaType(type).equals("application/json")) {
            throw new Invalid("the body must be application/json, not " + type);
        }
        JsonNode value;
        try {
            value = JSON.readTree(raw.getBytes());
        } catch (JsonProcessingException e) {
            throw new Invalid("the body is not JSON");
        } catch (IOException e) {
            throw new Invalid("the body cannot be read");
        }
        if (value == null || value.isMissingNode()) {
            throw new Invalid("the body is empty");
        }
        check(op.body().validate(value), "body");
        return value;
    }

    private static void check(List<Error> errors, String what) throws Invalid {
        if (!errors.isEmpty()) {
            throw new Invalid(what + ": " + errors.get(0));
        }
    }

    private static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /** The request does not satisfy the contract. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String why) {
            super(why, null, false, false);
        }
    }
}
