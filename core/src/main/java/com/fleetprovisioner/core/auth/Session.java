package com.fleetprovisioner.core.auth;

import java.time.Instant;

/**
 * A signed-in browser. Only the SHA-256 of the cookie value is stored, so a copy of the database
 * does not let anyone sign in. The CSRF token is bound to the session.
 */
public record Session(
        String tokenHash, long userId, String csrfToken, Instant createdAt, Instant lastSeenAt,
        String clientIp, String userAgent) {
}
