package com.fleetprovisioner.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Slows down password guessing, per account and per client address: after 5 failures each further
 * attempt must wait a doubling delay (1 s, 2 s, 4 s …); after 10 the key is locked for 15 minutes.
 * Counters forget failures older than the lock period.
 */
public final class LoginThrottle {
    static final int DELAY_AFTER = 5;
    static final int LOCK_AFTER = 10;
    static final Duration LOCK = Duration.ofMinutes(15);
    private static final Duration MAX_DELAY = Duration.ofMinutes(1);

    /** Why an attempt may not be checked now, and until when. */
    public record Refusal(boolean locked, Instant until) {
        /** Whole seconds to wait from {@code now}, at least one: what a Retry-After header says. */
        public long retryAfterSeconds(Instant now) {
            long millis = Duration.between(now, until).toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }
    }

    private final LoginThrottleRepository repository;
    private final Clock clock;

    public LoginThrottle(LoginThrottleRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public static List<String> keys(String username, String clientIp) {
        return List.of("user:" + username, "ip:" + clientIp);
    }

    /** A refusal if any key is locked or still inside its delay; the longest one wins. */
    public Optional<Refusal> check(List<String> keys) {
        Instant now = clock.instant();
        Optional<Refusal> worst = Optional.empty();
        for (String key : keys) {
            Optional<Refusal> refusal = repository.find(key).flatMap(failures -> refusal(failures, now));
            if (refusal.isPresent() && (worst.isEmpty() || refusal.get().until().isAfter(worst.get().until()))) {
                worst = refusal;
            }
        }
        return worst;
    }

    public void recordFailure(List<String> keys) {
        Instant now = clock.instant();
        for (String key : keys) {
            repository.recordFailure(key, now, now.minus(LOCK));
        }
    }

    /** A successful login clears the account's counter; the address keeps its history. */
    public void recordSuccess(String username) {
        repository.clear("user:" + username);
    }

    private static Optional<Refusal> refusal(LoginThrottleRepository.Failures failures, Instant now) {
        if (failures.count() >= LOCK_AFTER) {
            Instant until = failures.lastFailureAt().plus(LOCK);
            return until.isAfter(now) ? Optional.of(new Refusal(true, until)) : Optional.empty();
        }
        if (failures.count() >= DELAY_AFTER) {
            Duration delay = Duration.ofSeconds(1L << Math.min(failures.count() - DELAY_AFTER, 6));
            Instant until = failures.lastFailureAt().plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
            return until.isAfter(now) ? Optional.of(new Refusal(false, until)) : Optional.empty();
        }
        return Optional.empty();
    }
}
