package com.fleetprovisioner.queue.reconcile;

import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * What JobRunr runs for {@link RunReconciliation} and {@link ScheduledReconciliation}. Lives beside the
 * requests so that the web process can enqueue without depending on the worker, which hands in its work.
 */
public final class RunReconciliationHandler implements JobRequestHandler<RunReconciliation> {
    /** The worker's side. */
    public interface Work {
        void run(long runId) throws InterruptedException;

        /** Creates a run of the account's own company (on the schedule) and runs it. */
        void runScheduled() throws InterruptedException;
    }

    private final Work work;

    public RunReconciliationHandler(Work work) {
        this.work = work;
    }

    @Override
    public void run(RunReconciliation request) throws InterruptedException {
        work.run(request.runId());
    }

    /** The recurring job's handler: the same work, for a run it creates itself. */
    public static final class Scheduled implements JobRequestHandler<ScheduledReconciliation> {
        private final Work work;

        public Scheduled(Work work) {
            this.work = work;
        }

        @Override
        public void run(ScheduledReconciliation request) throws InterruptedException {
            work.runScheduled();
        }
    }
}
