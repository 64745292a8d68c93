package com.fleetprovisioner.core.audit;

import java.time.Instant;

/** One line of the append-only audit log: who did what to which thing, when and from where. */
public record AuditEntry(Instant at, Actor actor, String action, String target, String details) {
}
