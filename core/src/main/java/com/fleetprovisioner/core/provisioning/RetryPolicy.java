package com.fleetprovisioner.core.provisioning;

import com.fleetprovisioner.common.Backoff;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/**
 * When to try a device again: doubling from {@code base}, capped at {@code max}, with "equal jitter"
 * ({@link Backoff}) so that devices that failed together do not come back together. A delay the
 * server asked for wins, even above the cap: it knows its own load.
 */
public final class RetryPolicy {
    private final int maxAttempts;
    private final Duration base;
    private final Duration max;
    private final LongUnaryOperator random;

    /** @param random given a bound n, a value in [0, n] */
    public RetryPolicy(int maxAttempts, Duration base, Duration max, LongUnaryOperator random) {
        this.maxAttempts = maxAttempts;
        this.base = base;
        this.max = max;
        this.random = random;
    }

    public static RetryPolicy of(PipelineSettings settings) {
        return new RetryPolicy(settings.maxAttempts(), settings.retryBase(), settings.retryMax(), Backoff.uniform());
    }

    /** True when a device that has made {@code attempts} attempts may make another one. */
    public boolean mayRetry(int attempts) {
        return attempts < maxAttempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait after attempt number {@code attempts} (1 for the first) failed. */
    public Duration delayAfter(int attempts, Optional<Duration> serverRequested) {
        if (serverRequested.isPresent() && !serverRequested.get().isNegative()) {
            return serverRequested.get();
        }
        return Backoff.equalJitter(base, max, attempts - 1, random);
    }
}
