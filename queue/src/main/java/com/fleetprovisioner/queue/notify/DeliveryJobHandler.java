package com.fleetprovisioner.queue.notify;

import com.fleetprovisioner.core.notify.NotificationService;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * Runs a delivery attempt on the worker. It never throws for a failed delivery: the service records the
 * failure and schedules the next attempt itself, with the configured backoff, so JobRunr's own retries
 * (on a fixed policy) do not stack on ours. Lives in {@code db} beside the request that names it, so that
 * the web process can schedule deliveries without depending on the worker.
 */
public final class DeliveryJobHandler implements JobRequestHandler<DeliverNotification> {
    private final NotificationService service;

    public DeliveryJobHandler(NotificationService service) {
        this.service = service;
    }

    @Override
    public void run(DeliverNotification request) {
        service.deliver(request.deliveryId(), request.attempt());
    }
}
