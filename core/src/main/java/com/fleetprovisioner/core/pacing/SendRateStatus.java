package com.fleetprovisioner.core.pacing;

import java.time.Instant;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The send rate in force and why, for the dashboard and the metrics: an admin's fixed rate (or no
 * pacing) as configured, otherwise what the shared budget learned.
 *
 * @param perSecond   commands per second for all workers together; 0 when unpaced
 * @param throttledAt the throttle the rate last backed off from
 * @param limitFound  the rate Fleet Freedom last throttled; 0 until then
 */
public record SendRateStatus(double perSecond, RatePhase phase, Instant since, Optional<Instant> throttledAt,
        double limitFound) {

    /** Reads the shared row; {@code configured} is the setting in force ({@link SendRate} int form). */
    public static SendRateStatus of(SendBudgetStore store, IntSupplier configured) {
        SendRate rate = SendRate.of(configured.getAsInt());
        RateState s = store.read();
        return switch (rate.mode()) {
            case FIXED -> new SendRateStatus(rate.perSecond(), RatePhase.FIXED, s.changedAt(),
                    Optional.empty(), s.ceiling());
            case UNPACED -> new SendRateStatus(0, RatePhase.UNPACED, s.changedAt(), Optional.empty(),
                    s.ceiling());
            case ADAPTIVE -> s.phase() == RatePhase.FIXED || s.phase() == RatePhase.UNPACED
                    // an admin just went back to auto; the first send restarts learning from the safe rate
                    ? new SendRateStatus(AdaptiveRate.START, RatePhase.LEARNING, s.changedAt(), Optional.empty(), 0)
                    : new SendRateStatus(s.rate(), s.phase(), s.changedAt(), s.throttledAt(), s.ceiling());
        };
    }
}
