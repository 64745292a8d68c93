package com.fleetprovisioner.core.provisioning;

import java.time.Instant;
import java.util.Optional;

/**
 * The end of one attempt, written together with the lease release. {@code giveBackAttempt} undoes the
 * attempt count when the pipeline, not the device, was the problem (a stop).
 */
public record DeviceUpdate(DeviceState state, Optional<Instant> nextAttemptAt, boolean outcomeUnknown,
        Optional<Integer> errorCode, Optional<String> errorMessage, Optional<Instant> receivedAt,
        Optional<Instant> billingStartedAt, boolean giveBackAttempt) {

    public static DeviceUpdate provisioned(Optional<Instant> receivedAt, Instant billingStartedAt) {
        return new DeviceUpdate(DeviceState.PROVISIONED, Optional.empty(), false, Optional.empty(),
                Optional.empty(), receivedAt, Optional.of(billingStartedAt), false);
    }

    public static DeviceUpdate terminal(DeviceState state, Integer code, String message) {
        return new DeviceUpdate(state, Optional.empty(), false, Optional.ofNullable(code),
                Optional.ofNullable(message), Optional.empty(), Optional.empty(), false);
    }

    public static DeviceUpdate retry(Instant at, boolean outcomeUnknown, Integer code, String message) {
        return new DeviceUpdate(DeviceState.RETRYING, Optional.of(at), outcomeUnknown, Optional.ofNullable(code),
                Optional.ofNullable(message), Optional.empty(), Optional.empty(), false);
    }

    /** No connection to Fleet Freedom: nothing was sent, so the attempt is not the device's to count. */
    public static DeviceUpdate notSent(Instant at, boolean outcomeUnknown, String message) {
        return new DeviceUpdate(DeviceState.RETRYING, Optional.of(at), outcomeUnknown, Optional.empty(),
                Optional.ofNullable(message), Optional.empty(), Optional.empty(), true);
    }

    public static DeviceUpdate heldByPipeline(boolean outcomeUnknown, Integer code, String message) {
        return new DeviceUpdate(DeviceState.RETRYING, Optional.empty(), outcomeUnknown, Optional.ofNullable(code),
                Optional.ofNullable(message), Optional.empty(), Optional.empty(), true);
    }
}
