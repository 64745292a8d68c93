package com.fleetprovisioner.core.pacing;

import java.time.Instant;
import java.util.Optional;

/**
 * The shared send budget, one row for every worker process.
 *
 * @param rate        commands per second in force for all workers together
 * @param ceiling     the rate at which Fleet Freedom last throttled us (the discovered limit); 0 = none yet
 * @param phase       why {@code rate} is what it is
 * @param changedAt   when {@code rate} or {@code phase} last changed
 * @param throttledAt the last throttle that changed the rate
 * @param windowStart start of the current measuring window (demand is judged per window)
 * @param granted     send slots handed out since {@code windowStart}
 * @param nextSlot    the first free send slot (database clock): slots are handed out spaced 1/rate apart
 */
public record RateState(double rate, double ceiling, RatePhase phase, Instant changedAt,
        Optional<Instant> throttledAt, Instant windowStart, long granted, Instant nextSlot) {

    /** Where every deployment starts: the safe rate, learning. */
    public static RateState initial(Instant now) {
        return new RateState(AdaptiveRate.START, 0, RatePhase.LEARNING, now, Optional.empty(), now, 0, now);
    }

    RateState withRate(double newRate, double newCeiling, RatePhase newPhase, Instant now) {
        return new RateState(newRate, newCeiling, newPhase, now, throttledAt, now, 0, nextSlot);
    }
}
