package com.fleetprovisioner.core.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface ApiTokenRepository {
    record TokenOwner(ApiToken token, User user) {
    }

    /** @param expiresAt empty = no expiry */
    ApiToken create(long userId, String name, String tokenHash, String prefix, Instant now, Optional<Instant> expiresAt);

    /** A token that is not revoked, with its user (who may be disabled) — expired or not: the caller decides. */
    Optional<TokenOwner> findActive(String tokenHash);

    Optional<ApiToken> findById(long id);

    List<ApiToken> listForUser(long userId);

    List<ApiToken> listAll();

    boolean revoke(long id, Instant now);

    /** Revokes every token of the user that is not revoked yet; returns how many. */
    int revokeAllFor(long userId, Instant now);

    void touch(long id, Instant now);
}
