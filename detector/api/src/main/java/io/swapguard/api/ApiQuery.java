package io.swapguard.api;

import java.time.Instant;

/**
 * One answered request, for the audit journal: who asked what about which number, and what they
 * were told.
 *
 * @param time wall-clock time of the answer
 * @param client the token's client, "" when no token was accepted
 * @param operation the contract's operationId
 * @param phoneNumber the number asked about ("+" and digits), "" when none was identified
 * @param status HTTP status of the answer
 * @param result the answer's body in short: "swapped=true", the date, or the error code
 * @param correlator the request's x-correlator, "" if none
 */
public record ApiQuery(Instant time, String client, String operation, String phoneNumber, int status, String result,
        String correlator) {
}
