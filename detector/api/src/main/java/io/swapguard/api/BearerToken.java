package io.swapguard.api;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A verified access token, as much of it as the API acts on.
 *
 * @param clientId the API consumer (the bank's client), for limits and the audit
 * @param scopes the granted scopes
 * @param phoneNumber the subscriber a three-legged token identifies ("+" and digits), empty for a
 *        two-legged token
 * @param expires when the token stops being valid
 */
public record BearerToken(String clientId, Set<String> scopes, Optional<String> phoneNumber, Instant expires) {

    public boolean threeLegged() {
        return phoneNumber.isPresent();
    }
}
