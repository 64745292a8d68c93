package com.fleetprovisioner.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Slows down password guessing, per account and per client address (or per known device): after 5
 * failures each further attempt must wait a doubling delay (1 s, 2 s, 4 s … at most a minute); after 10
 * an address or device is locked for 15 minutes. An account is never locked, only delayed: failures
 * anyone makes from anywhere must not keep its owner out (a known device is throttled on its own
 * key instead, see {@link KnownDevices}). Counters forget failures older than the lock period.
 *
 * <p>An attempt is counted <em>before</em> its password is checked, by a compare-and-set on each key
 * that refuses when the key is throttled: so N parallel guesses get exactly as many checks as the rules
 * allow (in a burst, {@value #DELAY_AFTER}: the next one falls inside the first delay), across every web
 * process on the database. A success gives its count back; so does an attempt that was never checked.
 */
public final class LoginThrottle {
    static final int DELAY_AFTER = 5;
    static final int LOCK_AFTER = 10;
    static final Duration LOCK = Duration.ofMinutes(15);
    private static final Duration MAX_DELAY = Duration.ofMinutes(1);
    static final String ACCOUNT_PREFIX = "user:";
    static final String ADDRESS_PREFIX = "ip:";
    static final String DEVICE_PREFIX = "device:";
    /** Compare-and-set rounds one attempt may lose before it is treated as throttled. */
    private static final int MAX_RACES = 50;

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
        return List.of(ACCOUNT_PREFIX + username, ADDRESS_PREFIX + clientIp);
    }

    /** A known device's attempts count on the device alone: see {@link KnownDevices}. */
    public static List<String> deviceKeys(String deviceKey) {
        return List.of(deviceKey);
    }

    /** A refusal if any key is locked or still inside its delay; the longest one wins. Counts nothing. */
    private Optional<Refusal> check(List<String> keys) {
        Instant now = clock.instant();
        Optional<Refusal> worst = Optional.empty();
        for (String key : keys) {
            worst = longer(worst, repository.find(key).flatMap(failures -> refusal(key, failures, now)));
        }
        return worst;
    }

    /**
     * Counts this attempt on every key, or on none when a key refuses it now (then the longest refusal
     * is returned). The caller checks the password only when this is empty.
     */
    public Optional<Refusal> reserve(List<String> keys) {
        Instant now = clock.instant();
        List<String> counted = new ArrayList<>();
        for (String key : keys) {
            Optional<Refusal> refusal = reserve(key, now);
            if (refusal.isPresent()) {
                counted.forEach(repository::giveBack);
                return longer(refusal, check(keys));
            }
            counted.add(key);
        }
        return Optional.empty();
    }

    /** Gives back an attempt that was counted but whose password was never checked. */
    public void release(List<String> keys) {
        keys.forEach(repository::giveBack);
    }

    /**
     * A successful sign-in clears the account's (or the device's) counter and gives back the address's
     * count for it.
     */
    public void recordSuccess(String username, String clientIp) {
        recordSuccess(keys(username, clientIp));
    }

    public void recordSuccess(List<String> keys) {
        for (String key : keys) {
            if (key.startsWith(ADDRESS_PREFIX)) {
                repository.giveBack(key);
            } else {
                repository.clear(key);
            }
        }
    }

    private Optional<Refusal> reserve(String key, Instant now) {
        Instant staleBefore = now.minus(LOCK);
        for (int attempt = 0; attempt < MAX_RACES; attempt++) {
            Optional<LoginThrottleRepository.Failures> current = repository.find(key);
            Optional<Refusal> refusal = current.flatMap(failures -> refusal(key, failures, now));
            if (refusal.isPresent()) {
                return refusal;
            }
            int counted = current.filter(failures -> !failures.lastFailureAt().isBefore(staleBefore))
                    .map(LoginThrottleRepository.Failures::count).orElse(0);
            if (repository.replace(key, current, new LoginThrottleRepository.Failures(counted + 1, now))) {
                return Optional.empty();
            }
        }
        // every race lost to other attempts on the same key: it is under a flood, so this one waits too
        return Optional.of(new Refusal(false, now.plusSeconds(1)));
    }

    private static Optional<Refusal> longer(Optional<Refusal> a, Optional<Refusal> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().until().isAfter(a.get().until()) ? b : a;
    }

    private static Optional<Refusal> refusal(String key, LoginThrottleRepository.Failures failures, Instant now) {
        if (failures.count() >= LOCK_AFTER && !key.startsWith(ACCOUNT_PREFIX)) {
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
