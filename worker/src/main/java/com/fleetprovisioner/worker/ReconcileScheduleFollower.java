package com.fleetprovisioner.worker;

import com.fleetprovisioner.core.reconcile.ReconcileJobs;
import com.fleetprovisioner.core.reconcile.ReconcileSchedule;
import com.fleetprovisioner.core.settings.SettingsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps JobRunr's recurring reconciliation job in step with the settings page: created, replaced or
 * deleted when the saved schedule differs from the one applied last (and once at start, so that a schedule
 * turned off while no worker ran is deleted too). Every worker may do it: the job id is fixed.
 */
final class ReconcileScheduleFollower implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ReconcileScheduleFollower.class);

    private final SettingsService settings;
    private final ReconcileJobs jobs;
    private ReconcileSchedule applied;

    ReconcileScheduleFollower(SettingsService settings, ReconcileJobs jobs) {
        this.settings = settings;
        this.jobs = jobs;
    }

    @Override
    public void run() {
        try {
            ReconcileSchedule wanted = settings.current().reconcileSchedule();
            if (wanted != applied) {
                jobs.schedule(wanted);
                log.info("Reconciliation schedule: {}", wanted.id());
                applied = wanted;
            }
        } catch (RuntimeException e) {
            log.warn("Could not apply the reconciliation schedule; trying again at the next check: {}", e.toString());
        }
    }
}
