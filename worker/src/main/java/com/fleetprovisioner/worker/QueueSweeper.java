package com.fleetprovisioner.worker;

import com.fleetprovisioner.core.provisioning.DeviceRepository;
import com.fleetprovisioner.core.provisioning.PipelineState;
import com.fleetprovisioner.core.provisioning.PipelineStatus;
import com.fleetprovisioner.core.provisioning.ProvisioningQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes devices that wait without a job: the process died between commit and enqueue, a stop or a long
 * hold ended the job that held them, a connection loss put them back without a job (see the README, "One
 * queue"). A device merely waiting its turn behind a large batch for longer than the grace gets a second
 * job too: harmless (the lease lets one attempt through, the other finds nothing to do) and bounded by the
 * sweep's limit. Every worker may sweep at once: wake-ups asked in the same second are one job.
 */
final class QueueSweeper implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(QueueSweeper.class);
    private static final int LIMIT = 1000;

    private final DeviceRepository devices;
    private final PipelineState pipeline;
    private final ProvisioningQueue queue;
    private final Clock clock;
    private final Duration grace;
    private final Supplier<Set<Long>> ranged;

    /**
     * @param grace  rows changed more recently than this are left to the job that changed them
     * @param ranged batches whose range jobs are waiting or running: their devices wait their turn in a
     *               job already (a 100,000-device batch keeps most of them waiting longer than the grace)
     */
    QueueSweeper(DeviceRepository devices, PipelineState pipeline, ProvisioningQueue queue, Clock clock, Duration grace,
            Supplier<Set<Long>> ranged) {
        this.ranged = ranged;
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
                log.debug("sweeper: sending is stopped or held");
                return;
            }
            List<Long> ids = devices.stranded(now, now.minus(grace), ranged.get(), LIMIT);
            if (!ids.isEmpty()) {
                log.debug("sweeper: {} devices waiting without a job woken", ids.size());
                queue.wake(ids);
            }
        } catch (RuntimeException e) {
            log.warn("sweep failed; trying again at the next one", e);
        }
    }
}
