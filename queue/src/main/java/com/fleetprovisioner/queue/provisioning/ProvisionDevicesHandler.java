package com.fleetprovisioner.queue.provisioning;

import java.util.List;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * What JobRunr runs for a {@link ProvisionDevices} job. It lives here, next to the request, so that the
 * web process can enqueue without depending on the worker; JobRunr wants a concrete handler class, so
 * this one hands the ids to the worker's {@link Work}, given when the worker builds its job server.
 */
public final class ProvisionDevicesHandler implements JobRequestHandler<ProvisionDevices> {
    /** The worker's side: one attempt at each device, in order. */
    @FunctionalInterface
    public interface Work {
        void provision(List<Long> deviceIds) throws InterruptedException;
    }

    private final Work work;

    public ProvisionDevicesHandler(Work work) {
        this.work = work;
    }

    @Override
    public void run(ProvisionDevices request) throws InterruptedException {
        work.provision(request.deviceIds());
    }
}
