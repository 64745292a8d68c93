package com.fleetprovisioner.app.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Figures that {@code /metrics} must agree with, each beside the database count it mirrors: add one
 * line per metric ({@link #expect}), then {@link #differences} scrapes until they all agree or the
 * patience runs out. Scrapes are polled because the web process caches its counts for a few seconds.
 */
public final class MetricsAgreement {
    private record Expectation(String metric, Map<String, String> labels, LongSupplier database) {
    }

    private final List<Expectation> expectations = new ArrayList<>();

    /**
     * The sum of the metric's samples carrying these labels (none = every sample of it) must equal
     * the database count; a metric absent from the scrape reads as 0.
     */
    public MetricsAgreement expect(String metric, Map<String, String> labels, LongSupplier databaseCount) {
        expectations.add(new Expectation(metric, Map.copyOf(labels), databaseCount));
        return this;
    }

    /** Scrapes until every figure equals its count; returns what still differs at the last scrape (empty = agreed). */
    public List<String> differences(Supplier<String> scrape, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            List<String> differences = compare(PrometheusText.parse(scrape.get()));
            if (differences.isEmpty() || System.nanoTime() > deadline) {
                return differences;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return differences;
            }
        }
    }

    private List<String> compare(PrometheusText scrape) {
        List<String> differences = new ArrayList<>();
        for (Expectation e : expectations) {
            double metric = scrape.sum(e.metric(), e.labels());
            long database = e.database().getAsLong();
            if (metric != database) {
                differences.add(e.metric() + e.labels() + ": /metrics says " + metric + ", the database " + database);
            }
        }
        return differences;
    }
}
