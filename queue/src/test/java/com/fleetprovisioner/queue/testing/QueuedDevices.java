package com.fleetprovisioner.queue.testing;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.queue.provisioning.ProvisionBatchRange;
import com.fleetprovisioner.queue.provisioning.ProvisionDevices;
import java.util.List;
import java.util.stream.Stream;
import org.jobrunr.jobs.JobParameter;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.navigation.AmountRequest;

/** The device ids carried by JobRunr's provisioning jobs in a state, read from its real storage. */
public final class QueuedDevices {
    private QueuedDevices() {
    }

    /** Every device id of every job in {@code state}, once per job that carries it (duplicates kept). */
    public static List<Long> in(JobStorage jobs, StateName state) {
        return requests(jobs, state)
                .filter(ProvisionDevices.class::isInstance)
                .flatMap(r -> ((ProvisionDevices) r).deviceIds().stream())
                .toList();
    }

    /**
     * As {@link #in(JobStorage, StateName)}, with the devices of range jobs ({@link ProvisionBatchRange}) too:
     * those of the job's batch with ids in its range, read from the device table.
     */
    public static List<Long> in(JobStorage jobs, Database db, StateName state) {
        return requests(jobs, state).flatMap(r -> {
            if (r instanceof ProvisionDevices devices) {
                return devices.deviceIds().stream();
            }
            if (r instanceof ProvisionBatchRange range) {
                return DatabaseFixture.dsl(db).select(DEVICE.ID).from(DEVICE).where(DEVICE.BATCH_ID.eq(range.batchId()))
                        .and(DEVICE.ID.between(range.fromId(), range.toId())).fetch(DEVICE.ID).stream();
            }
            return Stream.empty();
        }).toList();
    }

    /** The range jobs in {@code state}. */
    public static List<ProvisionBatchRange> ranges(JobStorage jobs, StateName state) {
        return requests(jobs, state).filter(ProvisionBatchRange.class::isInstance).map(ProvisionBatchRange.class::cast)
                .toList();
    }

    private static Stream<Object> requests(JobStorage jobs, StateName state) {
        return jobs.provider().getJobList(state, new AmountRequest("updatedAt:ASC", 100_000)).stream()
                .flatMap(job -> job.getJobDetails().getJobParameters().stream())
                .map(JobParameter::getObject);
    }
}
