package com.fleetprovisioner.web.dashboard;

import com.fleetprovisioner.core.pacing.RatePhase;
import com.fleetprovisioner.core.pacing.SendRateStatus;
import com.fleetprovisioner.web.render.ShownTime;
import com.fleetprovisioner.web.render.UserZone;
import java.util.Optional;

/**
 * The send rate block of the dashboard: commands per second for all workers together and why.
 *
 * @param phase its name is the key of its sentence in the messages ({@code dashboard.sendRate.<name>})
 * @param at    the throttle it backed off from (BACKED_OFF, SETTLED), else when the phase began
 */
public record SendRateView(long perSecond, RatePhase phase, ShownTime at, Optional<Long> limitFound) {

    /** No pacing: no rate to show. */
    public boolean unpaced() {
        return phase == RatePhase.UNPACED;
    }

    /** The phase began at a moment worth showing: the throttle backed off from, or the admin's fixed rate. */
    public boolean showsTime() {
        return phase == RatePhase.BACKED_OFF || phase == RatePhase.SETTLED || phase == RatePhase.FIXED;
    }

    static SendRateView of(SendRateStatus status, UserZone zone) {
        return new SendRateView(Math.round(status.perSecond()), status.phase(),
                ShownTime.of(status.throttledAt().orElse(status.since()), zone),
                status.limitFound() > 0 ? Optional.of(Math.round(status.limitFound())) : Optional.empty());
    }
}
