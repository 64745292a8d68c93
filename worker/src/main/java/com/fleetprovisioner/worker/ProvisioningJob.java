package com.fleetprovisioner.worker;

import com.fleetprovisioner.core.provisioning.ProvisioningService;
import com.fleetprovisioner.core.provisioning.ProvisioningService.Result;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.MDC;

/**
 * The JobRunr job: one attempt at one device, by id. Everything that makes a second run harmless lives in
 * {@link ProvisioningService}. While every worker is held (throttle, maintenance) the job waits here
 * rather than going back to the queue: nobody may send anyway, and the wait ends exactly when the
 * window does. Longer holds end the job; the sweeper brings the device back. When the process shuts
 * down, a waiting job ends at once and its device is handed back.
 *
 * <p>Every log line of the attempt carries the device id in the MDC ({@code device}); the service adds
 * {@code provider} and {@code batch} once it holds the lease.
 */
public final class ProvisioningJob {
    /** Holds longer than this release the worker thread instead of waiting. */
    static final Duration MAX_WAIT = Duration.ofMinutes(2);

    private final ProvisioningService service;
    private final Clock clock;
    private final HandBack handBack;

    public ProvisioningJob(ProvisioningService service, Clock clock) {
        this(service, clock, new HandBack());
    }

    ProvisioningJob(ProvisioningService service, Clock clock, HandBack handBack) {
        this.service = service;
        this.clock = clock;
        this.handBack = handBack;
    }

    /** Called by JobRunr (see {@code JobRunrProvisioningQueue.JOB_CLASS} / {@code JOB_METHOD}). */
    public void provision(Long deviceId) throws InterruptedException {
        handBack.enter();
        MDC.put(ProvisioningService.MDC_DEVICE, deviceId.toString());
        try {
            attempt(deviceId);
        } finally {
            ProvisioningService.clearMdc();
            handBack.exit();
        }
    }

    private void attempt(long deviceId) throws InterruptedException {
        while (true) {
            Result result = service.process(deviceId);
            if (result instanceof Result.HandedBack) {
                handBack.add(deviceId);
                return;
            }
            if (!(result instanceof Result.HeldUntil held)) {
                return;
            }
            Duration wait = Duration.between(clock.instant(), held.until());
            if (wait.compareTo(MAX_WAIT) > 0) {
                return;
            }
            if (handBack.sleepUnlessDraining(Duration.ofMillis(Math.max(1, wait.toMillis()) + 5 + (deviceId % 50)))) {
                handBack.add(deviceId);
                return;
            }
        }
    }
}
