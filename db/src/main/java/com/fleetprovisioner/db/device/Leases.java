package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

import java.time.Instant;
import org.jooq.Condition;

/**
 * The two lease conditions, defined once for the jOOQ queries and the hand-written statements
 * ({@link JooqDeviceRepository}'s portable ones, {@link PostgresAttemptWrites}' one-statement ones), which
 * must agree: a device is taken only when its lease is free, and marked sent only by a holder whose lease
 * still runs. A finish asks only who holds the lease, not whether it still runs: a send that outlived its
 * lease still records what Fleet Freedom answered, unless another worker has taken the device since.
 */
final class Leases {
    /** Held by the owner bound first and running at the instant bound second (unqualified: a one-table UPDATE). */
    static final String HELD = "lease_owner = ? and lease_until > ?";

    private Leases() {
    }

    /** Nobody holds the device, or its holder's lease ended before {@code now}. */
    static Condition free(Instant now) {
        return DEVICE.LEASE_UNTIL.isNull().or(DEVICE.LEASE_UNTIL.lt(now));
    }

    /**
     * {@link #free(Instant)} as SQL text: {@code column} is the lease's end as the statement names it (e.g.
     * {@code device.lease_until} where another table has the column too), {@code now} a parameter or expression.
     */
    static String free(String column, String now) {
        return "(" + column + " is null or " + column + " < " + now + ")";
    }
}
