package com.fleetprovisioner.queue.reconcile;

import org.jobrunr.jobs.lambdas.JobRequest;

/** The recurring job of the reconciliation schedule: carries nothing, the worker knows its account. */
public record ScheduledReconciliation() implements JobRequest {
    @Override
    public Class<RunReconciliationHandler.Scheduled> getJobRequestHandler() {
        return RunReconciliationHandler.Scheduled.class;
    }
}
