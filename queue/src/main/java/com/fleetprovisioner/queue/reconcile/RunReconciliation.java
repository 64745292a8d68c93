package com.fleetprovisioner.queue.reconcile;

import org.jobrunr.jobs.lambdas.JobRequest;

/** One reconciliation run, executed by a worker: its id only. */
public record RunReconciliation(long runId) implements JobRequest {
    @Override
    public Class<RunReconciliationHandler> getJobRequestHandler() {
        return RunReconciliationHandler.class;
    }
}
