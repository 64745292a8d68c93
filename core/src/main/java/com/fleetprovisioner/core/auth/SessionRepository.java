package com.fleetprovisioner.core.auth;

import java.time.Instant;
import java.util.Optional;

public interface SessionRepository {
    record SessionWithUser(Session session, User user) {
    }

    void create(Session session);

    Optional<SessionWithUser> find(String tokenHash);

    void touch(String tokenHash, Instant at);

    void delete(String tokenHash);

    int deleteForUser(long userId);

    /** Ends every session of the user but the one whose hash is {@code keptTokenHash}. */
    int deleteForUserExcept(long userId, String keptTokenHash);

    /** Removes sessions idle since before {@code idleBefore} or created before {@code createdBefore}. */
    int deleteExpired(Instant idleBefore, Instant createdBefore);
}
