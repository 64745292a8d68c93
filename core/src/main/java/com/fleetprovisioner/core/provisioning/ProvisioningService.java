package com.fleetprovisioner.core.provisioning;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.common.Transactions;
import com.fleetprovisioner.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.fleetfreedom.ErrorCode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Events of the attempts running now, by device (one attempt per device: the lease). */
    private final Map<Long, List<DeviceEvent>> pending = new ConcurrentHashMap<>();
    private volatile boolean draining;

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
        Optional<LeasedDevice> leased = transactions.inTransaction(() -> devices.lease(deviceId, worker, now, now.plus(lease)));
        if (leased.isEmpty()) {
            log.debug("device {}: not due, terminal, paused or leased elsewhere; nothing to do", deviceId);
            return new Result.Done();
        }
        LeasedDevice device = leased.get();
        MDC.put(MDC_DEVICE, Long.toString(device.id()));
        MDC.put(MDC_PROVIDER, device.providerId());
        MDC.put(MDC_BATCH, Long.toString(device.batchId()));
        log.debug("attempt {} leased", device.attempt());
        event(device, DeviceEvent.Type.LEASE_TAKEN, null, Text.of("event.text.leased", device.attempt(), worker));
        try {
            return attempt(device, now.plus(lease));
        } finally {
            List<DeviceEvent> left = pending.remove(device.id());
            if (left != null && !left.isEmpty()) {
                appendQuietly(left);
            }
        }
    }

    /** An attempt that ended without its last write (an error): its events so far, if the database lets us. */
    private void appendQuietly(List<DeviceEvent> events) {
        try {
            devices.append(events);
        } catch (RuntimeException e) {
            log.warn("could not record {} event(s) of an attempt that failed", events.size(), e);
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
                    : present.map(p -> sameCompany(p, device) ? Found.SAME_COMPANY : Found.OTHER_COMPANY)
                            .orElse(Found.ABSENT);
            Decision decision = AttemptDecision.decide(new Facts(Step.RECONCILE, found.kind(), where,
                    device.sentAt().isPresent(), device.outcomeUnknown(), mayRetry(device)));
            if (decision.next() != Next.SEND) {
                return carryOut(device, decision, found, present, Step.RECONCILE, null);
            }
            event(device, DeviceEvent.Type.RECONCILED, null, Text.of("event.text.absent"));
        }
        if (device.batchCancelled()) {
            finish(device, DeviceUpdate.terminal(DeviceState.CANCELLED, null, "Batch cancelled before sending"),
                    DeviceEvent.Type.CANCELLED, null, Text.of("event.text.cancelledUnsent"));
            return new Result.Done();
        }
        return send(device);
    }

    private Result send(LeasedDevice device) {
        if (draining) {
            finish(device, DeviceUpdate.notSent(clock.instant(), device.outcomeUnknown(), false, "Worker shutting down"),
                    DeviceEvent.Type.RETRY_SCHEDULED, null, Text.of("event.text.handedBack", worker));
            log.info("handed back unsent: this worker is shutting down");
            return new Result.HandedBack();
        }
        Instant sentAt = clock.instant();
        Instant leaseUntil = sentAt.plus(lease);
        boolean mine = transactions.inTransaction(() -> devices.markSending(device.id(), worker, sentAt, leaseUntil,
                noted(device), newEvent(device, DeviceEvent.Type.SENT, null, Text.of("event.text.sent", "mergeProvider"),
                        null)));
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
                device.outcomeUnknown(), mayRetry(device)));
        return carryOut(device, decision, outcome, Optional.empty(), Step.MERGE, latency);
    }

    /**
     * Records what {@link AttemptDecision} decided.
     *
     * @param present what getProvider found, when it found the device
     * @param latency the mergeProvider round trip, else null
     */
    private Result carryOut(LeasedDevice device, Decision decision, CommandOutcome<?> outcome,
            Optional<Provider> present, Step step, Duration latency) {
        String command = step == Step.MERGE ? "mergeProvider" : "getProvider";
        Integer code = outcome.errorCode().map(ErrorCode::number).orElse(null);
        if (outcome.kind() == CommandOutcome.Kind.SUCCESS && present.isEmpty()) {
            event(device, DeviceEvent.Type.RESPONSE, 0, Text.of("event.text.succeeded", command), latency);
        } else if (outcome.kind() == CommandOutcome.Kind.UNKNOWN) {
            event(device, DeviceEvent.Type.RESPONSE, null, Text.of("event.text.unknown", command, outcome.describe()), latency);
        } else if (outcome.kind() != CommandOutcome.Kind.SUCCESS && outcome.kind() != CommandOutcome.Kind.NOT_SENT) {
            event(device, DeviceEvent.Type.RESPONSE, code, Text.of("event.text.answer", command, outcome.describe()), latency);
        }
        Instant now = clock.instant();
        return switch (decision.next()) {
            case SEND -> throw new IllegalStateException("SEND is carried out by attempt()");
            case PROVISIONED -> present.isPresent() ? confirmedByReconcile(device) : provisioned(device, outcome);
            case NEEDS_REVIEW -> needsReview(device, present.orElseThrow());
            case FAILED -> failed(device, outcome, code);
            case RETRY -> retryLater(device, decision.outcomeUnknown(), code, outcome);
            case THROTTLED -> throttled(device, decision.outcomeUnknown(), code, outcome, now);
            case NOT_SENT -> notSent(device, decision.outcomeUnknown(), step, outcome, now);
            case HELD -> held(device, decision.outcomeUnknown(), (CommandOutcome.Stop<?>) outcome, now);
        };
    }

    private Result provisioned(LeasedDevice device, CommandOutcome<?> outcome) {
        var s = (CommandOutcome.Success<?>) outcome;
        finish(device, DeviceUpdate.provisioned(Optional.of(s.receivedAt()), s.serverTime()),
                DeviceEvent.Type.PROVISIONED, null,
                Text.of("event.text.provisioned", s.serverTime(), s.sentAt(), s.receivedAt()));
        return new Result.Done();
    }

    private Result confirmedByReconcile(LeasedDevice device) {
        Instant sentAt = device.sentAt().orElseThrow();
        Instant billing = serverClock.toServerTime(sentAt);
        event(device, DeviceEvent.Type.RECONCILED, null, Text.of("event.text.presentOurs", sentAt));
        finish(device, DeviceUpdate.provisioned(Optional.empty(), billing), DeviceEvent.Type.PROVISIONED, null,
                Text.of("event.text.confirmed", billing));
        return new Result.Done();
    }

    private Result needsReview(LeasedDevice device, Provider provider) {
        String reason = sameCompany(provider, device)
                ? "Already present in Fleet Freedom in company " + device.companyId()
                        + ", but not added by this tool: someone else added it. Check before doing anything."
                : "Already present in Fleet Freedom in company " + provider.company() + " (we were asked for company "
                        + device.companyId() + "). Not sent: moving it is a decision for a person.";
        Text text = sameCompany(provider, device) ? Text.of("event.text.presentNotOurs", device.companyId())
                : Text.of("event.text.presentElsewhere", provider.company(), device.companyId());
        event(device, DeviceEvent.Type.RECONCILED, null, text);
        finish(device, DeviceUpdate.terminal(DeviceState.NEEDS_REVIEW, null, reason), DeviceEvent.Type.NEEDS_REVIEW,
                null, text);
        return new Result.Done();
    }

    private Result failed(LeasedDevice device, CommandOutcome<?> outcome, Integer code) {
        String reason = outcome.kind() == CommandOutcome.Kind.PERMANENT ? outcome.describe()
                : "Gave up after " + device.attempt() + " attempts. Last answer: " + outcome.describe();
        Text text = outcome.kind() == CommandOutcome.Kind.PERMANENT ? Text.of("event.text.refused", outcome.describe())
                : Text.of("event.text.gaveUp", device.attempt(), outcome.describe());
        finish(device, DeviceUpdate.terminal(DeviceState.FAILED, code, reason), DeviceEvent.Type.FAILED, code, text);
        return new Result.Done();
    }

    private Result retryLater(LeasedDevice device, boolean outcomeUnknown, Integer code, CommandOutcome<?> outcome) {
        Optional<Duration> serverDelay = outcome instanceof CommandOutcome.Retryable<?> r
                ? r.serverRequestedDelay() : Optional.empty();
        String message = outcome.kind() == CommandOutcome.Kind.UNKNOWN
                ? "Outcome unknown: " + outcome.describe() : outcome.describe();
        Instant at = clock.instant().plus(retryPolicy.get().delayAfter(device.attempt(), serverDelay));
        boolean ours = finish(device, DeviceUpdate.retry(at, outcomeUnknown, code, message),
                DeviceEvent.Type.RETRY_SCHEDULED, code, Text.of("event.text.retry", at));
        if (ours) {
            queue.enqueue(List.of(device.id()));
        }
        return new Result.Done();
    }

    /**
     * Fleet Freedom asked every sender to wait: the command was refused, not tried, so the device keeps its
     * attempt (a long throttling spell must not fail devices) and waits out the window.
     */
    private Result throttled(LeasedDevice device, boolean outcomeUnknown, Integer code, CommandOutcome<?> outcome,
            Instant now) {
        Optional<Duration> delay = outcome instanceof CommandOutcome.Retryable<?> r
                ? r.serverRequestedDelay() : Optional.empty();
        Instant until = now.plus(delay.orElse(Duration.ofSeconds(1)));
        pipeline.throttleUntil(until, now);
        boolean ours = finish(device, DeviceUpdate.throttled(until, outcomeUnknown, code, "Throttled: " + outcome.describe()),
                DeviceEvent.Type.RETRY_SCHEDULED, code, Text.of("event.text.throttled", until));
        if (ours) {
            queue.wake(List.of(device.id())); // the attempt was given back: a fresh job, not the running one's id
        }
        return new Result.Done();
    }

    /**
     * Never written (no connection, or its deadline passed while it waited): the device waits (the sweeper
     * brings it back), it is not failed for our connection's trouble; /health shows the connection state.
     */
    private Result notSent(LeasedDevice device, boolean outcomeUnknown, Step step, CommandOutcome<?> outcome,
            Instant now) {
        Instant at = now.plus(retryPolicy.get().delayAfter(1, Optional.empty()));
        finish(device, DeviceUpdate.notSent(at, outcomeUnknown, step == Step.MERGE, outcome.describe()),
                DeviceEvent.Type.RETRY_SCHEDULED, null, Text.of("event.text.notSent",
                        step == Step.MERGE ? "mergeProvider" : "getProvider", outcome.describe(), at));
        return new Result.Done();
    }

    private Result held(LeasedDevice device, boolean outcomeUnknown, CommandOutcome.Stop<?> stop, Instant now) {
        pipeline.stop(stop.code().number(), stop.reason(), now);
        finish(device, DeviceUpdate.heldByPipeline(outcomeUnknown, stop.code().number(), stop.reason()),
                DeviceEvent.Type.HELD, stop.code().number(), Text.of("event.text.held"));
        return new Result.Stopped();
    }

    private boolean mayRetry(LeasedDevice device) {
        return retryPolicy.get().mayRetry(device.attempt());
    }

    private static boolean sameCompany(Provider provider, LeasedDevice device) {
        return provider.company() != null && provider.company() == device.companyId();
    }

    private boolean finish(LeasedDevice device, DeviceUpdate update, DeviceEvent.Type eventType, Integer code, Text message) {
        return transactions.inTransaction(() -> {
            boolean ours = devices.finish(device.id(), worker, update, clock.instant(), noted(device),
                    newEvent(device, eventType, code, message, null));
            if (ours) {
                if (eventType == DeviceEvent.Type.PROVISIONED) {
                    log.debug("{}: {}", eventType.id(), message);
                } else {
                    log.info("{}{}: {}", eventType.id(), code == null ? "" : " (code " + code + ")", message);
                }
            } else {
                log.warn("device {}: lease lost before recording '{}'", device.id(), message);
            }
            return ours;
        });
    }

    private void event(LeasedDevice device, DeviceEvent.Type type, Integer code, Text message) {
        event(device, type, code, message, null);
    }

    /**
     * Noted with the time it happened, written with the attempt's next state change (lease, write-ahead
     * mark, finish): one multi-row INSERT in that transaction instead of one statement per event.
     */
    private void event(LeasedDevice device, DeviceEvent.Type type, Integer code, Text message, Duration latency) {
        pending.computeIfAbsent(device.id(), id -> new ArrayList<>()).add(newEvent(device, type, code, message, latency));
    }

    private DeviceEvent newEvent(LeasedDevice device, DeviceEvent.Type type, Integer code, Text message, Duration latency) {
        DeviceEvent e = DeviceEvent.byWorker(device.id(), clock.instant(), type, device.attempt(), code, message, worker);
        return latency == null ? e : e.withLatency(latency);
    }

    /** The attempt's events noted since the last write, taken to be written with the next state change. */
    private List<DeviceEvent> noted(LeasedDevice device) {
        List<DeviceEvent> events = pending.remove(device.id());
        return events == null ? List.of() : events;
    }

    private NewProvider newProvider(LeasedDevice d) {
        String password = d.passwordSecret().map(secrets::open).orElse(null);
        return new NewProvider(d.providerId(), d.kind(), d.companyId(), password, d.phoneNumber().orElse(null),
                d.configId().orElse(null), d.name().orElse(null));
    }
}
