package com.fleetprovisioner.queue.provisioning;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * One JobRunr job for a part of a submitted batch: attempts at the batch's queued devices with ids in
 * {@code [fromId, toId]}, read from the device table a page at a time while the job runs. It carries ids
 * only; the device table says which devices still need an attempt.
 */
public record ProvisionBatchRange(long batchId, long fromId, long toId) implements JobRequest {
    @Override
    public Class<ProvisionBatchRangeHandler> getJobRequestHandler() {
        return ProvisionBatchRangeHandler.class;
    }
}
