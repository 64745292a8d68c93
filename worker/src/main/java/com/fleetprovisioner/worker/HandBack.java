package com.fleetprovisioner.worker;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Graceful shutdown of one worker process: counts the jobs running, wakes jobs waiting out a hold when
 * draining begins, and collects the devices whose jobs ended without an attempt, so that the process can
 * enqueue them again for the other workers on its way out (instead of them waiting for the sweeper).
 */
final class HandBack {
    private final CountDownLatch draining = new CountDownLatch(1);
    private final AtomicInteger running = new AtomicInteger();
    private final Set<Long> devices = ConcurrentHashMap.newKeySet();

    void begin() {
        draining.countDown();
    }

    /** Sleeps for {@code wait}; true when draining began meanwhile (or before). */
    boolean sleepUnlessDraining(Duration wait) throws InterruptedException {
        return draining.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    void enter() {
        running.incrementAndGet();
    }

    void exit() {
        running.decrementAndGet();
    }

    int running() {
        return running.get();
    }

    /** Waits until no job runs, at most {@code grace}; true when none does. */
    boolean awaitIdle(Duration grace) throws InterruptedException {
        long end = System.nanoTime() + grace.toNanos();
        while (running.get() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return running.get() == 0;
    }

    void add(long deviceId) {
        devices.add(deviceId);
    }

    List<Long> take() {
        List<Long> out = List.copyOf(devices);
        devices.removeAll(out);
        return out;
    }
}
