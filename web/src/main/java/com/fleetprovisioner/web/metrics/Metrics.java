package com.fleetprovisioner.web.metrics;

import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.DeviceStatistics;
import com.fleetprovisioner.core.provisioning.EventStatistics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus registry of the web process: JVM metrics and the queue as the database sees it
 * (devices per state, shared by every process, so any web process reports the same figures) and the
 * pipeline's sends, errors and round trips from the device history ({@link PipelineMetrics}).
 */
public final class Metrics {
    /** Scrapes come every few seconds from several sources: count the devices at most this often. */
    private static final Duration COUNT_CACHE = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(Metrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DeviceStatistics statistics;
    private final Clock clock;
    private volatile Map<DeviceState, Long> counts = Map.of();
    private volatile Instant countedAt = Instant.EPOCH;

    private final PipelineMetrics pipeline;

    public Metrics(DeviceStatistics statistics, EventStatistics events, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
        this.pipeline = new PipelineMetrics(events, clock, registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        for (DeviceState state : DeviceState.values()) {
            Gauge.builder("fleet_devices", this, m -> m.count(state))
                    .description("Devices in each pipeline state")
                    .tag("state", state.id())
                    .register(registry);
        }
    }

    /** Adds the meters of {@code binder} (e.g. the send rate) to this registry. */
    public Metrics bind(io.micrometer.core.instrument.binder.MeterBinder binder) {
        binder.bindTo(registry);
        return this;
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        try {
            pipeline.refresh();
        } catch (RuntimeException e) {
            // the database is away: serve the last figures (and the JVM's); /health/ready says why
            log.warn("pipeline metrics not refreshed: {}", e.toString());
        }
        return registry.scrape();
    }

    private double count(DeviceState state) {
        Instant now = clock.instant();
        if (countedAt.plus(COUNT_CACHE).isBefore(now)) {
            counts = statistics.countByState();
            countedAt = now;
        }
        return counts.getOrDefault(state, 0L);
    }
}
