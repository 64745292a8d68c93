package com.fleetprovisioner.core.notify;

import java.time.Instant;

/** An endpoint an admin configured; the signing secret stays sealed and is never part of this record. */
public record Webhook(long id, String name, String url, Instant createdAt, String createdBy) {
}
