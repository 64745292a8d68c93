package com.fleetprovisioner.core.auth;

import java.time.Duration;

/** Every password-hashing permit stayed taken for the whole short wait: the caller should try again soon. */
public final class HashingBusyException extends RuntimeException {
    private final Duration retryAfter;

    public HashingBusyException(Duration retryAfter) {
        super("Too many password checks at once; retry after " + retryAfter.toSeconds() + " s", null, false, false);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one: what a Retry-After header says. */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }
}
