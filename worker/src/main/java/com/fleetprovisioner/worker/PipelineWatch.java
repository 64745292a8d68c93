package com.fleetprovisioner.worker;

import com.fleetprovisioner.fleetfreedom.ConnectionState;
import com.fleetprovisioner.fleetfreedom.ConnectionStatus;
import com.fleetprovisioner.fleetfreedom.PauseGate;
import com.fleetprovisioner.core.provisioning.PipelineState;
import com.fleetprovisioner.core.provisioning.PipelineStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this process in step with the shared pipeline state, once a second: a maintenance window the
 * connection heard about is published to every worker; a throttle or maintenance window another worker
 * published holds this process's client too; a connection stopped by an account problem is recorded
 * for admins and replaced once an admin resumes (a session opened after the resume that stops is a new
 * account problem and stops the pipeline again).
 */
final class PipelineWatch implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PipelineWatch.class);

    private final PipelineState pipeline;
    private final FleetFreedomConnection connection;
    private final Clock clock;

    PipelineWatch(PipelineState pipeline, FleetFreedomConnection connection, Clock clock) {
        this.pipeline = pipeline;
        this.connection = connection;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            Instant now = clock.instant();
            publishMaintenance(now);
            PipelineStatus status = pipeline.read();
            followSharedHold(status, now);
            followStop(status, now);
        } catch (RuntimeException e) {
            log.warn("pipeline watch failed; trying again shortly", e);
        }
    }

    private void publishMaintenance(Instant now) {
        Optional<PauseGate.Pause> pause = connection.pauseGate().current();
        if (pause.isPresent() && pause.get().kind() == PauseGate.Kind.MAINTENANCE && !now.isBefore(pause.get().from())) {
            pipeline.maintenanceUntil(pause.get().until(), now);
        }
    }

    private void followSharedHold(PipelineStatus status, Instant now) {
        Optional<Instant> until = status.heldUntil(now);
        if (until.isEmpty()) {
            return;
        }
        Optional<PauseGate.Pause> local = connection.pauseGate().current();
        if (local.isEmpty() || local.get().until().isBefore(until.get())) {
            // A maintenance hold only when the maintenance window is the one that ends last: a longer
            // throttle mirrored as maintenance would be published back as a longer maintenance window.
            PauseGate.Kind kind = status.maintenanceUntil().equals(until) ? PauseGate.Kind.MAINTENANCE
                    : PauseGate.Kind.THROTTLE;
            connection.pauseGate().pause(now, until.get(), kind, "shared hold: " + kind.name().toLowerCase(Locale.ROOT));
        }
    }

    private void followStop(PipelineStatus status, Instant now) {
        ConnectionStatus conn = connection.status();
        if (conn.state() != ConnectionState.STOPPED || status.stopped()) {
            return;
        }
        // Which came first, the session or the admin's resume? Not the moment the session stopped: under
        // load a session opened before the resume can report the stop (answers to commands sent before
        // it) only after the resume, and recording that old stop again would undo the resume.
        if (connection.sessionOpenedAt().isBefore(status.updatedAt())) {
            log.info("Pipeline resumed by an admin at {}; opening a fresh Fleet Freedom session", status.updatedAt());
            connection.replace();
        } else {
            pipeline.stop(0, conn.detail(), now);
        }
    }
}
