package com.fleetprovisioner.web.dashboard;

import com.fleetprovisioner.core.pacing.SendRateStatus;
import com.fleetprovisioner.web.render.ShownTime;
import com.fleetprovisioner.web.render.UserZone;
import java.util.Optional;

/**
 * The send rate block of the dashboard: commands per second for all workers together and why.
 *
 * @param phase {@code RatePhase} name, the key of its sentence in the messages
 * @param at    the throttle it backed off from (BACKED_OFF, SETTLED), else when the phase began
 */
public record SendRateView(long perSecond, String phase, ShownTime at, Optional<Long> limitFound) {

    static SendRateView of(SendRateStatus status, UserZone zone) {
        return new SendRateView(Math.round(status.perSecond()), status.phase().name(),
                ShownTime.of(status.throttledAt().orElse(status.since()), zone),
                status.limitFound() > 0 ? Optional.of(Math.round(status.limitFound())) : Optional.empty());
    }
}
