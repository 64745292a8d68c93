package com.fleetprovisioner.core.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One step in a device's history (append-only). {@code type} is one of the constants below;
 * {@code actorUserId} is set for a person's action, {@code worker} for a worker's. {@code latencyMs} is set
 * on the {@code response} to a {@code mergeProvider}: milliseconds from sending to the answer (the metrics
 * read it from here, so every worker process is counted).
 */
public record DeviceEvent(long deviceId, Instant at, String type, Optional<Integer> attempt,
        Optional<Integer> errorCode, String message, Optional<Long> actorUserId, Optional<String> worker,
        Optional<Long> latencyMs) {

    public DeviceEvent(long deviceId, Instant at, String type, Optional<Integer> attempt, Optional<Integer> errorCode,
            String message, Optional<Long> actorUserId, Optional<String> worker) {
        this(deviceId, at, type, attempt, errorCode, message, actorUserId, worker, Optional.empty());
    }

    public static final String QUEUED = "queued";
    public static final String LEASE_TAKEN = "lease_taken";
    public static final String RECONCILED = "reconciled";
    public static final String SENT = "sent";
    public static final String RESPONSE = "response";
    public static final String RETRY_SCHEDULED = "retry_scheduled";
    public static final String PROVISIONED = "provisioned";
    public static final String NEEDS_REVIEW = "needs_review";
    /** Imported from a reconciliation run: present in Fleet Freedom before we knew it. */
    public static final String PRE_EXISTING = "pre_existing";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    public static final String REQUEUED = "requeued";
    public static final String HELD = "held";

    public static DeviceEvent byWorker(long deviceId, Instant at, String type, int attempt, Integer errorCode,
            String message, String worker) {
        return new DeviceEvent(deviceId, at, type, Optional.of(attempt), Optional.ofNullable(errorCode), message,
                Optional.empty(), Optional.of(worker));
    }

    /** A worker's event that carries the {@code mergeProvider} round trip. */
    public DeviceEvent withLatency(Duration latency) {
        return new DeviceEvent(deviceId, at, type, attempt, errorCode, message, actorUserId, worker,
                Optional.of(Math.max(0, latency.toMillis())));
    }

    public static DeviceEvent byUser(long deviceId, Instant at, String type, Optional<Long> userId, String message) {
        return new DeviceEvent(deviceId, at, type, Optional.empty(), Optional.empty(), message, userId,
                Optional.empty());
    }
}
