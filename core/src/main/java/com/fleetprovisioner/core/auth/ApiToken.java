package com.fleetprovisioner.core.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * A bearer token for the REST API. Only its hash is stored; {@code prefix} lets a person recognise it.
 * {@code expiresAt} is empty for a token its owner chose to keep without an expiry.
 */
public record ApiToken(
        long id, long userId, String username, String name, String prefix, Instant createdAt,
        Optional<Instant> lastUsedAt, Optional<Instant> revokedAt, Optional<Instant> expiresAt) {

    /** Not revoked (it may still have expired: see {@link #usableAt}). */
    public boolean active() {
        return revokedAt.isEmpty();
    }

    public boolean expiredAt(Instant now) {
        return expiresAt.filter(at -> !at.isAfter(now)).isPresent();
    }

    public boolean usableAt(Instant now) {
        return active() && !expiredAt(now);
    }
}
