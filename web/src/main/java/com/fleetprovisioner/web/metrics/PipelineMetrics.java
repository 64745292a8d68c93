package com.fleetprovisioner.web.metrics;

import com.fleetprovisioner.fleetfreedom.ErrorCode;
import com.fleetprovisioner.core.provisioning.EventStatistics;
import com.fleetprovisioner.core.provisioning.EventStatistics.Totals;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline's metrics, derived from the device history (every worker process writes it), so that
 * any web process reports the same figures as the database:
 * <ul>
 * <li>{@code fleet_merge_provider_sends_total} — {@code sent} events;</li>
 * <li>{@code fleet_merge_provider_errors_total{code,name}} — {@code response} events with a round trip
 * and an error code other than 0 (error answers to a {@code mergeProvider});</li>
 * <li>{@code fleet_merge_provider_latency_seconds_count/_sum} — answered {@code mergeProvider}s and their
 * round trips ({@code latency_ms});</li>
 * <li>{@code fleet_merge_provider_latency_recent_seconds{quantile}} — over the last five minutes;</li>
 * <li>{@code fleet_merge_provider_sends_per_second} — over the last minute.</li>
 * </ul>
 *
 * <p>Totals are counted incrementally: events up to a settled id are summed once and kept; each refresh
 * reads only the newer ones. An id is settled once it was the newest seen {@link #SETTLE} ago, so a row
 * whose transaction committed late (ids are taken at insert) is still counted.
 */
final class PipelineMetrics {
    static final Duration REFRESH = Duration.ofSeconds(5);
    static final Duration SETTLE = Duration.ofMinutes(2);
    static final Duration LATENCY_WINDOW = Duration.ofMinutes(5);
    static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    /** At start, all but this many newest events are settled at once (one range read). */
    static final long STARTUP_UNSETTLED = 100_000;
    private static final int LATENCY_SAMPLE = 20_000;
    private static final double[] QUANTILES = {0.5, 0.9, 0.99};

    private record Snapshot(Instant at, long lastId) {
    }

    private final EventStatistics events;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Deque<Snapshot> snapshots = new ArrayDeque<>();
    private final Set<Integer> registeredCodes = new HashSet<>();
    private Totals settled = Totals.ZERO;
    private long settledId = -1;
    private Instant refreshedAt = Instant.EPOCH;
    private volatile Totals current = Totals.ZERO;
    private volatile double sendsPerSecond;
    private volatile long[] recentLatencies = new long[0];

    PipelineMetrics(EventStatistics events, Clock clock, MeterRegistry registry) {
        this.events = events;
        this.clock = clock;
        this.registry = registry;
        FunctionCounter.builder("fleet_merge_provider_sends", this, m -> m.current.sends())
                .description("mergeProvider commands sent, by every worker process").register(registry);
        FunctionTimer.builder("fleet_merge_provider_latency", this, m -> m.current.answers(),
                        m -> m.current.latencyMillis(), TimeUnit.MILLISECONDS)
                .description("mergeProvider round trips: answers received and their total time").register(registry);
        for (double q : QUANTILES) {
            Gauge.builder("fleet_merge_provider_latency_recent_seconds", this, m -> m.quantile(q))
                    .description("mergeProvider round trip over the last five minutes").tag("quantile", Double.toString(q))
                    .register(registry);
        }
        Gauge.builder("fleet_merge_provider_sends_per_second", this, m -> m.sendsPerSecond)
                .description("mergeProvider commands sent per second over the last minute, by every worker process")
                .register(registry);
    }

    /** Reads what changed since the last refresh, at most every {@link #REFRESH}; called before a scrape. */
    synchronized void refresh() {
        Instant now = clock.instant();
        if (now.isBefore(refreshedAt.plus(REFRESH))) {
            return;
        }
        long lastId = events.lastEventId();
        if (settledId < 0) {
            settledId = Math.max(0, lastId - STARTUP_UNSETTLED);
            settled = events.totals(0, settledId);
        }
        snapshots.addLast(new Snapshot(now, lastId));
        while (snapshots.size() > 1 && !snapshots.peekFirst().at().isAfter(now.minus(SETTLE))) {
            Snapshot old = snapshots.removeFirst();
            if (old.lastId() > settledId) {
                settled = settled.plus(events.totals(settledId, old.lastId()));
                settledId = old.lastId();
            }
        }
        current = settled.plus(events.totals(settledId, lastId));
        sendsPerSecond = events.sendsSince(now.minus(RATE_WINDOW)) / (double) RATE_WINDOW.toSeconds();
        List<Long> latencies = events.latenciesSince(now.minus(LATENCY_WINDOW), LATENCY_SAMPLE);
        recentLatencies = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        current.errorsByCode().keySet().stream().filter(registeredCodes::add).forEach(this::registerErrorCounter);
        refreshedAt = now;
    }

    private void registerErrorCounter(int code) {
        FunctionCounter.builder("fleet_merge_provider_errors", this, m -> m.current.errorsByCode().getOrDefault(code, 0L))
                .description("Error answers to mergeProvider, by Fleet Freedom error code")
                .tag("code", Integer.toString(code)).tag("name", ErrorCode.of(code).name()).register(registry);
    }

    /** Nearest-rank quantile of the recent round trips, in seconds; NaN when there were none. */
    private double quantile(double q) {
        long[] sorted = recentLatencies;
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1000.0;
    }
}
