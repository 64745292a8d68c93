package com.fleetprovisioner.core.provisioning;

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
    public enum State {
        RUNNING, THROTTLED, MAINTENANCE, STOPPED;

        public String id() {
            return name();
        }

        public static State fromId(String id) {
            for (State state : values()) {
                if (state.id().equals(id)) {
                    return state;
                }
            }
            throw new IllegalArgumentException("Unknown pipeline state " + id);
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

    /** A sentence for admins. */
    public String detail(Instant now) {
        return switch (state(now)) {
            case STOPPED -> "Sending is stopped: " + stoppedReason.orElse("") + " Resume once it is fixed.";
            case MAINTENANCE -> "Fleet Freedom maintenance: sending resumes at " + maintenanceUntil.orElseThrow() + ".";
            case THROTTLED -> "Fleet Freedom asked us to slow down: sending resumes at " + throttledUntil.orElseThrow() + ".";
            case RUNNING -> "Sending normally.";
        };
    }
}
