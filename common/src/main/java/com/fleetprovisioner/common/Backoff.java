package com.fleetprovisioner.common;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Waits that double from a first wait up to a cap, with "equal jitter": between half and all of the
 * capped wait, so that things that failed together (devices, workers reconnecting) do not come back
 * together, yet none comes back sooner than half the schedule says.
 */
public final class Backoff {

    private Backoff() {
    }

    /** Given a bound n, a uniformly random value in [0, n]. */
    public static LongUnaryOperator uniform() {
        return n -> ThreadLocalRandom.current().nextLong(n + 1);
    }

    /**
     * @param retry  0 for the first wait, 1 for the second …; below 0 counts as 0
     * @param random given a bound n, a value in [0, n] ({@link #uniform()}; tests pin it)
     */
    public static Duration equalJitter(Duration first, Duration max, int retry, LongUnaryOperator random) {
        long capped = doubled(first, max, retry).toMillis();
        long half = capped / 2;
        return Duration.ofMillis(half + random.applyAsLong(capped - half));
    }

    /**
     * The schedule without jitter: {@code first}, 2 × {@code first}, 4 × … at most {@code max}, for waits
     * nothing else retries in step with (one notification scanner).
     *
     * @param retry 0 for the first wait, 1 for the second …; below 0 counts as 0
     */
    public static Duration doubled(Duration first, Duration max, int retry) {
        return Duration.ofMillis(doubledUpTo(first.toMillis(), max.toMillis(), Math.max(retry, 0)));
    }

    /** {@code first × 2^doublings}, at most {@code max}, without overflowing however many doublings. */
    private static long doubledUpTo(long first, long max, int doublings) {
        if (first == 0) {
            return 0;
        }
        if (doublings >= Long.SIZE - 1 || first > max >> doublings) {
            return max;
        }
        return Math.min(max, first << doublings);
    }
}
