package com.fleetprovisioner.core.provisioning;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.common.Transactions;
import com.fleetprovisioner.core.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.core.fleetfreedom.ErrorCode;
import com.fleetprovisioner.core.fleetfreedom.FleetFreedomApi;
import com.fleetprovisioner.core.fleetfreedom.NewProvider;
import com.fleetprovisioner.core.fleetfreedom.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    private final Transactions transactions;
    private final FleetFreedomApi fleetFreedom;
    private final ServerClock serverClock;
    private final SecretBox secrets;
    private final Supplier<RetryPolicy> retryPolicy;
    private final ProvisioningQueue queue;
    private final Clock clock;
    private final Duration lease;
    private final String worker;
    private volatile boolean draining;

    public ProvisioningService(DeviceRepository devices, PipelineState pipeline, Transactions transactions,
            FleetFreedomApi fleetFreedom, ServerClock serverClock, SecretBox secrets, RetryPolicy retry,
            ProvisioningQueue queue, Clock clock, Duration lease, String worker) {
        this(devices, pipeline, transactions, fleetFreedom, serverClock, secrets, () -> retry, queue, clock, lease,
                worker);
    }

    /** @param retry the policy in force at each attempt: an admin may change it while the worker runs */
    public ProvisioningService(DeviceRepository devices, PipelineState pipeline, Transactions transactions,
            FleetFreedomApi fleetFreedom, ServerClock serverClock, SecretBox secrets, Supplier<RetryPolicy> retry,
            ProvisioningQueue queue, Clock clock, Duration lease, String worker) {
        this.devices = devices;
        this.pipeline = pipeline;
        this.transactions = transactions;
        this.fleetFreedom = fleetFreedom;
        this.serverClock = serverClock;
        this.secrets = secrets;
        this.retryPolicy = retry;
        this.queue = queue;
        this.clock = clock;
        this.lease = lease;
        this.worker = worker;
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
        Optional<LeasedDevice> leased = transactions.inTransaction(() -> {
            Optional<LeasedDevice> d = devices.lease(deviceId, worker, now, now.plus(lease));
            d.ifPresent(x -> event(x, DeviceEvent.LEASE_TAKEN, null, "Attempt " + x.attempt() + " by " + worker));
            return d;
        });
        if (leased.isEmpty()) {
            log.debug("device {}: not due, terminal, paused or leased elsewhere; nothing to do", deviceId);
            return new Result.Done();
        }
        LeasedDevice device = leased.get();
        MDC.put(MDC_DEVICE, Long.toString(device.id()));
        MDC.put(MDC_PROVIDER, device.providerId());
        MDC.put(MDC_BATCH, Long.toString(device.batchId()));
        log.debug("attempt {} leased", device.attempt());
        return attempt(device);
    }

    /** Removes this class's MDC keys; the job calls it when the attempt ends. */
    public static void clearMdc() {
        MDC.remove(MDC_DEVICE);
        MDC.remove(MDC_PROVIDER);
        MDC.remove(MDC_BATCH);
    }

    private Result attempt(LeasedDevice device) {
        if (device.mustReconcile()) {
            CommandOutcome<Optional<Provider>> found = fleetFreedom.getProvider(device.providerId(), true).join();
            if (!(found instanceof CommandOutcome.Success<Optional<Provider>> success)) {
                return failed(device, found, device.outcomeUnknown(), "getProvider");
            }
            Optional<Provider> present = success.response();
            if (present.isPresent()) {
                return alreadyPresent(device, present.get());
            }
            event(device, DeviceEvent.RECONCILED, null, "Absent from Fleet Freedom");
        }
        if (device.batchCancelled()) {
            finish(device, DeviceUpdate.terminal(DeviceState.CANCELLED, null, "Batch cancelled before sending"),
                    DeviceEvent.CANCELLED, null, "Batch cancelled; never sent");
            return new Result.Done();
        }
        return send(device);
    }

    private Result alreadyPresent(LeasedDevice device, Provider provider) {
        boolean sameCompany = provider.company() != null && provider.company() == device.companyId();
        if (sameCompany && device.sentAt().isPresent()) {
            Instant billing = serverClock.toServerTime(device.sentAt().get());
            event(device, DeviceEvent.RECONCILED, null, "Present in Fleet Freedom: added by our earlier attempt sent at "
                    + device.sentAt().get());
            finish(device, DeviceUpdate.provisioned(Optional.empty(), billing), DeviceEvent.PROVISIONED, null,
                    "Provisioned (confirmed by reconcile); billing started " + billing + " (server clock)");
            return new Result.Done();
        }
        String reason = sameCompany
                ? "Already present in Fleet Freedom in company " + device.companyId()
                        + ", but not added by this tool: someone else added it. Check before doing anything."
                : "Already present in Fleet Freedom in company " + provider.company() + " (we were asked for company "
                        + device.companyId() + "). Not sent: moving it is a decision for a person.";
        event(device, DeviceEvent.RECONCILED, null, reason);
        finish(device, DeviceUpdate.terminal(DeviceState.NEEDS_REVIEW, null, reason), DeviceEvent.NEEDS_REVIEW,
                null, reason);
        return new Result.Done();
    }

    private Result send(LeasedDevice device) {
        if (draining) {
            finish(device, DeviceUpdate.notSent(clock.instant(), device.outcomeUnknown(), "Worker shutting down"),
                    DeviceEvent.RETRY_SCHEDULED, null, "Not sent: " + worker + " is shutting down; another worker takes it");
            log.info("handed back unsent: this worker is shutting down");
            return new Result.HandedBack();
        }
        Instant sentAt = clock.instant();
        boolean mine = transactions.inTransaction(() -> {
            boolean marked = devices.markSending(device.id(), worker, sentAt, sentAt.plus(lease));
            if (marked) {
                event(device, DeviceEvent.SENT, null, "mergeProvider sent");
            }
            return marked;
        });
        if (!mine) {
            log.warn("device {}: lease lost before sending; another worker owns it now", device.id());
            return new Result.Done();
        }
        var outcome = fleetFreedom.mergeProvider(newProvider(device)).join();
        Duration latency = outcome instanceof CommandOutcome.Success<?> s
                ? Duration.between(s.sentAt(), s.receivedAt()) : Duration.between(sentAt, clock.instant());
        if (outcome instanceof CommandOutcome.Success<?> s) {
            event(device, DeviceEvent.RESPONSE, 0, "mergeProvider succeeded", latency);
            finish(device, DeviceUpdate.provisioned(Optional.of(s.receivedAt()), s.serverTime()),
                    DeviceEvent.PROVISIONED, null, "Provisioned; billing started " + s.serverTime()
                            + " (server clock), sent " + s.sentAt() + ", answered " + s.receivedAt() + " (local)");
            return new Result.Done();
        }
        return failed(device, outcome, outcome instanceof CommandOutcome.UnknownOutcome<?>, "mergeProvider", latency);
    }

    private Result failed(LeasedDevice device, CommandOutcome<?> outcome, boolean outcomeUnknown, String command) {
        return failed(device, outcome, outcomeUnknown, command, null);
    }

    /** @param latency the mergeProvider round trip, recorded on its answer; null for getProvider */
    private Result failed(LeasedDevice device, CommandOutcome<?> outcome, boolean outcomeUnknown, String command,
            Duration latency) {
        Instant now = clock.instant();
        if (outcome instanceof CommandOutcome.Stop<?> stop) {
            pipeline.stop(stop.code().number(), stop.reason(), now);
            event(device, DeviceEvent.RESPONSE, stop.code().number(), command + ": " + stop.reason(), latency);
            finish(device, DeviceUpdate.heldByPipeline(outcomeUnknown, stop.code().number(), stop.reason()),
                    DeviceEvent.HELD, stop.code().number(), "Pipeline stopped; this device waits, it is not failed");
            return new Result.Stopped();
        }
        if (outcome instanceof CommandOutcome.Permanent<?> p) {
            event(device, DeviceEvent.RESPONSE, p.code().number(), command + ": " + p.reason(), latency);
            if (!outcomeUnknown) {
                finish(device, DeviceUpdate.terminal(DeviceState.FAILED, p.code().number(), p.reason()),
                        DeviceEvent.FAILED, p.code().number(), p.reason());
                return new Result.Done();
            }
            // a permanent answer to getProvider must not end a device that may already be billed
            return retryLater(device, true, p.code().number(), p.reason(), Optional.empty());
        }
        if (outcome instanceof CommandOutcome.Retryable<?> r && r.code() == ErrorCode.connectionLost) {
            // Fleet Freedom unreachable: the device waits (the sweeper brings it back), it is not failed
            // for our connection's trouble; /health shows the connection state.
            Instant at = now.plus(retryPolicy.get().delayAfter(1, Optional.empty()));
            finish(device, DeviceUpdate.notSent(at, outcomeUnknown, r.message()), DeviceEvent.RETRY_SCHEDULED,
                    null, command + " not sent (" + r.message() + "); next attempt at " + at);
            return new Result.Done();
        }
        if (outcome instanceof CommandOutcome.Retryable<?> r && r.code().isThrottle()) {
            // Fleet Freedom asked every sender to wait: the command was refused, not tried, so the device
            // keeps its attempt (a long throttling spell must not fail devices) and waits out the window.
            event(device, DeviceEvent.RESPONSE, r.code().number(), command + ": " + r.message(), latency);
            Instant until = now.plus(r.serverRequestedDelay().orElse(Duration.ofSeconds(1)));
            pipeline.throttleUntil(until, now);
            boolean ours = finish(device, DeviceUpdate.notSent(until, outcomeUnknown, "Throttled: " + r.message()),
                    DeviceEvent.RETRY_SCHEDULED, r.code().number(), "Throttled by Fleet Freedom; next attempt at " + until);
            if (ours) {
                queue.wake(List.of(device.id()));
            }
            return new Result.Done();
        }
        if (outcome instanceof CommandOutcome.Retryable<?> r) {
            event(device, DeviceEvent.RESPONSE, r.code().number(), command + ": " + r.message(), latency);
            return retryLater(device, outcomeUnknown, r.code().number(), r.message(), r.serverRequestedDelay());
        }
        String reason = ((CommandOutcome.UnknownOutcome<?>) outcome).reason();
        event(device, DeviceEvent.RESPONSE, null, command + ": outcome unknown (" + reason + ")");
        return retryLater(device, true, null, "Outcome unknown: " + reason, Optional.empty());
    }

    private Result retryLater(LeasedDevice device, boolean outcomeUnknown, Integer code, String message,
            Optional<Duration> serverDelay) {
        // an unknown outcome is never failed for running out of attempts: only a reconcile may end it
        RetryPolicy retry = retryPolicy.get();
        if (!outcomeUnknown && !retry.mayRetry(device.attempt())) {
            String reason = "Gave up after " + device.attempt() + " attempts. Last answer: " + message;
            finish(device, DeviceUpdate.terminal(DeviceState.FAILED, code, reason), DeviceEvent.FAILED, code, reason);
            return new Result.Done();
        }
        Instant at = clock.instant().plus(retry.delayAfter(device.attempt(), serverDelay));
        boolean ours = finish(device, DeviceUpdate.retry(at, outcomeUnknown, code, message),
                DeviceEvent.RETRY_SCHEDULED, code, "Next attempt at " + at);
        if (ours) {
            queue.enqueue(List.of(device.id()));
        }
        return new Result.Done();
    }

    private boolean finish(LeasedDevice device, DeviceUpdate update, String eventType, Integer code, String message) {
        return transactions.inTransaction(() -> {
            boolean ours = devices.finish(device.id(), worker, update, clock.instant());
            if (ours) {
                event(device, eventType, code, message);
                if (DeviceEvent.PROVISIONED.equals(eventType)) {
                    log.debug("{}: {}", eventType, message);
                } else {
                    log.info("{}{}: {}", eventType, code == null ? "" : " (code " + code + ")", message);
                }
            } else {
                log.warn("device {}: lease lost before recording '{}'", device.id(), message);
            }
            return ours;
        });
    }

    private void event(LeasedDevice device, String type, Integer code, String message) {
        event(device, type, code, message, null);
    }

    private void event(LeasedDevice device, String type, Integer code, String message, Duration latency) {
        DeviceEvent e = DeviceEvent.byWorker(device.id(), clock.instant(), type, device.attempt(), code, message, worker);
        devices.append(latency == null ? e : e.withLatency(latency));
    }

    private NewProvider newProvider(LeasedDevice d) {
        String password = d.passwordSecret().map(secrets::open).orElse(null);
        return new NewProvider(d.providerId(), d.kind(), d.companyId(), password, d.phoneNumber().orElse(null),
                d.configId().orElse(null), d.name().orElse(null));
    }
}
