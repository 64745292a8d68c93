package com.fleetprovisioner.core.provisioning;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's figures as the device history records them, written by every worker process: the
 * metrics are read from here so that they agree with the database however many workers run.
 * {@code device_event} is append-only, so totals are summed over id ranges and never recounted.
 */
public interface EventStatistics {

    /** The highest event id committed now; 0 when there is none. */
    long lastEventId();

    /** Totals over the events whose id is in ({@code afterId}, {@code upToId}]. */
    Totals totals(long afterId, long upToId);

    /** {@code mergeProvider} sends recorded at or after {@code since}. */
    long sendsSince(Instant since);

    /** Round trips (ms) of {@code mergeProvider} answers recorded at or after {@code since}, at most {@code limit}. */
    List<Long> latenciesSince(Instant since, int limit);

    /**
     * @param sends        {@code sent} events: one per {@code mergeProvider} handed to the connection
     * @param errorsByCode answers to a {@code mergeProvider} with an error code (not 0), by code
     * @param answers      answers to a {@code mergeProvider} (success or error) that carry a round trip
     * @param latencyMillis the sum of those round trips
     */
    record Totals(long sends, Map<Integer, Long> errorsByCode, long answers, long latencyMillis) {
        public static final Totals ZERO = new Totals(0, Map.of(), 0, 0);

        public Totals {
            errorsByCode = Map.copyOf(errorsByCode);
        }

        public Totals plus(Totals other) {
            Map<Integer, Long> errors = new HashMap<>(errorsByCode);
            other.errorsByCode.forEach((code, n) -> errors.merge(code, n, Long::sum));
            return new Totals(sends + other.sends, errors, answers + other.answers, latencyMillis + other.latencyMillis);
        }
    }
}
