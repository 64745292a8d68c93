package com.fleetprovisioner.fleetfreedom;

/** Spaces sends to at most {@code perSecond}, for one process alone. */
final class Pacer implements SendBudget {

    private final long intervalNanos;
    private long nextSlot;

    Pacer(double perSecond) {
        this.intervalNanos = perSecond > 0 ? (long) (1_000_000_000L / perSecond) : 0;
        this.nextSlot = System.nanoTime();
    }

    /** Synchronized: a supervisor's successive clients may briefly share it. */
    @Override
    public synchronized void acquire() throws InterruptedException {
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
