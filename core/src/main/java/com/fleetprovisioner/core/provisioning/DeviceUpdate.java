package com.fleetprovisioner.core.provisioning;

import com.fleetprovisioner.core.common.Text;
import java.time.Instant;
import java.util.Optional;

/**
 * The end of one attempt, written together with the lease release. {@code giveBackAttempt} undoes the
 * attempt count when the pipeline, not the device, was the problem (not sent, throttled, stopped).
 * {@code forgetSend} clears the write-ahead mark of a {@code mergeProvider} that was never written, so
 * the next attempt asks Fleet Freedom first and does not take a device found there for ours. The error message is a
 * {@link Text} (a message key with arguments), shown in each reader's language.
 */
public record DeviceUpdate(DeviceState state, Optional<Instant> nextAttemptAt, boolean outcomeUnknown,
        Optional<Integer> errorCode, Optional<Text> errorMessage, Optional<Instant> receivedAt,
        Optional<Instant> billingStartedAt, boolean giveBackAttempt, boolean forgetSend) {

    public static DeviceUpdate provisioned(Optional<Instant> receivedAt, Instant billingStartedAt) {
        return new DeviceUpdate(DeviceState.PROVISIONED, Optional.empty(), false, Optional.empty(),
                Optional.empty(), receivedAt, Optional.of(billingStartedAt), false, false);
    }

    public static DeviceUpdate terminal(DeviceState state, Integer code, Text message) {
        return new DeviceUpdate(state, Optional.empty(), false, Optional.ofNullable(code),
                Optional.ofNullable(message), Optional.empty(), Optional.empty(), false, false);
    }

    public static DeviceUpdate retry(Instant at, boolean outcomeUnknown, Integer code, Text message) {
        return new DeviceUpdate(DeviceState.RETRYING, Optional.of(at), outcomeUnknown, Optional.ofNullable(code),
                Optional.ofNullable(message), Optional.empty(), Optional.empty(), false, false);
    }

    /** Fleet Freedom asked every sender to wait until {@code until}: the device keeps its attempt. */
    public static DeviceUpdate throttled(Instant until, boolean outcomeUnknown, Integer code, Text message) {
        return new DeviceUpdate(DeviceState.RETRYING, Optional.of(until), outcomeUnknown, Optional.ofNullable(code),
                Optional.ofNullable(message), Optional.empty(), Optional.empty(), true, false);
    }

    /**
     * Nothing was written (no connection, deadline passed, worker shutting down): back to the queue, and
     * the attempt is not the device's to count.
     *
     * @param mergeNotWritten the write-ahead mark was set for a {@code mergeProvider} that never left
     */
    public static DeviceUpdate notSent(Instant at, boolean outcomeUnknown, boolean mergeNotWritten, Text message) {
        return new DeviceUpdate(DeviceState.QUEUED, Optional.of(at), outcomeUnknown, Optional.empty(),
                Optional.ofNullable(message), Optional.empty(), Optional.empty(), true, mergeNotWritten);
    }

    public static DeviceUpdate heldByPipeline(boolean outcomeUnknown, Integer code, Text message) {
        return new DeviceUpdate(DeviceState.RETRYING, Optional.empty(), outcomeUnknown, Optional.ofNullable(code),
                Optional.ofNullable(message), Optional.empty(), Optional.empty(), true, false);
    }
}
