package com.fleetprovisioner.queue.notify;

import org.jobrunr.jobs.lambdas.JobRequest;

/** One attempt at one delivery: ids only, never the recipient, the payload or a secret. */
public record DeliverNotification(long deliveryId, int attempt) implements JobRequest {
    @Override
    public Class<DeliveryJobHandler> getJobRequestHandler() {
        return DeliveryJobHandler.class;
    }
}
