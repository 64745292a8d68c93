package com.fleetprovisioner.core.provisioning;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.provisioning.AttemptDecision.Decision;
import com.fleetprovisioner.core.provisioning.AttemptDecision.Step;
import com.fleetprovisioner.core.provisioning.ProvisioningService.Result;
import com.fleetprovisioner.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.fleetfreedom.ErrorCode;
import com.fleetprovisioner.fleetfreedom.Provider;
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

/**
 * The writing half of an attempt: the events it notes on the way, and its end as {@link AttemptDecision}
 * decided it — the device's next state with those events, in one atomic write that holds only while the
 * lease is still this worker's. {@link ProvisioningService} does the talking; this class the recording.
 */
final class AttemptRecorder {
    /** Under the service's name: an attempt's log lines read as one story. */
    private static final Logger log = LoggerFactory.getLogger(ProvisioningService.class);

    private final DeviceRepository devices;
    private final PipelineState pipeline;
    private final ServerClock serverClock;
    private final Supplier<RetryPolicy> retryPolicy;
    private final ProvisioningQueue queue;
    private final Clock clock;
    private final String worker;
    /** Events of the attempts running now, by device (one attempt per device: the lease). */
    private final Map<Long, List<DeviceEvent>> pending = new ConcurrentHashMap<>();
    private final AttemptTally tally = new AttemptTally();

    AttemptRecorder(DeviceRepository devices, PipelineState pipeline, ServerClock serverClock,
            Supplier<RetryPolicy> retryPolicy, ProvisioningQueue queue, Clock clock, String worker) {
        this.devices = devices;
        this.pipeline = pipeline;
        this.serverClock = serverClock;
        this.retryPolicy = retryPolicy;
        this.queue = queue;
        this.clock = clock;
        this.worker = worker;
    }

    AttemptTally tally() {
        return tally;
    }

    /** The attempt ended: events noted but never written (it ended in an error) are written if the database lets us. */
    void ended(long deviceId) {
        List<DeviceEvent> left = pending.remove(deviceId);
        if (left == null || left.isEmpty()) {
            return;
        }
        try {
            devices.append(left);
        } catch (RuntimeException e) {
            log.warn("could not record {} event(s) of an attempt that failed", left.size(), e);
        }
    }

    /**
     * Records what {@link AttemptDecision} decided.
     *
     * @param present what getProvider found, when it found the device
     * @param latency the mergeProvider round trip, else null
     */
    Result carryOut(LeasedDevice device, Decision decision, CommandOutcome<?> outcome,
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
        Text text = sameCompany(provider, device) ? Text.of("event.text.presentNotOurs", device.companyId())
                : Text.of("event.text.presentElsewhere", provider.company(), device.companyId());
        event(device, DeviceEvent.Type.RECONCILED, null, text);
        finish(device, DeviceUpdate.terminal(DeviceState.NEEDS_REVIEW, null, text), DeviceEvent.Type.NEEDS_REVIEW,
                null, text);
        return new Result.Done();
    }

    private Result failed(LeasedDevice device, CommandOutcome<?> outcome, Integer code) {
        Text text = outcome.kind() == CommandOutcome.Kind.PERMANENT ? Text.of("event.text.refused", outcome.describe())
                : Text.of("event.text.gaveUp", device.attempt(), outcome.describe());
        finish(device, DeviceUpdate.terminal(DeviceState.FAILED, code, text), DeviceEvent.Type.FAILED, code, text);
        return new Result.Done();
    }

    private Result retryLater(LeasedDevice device, boolean outcomeUnknown, Integer code, CommandOutcome<?> outcome) {
        Optional<Duration> serverDelay = outcome instanceof CommandOutcome.Retryable<?> r
                ? r.serverRequestedDelay() : Optional.empty();
        Text message = outcome.kind() == CommandOutcome.Kind.UNKNOWN
                ? Text.of("device.error.outcomeUnknown", outcome.describe()) : Text.of("device.error.answer", outcome.describe());
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
        boolean ours = finish(device, DeviceUpdate.throttled(until, outcomeUnknown, code,
                Text.of("device.error.throttled", outcome.describe())),
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
        finish(device, DeviceUpdate.notSent(at, outcomeUnknown, step == Step.MERGE,
                Text.of("device.error.answer", outcome.describe())),
                DeviceEvent.Type.RETRY_SCHEDULED, null, Text.of("event.text.notSent",
                        step == Step.MERGE ? "mergeProvider" : "getProvider", outcome.describe(), at));
        return new Result.Done();
    }

    private Result held(LeasedDevice device, boolean outcomeUnknown, CommandOutcome.Stop<?> stop, Instant now) {
        pipeline.stop(stop.code().number(), stop.reason(), now);
        finish(device, DeviceUpdate.heldByPipeline(outcomeUnknown, stop.code().number(),
                Text.of("device.error.held", stop.code().number(), stop.reason())),
                DeviceEvent.Type.HELD, stop.code().number(), Text.of("event.text.held"));
        return new Result.Stopped();
    }

    boolean mayRetry(LeasedDevice device) {
        return retryPolicy.get().mayRetry(device.attempt());
    }

    static boolean sameCompany(Provider provider, LeasedDevice device) {
        return provider.company() != null && provider.company() == device.companyId();
    }

    boolean finish(LeasedDevice device, DeviceUpdate update, DeviceEvent.Type eventType, Integer code, Text message) {
        boolean ours = devices.finish(device.id(), worker, update, clock.instant(), noted(device),
                newEvent(device, eventType, code, message, null));
        if (ours) {
            tally.ended(eventType);
            if (eventType == DeviceEvent.Type.PROVISIONED) {
                log.debug("{}: {}", eventType.id(), message);
            } else {
                log.info("{}{}: {}", eventType.id(), code == null ? "" : " (code " + code + ")", message);
            }
        } else {
            log.warn("device {}: lease lost before recording '{}'", device.id(), message);
        }
        return ours;
    }

    void event(LeasedDevice device, DeviceEvent.Type type, Integer code, Text message) {
        event(device, type, code, message, null);
    }

    /**
     * Noted with the time it happened, written with the attempt's next state change (lease, write-ahead
     * mark, finish): one multi-row INSERT in that write instead of one statement per event.
     */
    void event(LeasedDevice device, DeviceEvent.Type type, Integer code, Text message, Duration latency) {
        pending.computeIfAbsent(device.id(), id -> new ArrayList<>()).add(newEvent(device, type, code, message, latency));
    }

    DeviceEvent newEvent(LeasedDevice device, DeviceEvent.Type type, Integer code, Text message, Duration latency) {
        DeviceEvent e = DeviceEvent.byWorker(device.id(), clock.instant(), type, device.attempt(), code, message, worker);
        return latency == null ? e : e.withLatency(latency);
    }

    /** The attempt's events noted since the last write, taken to be written with the next state change. */
    List<DeviceEvent> noted(LeasedDevice device) {
        List<DeviceEvent> events = pending.remove(device.id());
        return events == null ? List.of() : events;
    }

}
