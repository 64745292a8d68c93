package com.fleetprovisioner.simulator;

import java.time.Instant;

/**
 * A session; {@code ghostId} is the GUID that resumes it. {@code user} is null for a connection's guest
 * session: the ghostId and expiry every connectionResponse carries before anyone has logged in (§1).
 */
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
