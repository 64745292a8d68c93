package com.fleetprovisioner.core.pacing;

import com.fleetprovisioner.fleetfreedom.SendBudget;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's share of the send budget all workers keep together: it reserves a few slots at a time
 * from the shared row ({@link AdaptiveRate#reserve}, one short transaction per ~100 ms of sending) and
 * writes one command per slot. A chunk that arrives late (the reservation waited for the row lock)
 * is shifted to start now, keeping its spacing; a slot not used within a chunk's time after that is
 * dropped, never saved up, so an idle worker cannot burst later. Should the database fail, it spaces
 * sends at the last rate it had.
 */
public final class SharedPacer implements SendBudget {
    private static final Logger log = LoggerFactory.getLogger(SharedPacer.class);
    private static final long LATE_NANOS = AdaptiveRate.CHUNK.toNanos();
    /** While the shared store keeps failing, one warning per this interval instead of one per send. */
    private static final long FAILURE_LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

    private final SendBudgetStore store;
    private final Supplier<SendRate> policy;
    private long nextNanos;
    private long intervalNanos;
    private int left;
    private double lastRate = AdaptiveRate.START;
    private long lastThrottleReport = Long.MIN_VALUE;
    private long lastFailureLog = Long.MIN_VALUE;

    /** @param policy the rate configured now (settings follow an admin's change) */
    public SharedPacer(SendBudgetStore store, Supplier<SendRate> policy) {
        this.store = store;
        this.policy = policy;
    }

    @Override
    public synchronized void acquire() throws InterruptedException {
        SendRate rate = policy.get();
        if (rate.mode() == SendRate.Mode.UNPACED) {
            return;
        }
        long now = System.nanoTime();
        if (left == 0 || nextNanos < now - LATE_NANOS) {
            if (!reserve(rate, now)) {
                sleepUntil(now + (long) (1e9 / lastRate));
                return;
            }
        }
        sleepUntil(nextNanos);
        nextNanos += intervalNanos;
        left--;
    }

    /** Reported once per episode by this process; the row's rules ignore the rest of an episode too. */
    @Override
    public void throttled(Duration wait) {
        if (policy.get().mode() != SendRate.Mode.ADAPTIVE) {
            return;
        }
        synchronized (this) {
            long now = System.nanoTime();
            if (now - lastThrottleReport < wait.toNanos() + AdaptiveRate.EPISODE.toNanos()
                    && lastThrottleReport != Long.MIN_VALUE) {
                return;
            }
            lastThrottleReport = now;
            left = 0;
        }
        try {
            RateState after = store.update((s, at) -> {
                RateState next = AdaptiveRate.throttled(s, at, wait);
                return new SendBudgetStore.Change<>(next, next);
            });
            log.warn("Fleet Freedom throttled us: the shared send rate is now {}/s ({})", Math.round(after.rate()),
                    after.phase());
        } catch (RuntimeException e) {
            log.warn("Could not record the throttle in the shared send budget", e);
        }
    }

    private boolean reserve(SendRate rate, long now) {
        try {
            AdaptiveRate.Grant grant = store.update((s, at) -> AdaptiveRate.reserve(s, rate, at));
            nextNanos = Math.max(now + grant.startIn().toNanos(), System.nanoTime());
            intervalNanos = grant.intervalNanos();
            left = grant.count();
            lastRate = grant.rate();
            return true;
        } catch (RuntimeException e) {
            if (now - lastFailureLog > FAILURE_LOG_INTERVAL_NANOS || lastFailureLog == Long.MIN_VALUE) {
                lastFailureLog = now;
                log.warn("Could not reserve from the shared send budget; spacing sends at {}/s meanwhile",
                        Math.round(lastRate), e);
            }
            left = 0;
            return false;
        }
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long wait = deadline - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
