package com.fleetprovisioner.core.provisioning;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.fleetfreedom.FleetFreedomApi;
import com.fleetprovisioner.fleetfreedom.NewProvider;
import com.fleetprovisioner.fleetfreedom.Provider;
import com.fleetprovisioner.fleetfreedom.Request;
import com.fleetprovisioner.core.provisioning.AttemptDecision.Decision;
import com.fleetprovisioner.core.provisioning.AttemptDecision.Facts;
import com.fleetprovisioner.core.provisioning.AttemptDecision.Found;
import com.fleetprovisioner.core.provisioning.AttemptDecision.Next;
import com.fleetprovisioner.core.provisioning.AttemptDecision.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One attempt at one device: lease, reconcile, add, record. The queue may run this twice for the same
 * device (JobRunr is at-least-once), so safety comes from here: the lease (one holder), the write-ahead
 * mark before every {@code mergeProvider} (a crash leads to a reconcile, not a resend), and the reconcile
 * itself ({@code getProvider} before the first add and after any unknown outcome).
 *
 * <p>Reconcile is per device ({@code getProvider}) rather than one company list per batch: a list is
 * stale the moment another worker or person adds something, it cannot answer for an unknown outcome
 * minutes later, and a company may hold more providers than we want to fetch for a 10-device batch.
 * One extra small command per device costs little next to a duplicate bill.
 */
public final class ProvisioningService {
    /** MDC keys on every log line of an attempt (the logback pattern and the JSON log show them). */
    public static final String MDC_DEVICE = "device";
    public static final String MDC_PROVIDER = "provider";
    public static final String MDC_BATCH = "batch";
    private static final Logger log = LoggerFactory.getLogger(ProvisioningService.class);

    /** What the caller (the job) does next. */
    public sealed interface Result {
        /** The attempt ran, or there was nothing to do (terminal, not due, leased elsewhere). */
        record Done() implements Result {
        }

        /** Sending is held (throttle, maintenance) until then: call again afterwards. */
        record HeldUntil(Instant until) implements Result {
        }

        /** Sending is stopped until an admin resumes; the sweeper brings the device back then. */
        record Stopped() implements Result {
        }

        /** This process is shutting down: the device was not sent and its lease is free for another worker. */
        record HandedBack() implements Result {
        }
    }

    private final DeviceRepository devices;
    private final PipelineState pipeline;
    private final FleetFreedomApi fleetFreedom;
    private final SecretBox secrets;
    private final Clock clock;
    private final Duration lease;
    private final String worker;
    private final AttemptRecorder record;
    private volatile boolean draining;

    /** @param retry the policy in force at each attempt: an admin may change it while the worker runs */
    public ProvisioningService(DeviceRepository devices, PipelineState pipeline, FleetFreedomApi fleetFreedom,
            ServerClock serverClock, SecretBox secrets, Supplier<RetryPolicy> retry,
            ProvisioningQueue queue, Clock clock, Duration lease, String worker) {
        this.devices = devices;
        this.pipeline = pipeline;
        this.fleetFreedom = fleetFreedom;
        this.secrets = secrets;
        this.clock = clock;
        this.lease = lease;
        this.worker = worker;
        this.record = new AttemptRecorder(devices, pipeline, serverClock, retry, queue, clock, worker);
    }

    /**
     * Graceful shutdown: from now on no device is leased or sent by this service; attempts already past
     * the write-ahead mark finish. A device leased but not yet sent is handed back (lease released).
     */
    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /** How this service's attempts ended since it was last asked (a timer logs it every minute). */
    public AttemptTally tally() {
        return record.tally();
    }

    public Result process(long deviceId) {
        if (draining) {
            return new Result.HandedBack();
        }
        Instant now = clock.instant();
        PipelineStatus status = pipeline.read();
        if (status.stopped()) {
            return new Result.Stopped();
        }
        Optional<Instant> held = status.heldUntil(now);
        if (held.isPresent()) {
            return new Result.HeldUntil(held.get());
        }
        Optional<LeasedDevice> leased = devices.lease(deviceId, worker, now, now.plus(lease));
        if (leased.isEmpty()) {
            log.debug("device {}: not due, terminal, paused or leased elsewhere; nothing to do", deviceId);
            return new Result.Done();
        }
        LeasedDevice device = leased.get();
        MDC.put(MDC_DEVICE, Long.toString(device.id()));
        MDC.put(MDC_PROVIDER, device.providerId());
        MDC.put(MDC_BATCH, Long.toString(device.batchId()));
        log.debug("attempt {} leased", device.attempt());
        record.event(device, DeviceEvent.Type.LEASE_TAKEN, null, Text.of("event.text.leased", device.attempt(), worker));
        try {
            return attempt(device, now.plus(lease));
        } finally {
            record.ended(device.id());
        }
    }

    /** Removes this class's MDC keys; the job calls it when the attempt ends. */
    public static void clearMdc() {
        MDC.remove(MDC_DEVICE);
        MDC.remove(MDC_PROVIDER);
        MDC.remove(MDC_BATCH);
    }

    private Result attempt(LeasedDevice device, Instant leaseUntil) {
        if (device.mustReconcile()) {
            CommandOutcome<Optional<Provider>> found = fleetFreedom.execute(Request.getProvider(device.providerId(), true)
                    .settledBy(LeaseFence.settleBy(leaseUntil))).join();
            Optional<Provider> present = found instanceof CommandOutcome.Success<Optional<Provider>> s
                    ? s.response() : Optional.empty();
            Found where = !found.isSuccess() ? Found.NO_ANSWER
                    : present.map(p -> AttemptRecorder.sameCompany(p, device) ? Found.SAME_COMPANY : Found.OTHER_COMPANY)
                            .orElse(Found.ABSENT);
            Decision decision = AttemptDecision.decide(new Facts(Step.RECONCILE, found.kind(), where,
                    device.sentAt().isPresent(), device.outcomeUnknown(), record.mayRetry(device)));
            if (decision.next() != Next.SEND) {
                return record.carryOut(device, decision, found, present, Step.RECONCILE, null);
            }
            record.event(device, DeviceEvent.Type.RECONCILED, null, Text.of("event.text.absent"));
        }
        if (device.batchCancelled()) {
            record.finish(device, DeviceUpdate.terminal(DeviceState.CANCELLED, null, Text.of("event.text.cancelledUnsent")),
                    DeviceEvent.Type.CANCELLED, null, Text.of("event.text.cancelledUnsent"));
            return new Result.Done();
        }
        return send(device);
    }

    private Result send(LeasedDevice device) {
        if (draining) {
            record.finish(device, DeviceUpdate.notSent(clock.instant(), device.outcomeUnknown(), false,
                    Text.of("event.text.handedBack", worker)),
                    DeviceEvent.Type.RETRY_SCHEDULED, null, Text.of("event.text.handedBack", worker));
            log.info("handed back unsent: this worker is shutting down");
            return new Result.HandedBack();
        }
        Instant sentAt = clock.instant();
        Instant leaseUntil = sentAt.plus(lease);
        boolean mine = devices.markSending(device.id(), worker, sentAt, leaseUntil, record.noted(device),
                record.newEvent(device, DeviceEvent.Type.SENT, null, Text.of("event.text.sent", "mergeProvider"), null));
        if (!mine) {
            log.warn("device {}: lease lost before sending; another worker owns it now", device.id());
            return new Result.Done();
        }
        // fenced: written only while this lease holds with room for the answer, else NotSent
        var outcome = fleetFreedom.execute(Request.mergeProvider(newProvider(device))
                .settledBy(LeaseFence.settleBy(leaseUntil))).join();
        Duration latency = outcome instanceof CommandOutcome.Success<?> s
                ? Duration.between(s.sentAt(), s.receivedAt()) : Duration.between(sentAt, clock.instant());
        Decision decision = AttemptDecision.decide(new Facts(Step.MERGE, outcome.kind(), Found.NO_ANSWER, true,
                device.outcomeUnknown(), record.mayRetry(device)));
        return record.carryOut(device, decision, outcome, Optional.empty(), Step.MERGE, latency);
    }

    private NewProvider newProvider(LeasedDevice d) {
        String password = d.passwordSecret().map(secrets::open).orElse(null);
        return new NewProvider(d.providerId(), d.kind(), d.companyId(), password, d.phoneNumber().orElse(null),
                d.configId().orElse(null), d.name().orElse(null));
    }
}
