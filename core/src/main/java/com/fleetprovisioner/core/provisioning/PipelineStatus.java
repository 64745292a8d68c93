package com.fleetprovisioner.core.provisioning;

import com.fleetprovisioner.core.common.StoredId;
import com.fleetprovisioner.core.common.Text;
import java.time.Instant;
import java.util.Optional;

/**
 * The shared pipeline state as /health and the pages show it. {@code updatedAt} lets a worker tell
 * whether an admin resumed after its connection stopped.
 */
public record PipelineStatus(Optional<Integer> stoppedCode, Optional<String> stoppedReason,
        Optional<Instant> stoppedAt, Optional<Instant> throttledUntil, Optional<Instant> maintenanceUntil,
        Instant updatedAt) {

    /**
     * What the pipeline is doing. {@link #id()} is the value /health, /api/v1/pipeline, the dashboard and
     * the message keys ({@code pipeline.state.<id>}) show: the one place the enum meets its strings.
     */
    public enum State implements StoredId {
        RUNNING, THROTTLED, MAINTENANCE, STOPPED;

        public String id() {
            return name();
        }

        public static State fromId(String id) {
            return StoredId.fromId(State.class, id);
        }
    }

    public boolean stopped() {
        return stoppedReason.isPresent();
    }

    /** The end of the throttle or maintenance window in force at {@code now}, if any. */
    public Optional<Instant> heldUntil(Instant now) {
        Instant until = null;
        for (Optional<Instant> window : java.util.List.of(throttledUntil, maintenanceUntil)) {
            if (window.isPresent() && window.get().isAfter(now) && (until == null || window.get().isAfter(until))) {
                until = window.get();
            }
        }
        return Optional.ofNullable(until);
    }

    public State state(Instant now) {
        if (stopped()) {
            return State.STOPPED;
        }
        if (maintenanceUntil.filter(now::isBefore).isPresent()) {
            return State.MAINTENANCE;
        }
        return throttledUntil.filter(now::isBefore).isPresent() ? State.THROTTLED : State.RUNNING;
    }

    public boolean running(Instant now) {
        return state(now) == State.RUNNING;
    }

    /** Why sending is held (or that it is not), for admins: a message key with its arguments. */
    public Text detail(Instant now) {
        return switch (state(now)) {
            case STOPPED -> Text.of("pipeline.detail.stopped", stoppedReason.orElse(""));
            case MAINTENANCE -> Text.of("pipeline.detail.maintenance", maintenanceUntil.orElseThrow());
            case THROTTLED -> Text.of("pipeline.detail.throttled", throttledUntil.orElseThrow());
            case RUNNING -> Text.of("pipeline.detail.running");
        };
    }
}
