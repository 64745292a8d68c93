package com.fleetprovisioner.queue.provisioning;

import java.util.List;
import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * One JobRunr job: attempts at a few devices, by id, one after the other. It carries ids only (never a
 * row, never a secret); the device table says what each device needs when the job runs.
 */
public record ProvisionDevices(List<Long> deviceIds) implements JobRequest {
    public ProvisionDevices {
        deviceIds = List.copyOf(deviceIds);
    }

    @Override
    public Class<ProvisionDevicesHandler> getJobRequestHandler() {
        return ProvisionDevicesHandler.class;
    }
}
