package com.fleetprovisioner.core.provisioning;

import java.util.Collection;

/**
 * The job queue the workers read; the device table stays the source of truth (state, lease, next
 * attempt), a job only says "look at these devices now". Called after the transaction that queued the
 * devices committed; a crash in between loses nothing, because the sweeper wakes devices left without a
 * job. Jobs carry device ids only.
 */
public interface ProvisioningQueue {
    /** Work for the devices as they are now: asking twice for the same state is one job. */
    void enqueue(Collection<Long> deviceIds);

    /**
     * Work for devices whose earlier job ended while they still wait and whose row did not change since
     * (a paused batch resumed, a stop lifted, a worker handing devices back): a new job each time.
     */
    void wake(Collection<Long> deviceIds);
}
