package io.swapguard.engine.rules;

/**
 * A detection rule: one class per rule, holding its settings and the facts it judges
 * (docs/rules.md describes each). The {@link io.swapguard.engine.Detector} routes every event to
 * the rules that judge it; a rule sees the event and the subscriber's state through
 * {@link io.swapguard.engine.Change}, and nothing of where the event came from.
 */
public interface Rule {

    /** The name alerts, configuration and metrics use. */
    RuleId id();

    /** Whether it raises alerts. A disabled rule still keeps the facts it owns up to date. */
    boolean enabled();
}
