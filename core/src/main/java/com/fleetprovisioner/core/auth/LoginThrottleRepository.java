package com.fleetprovisioner.core.auth;

import java.time.Instant;
import java.util.Optional;

/** Failed-login counters, per account and per client address, shared by every web process. */
public interface LoginThrottleRepository {
    record Failures(int count, Instant lastFailureAt) {
    }

    Optional<Failures> find(String key);

    /**
     * Counts one more failure atomically; a counter whose last failure is older than
     * {@code staleBefore} starts again from one.
     */
    Failures recordFailure(String key, Instant now, Instant staleBefore);

    void clear(String key);
}
