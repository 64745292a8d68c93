package com.fleetprovisioner.queue.reconcile;

import com.fleetprovisioner.core.reconcile.ReconcileJobs;
import com.fleetprovisioner.core.reconcile.ReconcileSchedule;
import com.fleetprovisioner.queue.JobStorage;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jobrunr.scheduling.JobBuilder;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.scheduling.RecurringJobBuilder;

/**
 * Reconciliation jobs through JobRunr's public API: a run's job id comes from the run id (enqueueing it
 * twice is a no-op); the schedule is one recurring job with a fixed id, replaced or deleted.
 */
public final class JobRunrReconcileJobs implements ReconcileJobs {
    /** The recurring job's id in JobRunr. */
    public static final String RECURRING_ID = "fleet-provisioner-reconciliation";

    private final JobRequestScheduler scheduler;
    private final Runnable created;

    public JobRunrReconcileJobs(JobStorage jobs) {
        this(jobs, () -> { });
    }

    /** @param created told after a job was created: a worker in the same JVM looks for it at once */
    public JobRunrReconcileJobs(JobStorage jobs, Runnable created) {
        this.scheduler = new JobRequestScheduler(jobs.provider());
        this.created = created;
    }

    public static UUID jobId(long runId) {
        return UUID.nameUUIDFromBytes(("fleet-provisioner/reconciliation/" + runId).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void enqueue(long runId) {
        scheduler.create(JobBuilder.aJob().withId(jobId(runId)).withName("Reconciliation " + runId)
                .withAmountOfRetries(2).withJobRequest(new RunReconciliation(runId)));
        try {
            created.run();
        } catch (RuntimeException e) {
            // the next poll finds the job anyway
        }
    }

    @Override
    public void schedule(ReconcileSchedule schedule) {
        if (schedule.cron().isEmpty()) {
            scheduler.deleteRecurringJob(RECURRING_ID);
            return;
        }
        scheduler.createRecurrently(RecurringJobBuilder.aRecurringJob().withId(RECURRING_ID)
                .withName("Reconciliation on schedule (" + schedule.id() + ")").withCron(schedule.cron().get())
                .withAmountOfRetries(0).withJobRequest(new ScheduledReconciliation()));
    }
}
