package com.fleetprovisioner.core.auth;

import java.time.Instant;
import java.util.Optional;

/** Sign-in attempt counters, per account and per client address, shared by every web process. */
public interface LoginThrottleRepository {
    record Failures(int count, Instant lastFailureAt) {
    }

    Optional<Failures> find(String key);

    /**
     * Sets the key's counter to {@code next} only if it still is {@code expected} (empty: no counter
     * yet), in one statement: a compare-and-set, so that when several requests or web processes count
     * at once, each attempt is counted exactly once. False when another request got there first.
     */
    boolean replace(String key, Optional<Failures> expected, Failures next);

    /** Takes one attempt back (never below zero): one that was counted but not checked, or that succeeded. */
    void giveBack(String key);

    void clear(String key);
}
