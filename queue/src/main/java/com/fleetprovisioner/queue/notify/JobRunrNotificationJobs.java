package com.fleetprovisioner.queue.notify;

import com.fleetprovisioner.core.notify.NotificationJobs;
import com.fleetprovisioner.queue.JobStorage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jobrunr.scheduling.JobRequestScheduler;

/**
 * Schedules delivery attempts through JobRunr's public API. The job id comes from (delivery, attempt):
 * scheduling the same attempt again, from any process, leaves the existing job alone.
 */
public final class JobRunrNotificationJobs implements NotificationJobs {
    private final JobRequestScheduler scheduler;

    public JobRunrNotificationJobs(JobStorage jobs) {
        this.scheduler = new JobRequestScheduler(jobs.provider());
    }

    public static UUID jobId(long deliveryId, int attempt) {
        return UUID.nameUUIDFromBytes(("fleet-provisioner/notification/" + deliveryId + "/" + attempt)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void schedule(long deliveryId, int attempt, Instant at) {
        scheduler.schedule(jobId(deliveryId, attempt), at, new DeliverNotification(deliveryId, attempt));
    }
}
