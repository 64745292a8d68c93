package com.fleetprovisioner.db.queue;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.ProvisioningQueue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobDetails;
import org.jobrunr.jobs.JobParameter;
import org.jobrunr.jobs.states.EnqueuedState;
import org.jobrunr.jobs.states.ScheduledState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.StorageException;
import org.jobrunr.storage.StorageProvider;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enqueues one JobRunr job per device attempt, from any process (web included: it only writes to
 * JobRunr's tables, it runs nothing). The job id is derived from (device id, requeue generation,
 * attempt count), so enqueueing the same device twice is a no-op, a retry or a requeue after
 * {@code failed} gets a job of its own, and a job that already ended while its device still waits
 * (a paused batch resumed, a crash, a stopped pipeline) is brought back to life instead of duplicated.
 * Jobs carry the device id only.
 *
 * <p>The job is named by class name so that {@code db} need not depend on {@code worker}; a worker test
 * checks that {@link #JOB_CLASS} is the real class.
 */
public final class JobRunrProvisioningQueue implements ProvisioningQueue {
    public static final String JOB_CLASS = "com.fleetprovisioner.worker.ProvisioningJob";
    public static final String JOB_METHOD = "provision";
    private static final Logger log = LoggerFactory.getLogger(JobRunrProvisioningQueue.class);
    private static final int CHUNK = 500;
    private static final List<String> ACTIVE = List.of(DeviceState.QUEUED.id(), DeviceState.RETRYING.id(),
            DeviceState.SENDING.id());

    private final StorageProvider storage;
    private final DSLContext dsl;
    private final Clock clock;

    public JobRunrProvisioningQueue(JobStorage jobs, DSLContext dsl, Clock clock) {
        this.storage = jobs.provider();
        this.dsl = dsl;
        this.clock = clock;
    }

    public static UUID jobId(long deviceId, int generation, int attempts) {
        return UUID.nameUUIDFromBytes(("fleet-provisioner/device/" + deviceId + "/" + generation + "/" + attempts)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void enqueue(Collection<Long> deviceIds) {
        List<Long> ids = List.copyOf(deviceIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            enqueueChunk(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
        }
    }

    private void enqueueChunk(List<Long> ids) {
        Instant now = clock.instant();
        List<Job> jobs = new ArrayList<>();
        dsl.select(DEVICE.ID, DEVICE.REQUEUE_GENERATION, DEVICE.ATTEMPTS, DEVICE.NEXT_ATTEMPT_AT).from(DEVICE)
                // inlined: a generic plan cached while the table was small may read it whole (see JooqDeviceIntake)
                .where(DEVICE.ID.in(ids.stream().map(DSL::inline).toList())).and(DEVICE.STATE.in(ACTIVE))
                .forEach(r -> {
                    JobDetails details = new JobDetails(JOB_CLASS, null, JOB_METHOD,
                            List.of(new JobParameter(Long.class, r.value1())));
                    Instant at = r.value4();
                    var state = at != null && at.isAfter(now) ? new ScheduledState(at, "retry") : new EnqueuedState();
                    jobs.add(new Job(jobId(r.value1(), r.value2(), r.value3()), details, state));
                });
        if (jobs.isEmpty()) {
            return;
        }
        try {
            storage.save(jobs);
        } catch (StorageException someExist) {
            jobs.forEach(this::saveOrRevive);
        }
    }

    private void saveOrRevive(Job job) {
        try {
            storage.save(job);
        } catch (StorageException exists) {
            revive(job.getId());
        }
    }

    /** A job that ended while its device still needs one is enqueued again; a live one is left alone. */
    private void revive(UUID id) {
        try {
            Job existing = storage.getJobById(id);
            StateName state = existing.getState();
            if (state == StateName.SUCCEEDED || state == StateName.FAILED || state == StateName.DELETED) {
                existing.enqueue();
                storage.save(existing);
            }
        } catch (RuntimeException raced) {
            log.debug("job {} changed meanwhile; the sweeper will look again", id, raced);
        }
    }
}
