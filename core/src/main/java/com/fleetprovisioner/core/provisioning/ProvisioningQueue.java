package com.fleetprovisioner.core.provisioning;

import java.util.Collection;

/**
 * The job queue the workers read. Called after the transaction that queued the devices committed;
 * a crash in between loses nothing, because the sweeper enqueues queued devices without a live job.
 * Jobs carry the device id only.
 */
public interface ProvisioningQueue {
    void enqueue(Collection<Long> deviceIds);
}
