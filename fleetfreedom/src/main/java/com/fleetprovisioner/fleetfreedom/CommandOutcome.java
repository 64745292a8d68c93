package com.fleetprovisioner.fleetfreedom;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What became of one command, classified for the caller. Billing depends on telling
 * {@link UnknownOutcome} (the server may have applied it) apart from {@link NotSent} (it cannot have).
 */
public sealed interface CommandOutcome<T> {

    /** The outcome reduced to what a caller decides on; {@link #kind()} spares callers instanceof chains. */
    enum Kind {
        SUCCESS, NOT_SENT, THROTTLED, RETRYABLE, PERMANENT, UNKNOWN, STOP
    }

    Kind kind();

    /** Done. {@code serverTime} is {@code receivedAt} converted to the server's clock (billing start, §5). */
    record Success<T>(T response, Instant sentAt, Instant receivedAt, Instant serverTime) implements CommandOutcome<T> {
        public Kind kind() {
            return Kind.SUCCESS;
        }
    }

    /**
     * The frame was never written to a socket, so the server cannot have applied it: no connection, or
     * its write-by deadline passed while it waited (a pause, a reconnect). Nothing to reconcile.
     */
    record NotSent<T>(Why why, String reason) implements CommandOutcome<T> {
        public enum Why {
            /** No usable connection (never established, lost before the write, closing). */
            NO_CONNECTION,
            /** The caller's deadline (its lease, less the reply timeout and a margin) passed first. */
            DEADLINE_PASSED
        }

        public Kind kind() {
            return Kind.NOT_SENT;
        }
    }

    /**
     * The server answered and did not apply it; try again later, after {@code serverRequestedDelay} when
     * the server asked for one. Throttling (73, 105) is its own {@link Kind#THROTTLED}.
     */
    record Retryable<T>(ErrorCode code, String message, Optional<Duration> serverRequestedDelay)
            implements CommandOutcome<T> {
        public Kind kind() {
            return code.isThrottle() ? Kind.THROTTLED : Kind.RETRYABLE;
        }
    }

    /** Not applied and will not succeed as is; {@code reason} is written for the user who must act. */
    record Permanent<T>(ErrorCode code, String reason, Optional<ErrorDetails> details) implements CommandOutcome<T> {
        public Kind kind() {
            return Kind.PERMANENT;
        }
    }

    /** The frame was written but no answer came (timeout, socket lost): it may have been applied. */
    record UnknownOutcome<T>(String reason) implements CommandOutcome<T> {
        public Kind kind() {
            return Kind.UNKNOWN;
        }
    }

    /** Account problem (11, 14, 16): nothing else may be sent until an admin fixes it. */
    record Stop<T>(ErrorCode code, String reason) implements CommandOutcome<T> {
        public Kind kind() {
            return Kind.STOP;
        }
    }

    static <T> CommandOutcome<T> notConnected(String reason) {
        return new NotSent<>(NotSent.Why.NO_CONNECTION, "not sent: " + reason);
    }

    default boolean isSuccess() {
        return this instanceof Success;
    }

    /** The error code the server answered with, when it answered with one. */
    default Optional<ErrorCode> errorCode() {
        if (this instanceof Retryable<T> r) {
            return Optional.of(r.code());
        }
        if (this instanceof Permanent<T> p) {
            return Optional.of(p.code());
        }
        return this instanceof Stop<T> s ? Optional.of(s.code()) : Optional.empty();
    }

    /** For people and logs: the message, reason or server answer. */
    default String describe() {
        if (this instanceof Retryable<T> r) {
            return r.message();
        }
        if (this instanceof Permanent<T> p) {
            return p.reason();
        }
        if (this instanceof UnknownOutcome<T> u) {
            return u.reason();
        }
        if (this instanceof NotSent<T> n) {
            return n.reason();
        }
        if (this instanceof Stop<T> s) {
            return s.reason();
        }
        return "success";
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
