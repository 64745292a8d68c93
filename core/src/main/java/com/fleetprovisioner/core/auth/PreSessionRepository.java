package com.fleetprovisioner.core.auth;

import java.time.Instant;
import java.util.Optional;

/** Browsers that have not signed in yet, keyed by the SHA-256 of their cookie: the login form's CSRF binding. */
public interface PreSessionRepository {
    void create(String tokenHash, String csrfToken, Instant createdAt);

    /** The CSRF token of a pre-session created at or after {@code notBefore}. */
    Optional<String> csrfToken(String tokenHash, Instant notBefore);

    void delete(String tokenHash);

    int deleteCreatedBefore(Instant before);
}
