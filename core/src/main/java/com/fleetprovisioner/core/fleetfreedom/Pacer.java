package com.fleetprovisioner.core.fleetfreedom;

/** Spaces sends to at most {@code perSecond}; used by a single dispatcher thread. */
final class Pacer {

    private final long intervalNanos;
    private long nextSlot;

    Pacer(double perSecond) {
        this.intervalNanos = perSecond > 0 ? (long) (1_000_000_000L / perSecond) : 0;
        this.nextSlot = System.nanoTime();
    }

    void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        long wait = nextSlot - now;
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        nextSlot = Math.max(nextSlot, now) + intervalNanos;
    }
}
