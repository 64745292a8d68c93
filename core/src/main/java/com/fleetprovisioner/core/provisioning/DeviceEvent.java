package com.fleetprovisioner.core.provisioning;

import java.time.Instant;
import java.util.Optional;

/**
 * One step in a device's history (append-only). {@code type} is one of the constants below;
 * {@code actorUserId} is set for a person's action, {@code worker} for a worker's.
 */
public record DeviceEvent(long deviceId, Instant at, String type, Optional<Integer> attempt,
        Optional<Integer> errorCode, String message, Optional<Long> actorUserId, Optional<String> worker) {

    public static final String QUEUED = "queued";
    public static final String LEASE_TAKEN = "lease_taken";
    public static final String RECONCILED = "reconciled";
    public static final String SENT = "sent";
    public static final String RESPONSE = "response";
    public static final String RETRY_SCHEDULED = "retry_scheduled";
    public static final String PROVISIONED = "provisioned";
    public static final String NEEDS_REVIEW = "needs_review";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    public static final String REQUEUED = "requeued";
    public static final String HELD = "held";

    public static DeviceEvent byWorker(long deviceId, Instant at, String type, int attempt, Integer errorCode,
            String message, String worker) {
        return new DeviceEvent(deviceId, at, type, Optional.of(attempt), Optional.ofNullable(errorCode), message,
                Optional.empty(), Optional.of(worker));
    }

    public static DeviceEvent byUser(long deviceId, Instant at, String type, Optional<Long> userId, String message) {
        return new DeviceEvent(deviceId, at, type, Optional.empty(), Optional.empty(), message, userId,
                Optional.empty());
    }
}
