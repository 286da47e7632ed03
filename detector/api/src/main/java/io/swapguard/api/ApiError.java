package io.swapguard.api;

import io.vertx.core.json.JsonObject;

/**
 * A CAMARA error answer: the HTTP status, the error code the contracts list for it and a message
 * (the contract's own example message unless the case needs a more precise one).
 */
public record ApiError(int status, String code, String message) {

    public JsonObject toJson() {
        return new JsonObject().put("status", status).put("code", code).put("message", message);
    }

    /** This error with another message. */
    public ApiError withMessage(String other) {
        return new ApiError(status, code, other);
    }

    /** Thrown by a step of the request's handling to answer with the error. */
    public static final class Raised extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ApiError error;
        private final transient String retryAfterSeconds;

        public Raised(ApiError error) {
            this(error, null);
        }

        public Raised(ApiError error, String retryAfterSeconds) {
            super(error.code() + ": " + error.message(), null, false, false);
            this.error = error;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public ApiError error() {
            return error;
        }

        /** The Retry-After header of a 429, or null. */
        public String retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
