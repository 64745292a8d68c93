package com.fleetprovisioner.worker;

import com.fleetprovisioner.core.provisioning.DeviceRepository;
import com.fleetprovisioner.core.provisioning.ProvisioningService;
import com.fleetprovisioner.core.provisioning.ProvisioningService.Result;
import com.fleetprovisioner.queue.provisioning.ProvisionBatchRangeHandler;
import com.fleetprovisioner.queue.provisioning.ProvisionDevicesHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The JobRunr jobs: one attempt at each device of a {@code ProvisionDevices} request, one after the other,
 * or at each queued device of a {@code ProvisionBatchRange} (a part of a submitted batch).
 * Everything that makes a second run harmless lives in {@link ProvisioningService}. While every worker is
 * held (throttle, maintenance) the job waits here rather than going back to the queue: nobody may send
 * anyway, and the wait ends exactly when the window does. Longer holds and stops end the job; the
 * sweeper wakes the devices left over once sending may go on. When the process shuts down, a waiting
 * job ends at once and its devices are handed back.
 *
 * <p>Every log line of an attempt carries the device id in the MDC ({@code device}); the service adds
 * {@code provider} and {@code batch} once it holds the lease.
 */
public final class ProvisioningJob implements ProvisionDevicesHandler.Work, ProvisionBatchRangeHandler.Work {
    /** Holds longer than this release the worker thread instead of waiting. */
    static final Duration MAX_WAIT = Duration.ofMinutes(2);
    /** Devices of a range read per statement. */
    static final int PAGE = 32;
    /** Queued devices read from the top of the batch when a job whose range is done takes over one of them. */
    static final int TOP = 64;
    /** A held job wakes this long after the window ends, so that the window has surely ended. */
    private static final long AFTER_WINDOW_MILLIS = 5;
    /**
     * ...plus up to this much more, by device id, so that the jobs one throttle or maintenance window held
     * do not all lease and send in the same millisecond when it ends.
     */
    private static final long SPREAD_MILLIS = 50;

    private static final Logger log = LoggerFactory.getLogger(ProvisioningJob.class);

    private final ProvisioningService service;
    private final DeviceRepository devices;
    private final Clock clock;
    private final HandBack handBack;
    private final BooleanSupplier connectionStopped;
    private final ProvisionBatchRangeHandler.Sharing sharing;
    private final Duration shareEvery;

    /**
     * @param connectionStopped true while this process's Fleet Freedom session is stopped by an account
     *                          problem: between an admin's resume and the fresh session (up to a second,
     *                          see {@code PipelineWatch}) an attempt would only meet the old stop again and
     *                          stop the pipeline anew, so the job leaves its devices to the sweeper
     * @param sharing           offered the rest of a range every {@code shareEvery}: threads that stand idle
     *                          (a worker started after the submit) take part of it
     * @param shareEvery        how often a range job offers its rest (the worker's poll interval)
     */
    ProvisioningJob(ProvisioningService service, DeviceRepository devices, Clock clock, HandBack handBack,
            BooleanSupplier connectionStopped, ProvisionBatchRangeHandler.Sharing sharing, Duration shareEvery) {
        this.service = service;
        this.devices = devices;
        this.clock = clock;
        this.handBack = handBack;
        this.connectionStopped = connectionStopped;
        this.sharing = sharing;
        this.shareEvery = shareEvery;
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

    /**
     * A range of a submitted batch: its queued, due devices a page at a time, in id order, each attempted
     * as above, until the range has none left. The thread stays with the batch instead of going back to
     * JobRunr after every few devices. A device another job holds or already finished is skipped by its
     * lease, so two jobs over the same range (JobRunr is at-least-once) cost nothing but reads.
     *
     * <p>Every {@code shareEvery} the job offers the rest of its range to threads that stand idle, those of
     * a worker started after the submit or left without work ({@link ProvisionBatchRangeHandler.Sharing});
     * when two new jobs take the rest over, this one ends. When its own range is done it goes on with devices
     * from the far ends of the batch's other ranges ({@link #takeOverFarEnds}).
     */
    @Override
    public void provisionRange(long batchId, long fromId, long toId) throws InterruptedException {
        handBack.enter();
        try {
            long after = fromId - 1;
            long offerAt = System.nanoTime() + shareEvery.toNanos();
            for (List<Long> ids = devices.queuedInRange(batchId, after, toId, clock.instant(), PAGE); !ids.isEmpty();
                    ids = devices.queuedInRange(batchId, after, toId, clock.instant(), PAGE)) {
                for (long id : ids) {
                    MDC.put(ProvisioningService.MDC_DEVICE, Long.toString(id));
                    Next next = attempt(id);
                    if (next == Next.HAND_BACK) {
                        handBackRest(batchId, id, toId);
                    }
                    if (next != Next.GO_ON) {
                        return;
                    }
                    after = id;
                }
                if (System.nanoTime() - offerAt >= 0) {
                    ProvisioningService.clearMdc();
                    if (shared(batchId, after + 1, toId)) {
                        return;
                    }
                    offerAt = System.nanoTime() + shareEvery.toNanos();
                }
            }
            takeOverFarEnds(batchId);
        } finally {
            ProvisioningService.clearMdc();
            handBack.exit();
        }
    }

    /** True when new jobs took over the rest of the range; a failure to share leaves it with this job. */
    private boolean shared(long batchId, long fromId, long toId) {
        try {
            if (sharing.shareIfIdle(batchId, fromId, toId)) {
                log.debug("batch {}: devices {} to {} shared with idle job threads", batchId, fromId, toId);
                return true;
            }
        } catch (RuntimeException e) {
            log.warn("Could not share the rest of a range of batch {} (devices {} to {}); this job works it on",
                    batchId, fromId, toId, e);
        }
        return false;
    }

    /**
     * With its own range done, the job takes over queued devices of the batch from the far ends of the ranges
     * still being worked, one at a time, until none is left to take: the batch ends when the last device is
     * done, not when the slowest range's job gets through its own. Without this the threads whose ranges ended
     * first stood idle while a few ranges finished alone (up to 3 s of a 20 s batch). A device is picked at
     * random among the {@link #TOP} highest, so that the jobs doing the same seldom lease the same one; a
     * range's own job meets the taken ones as leases it does not get. Ends as well when the device it just
     * tried is still queued at the next read: that attempt took nothing, and the job leaves the device to its
     * range's job (or the sweeper) rather than try it again and again.
     */
    private void takeOverFarEnds(long batchId) throws InterruptedException {
        long tried = -1;
        for (List<Long> ids = devices.queuedFromTop(batchId, clock.instant(), TOP);
                !ids.isEmpty() && !ids.contains(tried); ids = devices.queuedFromTop(batchId, clock.instant(), TOP)) {
            tried = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
            MDC.put(ProvisioningService.MDC_DEVICE, Long.toString(tried));
            Next next = attempt(tried);
            if (next == Next.HAND_BACK) {
                handBack.add(tried);
            }
            if (next != Next.GO_ON) {
                return;
            }
        }
    }

    /** The device not attempted and the rest of its range, for the other workers (this one shuts down). */
    private void handBackRest(long batchId, long fromId, long toId) {
        handBack.add(fromId);
        Instant now = clock.instant();
        for (List<Long> ids = devices.queuedInRange(batchId, fromId, toId, now, 1000); !ids.isEmpty();
                ids = devices.queuedInRange(batchId, ids.get(ids.size() - 1), toId, now, 1000)) {
            ids.forEach(handBack::add);
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
            if (handBack.sleepUnlessDraining(Duration.ofMillis(Math.max(1, wait.toMillis()) + AFTER_WINDOW_MILLIS
                    + deviceId % SPREAD_MILLIS))) {
                return Next.HAND_BACK;
            }
        }
    }
}
