package com.fleetprovisioner.core.provisioning;

import java.time.Duration;
import java.time.Instant;

/**
 * The rule that keeps two workers from sending one device: a command of an attempt must be settled
 * (answered, or its reply timeout over) a margin before the attempt's lease ends, so the client writes
 * it only before lease end − margin − reply timeout. The margin covers clock differences between worker
 * hosts, the database round trip of the next holder and a pause of this JVM between the check and the
 * write. A lease must leave room for a reconnect and a reply on top: {@link #minimumLease}.
 */
public final class LeaseFence {
    public static final Duration MARGIN = Duration.ofSeconds(5);

    private LeaseFence() {
    }

    /** When a command sent under a lease ending at {@code leaseUntil} must be settled. */
    public static Instant settleBy(Instant leaseUntil) {
        return leaseUntil.minus(MARGIN);
    }

    /** The shortest lease under which an attempt can wait out a reconnect and still be answered in time. */
    public static Duration minimumLease(Duration connectTimeout, Duration replyTimeout) {
        return connectTimeout.plus(replyTimeout).plus(MARGIN);
    }
}
