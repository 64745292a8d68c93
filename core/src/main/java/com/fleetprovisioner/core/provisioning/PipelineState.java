package com.fleetprovisioner.core.provisioning;

import java.time.Instant;

/**
 * The pauses every worker process obeys, kept in the database (one shared row) rather than in memory:
 * a throttle seen by one worker holds all of them.
 */
public interface PipelineState {
    PipelineStatus read();

    /** An account problem (11, 14, 16): nothing is sent until an admin resumes. Keeps the first reason. */
    void stop(int code, String reason, Instant now);

    /** An admin fixed the cause; workers reconnect and sending resumes. */
    void resume(Instant now);

    /** Extends (never shortens) the shared throttle window. */
    void throttleUntil(Instant until, Instant now);

    /** Extends (never shortens) the shared maintenance window. */
    void maintenanceUntil(Instant until, Instant now);
}
