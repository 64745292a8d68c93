package com.fleetprovisioner.core.reconcile;

/** The job queue as a reconciliation sees it: a run is enqueued here and executed by a worker. */
public interface ReconcileJobs {
    void enqueue(long runId);

    /** The recurring job that starts a run on the schedule, replaced, or removed for {@code OFF}. */
    void schedule(ReconcileSchedule schedule);
}
