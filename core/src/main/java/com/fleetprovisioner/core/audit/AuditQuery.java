package com.fleetprovisioner.core.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * A filter over the audit log, newest first, paged by keyset ({@code beforeId}: entries older than
 * that one), so that paging stays fast however long the log grows.
 *
 * @param actor        exact user name
 * @param actionPrefix e.g. {@code login.} or {@code user.created}
 */
public record AuditQuery(Optional<String> actor, Optional<String> actionPrefix, Optional<Instant> from,
        Optional<Instant> to, Optional<Long> beforeId, int limit) {

    public static AuditQuery latest(int limit) {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }
}
