package com.fleetprovisioner.queue.provisioning;

import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** What JobRunr runs for a {@link ProvisionBatchRange} job: the worker's {@link Work}, as for {@link ProvisionDevicesHandler}. */
public final class ProvisionBatchRangeHandler implements JobRequestHandler<ProvisionBatchRange> {
    /** The worker's side: one attempt at each queued device of the range, in id order. */
    @FunctionalInterface
    public interface Work {
        void provisionRange(long batchId, long fromId, long toId) throws InterruptedException;
    }

    /** Hands the rest of a running range to job threads that stand idle, in new range jobs. */
    @FunctionalInterface
    public interface Sharing {
        /** True when new jobs now hold the batch's devices {@code [fromId, toId]} and the caller ends its job. */
        boolean shareIfIdle(long batchId, long fromId, long toId);
    }

    private final Work work;

    public ProvisionBatchRangeHandler(Work work) {
        this.work = work;
    }

    @Override
    public void run(ProvisionBatchRange request) throws InterruptedException {
        work.provisionRange(request.batchId(), request.fromId(), request.toId());
    }
}
