package com.fleetprovisioner.fleetfreedom;

import java.time.Duration;

/**
 * Decides when a command may be written. By default each client spaces its own sends ({@link #perClient});
 * a worker process passes one budget shared with every other worker through the database, so that N
 * workers together keep one rate.
 */
public interface SendBudget {

    /** Blocks until one more command may be written. Must not throw but for an interrupt. */
    void acquire() throws InterruptedException;

    /** Fleet Freedom answered a throttle (105) and asked us to wait {@code wait}: the rate was too high. */
    default void throttled(Duration wait) {
    }

    /** At most {@code perSecond} commands per second from this budget alone; 0 or less: unpaced. */
    static SendBudget perClient(double perSecond) {
        return new Pacer(perSecond);
    }
}
