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

    /** RUNNING, THROTTLED, MAINTENANCE or STOPPED. */
    public String state(Instant now) {
        if (stopped()) {
            return "STOPPED";
        }
        if (maintenanceUntil.filter(now::isBefore).isPresent()) {
            return "MAINTENANCE";
        }
        return throttledUntil.filter(now::isBefore).isPresent() ? "THROTTLED" : "RUNNING";
    }

    /** A sentence for admins. */
    public String detail(Instant now) {
        return switch (state(now)) {
            case "STOPPED" -> "Sending is stopped: " + stoppedReason.orElse("") + " Resume once it is fixed.";
            case "MAINTENANCE" -> "Fleet Freedom maintenance: sending resumes at " + maintenanceUntil.orElseThrow() + ".";
            case "THROTTLED" -> "Fleet Freedom asked us to slow down: sending resumes at " + throttledUntil.orElseThrow() + ".";
            default -> "Sending normally.";
        };
    }
}
