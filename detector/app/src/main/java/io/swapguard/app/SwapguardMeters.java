package io.swapguard.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.swapguard.engine.DetectorMetrics;
import io.swapguard.journal.Journal;
import io.swapguard.journal.JournalMetrics;
import io.swapguard.taps.ProbeMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * The meter registry of one running swapguard: the JVM's and the process's meters, then each
 * component's own binder (probe taps, journals, detector, alert outputs), which lives next to its
 * component. The one place where binders meet a registry. docs/observability.md lists the meters.
 */
public final class SwapguardMeters implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Runnable> refreshers = new ArrayList<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();

    private SwapguardMeters() {
        for (MeterBinder b : List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(), new ClassLoaderMetrics(),
                new JvmInfoMetrics(), new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics())) {
            b.bindTo(registry);
        }
        String version = SwapguardMeters.class.getPackage().getImplementationVersion();
        Gauge.builder("swapguard.build.info", () -> 1).tag("version", version == null ? "dev" : version)
                .description("Always 1; the version that runs").register(registry);
    }

    /** The JVM's and the process's meters; add the components with {@link #journal}, {@link #detector}, {@link #bind}. */
    public static SwapguardMeters create() {
        return new SwapguardMeters();
    }

    /** The meters of everything {@code app} runs. */
    public static SwapguardMeters of(Swapguard app) {
        SwapguardMeters m = new SwapguardMeters();
        m.journal(app.journal(), "signals");
        app.probe().meters().forEach(m::bind);
        if (app.detectorParts() != null) {
            m.detector(app.detectorParts());
        }
        return m;
    }

    /** Adds a journal's meters, tagged with its role ({@code signals}, {@code alerts}). */
    public SwapguardMeters journal(Journal journal, String role) {
        bind(new JournalMetrics(journal, role));
        return this;
    }

    /** Adds the detector's meters: its alerts journal, the detector and OTP guard, the alert outputs. */
    public SwapguardMeters detector(DetectorParts parts) {
        journal(parts.alerts(), "alerts");
        bind(new DetectorMetrics(parts.service()));
        bind(DetectorMetrics.outputs(parts.dispatcher()));
        return this;
    }

    /** Adds a component's meters (one the app did not build, like the demo's own pipeline). */
    public SwapguardMeters bind(MeterBinder b) {
        b.bindTo(registry);
        // Binders whose label values appear at run time (rejection reasons, readers, senders).
        if (b instanceof ProbeMetrics p) {
            refreshers.add(p::refresh);
        } else if (b instanceof JournalMetrics j) {
            refreshers.add(j::refresh);
        } else if (b instanceof DetectorMetrics d) {
            refreshers.add(d::refresh);
        }
        return this;
    }

    /** The registry (tests read meters from it). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text format, after registering label values first seen since the last scrape. */
    public String scrape() {
        refreshers.forEach(Runnable::run);
        return registry.scrape();
    }

    /** Stops the GC listener and closes the registry; closing twice does nothing more. */
    @Override
    public synchronized void close() {
        if (!registry.isClosed()) {
            gc.close();
            registry.close();
        }
    }
}
