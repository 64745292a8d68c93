package com.fleetprovisioner.core.fleetfreedom;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What became of one command, classified for the caller. Billing depends on telling
 * {@link UnknownOutcome} (the server may have applied it) apart from everything else.
 */
public sealed interface CommandOutcome<T> {

    /** Done. {@code serverTime} is {@code receivedAt} converted to the server's clock (billing start, §5). */
    record Success<T>(T response, Instant sentAt, Instant receivedAt, Instant serverTime) implements CommandOutcome<T> {
    }

    /** Not applied; try again later, after {@code serverRequestedDelay} when the server asked for one. */
    record Retryable<T>(ErrorCode code, String message, Optional<Duration> serverRequestedDelay)
            implements CommandOutcome<T> {
    }

    /** Not applied and will not succeed as is; {@code reason} is written for the user who must act. */
    record Permanent<T>(ErrorCode code, String reason, Optional<ErrorDetails> details) implements CommandOutcome<T> {
    }

    /** The frame was written but no answer came (timeout, socket lost): it may have been applied. */
    record UnknownOutcome<T>(String reason) implements CommandOutcome<T> {
    }

    /** Account problem (11, 14, 16): nothing else may be sent until an admin fixes it. */
    record Stop<T>(ErrorCode code, String reason) implements CommandOutcome<T> {
    }

    default boolean isSuccess() {
        return this instanceof Success;
    }

    /** The same failure typed for another response type; only for non-success outcomes. */
    @SuppressWarnings("unchecked")
    default <U> CommandOutcome<U> asFailure() {
        if (this instanceof Success) {
            throw new IllegalStateException("a success cannot be re-typed");
        }
        return (CommandOutcome<U>) this;
    }
}
