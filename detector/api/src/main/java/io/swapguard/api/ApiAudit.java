package io.swapguard.api;

/**
 * Where every answered request is recorded (numbers in full: the audit is personal data and is
 * kept as such; logs show them masked). Called on the request's event loop: must not block.
 */
@FunctionalInterface
public interface ApiAudit {

    void record(ApiQuery query);

    /** Records nothing (tests and benchmarks that do not look at the audit). */
    ApiAudit NONE = q -> { };
}
