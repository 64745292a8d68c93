package com.fleetprovisioner.core.provisioning;

import com.fleetprovisioner.core.common.StoredId;
import com.fleetprovisioner.core.common.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One step in a device's history (append-only), of a {@link Type};
 * {@code actorUserId} is set for a person's action, {@code worker} for a worker's. {@code latencyMs} is set
 * on the {@code response} to a {@code mergeProvider}: milliseconds from sending to the answer (the metrics
 * read it from here, so every worker process is counted). {@code text} says what happened as a message key
 * with its arguments ({@code event.text.*}), rendered in each reader's language.
 */
public record DeviceEvent(long deviceId, Instant at, Type type, Optional<Integer> attempt,
        Optional<Integer> errorCode, Text text, Optional<Long> actorUserId, Optional<String> worker,
        Optional<Long> latencyMs) {

    public DeviceEvent(long deviceId, Instant at, Type type, Optional<Integer> attempt, Optional<Integer> errorCode,
            Text text, Optional<Long> actorUserId, Optional<String> worker) {
        this(deviceId, at, type, attempt, errorCode, text, actorUserId, worker, Optional.empty());
    }

    /**
     * What happened. {@link #id()} is the code stored in {@code device_event.type} (a string column: the
     * codes must never change, stored rows are read back through {@link #fromId}) and the key of the
     * event's label on the pages ({@code event.<id>}).
     */
    public enum Type implements StoredId {
        QUEUED, LEASE_TAKEN, RECONCILED, SENT, RESPONSE, RETRY_SCHEDULED, PROVISIONED, NEEDS_REVIEW,
        /** Imported from a reconciliation run: present in Fleet Freedom before we knew it. */
        PRE_EXISTING,
        FAILED, CANCELLED, REQUEUED, HELD;

        public static Type fromId(String id) {
            return StoredId.fromId(Type.class, id);
        }
    }

    public static DeviceEvent byWorker(long deviceId, Instant at, Type type, int attempt, Integer errorCode,
            Text text, String worker) {
        return new DeviceEvent(deviceId, at, type, Optional.of(attempt), Optional.ofNullable(errorCode), text,
                Optional.empty(), Optional.of(worker));
    }

    /** A worker's event that carries the {@code mergeProvider} round trip. */
    public DeviceEvent withLatency(Duration latency) {
        return new DeviceEvent(deviceId, at, type, attempt, errorCode, text, actorUserId, worker,
                Optional.of(Math.max(0, latency.toMillis())));
    }

    public static DeviceEvent byUser(long deviceId, Instant at, Type type, Optional<Long> userId, Text text) {
        return new DeviceEvent(deviceId, at, type, Optional.empty(), Optional.empty(), text, userId,
                Optional.empty());
    }
}
