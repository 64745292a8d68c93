package com.fleetprovisioner.simulator;

import java.time.Instant;

/** A logged-in session; {@code ghostId} is the GUID that resumes it. */
record Session(String ghostId, SimulatorConfig.SeedUser user, Instant createdAt, Instant expiresAt) {

    boolean expiredAt(Instant now, long forcedExpirySeconds) {
        Instant limit = forcedExpirySeconds > 0 ? createdAt.plusSeconds(forcedExpirySeconds) : expiresAt;
        return !now.isBefore(limit);
    }

    Instant effectiveExpiry(long forcedExpirySeconds) {
        Instant forced = forcedExpirySeconds > 0 ? createdAt.plusSeconds(forcedExpirySeconds) : expiresAt;
        return forced.isBefore(expiresAt) ? forced : expiresAt;
    }
}
