package com.fleetprovisioner.web.metrics;

import com.fleetprovisioner.core.pacing.RatePhase;
import com.fleetprovisioner.core.pacing.SendRateStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared send rate as gauges: {@code fleet_send_rate_per_second} (all workers together),
 * {@code fleet_send_rate_limit_found_per_second} (the rate last throttled) and
 * {@code fleet_send_rate_phase{phase}} (1 for the phase in force). One row read per scrape at most
 * every few seconds.
 */
public final class SendRateMetrics implements MeterBinder {
    private static final Duration CACHE = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(SendRateMetrics.class);

    private final Supplier<SendRateStatus> source;
    private volatile SendRateStatus last;
    private volatile Instant readAt = Instant.EPOCH;

    public SendRateMetrics(Supplier<SendRateStatus> source) {
        this.source = source;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("fleet_send_rate_per_second", this, m -> m.status() == null ? Double.NaN : m.status().perSecond())
                .description("Commands per second all worker processes together may send (0: unpaced)")
                .strongReference(true) // nothing else holds this binder
                .register(registry);
        Gauge.builder("fleet_send_rate_limit_found_per_second", this,
                        m -> m.status() == null ? Double.NaN : m.status().limitFound())
                .description("The send rate Fleet Freedom last throttled (0: none yet)")
                .strongReference(true)
                .register(registry);
        for (RatePhase phase : RatePhase.values()) {
            Gauge.builder("fleet_send_rate_phase", this, m -> m.status() != null && m.status().phase() == phase ? 1 : 0)
                    .description("Why the send rate is what it is: learning, backed off, settled, fixed or unpaced")
                    .tag("phase", phase.name().toLowerCase())
                    .strongReference(true)
                    .register(registry);
        }
    }

    private SendRateStatus status() {
        Instant now = Instant.now();
        if (readAt.plus(CACHE).isBefore(now)) {
            try {
                last = source.get();
            } catch (RuntimeException e) {
                log.warn("send rate not read: {}", e.toString());
            }
            readAt = now;
        }
        return last;
    }
}
