package com.fleetprovisioner.core.auth;

import java.time.Instant;
import java.util.Optional;

/** A bearer token for the REST API. Only its hash is stored; {@code prefix} lets a person recognise it. */
public record ApiToken(
        long id, long userId, String username, String name, String prefix, Instant createdAt,
        Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {

    public boolean active() {
        return revokedAt.isEmpty();
    }
}
