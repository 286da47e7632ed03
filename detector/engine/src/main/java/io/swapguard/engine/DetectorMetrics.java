package io.swapguard.engine;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.swapguard.engine.alert.AlertDispatcher;
import io.swapguard.engine.otp.OtpGuard;
import io.swapguard.engine.rules.RuleId;
import io.swapguard.event.AlertEvent.Severity;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The detector's meters: events applied, how far behind the signals log it is (event time), the
 * subscriber state's size, alerts by rule and severity (SIM swaps, device swaps, hijacks, forwarding
 * takeovers, masking), follow-on signs joined to open incidents, masked SMS by registered sender, and the OTP guard's verdicts by action and
 * rule. The detector thread only increments its counters; these read them when scraped. Senders
 * appear as they are first masked: call {@link #refresh()} before each scrape.
 */
public final class DetectorMetrics implements MeterBinder {

    private final DetectorService service;
    private volatile MeterRegistry registry;
    // Senders refresh() registered already: Micrometer warns about registering a meter twice.
    private final Set<DetectorService.MaskedSender> registered = ConcurrentHashMap.newKeySet();

    public DetectorMetrics(DetectorService service) {
        this.service = service;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("swapguard.detector.events", service, DetectorService::events)
                .description("Signals log records applied by the detector").register(registry);
        FunctionCounter.builder("swapguard.detector.unreadable.records", service, DetectorService::unreadable)
                .description("Signals log records skipped as unreadable").register(registry);
        Gauge.builder("swapguard.detector.lag", service, DetectorService::lagSeconds).baseUnit("seconds")
                .description("Event time between the newest signal and the last one the detector applied")
                .register(registry);
        Gauge.builder("swapguard.detector.up", service, s -> s.failure() == null ? 1 : 0)
                .description("1 while the detector thread runs, 0 after it stopped on an error").register(registry);
        Gauge.builder("swapguard.detector.subscribers", service, s -> s.store().subscribers())
                .description("Subscribers in the detector's state").register(registry);
        Gauge.builder("swapguard.detector.store.size", service, s -> s.store().bytesUsed()).baseUnit("bytes")
                .description("Bytes used by the subscriber state").register(registry);
        Gauge.builder("swapguard.detector.registry.senders", service, DetectorService::registrySenders)
                .description("Senders in the sender registry in use").register(registry);
        for (RuleId rule : RuleId.values()) {
            for (Severity severity : Severity.values()) {
                FunctionCounter.builder("swapguard.detector.alerts", service.alertCounter(rule, severity),
                        LongAdder::doubleValue).tags("rule", rule.id(), "severity", label(severity))
                        .description("Alerts raised, by rule and severity").register(registry);
                FunctionCounter.builder("swapguard.detector.alerts.monitored", service.monitoredCounter(rule, severity),
                        LongAdder::doubleValue).tags("rule", rule.id(), "severity", label(severity))
                        .description("What rules in monitor mode would have alerted, by rule and severity")
                        .register(registry);
            }
        }
        for (RuleId rule : RuleId.values()) {
            FunctionCounter.builder("swapguard.detector.incident.followups", service.followUpCounter(rule),
                    LongAdder::doubleValue).tags("rule", rule.id())
                    .description("Follow-on signs that joined an open incident instead of alerting again, by rule")
                    .register(registry);
        }
        for (io.swapguard.event.Fs11Category category : io.swapguard.event.Fs11Category.values()) {
            if (category != io.swapguard.event.Fs11Category.NONE) {
                FunctionCounter.builder("swapguard.detector.map.interconnect", service.interconnectCounter(category),
                        LongAdder::doubleValue).tags("fs11", category.label())
                        .description("MAP invokes from interconnect (a calling GT that is not home), by the"
                                + " operation's GSMA FS.11 category").register(registry);
            }
        }
        OtpGuard guard = service.otpGuard();
        for (OtpGuard.Action action : OtpGuard.Action.values()) {
            for (String rule : OtpGuard.VERDICT_RULES) {
                FunctionCounter.builder("swapguard.otp.verdicts", guard.verdictCounter(action, rule),
                        LongAdder::doubleValue).tags("action", action.label(), "rule", rule)
                        .description("OTP guard verdicts: OTPs allowed or blocked, and SMS passed as no OTP, by the"
                                + " rule that decided").register(registry);
            }
        }
        this.registry = registry;
        refresh();
    }

    /** Registers the meters of senders first masked since the last call. */
    public void refresh() {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        service.maskedSenders().forEach((key, n) -> {
            if (registered.add(key)) {
                FunctionCounter.builder("swapguard.detector.masked.sms", n, LongAdder::doubleValue)
                        .tags("rule", key.rule().id(), "sender", key.sender())
                        .description("SMS that carried or imitated a registered sender ID over a route it may not use")
                        .register(r);
            }
        });
    }

    /** The alert outputs' meters, tagged {@code output} with the output's name. */
    public static MeterBinder outputs(AlertDispatcher dispatcher) {
        return registry -> dispatcher.outputs().forEach(o -> {
            FunctionCounter.builder("swapguard.alert.output.delivered", o, AlertDispatcher.OutputCounts::delivered)
                    .tag("output", o.name()).description("Alerts delivered by each output").register(registry);
            FunctionCounter.builder("swapguard.alert.output.retries", o, AlertDispatcher.OutputCounts::retried)
                    .tag("output", o.name()).description("Failed delivery attempts that were tried again")
                    .register(registry);
            FunctionCounter.builder("swapguard.alert.output.failed", o, AlertDispatcher.OutputCounts::failed)
                    .tag("output", o.name()).description("Alerts given up after the last retry").register(registry);
        });
    }

    private static String label(Severity s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
