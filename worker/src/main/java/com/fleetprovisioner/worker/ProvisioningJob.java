package com.fleetprovisioner.worker;

import com.fleetprovisioner.core.provisioning.ProvisioningService;
import com.fleetprovisioner.core.provisioning.ProvisioningService.Result;
import com.fleetprovisioner.db.queue.ProvisionDevicesHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.MDC;

/**
 * The JobRunr job: one attempt at each device of a {@code ProvisionDevices} request, one after the other.
 * Everything that makes a second run harmless lives in {@link ProvisioningService}. While every worker is
 * held (throttle, maintenance) the job waits here rather than going back to the queue: nobody may send
 * anyway, and the wait ends exactly when the window does. Longer holds and stops end the job; the
 * sweeper wakes the devices left over once sending may go on. When the process shuts down, a waiting
 * job ends at once and its devices are handed back.
 *
 * <p>Every log line of an attempt carries the device id in the MDC ({@code device}); the service adds
 * {@code provider} and {@code batch} once it holds the lease.
 */
public final class ProvisioningJob implements ProvisionDevicesHandler.Work {
    /** Holds longer than this release the worker thread instead of waiting. */
    static final Duration MAX_WAIT = Duration.ofMinutes(2);

    private final ProvisioningService service;
    private final Clock clock;
    private final HandBack handBack;
    private final BooleanSupplier connectionStopped;

    /**
     * @param connectionStopped true while this process's Fleet Freedom session is stopped by an account
     *                          problem: between an admin's resume and the fresh session (up to a second,
     *                          see {@code PipelineWatch}) an attempt would only meet the old stop again and
     *                          stop the pipeline anew, so the job leaves its devices to the sweeper
     */
    ProvisioningJob(ProvisioningService service, Clock clock, HandBack handBack, BooleanSupplier connectionStopped) {
        this.service = service;
        this.clock = clock;
        this.handBack = handBack;
        this.connectionStopped = connectionStopped;
    }

    @Override
    public void provision(List<Long> ids) throws InterruptedException {
        handBack.enter();
        try {
            for (int i = 0; i < ids.size(); i++) {
                MDC.put(ProvisioningService.MDC_DEVICE, ids.get(i).toString());
                Next next = attempt(ids.get(i));
                if (next == Next.HAND_BACK) {
                    ids.subList(i, ids.size()).forEach(handBack::add);
                }
                if (next != Next.GO_ON) {
                    return;
                }
            }
        } finally {
            ProvisioningService.clearMdc();
            handBack.exit();
        }
    }

    private enum Next { GO_ON, END, HAND_BACK }

    private Next attempt(long deviceId) throws InterruptedException {
        while (true) {
            if (connectionStopped.getAsBoolean()) {
                return Next.END;
            }
            Result result = service.process(deviceId);
            if (result instanceof Result.HandedBack) {
                return Next.HAND_BACK;
            }
            if (result instanceof Result.Stopped) {
                return Next.END;
            }
            if (!(result instanceof Result.HeldUntil held)) {
                return Next.GO_ON;
            }
            Duration wait = Duration.between(clock.instant(), held.until());
            if (wait.compareTo(MAX_WAIT) > 0) {
                return Next.END;
            }
            if (handBack.sleepUnlessDraining(Duration.ofMillis(Math.max(1, wait.toMillis()) + 5 + (deviceId % 50)))) {
                return Next.HAND_BACK;
            }
        }
    }
}
