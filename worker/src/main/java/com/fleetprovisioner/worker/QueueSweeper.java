package com.fleetprovisioner.worker;

import com.fleetprovisioner.core.provisioning.DeviceRepository;
import com.fleetprovisioner.core.provisioning.PipelineState;
import com.fleetprovisioner.core.provisioning.PipelineStatus;
import com.fleetprovisioner.core.provisioning.ProvisioningQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds devices that wait without a live job — the process died between commit and enqueue, a worker
 * died holding the lease, a paused batch or stopped pipeline was resumed — and enqueues them. Enqueueing
 * is idempotent (derived job ids), so every worker may sweep at once.
 */
final class QueueSweeper implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(QueueSweeper.class);
    private static final int LIMIT = 1000;

    private final DeviceRepository devices;
    private final PipelineState pipeline;
    private final ProvisioningQueue queue;
    private final Clock clock;
    private final Duration grace;

    /** @param grace rows changed more recently than this are left to the job that changed them */
    QueueSweeper(DeviceRepository devices, PipelineState pipeline, ProvisioningQueue queue, Clock clock, Duration grace) {
        this.devices = devices;
        this.pipeline = pipeline;
        this.queue = queue;
        this.clock = clock;
        this.grace = grace;
    }

    @Override
    public void run() {
        try {
            Instant now = clock.instant();
            PipelineStatus status = pipeline.read();
            if (status.stopped() || status.heldUntil(now).isPresent()) {
                return;
            }
            List<Long> ids = devices.stranded(now, now.minus(grace), LIMIT);
            if (!ids.isEmpty()) {
                log.debug("sweeper: {} waiting devices checked for a live job", ids.size());
                queue.enqueue(ids);
            }
        } catch (RuntimeException e) {
            log.warn("sweep failed; trying again at the next one", e);
        }
    }
}
