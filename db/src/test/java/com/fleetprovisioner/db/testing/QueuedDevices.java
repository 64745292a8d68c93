package com.fleetprovisioner.db.testing;

import com.fleetprovisioner.db.queue.JobStorage;
import com.fleetprovisioner.db.queue.ProvisionDevices;
import java.util.List;
import org.jobrunr.jobs.JobParameter;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.navigation.AmountRequest;

/** The device ids carried by JobRunr's provisioning jobs in a state, read from its real storage. */
public final class QueuedDevices {
    private QueuedDevices() {
    }

    /** Every device id of every job in {@code state}, once per job that carries it (duplicates kept). */
    public static List<Long> in(JobStorage jobs, StateName state) {
        return jobs.provider().getJobList(state, new AmountRequest("updatedAt:ASC", 100_000)).stream()
                .flatMap(job -> job.getJobDetails().getJobParameters().stream())
                .map(JobParameter::getObject)
                .filter(ProvisionDevices.class::isInstance)
                .flatMap(r -> ((ProvisionDevices) r).deviceIds().stream())
                .toList();
    }
}
