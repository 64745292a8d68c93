package com.fleetprovisioner.core.pacing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rules that move the shared send rate, as pure functions of the state and the time (the database's
 * clock), so that every worker applies the same rules to the same row. Fleet Freedom publishes no limit
 * (protocol notes §5), so the rate is found: start safe, grow while answers are clean and the budget is
 * actually used, halve on a throttle (105) and climb back to two thirds of the rate that was
 * throttled, then hold there; only after a long clean stretch probe a little higher, in case the limit
 * was raised. Throttles within one episode (answers to commands already on the wire) count once.
 */
public final class AdaptiveRate {
    /** The safe start: well below anything a real account is reported to allow. */
    public static final double START = 20;
    static final double MIN = 2;
    static final double MAX = SendRate.MAX;
    /** How long the rate is judged before it moves. */
    static final Duration WINDOW = Duration.ofSeconds(1);
    /** Learning: ×1.25 per clean busy second, 20 → 400/s in about 14 s. */
    static final double GROWTH = 1.25;
    /** After a throttle the rate drops to half the throttled rate ... */
    static final double BACKOFF = 0.5;
    /** ... and climbs back by this share of it per clean second ... */
    static final double CLIMB = 0.05;
    /**
     * ... up to this share of it, where it settles. The rate in force when the answer comes can be one
     * growth step past the limit, so this is at most 2/3 × 1.25 = 83 % of the limit: room for several
     * processes' sends arriving unevenly. (Three quarters, up to 94 %, settled at 112/s against a limit
     * of 120/s and still drew throttles from three worker JVMs on two cores.)
     */
    static final double TARGET = 2.0 / 3;
    /** The budget counts as used (the rate is what holds senders back) above this share of it. */
    static final double BUSY = 0.7;
    /** Settled this long without a throttle, the limit found is assumed 10 % higher and approached again. */
    static final Duration PROBE_AFTER = Duration.ofMinutes(10);
    static final double PROBE = 1.1;
    /** Throttle answers within this time after the wait the server asked for belong to the same episode. */
    static final Duration EPISODE = Duration.ofSeconds(2);
    /**
     * Slots handed out per reservation: about this much sending time, so that a worker asks rarely — and
     * more rarely than a reservation takes even on a busy H2 (tens of ms under a shared lock).
     */
    static final Duration CHUNK = Duration.ofMillis(100);
    static final int MAX_CHUNK = 100;

    /** What a worker got: {@code count} slots, the first {@code startIn} from now, {@code interval} apart. */
    public record Grant(Duration startIn, long intervalNanos, int count, double rate) {
    }

    private AdaptiveRate() {
    }

    /** The state under the configured {@code policy}: a fixed rate replaces it, auto resumes learning. */
    public static RateState follow(RateState s, SendRate policy, Instant now) {
        return switch (policy.mode()) {
            case FIXED -> s.phase() == RatePhase.FIXED && s.rate() == policy.perSecond() ? s
                    : s.withRate(policy.perSecond(), s.ceiling(), RatePhase.FIXED, now);
            case UNPACED -> s.phase() == RatePhase.UNPACED ? s : s.withRate(s.rate(), s.ceiling(), RatePhase.UNPACED, now);
            case ADAPTIVE -> s.phase() == RatePhase.FIXED || s.phase() == RatePhase.UNPACED
                    ? s.withRate(START, 0, RatePhase.LEARNING, now) : s;
        };
    }

    /** Moves the rate once a window has passed; unchanged while the budget was not used (no demand). */
    public static RateState tick(RateState s, Instant now) {
        if (s.phase() == RatePhase.FIXED || s.phase() == RatePhase.UNPACED) {
            return s;
        }
        Duration elapsed = Duration.between(s.windowStart(), now);
        if (elapsed.compareTo(WINDOW) < 0) {
            return s;
        }
        boolean busy = s.granted() >= BUSY * s.rate() * elapsed.toNanos() / 1e9;
        if (!busy) {
            return restartWindow(s, now);
        }
        return switch (s.phase()) {
            case LEARNING -> s.withRate(Math.min(MAX, s.rate() * GROWTH), s.ceiling(), RatePhase.LEARNING, now);
            case BACKED_OFF -> {
                double target = TARGET * s.ceiling();
                double next = Math.min(target, s.rate() + CLIMB * s.ceiling());
                yield s.withRate(next, s.ceiling(), next >= target ? RatePhase.SETTLED : RatePhase.BACKED_OFF, now);
            }
            default -> Duration.between(s.changedAt(), now).compareTo(PROBE_AFTER) >= 0
                    ? s.withRate(s.rate(), s.ceiling() * PROBE, RatePhase.BACKED_OFF, now)
                    : restartWindow(s, now);
        };
    }

    /** Fleet Freedom throttled us and asked for {@code wait}: the rate in force is the limit found. */
    public static RateState throttled(RateState s, Instant now, Duration wait) {
        if (s.phase() == RatePhase.FIXED || s.phase() == RatePhase.UNPACED) {
            return s;
        }
        if (s.throttledAt().filter(at -> now.isBefore(at.plus(wait).plus(EPISODE))).isPresent()) {
            return s;
        }
        double ceiling = s.rate();
        return new RateState(Math.max(MIN, BACKOFF * ceiling), ceiling, RatePhase.BACKED_OFF, now, Optional.of(now),
                now, 0, s.nextSlot());
    }

    /**
     * Hands out the next slots after {@code policy} and {@link #tick}: spaced 1/rate apart from the first
     * free slot (never before now), as many as cover {@link #CHUNK} of sending.
     */
    public static SendBudgetStore.Change<Grant> reserve(RateState before, SendRate policy, Instant now) {
        RateState s = tick(follow(before, policy, now), now);
        long interval = (long) (1e9 / s.rate());
        int count = (int) Math.max(1, Math.min(MAX_CHUNK, Math.round(s.rate() * CHUNK.toNanos() / 1e9)));
        Instant start = s.nextSlot().isAfter(now) ? s.nextSlot() : now;
        Instant next = start.plusNanos(interval * count);
        RateState after = new RateState(s.rate(), s.ceiling(), s.phase(), s.changedAt(), s.throttledAt(),
                s.windowStart(), s.granted() + count, next);
        return new SendBudgetStore.Change<>(after, new Grant(Duration.between(now, start), interval, count, s.rate()));
    }

    private static RateState restartWindow(RateState s, Instant now) {
        return new RateState(s.rate(), s.ceiling(), s.phase(), s.changedAt(), s.throttledAt(), now, 0, s.nextSlot());
    }
}
