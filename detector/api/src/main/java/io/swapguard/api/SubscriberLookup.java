package io.swapguard.api;

import io.swapguard.engine.state.SubscriberFacts;
import io.swapguard.event.Msisdn;
import java.util.Optional;

/** Where the API reads a number's facts: the detector's state, read-only. */
@FunctionalInterface
public interface SubscriberLookup {

    /** The number's facts, empty when the number was never seen. */
    Optional<SubscriberFacts> facts(Msisdn msisdn);
}
